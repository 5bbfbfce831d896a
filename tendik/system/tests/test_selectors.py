"""What the status page reads: the backup's warning, the queue's counts, the failed lists."""

import datetime
import errno
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from tendik.core.models import Job, JobStatus
from tendik.system import selectors
from tendik.system.backup.errors import write_failed
from tendik.system.backup.services import backup_record

pytestmark = pytest.mark.django_db

NOW = timezone.now()
RESULT = {"path": "/srv/tendik/backups/tendik-20261204-020000.tar.gz", "size": 5 * 2**20,
          "tables": 80, "rows": 12000, "files": 3, "seconds": 4.2, "removed": []}
FULL_DISK = ("Не удалось записать резервную копию /srv/tendik/backups/tendik-20261204-020000.tar.gz:"
             " нет места на диске.")


def backup(status: str = JobStatus.DONE, *, hours_ago: float = 1) -> Job:
    """A backup recorded as the backup service records it, dated `hours_ago`; a failed one ran
    out of disk space."""
    if status == JobStatus.DONE:
        job = backup_record(trigger="scheduled", result=dict(RESULT))
    else:
        full = OSError(errno.ENOSPC, "No space left on device")
        job = backup_record(trigger="scheduled", error=write_failed(Path(RESULT["path"]), full))
    at = NOW - datetime.timedelta(hours=hours_ago)
    Job.objects.filter(pk=job.pk).update(created_at=at, started_at=at, finished_at=at)
    job.refresh_from_db()
    return job


def task(status: str, *, path: str = "tendik.reporting.tasks.reminders_task", **fields):
    defaults = {"args_kwargs": {"args": [], "kwargs": {}}, "run_after": get_date_max()}
    return DBTaskResult.objects.create(status=status, task_path=path, backend_name="default",
                                       **{**defaults, **fields})


def test_a_recent_backup_calls_for_nothing(settings):
    settings.TENDIK_BACKUP_HOUR = 2
    done = backup(hours_ago=3)
    state = selectors.backup_state(now=NOW)
    assert state["warning"] is None and state["last"] == done and state["last_done"] == done


def test_a_failed_backup_after_a_good_one_is_a_warning_that_keeps_the_good_one_in_view():
    good = backup(hours_ago=25)
    backup(JobStatus.FAILED, hours_ago=1)
    state = selectors.backup_state(now=NOW)
    assert state["warning"] == "failed" and state["last_done"] == good
    assert state["last"].message_text == FULL_DISK
    assert state["errors"] == []  # the error line repeats the message: shown once


def test_no_backup_within_26_hours_is_a_warning_while_backups_are_scheduled(settings):
    backup(hours_ago=27)
    settings.TENDIK_BACKUP_HOUR = 2
    assert selectors.backup_state(now=NOW)["warning"] == "old"
    settings.TENDIK_BACKUP_HOUR = -1
    state = selectors.backup_state(now=NOW)
    assert state["warning"] is None and state["next_at"] is None


def test_never_having_made_a_backup_counts_as_old(settings):
    settings.TENDIK_BACKUP_HOUR = 2
    state = selectors.backup_state(now=NOW)
    assert state["warning"] == "old" and state["last"] is None and state["done_at"] is None


def test_the_next_backup_is_tonight_at_the_hour_or_tomorrow_once_it_has_passed(settings):
    settings.TENDIK_BACKUP_HOUR = 2
    evening = timezone.localtime(NOW).replace(hour=20, minute=0)
    night = timezone.localtime(NOW).replace(hour=1, minute=30)
    assert selectors.next_backup_at(now=evening) == (
        evening + datetime.timedelta(days=1)).replace(hour=2, minute=0, second=0, microsecond=0)
    assert selectors.next_backup_at(now=night) == night.replace(hour=2, minute=0, second=0,
                                                                microsecond=0)


def test_the_queue_counts_due_and_scheduled_apart_and_dates_the_oldest_due_task():
    task("READY")
    task("READY", run_after=NOW + datetime.timedelta(hours=5))
    task("RUNNING")
    task("SUCCESSFUL")
    task("FAILED", finished_at=NOW - datetime.timedelta(days=1))
    task("FAILED", finished_at=NOW - datetime.timedelta(days=8))
    queue = selectors.task_queue(now=NOW + datetime.timedelta(minutes=10))
    assert {k: queue[k] for k in ("waiting", "scheduled", "running", "failed", "successful")} == {
        "waiting": 1, "scheduled": 1, "running": 1, "failed": 1, "successful": 1}
    assert NOW - datetime.timedelta(minutes=1) < queue["oldest"] <= timezone.now()


def test_a_failed_task_shows_its_name_and_exception_class_but_never_its_arguments():
    task("FAILED", path="tendik.exports.tasks.national_report_task",
         finished_at=NOW, exception_class_path="django.db.utils.OperationalError",
         traceback="Traceback … Айгуль Осмонова", args_kwargs={"args": ["Айгуль Осмонова"],
                                                                "kwargs": {}})
    assert selectors.failed_tasks() == [
        {"task": "national_report_task", "at": NOW, "error": "OperationalError"}]


def test_failed_jobs_are_named_by_their_kind_newest_first_ten_at_most():
    for _ in range(11):
        Job.objects.create(kind="territory_import", status=JobStatus.FAILED, message="Плохой файл")
    latest = Job.objects.create(kind="mystery", status=JobStatus.FAILED)
    rows = selectors.failed_jobs()
    assert len(rows) == selectors.LISTED
    assert rows[0]["job"] == latest and rows[0]["kind"] == "mystery"
    assert rows[1]["kind"] == "Импорт территорий"


def test_versions_report_the_schema_as_fully_migrated():
    versions = selectors.versions()
    assert versions["migrations_applied"] > 50 and versions["migrations_unapplied"] == 0
    assert versions["database"] in {"sqlite", "postgresql"} and versions["database_version"]
