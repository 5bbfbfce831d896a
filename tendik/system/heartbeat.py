"""The worker's heartbeat: a row per running worker, touched every TENDIK_HEARTBEAT_SECONDS.

/health/ready and the status page read `last_seen`; a worker that stops beating is «stale».
The beat runs in a daemon thread beside the task loop, so a long task does not silence it."""

import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# A worker that has not beaten for this long is gone (killed, its host lost): its row is dropped.
DEAD_AFTER = datetime.timedelta(days=1)


@transaction.atomic
def heartbeat_record(*, worker_id: str, started_at: datetime.datetime) -> None:
    """Touch this worker's row (made on its first beat) and drop the rows of long-dead workers."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"last_seen": now},
        create_defaults={"hostname": socket.gethostname()[:255], "pid": os.getpid(),
                         "started_at": started_at, "last_seen": now})
    WorkerHeartbeat.objects.filter(last_seen__lt=now - DEAD_AFTER).delete()


@transaction.atomic
def heartbeat_delete(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


class Heartbeat:
    """Beats at start, then every `interval` seconds in a thread until `stop()`, which removes
    the row."""

    def __init__(self, *, worker_id: str, interval: float | None = None):
        self.worker_id = worker_id
        self.interval = settings.TENDIK_HEARTBEAT_SECONDS if interval is None else interval
        self.started_at = timezone.now()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{worker_id}", daemon=True)

    def start(self) -> None:
        # The first beat before any task: the worker shows as alive the moment it starts.
        self._beat()
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=max(self.interval, 5))

    def _run(self) -> None:
        # The thread has its own database connection (Django's are per thread), closed after
        # every beat, so a beat every half minute holds none in between.
        while not self._stopping.wait(self.interval):
            self._beat()
            connection.close()
        self._guarded(heartbeat_delete, worker_id=self.worker_id)
        connection.close()

    def _beat(self) -> None:
        self._guarded(heartbeat_record, worker_id=self.worker_id, started_at=self.started_at)

    def _guarded(self, write, **kwargs) -> None:
        """A database that is down for a moment costs one beat, not the worker."""
        try:
            write(**kwargs)
        except Exception as exc:  # a beat lost, never the thread: a dead thread reads as a dead worker
            logger.warning("Worker heartbeat failed, retrying next beat: %s", type(exc).__name__,
                           extra={"worker_id": self.worker_id})
