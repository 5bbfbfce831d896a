"""The private files (evidence, generated reports, job inputs, documents), read and written
through the default storage, so an S3 storage is backed up the same way as a folder."""

import errno
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils.translation import gettext_noop

from .errors import BackupError

PREFIX = "files/"
SWAP_FAILED = gettext_noop("Не удалось заменить папку файлов %(path)s: %(reason)s. Ничего не изменено.")


def private_files() -> list[tuple[str, int]]:
    """(name in the storage, size) of every private file."""
    return [(name, default_storage.size(name)) for name in _walk("")]


def private_file_open(name: str):
    return default_storage.open(name, "rb")


@contextmanager
def files_swapped(source: Path) -> Iterator[None]:
    """The archived files in place of the current ones while the block (the database's load) runs:
    the current ones put back if it fails, deleted once it succeeds.

    On a file system the swap is two renames, done before the block so that a failing rename
    leaves the database untouched. A storage that is not a file system has no rename to undo: its
    files are replaced after the block, when the database is already loaded."""
    if not _on_file_system():
        yield
        _storage_replace(source)
        return
    media = Path(settings.MEDIA_ROOT)
    suffix = uuid.uuid4().hex[:8]
    staged = media.parent / f".{media.name}-restoring-{suffix}"
    old = media.parent / f".{media.name}-replaced-{suffix}"
    try:
        _stage(source, staged)
        _swap(media, staged, old)
    except OSError as error:
        shutil.rmtree(staged, ignore_errors=True)
        reason = error.strerror or type(error).__name__
        raise BackupError(SWAP_FAILED, path=str(media), reason=reason) from error
    try:
        yield
    except BaseException:
        media.rename(staged)
        if old.exists():
            old.rename(media)
        shutil.rmtree(staged, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _stage(source: Path, staged: Path) -> None:
    """The unpacked folder moved beside MEDIA_ROOT, or copied when it is on another file system."""
    staged.parent.mkdir(parents=True, exist_ok=True)
    if not source.is_dir():
        staged.mkdir()
        return
    try:
        source.rename(staged)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        shutil.copytree(source, staged)


def _swap(media: Path, staged: Path, old: Path) -> None:
    if media.exists():
        media.rename(old)
    try:
        staged.rename(media)
    except BaseException:
        if old.exists():
            old.rename(media)
        raise


def _storage_replace(source: Path) -> None:
    for name in _walk(""):
        default_storage.delete(name)
    for path in sorted(source.rglob("*")) if source.is_dir() else []:
        if path.is_file():
            with path.open("rb") as content:
                default_storage.save(path.relative_to(source).as_posix(), File(content))


def _walk(folder: str) -> list[str]:
    try:
        folders, names = default_storage.listdir(folder)
    except FileNotFoundError:  # no file was ever uploaded: MEDIA_ROOT does not exist yet
        return []
    found = [f"{folder}{name}" for name in sorted(names)]
    for sub in sorted(folders):
        found += _walk(f"{folder}{sub}/")
    return found


def _on_file_system() -> bool:
    return isinstance(default_storage, FileSystemStorage)
