"""Backing up and restoring the whole installation, and the record of each backup."""

import logging
import re
import shutil
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from tendik.core.errors import DomainError
from tendik.core.models import Job, JobStatus
from tendik.core.services import model_create

from . import manifest as manifest_module
from .archive import MISSING, Member, archive_extract, archive_write
from .database import (
    database_dump,
    database_fingerprint,
    database_is_empty,
    database_load,
    database_member,
    database_size,
)
from .errors import BackupError, write_failed
from .files import PREFIX, files_swapped, private_file_open, private_files

logger = logging.getLogger(__name__)
KIND = "backup"
NAME_PATTERN = re.compile(r"^tendik-\d{8}-\d{6}\.tar\.gz$")
LEFTOVER_AGE = 24 * 3600
NO_SPACE = gettext_noop("Недостаточно места для резервной копии в %(path)s: нужно около %(need)s МБ, "
                        "свободно %(free)s МБ.")
OTHER_VENDOR = gettext_noop("Архив сделан из базы %(archived)s, а текущая база — %(current)s: "
                            "восстановить его сюда нельзя.")
NEWER_SCHEMA = gettext_noop("Архив сделан более новой версией Tendik: эта версия не знает миграций "
                            "%(names)s. "
                            "Обновите Tendik и повторите.")
NOT_EMPTY = gettext_noop("База данных не пуста. Восстановление заменит все её данные; чтобы сделать это, "
                         "добавьте --force.")
UNEXPECTED_MEMBER = gettext_noop("%(name)s: в архиве не ожидался, ожидалась база данных %(expected)s.")
INTERNAL = gettext_noop("Внутренняя ошибка при резервном копировании.")
MISMATCH = gettext_noop("После восстановления не совпали таблицы: %(tables)s.")


def backup_create(*, path: Path, trigger: str = "manual", keep: int | None = None) -> Job:
    """Write one archive at `path` and record the outcome as a Job of kind «backup».

    The Job is written after the archive, so no archive holds a backup «in progress». With
    `keep`, only the newest `keep` scheduled archives of the folder are kept."""
    try:
        result = _backup_write(Path(path).absolute())
        if keep is not None:
            result["removed"] = backups_prune(folder=Path(path).parent, keep=keep)
    except BackupError as error:
        _failed(trigger, error)
        raise
    except Exception:
        # Our bug: still a failed backup on the admin's home, and the traceback in the log.
        logger.exception("Backup failed")
        _failed(trigger, BackupError(INTERNAL), logged=True)
        raise
    return backup_record(trigger=trigger, result=result)


def backup_nightly(*, folder: Path, keep: int) -> Job:
    """The scheduled backup: tendik-YYYYMMDD-HHMMSS.tar.gz in `folder`, the newest `keep` kept."""
    path = Path(folder) / f"tendik-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        failed = write_failed(path, error)
        _failed("scheduled", failed)
        raise failed from error
    return backup_create(path=path, trigger="scheduled", keep=keep)


@transaction.atomic
def backup_record(*, trigger: str, result: dict | None = None, error: BackupError | None = None) -> Job:
    job = Job(kind=KIND, params={"trigger": trigger}, started_at=timezone.now(),
              finished_at=timezone.now())
    if error is None:
        job.status, job.progress, job.result = JobStatus.DONE, 100, result
    else:
        job.status, job.message, job.message_params = JobStatus.FAILED, error.msgid, error.params
        job.errors = [{"message": str(error)}]
    return model_create(instance=job, actor=None)


def _failed(trigger: str, error: BackupError, *, logged: bool = False) -> None:
    """Log the failure in one line and record it; a database that cannot take the record (it is
    down, or not migrated yet) must not hide why the backup failed."""
    if not logged:
        logger.error("Backup failed: %s", error.msgid % error.params)
    try:
        backup_record(trigger=trigger, error=error)
    except (DatabaseError, DomainError):
        logger.warning("The failed backup could not be recorded in the database")


def backups_prune(*, folder: Path, keep: int) -> list[str]:
    """Delete all but the newest `keep` archives named tendik-YYYYMMDD-HHMMSS.tar.gz (keep < 1
    keeps them all: never the archive just written), and what an interrupted backup left there
    more than a day ago."""
    _leftovers_remove(folder)
    if keep < 1:
        return []
    archives = sorted(path for path in folder.iterdir() if NAME_PATTERN.match(path.name))
    removed = archives[:-keep]
    for path in removed:
        path.unlink()
    return [path.name for path in removed]


