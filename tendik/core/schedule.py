"""Daily jobs that schedule their own next run in the worker (reminders, the nightly backup)."""

import datetime

from django.utils import timezone


def next_daily_run(*, hour: int, now: datetime.datetime | None = None) -> datetime.datetime:
    """The next time the local clock shows `hour`:00, after `now`."""
    now = timezone.localtime(now)
    run = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    return run if run > now else run + datetime.timedelta(days=1)


def daily_task_ensure(*, task, hour: int) -> None:
    """Enqueue the task's next daily run unless one is already waiting (idempotent: the worker
    calls it at every start, and the task at the end of every run)."""
    from django_tasks_db.models import DBTaskResult

    path = f"{task.func.__module__}.{task.func.__qualname__}"
    if not DBTaskResult.objects.filter(task_path=path, status="READY").exists():
        task.using(run_after=next_daily_run(hour=hour)).enqueue()
