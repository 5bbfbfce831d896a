"""The nightly backup: it runs in the worker at TENDIK_BACKUP_HOUR and schedules its own next run."""

import datetime

from django.conf import settings
from django_tasks import task

from tendik.core.schedule import daily_task_ensure, next_daily_run

from .backup.services import backup_nightly


def next_run(now: datetime.datetime | None = None) -> datetime.datetime:
    return next_daily_run(hour=settings.TENDIK_BACKUP_HOUR, now=now)


def backup_schedule() -> None:
    """Enqueue the next nightly backup unless one is already waiting, or backups are off (−1).

    The worker calls this at start, so a fresh installation starts backing up by itself."""
    if settings.TENDIK_BACKUP_HOUR >= 0:
        daily_task_ensure(task=backup_task, hour=settings.TENDIK_BACKUP_HOUR)


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
