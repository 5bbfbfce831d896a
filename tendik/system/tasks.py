"""The nightly backup: it runs in the worker at TENDIK_BACKUP_HOUR and schedules its own next run."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .backup.services import backup_nightly


def next_run(now: datetime.datetime | None = None) -> datetime.datetime:
    now = timezone.localtime(now)
    run = now.replace(hour=settings.TENDIK_BACKUP_HOUR, minute=0, second=0, microsecond=0)
    return run if run > now else run + datetime.timedelta(days=1)


def backup_schedule() -> None:
    """Enqueue the next nightly backup unless one is already waiting, or backups are off (−1).

    The worker calls this at start, so a fresh installation starts backing up by itself."""
    from django_tasks_db.models import DBTaskResult

    if settings.TENDIK_BACKUP_HOUR < 0:
        return
    path = f"{backup_task.func.__module__}.{backup_task.func.__qualname__}"
    if not DBTaskResult.objects.filter(task_path=path, status="READY").exists():
        backup_task.using(run_after=next_run()).enqueue()


@task()
def backup_task() -> str:
    """One archive in TENDIK_BACKUP_DIR, the newest TENDIK_BACKUP_KEEP kept. A failure is
    recorded as a failed backup Job (the admin's home shows it) and logged in one line by the
    service; tomorrow's run is scheduled whatever happens."""
    try:
        job = backup_nightly(folder=settings.TENDIK_BACKUP_DIR, keep=settings.TENDIK_BACKUP_KEEP)
        return job.result["path"]
    except Exception:  # recorded and logged by the service; the worker carries on
        return ""
    finally:
        backup_schedule()
