"""The daily reminder job: it runs in the worker and schedules its own next run."""

import datetime
import logging

from django_tasks import task

from tendik.core.schedule import daily_task_ensure, next_daily_run

from .services import reminders_send

REMINDER_HOUR = 9
logger = logging.getLogger(__name__)


def next_run(now: datetime.datetime | None = None) -> datetime.datetime:
    return next_daily_run(hour=REMINDER_HOUR, now=now)


def reminders_schedule() -> None:
    """Enqueue the next daily run unless one is already waiting."""
    daily_task_ensure(task=reminders_task, hour=REMINDER_HOUR)


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