def _leftovers_remove(folder: Path) -> None:
    """A killed backup's *.partial archive and .tendik-backup-* dump folder; a day old, so never
    those of a backup running now."""
    day_ago = time.time() - LEFTOVER_AGE
    for path in folder.iterdir():
        if path.name.endswith(".partial") and path.is_file() and path.stat().st_mtime < day_ago:
            path.unlink(missing_ok=True)
        elif path.name.startswith(".tendik-backup-") and path.is_dir() and path.stat().st_mtime < day_ago:
            shutil.rmtree(path, ignore_errors=True)


def backup_restore(*, path: Path, force: bool = False) -> dict:
    """Check the archive whole, then replace the database and the private files with it and
    compare every table with the manifest. Nothing changes unless every check passes."""
    started = time.monotonic()
    path = Path(path)
    # Unpacked beside the data folder, not in TMPDIR (often a small tmpfs): room for the archive
    # where the data lives, and its files moved into place by a rename.
    scratch = Path(settings.MEDIA_ROOT).parent
    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=scratch, prefix=".tendik-restore-") as tmp:
        folder = Path(tmp)
        manifest = archive_extract(path, folder)
        behind = _check_restorable(manifest, force=force)
        member = _database_member(manifest)
        with files_swapped(folder / PREFIX.rstrip("/")):
            connections.close_all()
            database_load(folder / member)
    tables = database_fingerprint()
    differ = sorted(name for name, expected in manifest["tables"].items() if tables.get(name) != expected)
    if differ:
        raise BackupError(MISMATCH, tables=", ".join(differ))
    # The audit trail was replaced with everything else: the log keeps that a restore happened.
    logger.warning("Database and private files restored from a backup made at %s",
                   manifest["created_at"], extra={"archive_created_at": manifest["created_at"]})
    return {"tables": len(tables), "rows": sum(table["rows"] for table in tables.values()),
            "files": sum(name.startswith(PREFIX) for name in manifest["members"]),
            "migrate": behind, "created_at": manifest["created_at"],
            "seconds": round(time.monotonic() - started, 1)}


def _backup_write(path: Path) -> dict:
    started = time.monotonic()
    try:
        # The dump is made beside the archive (a place we cannot write to fails here), then
        # archived: room for it twice, and for the files.
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=".tendik-backup-") as tmp:
            _check_space(path, need=2 * database_size() + sum(size for _, size in private_files()))
            dump = database_dump(Path(tmp))
            # Listed after the dump: a file is saved before its row is committed, so every file
            # the dump refers to is in this list.
            files = private_files()
            members = [Member(dump.member, dump.path.stat().st_size, lambda: dump.path.open("rb"))]
            members += [Member(PREFIX + name, size, _opener(name)) for name, size in files]

            def manifest(checksums: dict) -> bytes:
                return manifest_module.manifest_build(
                    vendor=_vendor(), migrations=dump.migrations, members=checksums, tables=dump.tables)

            size = archive_write(path, members, manifest)
    except OSError as error:
        raise write_failed(path, error) from error
    return {"path": str(path), "size": size, "tables": len(dump.tables),
            "rows": sum(table["rows"] for table in dump.tables.values()), "files": len(files),
            "seconds": round(time.monotonic() - started, 1)}


def _check_space(path: Path, *, need: int) -> None:
    free = shutil.disk_usage(path.parent).free
    if need > free:
        raise BackupError(NO_SPACE, path=str(path), need=_megabytes(need), free=_megabytes(free))


def _check_restorable(manifest: dict, *, force: bool) -> bool:
    """Refuse another vendor's archive, a newer schema, or a database with data (without
    --force). True when the archive's schema is older: `migrate` is to run after."""
    if manifest["database_vendor"] != _vendor():
        raise BackupError(OTHER_VENDOR, archived=manifest["database_vendor"], current=_vendor())
    unknown = manifest_module.migrations_unknown(manifest["migrations"])
    if unknown:
        raise BackupError(NEWER_SCHEMA, names=", ".join(unknown))
    if not force and not database_is_empty():
        raise BackupError(NOT_EMPTY)
    return manifest_module.migrations_behind(manifest["migrations"])


def _database_member(manifest: dict) -> str:
    """Exactly one database member, named as this vendor names it; anything else is refused."""
    expected = database_member()
    for name in sorted(manifest["members"]):
        if not name.startswith(PREFIX) and name != expected:
            raise BackupError(UNEXPECTED_MEMBER, name=name, expected=expected)
    if expected not in manifest["members"]:
        raise BackupError(MISSING, name=expected)
    return expected


def _opener(name: str):
    return lambda: private_file_open(name)


def _vendor() -> str:
    return connections["default"].vendor


def _megabytes(size: int) -> int:
    return -(-size // 2**20)
