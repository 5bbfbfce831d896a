"""The archive: a tar.gz written beside its final name and renamed when complete, read back only
when every member's size and sha256 agree with the manifest."""

import gzip
import hashlib
import io
import json
import tarfile
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_noop as N_

from . import manifest as manifest_module
from .errors import BackupError

NOT_FOUND = N_("%(name)s: архив не найден.")
UNPACK_FAILED = N_("%(name)s: не удалось распаковать архив в %(folder)s: %(reason)s.")
BROKEN = N_("%(name)s: архив повреждён или обрезан.")
MISSING = N_("%(name)s: нет в архиве.")
UNLISTED = N_("%(name)s: нет в манифесте архива.")
UNKNOWN_FORMAT = N_("%(name)s: неизвестный формат архива.")
CHECKSUM = N_("%(name)s: контрольная сумма не совпадает.")
UNREADABLE = N_("%(name)s: не удалось прочитать файл.")
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
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
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
    _verify(folder, manifest["members"])
    return manifest


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
