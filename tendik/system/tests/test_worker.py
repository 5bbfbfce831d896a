"""`manage.py worker`: db_worker with a heartbeat and the scheduled jobs queued at start."""

import datetime
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from tendik.system.heartbeat import Heartbeat
from tendik.system.models import WorkerHeartbeat

ROOT = Path(__file__).resolve().parents[3]
TABLE = WorkerHeartbeat._meta.db_table


@task()
def failing_task() -> None:
    raise RuntimeError("the task broke")


@pytest.fixture
def tasks_log_level():
    """The worker command sets django-tasks' loggers to its verbosity; put them back after."""
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [each.level for each in loggers]
    yield
    for each, level in zip(loggers, levels, strict=True):
        each.setLevel(level)


def _wait_for(condition, *, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not _holds(condition):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _holds(condition) -> bool:
    # The test database is SQLite in shared memory, where a read that meets the heartbeat
    # thread's write fails at once instead of waiting: that is a «not yet».
    try:
        return condition()
    except OperationalError:
        return False


def _batch(**kwargs) -> None:
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", **kwargs)


def test_the_heartbeat_beats_in_its_own_thread_and_removes_its_row_on_stop(transactional_db):
    heartbeat = Heartbeat(worker_id="w-test", interval=0.05)
    heartbeat.start()
    try:
        first = WorkerHeartbeat.objects.get()  # the first beat is made before start() returns
        _wait_for(lambda: WorkerHeartbeat.objects.get().last_seen > first.last_seen)
    finally:
        heartbeat.stop()
    assert first.pid == os.getpid() and first.hostname and first.started_at == heartbeat.started_at
    assert not WorkerHeartbeat.objects.exists()


def test_the_heartbeat_survives_a_database_error_and_beats_again(transactional_db, caplog):
    heartbeat = Heartbeat(worker_id="w-test", interval=0.05)
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {TABLE}_away")
    heartbeat.start()
    try:
        assert "Worker heartbeat failed" in caplog.text
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE}_away RENAME TO {TABLE}")
        _wait_for(lambda: WorkerHeartbeat.objects.filter(worker_id="w-test").exists())
    finally:
        heartbeat.stop()
    (warning, *_) = [r for r in caplog.records if r.name == "tendik.system.heartbeat"]
    assert warning.levelname == "WARNING" and warning.worker_id == "w-test"


def test_a_beat_drops_the_rows_of_workers_dead_for_a_day(transactional_db):
    now = timezone.now()
    for worker_id, hours in (("dead", 25), ("resting", 1)):
        seen = now - datetime.timedelta(hours=hours)
        WorkerHeartbeat.objects.create(worker_id=worker_id, started_at=seen, last_seen=seen)
    heartbeat = Heartbeat(worker_id="w-test", interval=60)
    heartbeat.start()
    heartbeat.stop()
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["resting"]


def test_the_worker_queues_each_scheduled_job_once_whatever_how_often_it_starts(
        transactional_db, tasks_log_level):
    _batch(verbosity=0)
    _batch(verbosity=0)
    waiting = DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True)
    assert sorted(waiting) == sorted(set(waiting))
    assert "tendik.reporting.tasks.reminders_task" in waiting
    assert any(path.startswith("tendik.system.tasks.") for path in waiting)


def test_the_worker_runs_tasks_like_db_worker_and_a_failed_task_is_an_error_in_the_log(
        transactional_db, tasks_log_level, caplog, settings):
    settings.TENDIK_WORKER_SCHEDULES = []
    result = failing_task.enqueue()
    _batch(verbosity=1)
    assert DBTaskResult.objects.get(pk=result.id).status == "FAILED"
    (error,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert error.name == "django_tasks" and result.id in error.getMessage()
    assert "tendik.system.tests.test_worker.failing_task" in error.getMessage()
    assert "the task broke" in caplog.text
    assert not WorkerHeartbeat.objects.exists()


def test_a_running_worker_beats_and_a_sigterm_removes_its_row(tmp_path):
    """The real command in its own process, on its own SQLite file."""
    database = tmp_path / "worker.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "TENDIK_DATABASE_URL": f"sqlite:///{database}", "TENDIK_HEARTBEAT_SECONDS": "1"}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    worker = subprocess.Popen([*manage, "worker", "--no-reload", "--worker-id", "w-real"],  # noqa: S603
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)

    def beats() -> list:
        with sqlite3.connect(database) as db:
            return db.execute(f"SELECT worker_id, pid, last_seen FROM {TABLE}").fetchall()  # noqa: S608

    try:
        # The first beat is made before the task loop (and its signal handlers) start.
        while "Starting worker" not in worker.stderr.readline():
            assert worker.poll() is None, "the worker stopped"
        ((worker_id, pid, first_seen),) = beats()
        assert (worker_id, pid) == ("w-real", worker.pid)
        _wait_for(lambda: beats()[0][2] > first_seen, seconds=30)
    finally:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=15) == 0
    assert beats() == []
