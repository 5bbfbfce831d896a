"""The daily reminder job: it runs in the worker and schedules its own next run."""

import datetime
import logging

from django.utils import timezone
from django_tasks import task

from .services import reminders_send

REMINDER_HOUR = 9
logger = logging.getLogger(__name__)


def next_run(now: datetime.datetime | None = None) -> datetime.datetime:
    now = timezone.localtime(now)
    run = now.replace(hour=REMINDER_HOUR, minute=0, second=0, microsecond=0)
    return run if run > now else run + datetime.timedelta(days=1)


def reminders_schedule() -> None:
    """Enqueue the next daily run unless one is already waiting."""
    from django_tasks_db.models import DBTaskResult

    path = f"{reminders_task.func.__module__}.{reminders_task.func.__qualname__}"
    if not DBTaskResult.objects.filter(task_path=path, status="READY").exists():
        reminders_task.using(run_after=next_run()).enqueue()


@task()
def reminders_task() -> int:
    """One failed run (an SMTP error, say) is logged; tomorrow's run is scheduled whatever happens."""
    try:
        return reminders_send()
    except Exception:
        logger.exception("Sending the reminders failed")
        return 0
    finally:
        reminders_schedule()
