"""The archive: a tar.gz written beside its final name and renamed when complete, read back only
when every member's size and sha256 agree with the manifest."""

import gzip
import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext_noop

from . import manifest as manifest_module
from .errors import BackupError

NOT_FOUND = gettext_noop("%(name)s: архив не найден.")
UNPACK_FAILED = gettext_noop("%(name)s: не удалось распаковать архив в %(folder)s: %(reason)s.")
BROKEN = gettext_noop("%(name)s: архив повреждён или обрезан.")
MISSING = gettext_noop("%(name)s: нет в архиве.")
UNLISTED = gettext_noop("%(name)s: нет в манифесте архива.")
UNKNOWN_FORMAT = gettext_noop("%(name)s: неизвестный формат архива.")
CHECKSUM = gettext_noop("%(name)s: контрольная сумма не совпадает.")
UNREADABLE = gettext_noop("%(name)s: не удалось прочитать файл.")
INVALID = gettext_noop("%(name)s: манифест архива составлен неверно (%(field)s).")
CHUNK = 2**20


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    open: Callable


class _Hashing:
    """A file read by tarfile, hashed on the way: every member is read once."""

    def __init__(self, raw):
        self.raw, self.sha256, self.size = raw, hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def archive_write(path: Path, members: Iterable[Member], manifest: Callable[[dict], bytes]) -> int:
    """Write the members, then the manifest made from their checksums; return the archive's size.

    Nothing is left at `path` or `path.partial` unless the whole archive was written."""
    partial = path.with_name(path.name + ".partial")
    try:
        # Readable by its owner only from the first byte: it holds password hashes and personal data.
        partial.unlink(missing_ok=True)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with (os.fdopen(descriptor, "wb") as out,
              tarfile.open(fileobj=out, mode="w:gz", compresslevel=6) as tar):
            checksums = {member.name: _add(tar, member) for member in members}
            _add_bytes(tar, manifest_module.NAME, manifest(checksums))
        partial.rename(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path.stat().st_size


def archive_extract(path: Path, folder: Path) -> dict:
    """Unpack into `folder` and check every member against the manifest; return the manifest."""
    if not path.is_file():
        raise BackupError(NOT_FOUND, name=str(path))
    try:
        with tarfile.open(path, "r:gz") as tar:
            tar.extractall(folder, filter="data")
    except (EOFError, tarfile.TarError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(BROKEN, name=path.name) from error
    except OSError as error:  # the temporary folder is full, say
        raise BackupError(UNPACK_FAILED, name=path.name, folder=str(folder),
                          reason=error.strerror or type(error).__name__) from error
    manifest_path = folder / manifest_module.NAME
    if not manifest_path.is_file():
        raise BackupError(MISSING, name=manifest_module.NAME)
    try:
        manifest = json.loads(manifest_path.read_bytes())
    except ValueError as error:
        raise BackupError(BROKEN, name=manifest_module.NAME) from error
    if not isinstance(manifest, dict) or manifest.get("format") != manifest_module.FORMAT_VERSION:
        raise BackupError(UNKNOWN_FORMAT, name=manifest_module.NAME)
    _check_shape(manifest)
    _verify(folder, manifest["members"])
    return manifest


def _check_shape(manifest: dict) -> None:
    """Every field the restore reads, of the type it reads, and every member a plain relative
    path inside the archive: `/etc/passwd` or `../x` would be checked, and loaded, outside it."""
    fields = {"database_vendor": str, "created_at": str, "migrations": dict, "members": dict, "tables": dict}
    for field, kind in fields.items():
        if not isinstance(manifest.get(field), kind):
            raise BackupError(INVALID, name=manifest_module.NAME, field=field)
    if not manifest["tables"]:
        raise BackupError(INVALID, name=manifest_module.NAME, field="tables")
    migrations = manifest["migrations"].items()
    if not all(isinstance(app, str) and isinstance(name, str) for app, name in migrations):
        raise BackupError(INVALID, name=manifest_module.NAME, field="migrations")
    for name, checksum in manifest["members"].items():
        if not (_plain_relative(name) and isinstance(checksum, dict) and isinstance(checksum.get("size"), int)
                and isinstance(checksum.get("sha256"), str)):
            raise BackupError(INVALID, name=manifest_module.NAME, field=f"members: {name}")


def _plain_relative(name: str) -> bool:
    path = PurePosixPath(name)
    return (bool(name) and name != manifest_module.NAME and "\\" not in name and not path.is_absolute()
            and path.as_posix() == name and ".." not in path.parts and "." not in path.parts)


def _verify(folder: Path, members: dict[str, dict]) -> None:
    for name, expected in members.items():
        member = folder / name
        if not member.is_file():
            raise BackupError(MISSING, name=name)
        if member.stat().st_size != expected["size"] or _sha256(member) != expected["sha256"]:
            raise BackupError(CHECKSUM, name=name)
    present = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
    for name in sorted(present - set(members) - {manifest_module.NAME}):
        raise BackupError(UNLISTED, name=name)


def _add(tar: tarfile.TarFile, member: Member) -> dict:
    info = tarfile.TarInfo(member.name)
    info.size, info.mode, info.mtime = member.size, 0o600, int(time.time())
    try:
        raw = member.open()
    except OSError as error:
        raise BackupError(UNREADABLE, name=member.name) from error
    with raw:
        reader = _Hashing(raw)
        tar.addfile(info, reader)
    return {"size": reader.size, "sha256": reader.sha256.hexdigest()}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(time.time())
    tar.addfile(info, io.BytesIO(data))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
