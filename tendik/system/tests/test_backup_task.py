"""The nightly backup: an archive in TENDIK_BACKUP_DIR, the newest N kept, a Job of kind «backup»
for the status page and the admin's home, and tomorrow's run queued whatever happened."""

import datetime
import io
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tendik.core.models import Job, JobStatus
from tendik.system.backup.errors import WRITE_FAILED
from tendik.system.tasks import backup_schedule, backup_task, next_run

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_nightly_backup_writes_an_archive_keeps_the_newest_and_records_a_done_job(settings, tmp_path):
    folder = settings.TENDIK_BACKUP_DIR = tmp_path / "backups"
    settings.TENDIK_BACKUP_KEEP = 2
    folder.mkdir()
    for day in ("20250101", "20250102", "20250103"):
        (folder / f"tendik-{day}-020000.tar.gz").write_bytes(b"old")
    (folder / "before-upgrade.tar.gz").write_bytes(b"kept: not ours to prune")
    path = backup_task.call()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["before-upgrade.tar.gz", "tendik-20250103-020000.tar.gz", path.rsplit("/", 1)[1]])
    job = Job.objects.get(kind="backup")
    assert job.status == JobStatus.DONE and job.params == {"trigger": "scheduled"}
    assert job.result["path"] == path and job.result["size"] > 0 and job.result["tables"] > 50
    assert job.result["removed"] == ["tendik-20250101-020000.tar.gz", "tendik-20250102-020000.tar.gz"]
    assert {"rows", "files", "seconds"} <= set(job.result)
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_a_failed_nightly_backup_records_a_failed_job_and_logs_one_line(settings, tmp_path, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.TENDIK_BACKUP_DIR = blocker / "backups"
    with caplog.at_level(logging.ERROR, logger="tendik.system"):
        assert backup_task.call() == ""
    job = Job.objects.get(kind="backup")
    assert job.status == JobStatus.FAILED and job.message == WRITE_FAILED
    assert "папка не существует" in job.message_text and str(blocker) in job.message_text
    [record] = caplog.records
    assert record.exc_info is None and "Backup failed" in record.getMessage()
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # tomorrow's run all the same


def test_a_manual_backup_is_recorded_as_a_manual_job(tmp_path):
    call_command("backup", str(tmp_path / "manual.tar.gz"), stdout=io.StringIO())
    job = Job.objects.get(kind="backup")
    assert job.status == JobStatus.DONE and job.params == {"trigger": "manual"}


def test_the_nightly_backup_is_queued_once_and_not_at_all_when_turned_off(settings):
    settings.TENDIK_BACKUP_HOUR = -1
    backup_schedule()
    assert not DBTaskResult.objects.exists()
    settings.TENDIK_BACKUP_HOUR = 2
    backup_schedule()
    backup_schedule()
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_the_next_run_is_at_the_backup_hour_local_time(settings):
    settings.TENDIK_BACKUP_HOUR = 2
    evening = timezone.make_aware(datetime.datetime(2026, 11, 22, 18, 0))
    assert next_run(evening) == timezone.make_aware(datetime.datetime(2026, 11, 23, 2, 0))
    night = timezone.make_aware(datetime.datetime(2026, 11, 22, 1, 0))
    assert next_run(night) == timezone.make_aware(datetime.datetime(2026, 11, 22, 2, 0))
