"""What the status page and the admin's home read about the installation: versions, backups,
the job queue and the workers. Every list is bounded, so the page costs the same few queries
however long the installation has run."""

import datetime
import os
import platform
import sqlite3
from importlib.metadata import PackageNotFoundError, version

import django
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Case, Count, F, Min, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult, get_date_max

from tendik.core.models import Job, JobStatus

from .backup.services import KIND as BACKUP
from .checks import FAILED, LOW, OK, STALE, database_status, disk_status, disks, worker_status
from .models import WorkerHeartbeat
from .tasks import next_run

# A nightly backup a little late (a long dump, a restarted worker) is not yet a warning.
BACKUP_MAX_AGE = datetime.timedelta(hours=26)
FAILED_TASKS_SINCE = datetime.timedelta(days=7)
LISTED = 10
WORKERS_LISTED = 20

STATUS_WORDS = {OK: _("в порядке"), STALE: _("нет сигнала"), LOW: _("мало места"),
                FAILED: _("не отвечает")}
# The kinds of `core.Job` the apps create; an unknown kind is shown as stored.
JOB_KINDS = {
    BACKUP: _("Резервная копия"),
    "territory_import": _("Импорт территорий"),
    "national_report": _("Национальный доклад"),
    "open_data_archive": _("Архив открытых данных"),
    "document_extract": _("Разбор документа"),
}


def status_word(status: str) -> str:
    return str(STATUS_WORDS.get(status, status))


def job_kind_label(kind: str) -> str:
    return str(JOB_KINDS.get(kind, kind))


def versions() -> dict:
    """What runs here, for a bug report or an upgrade: one query (the applied migrations)."""
    executor = MigrationExecutor(connection)
    unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return {
        "tendik": _package_version("tendik"),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": connection.vendor,
        "database_version": _database_version(),
        "migrations_applied": len(executor.loader.applied_migrations),
        "migrations_unapplied": len(unapplied),
        "settings": os.environ.get("DJANGO_SETTINGS_MODULE", ""),
        "debug": settings.DEBUG,
    }


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "—"


def _database_version() -> str:
    if connection.vendor == "postgresql":
        major, rest = divmod(connection.pg_version, 10000)
        return f"{major}.{rest}"
    if connection.vendor == "sqlite":
        return sqlite3.sqlite_version
    return ""


def health() -> dict:
    """The three checks of /health/ready, each as its code and its word."""
    return {name: {"status": status, "word": status_word(status)} for name, status in (
        ("database", database_status()), ("worker", worker_status()),
        ("disk", disk_status()))}


def disk_rows() -> list[dict]:
    return [{"disk": disk, "word": status_word(disk.status)} for disk in disks()]


def workers(*, now: datetime.datetime | None = None) -> list[dict]:
    """The most recently heard workers, each marked when its signal is older than the limit."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        seconds=settings.TENDIK_WORKER_STALE_SECONDS)
    return [{"worker": beat, "stale": beat.last_seen < cutoff}
            for beat in WorkerHeartbeat.objects.order_by("-last_seen")[:WORKERS_LISTED]]


def next_backup_at(*, now: datetime.datetime | None = None) -> datetime.datetime | None:
    """The next scheduled backup in local time, or None when TENDIK_BACKUP_HOUR is -1 (off)."""
    return None if settings.TENDIK_BACKUP_HOUR < 0 else next_run(now)


def backup_state(*, now: datetime.datetime | None = None) -> dict:
    """The latest backup job and whether it calls for the admin: two queries.

    `warning` is "failed" when the latest backup failed, "old" when backups are on and none
    finished within BACKUP_MAX_AGE (never made counts as old), None when all is well."""
    now = now or timezone.now()
    backups = Job.objects.filter(kind=BACKUP)
    last = backups.order_by("-created_at", "-pk").first()
    last_done = (last if last is not None and last.status == JobStatus.DONE
                 else backups.filter(status=JobStatus.DONE).order_by("-created_at", "-pk").first())
    scheduled = settings.TENDIK_BACKUP_HOUR >= 0
    done_at = _finished(last_done)
    if last is not None and last.status == JobStatus.FAILED:
        warning = "failed"
    elif scheduled and (done_at is None or now - done_at > BACKUP_MAX_AGE):
        warning = "old"
    else:
        warning = None
    return {"last": last, "last_at": _finished(last), "last_done": last_done, "done_at": done_at,
            "warning": warning, "errors": _details(last), "next_at": next_backup_at(now=now),
            "keep": settings.TENDIK_BACKUP_KEEP, "directory": str(settings.TENDIK_BACKUP_DIR)}


def _details(job: Job | None) -> list[str]:
    """A failed job's error lines that say more than its message."""
    if job is None or job.status != JobStatus.FAILED:
        return []
    lines = [str(error.get("message", "")) if isinstance(error, dict) else str(error)
             for error in job.errors]
    return [line for line in lines if line and line != job.message_text][:5]


def _finished(job: Job | None) -> datetime.datetime | None:
    return None if job is None else job.finished_at or job.created_at


def task_queue(*, now: datetime.datetime | None = None) -> dict:
    """django-tasks' queue in one aggregate: due and scheduled, running, failed in the last 7
    days, done; and since when the oldest due task waits (`oldest`).

    A task enqueued to run now carries the far-future `run_after` django-tasks uses for «no
    date»; a scheduled one (tomorrow's reminders) waits only from its `run_after`."""
    now = now or timezone.now()
    unscheduled = Q(run_after=get_date_max())
    due = Q(status="READY") & (unscheduled | Q(run_after__lte=now))
    waiting_since = Case(When(unscheduled, then=F("enqueued_at")), default=F("run_after"))
    counts = DBTaskResult.objects.aggregate(
        waiting=Count("pk", filter=due),
        scheduled=Count("pk", filter=Q(status="READY") & ~due),
        running=Count("pk", filter=Q(status="RUNNING")),
        failed=Count("pk", filter=Q(status="FAILED", finished_at__gte=now - FAILED_TASKS_SINCE)),
        successful=Count("pk", filter=Q(status="SUCCESSFUL")),
        oldest=Min(waiting_since, filter=due))
    return counts


def failed_tasks() -> list[dict]:
    """The latest failed tasks: the task's name, when, and the exception's class only; their
    arguments and tracebacks may carry personal data and stay out of the page."""
    rows = (DBTaskResult.objects.filter(status="FAILED").order_by("-finished_at")
            .values("task_path", "finished_at", "exception_class_path")[:LISTED])
    return [{"task": row["task_path"].rsplit(".", 1)[-1], "at": row["finished_at"],
             "error": row["exception_class_path"].rsplit(".", 1)[-1]} for row in rows]


def jobs_by_status() -> list[dict]:
    counts = dict(Job.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return [{"status": label, "count": counts.get(value, 0)} for value, label in JobStatus.choices]


def failed_jobs() -> list[dict]:
    jobs = Job.objects.filter(status=JobStatus.FAILED).order_by("-created_at", "-pk")[:LISTED]
    return [{"job": job, "kind": job_kind_label(job.kind), "at": _finished(job)} for job in jobs]


def status_page(*, now: datetime.datetime | None = None) -> dict:
    """Everything the status page shows, read at one moment."""
    now = now or timezone.now()
    return {"versions": versions(), "health": health(), "workers": workers(now=now),
            "backup": backup_state(now=now), "queue": task_queue(now=now),
            "failed_tasks": failed_tasks(), "jobs": jobs_by_status(), "failed_jobs": failed_jobs(),
            "disks": disk_rows(), "now": now}

