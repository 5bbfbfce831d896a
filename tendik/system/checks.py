"""The three things /health/ready and the status page look at: the database, the worker and disk.

Each check is one cheap call. They say only «ok» or what is wrong, never a version, a path or
a number, because /health/ready answers anyone who asks."""

import datetime
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from .models import WorkerHeartbeat

OK, STALE, FAILED, LOW = "ok", "stale", "failed", "low"


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return FAILED
    return OK


def worker_status(*, now: datetime.datetime | None = None) -> str:
    """«ok» when some worker beat within TENDIK_WORKER_STALE_SECONDS, «stale» otherwise."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        seconds=settings.TENDIK_WORKER_STALE_SECONDS)
    try:
        alive = WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).exists()
    except DatabaseError:
        return STALE
    return OK if alive else STALE


@dataclass(frozen=True)
class Disk:
    path: str
    free: int
    total: int

    @property
    def status(self) -> str:
        return OK if self.free >= settings.TENDIK_DISK_MIN_FREE_MB * 2**20 else LOW


def disks() -> list[Disk]:
    """Free space where Tendik writes: its data folder (SQLite, private files) and its backups."""
    found, seen = [], set()
    for path in (settings.VAR_DIR, settings.TENDIK_BACKUP_DIR):
        try:
            usage = shutil.disk_usage(_existing_parent(path))
        except OSError:  # a folder we may not look into is no room to write: «low», not a 500
            found.append(Disk(path=str(path), free=0, total=0))
            continue
        key = (usage.total, usage.free)  # the same file system reached by two paths counts once
        if key not in seen:
            seen.add(key)
            found.append(Disk(path=str(path), free=usage.free, total=usage.total))
    return found


def disk_status() -> str:
    return OK if all(disk.status == OK for disk in disks()) else LOW


def _existing_parent(path) -> Path:
    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    return path
