"""The private files (evidence, generated reports, job inputs, documents), read and written
through the default storage, so an S3 storage is backed up the same way as a folder."""

import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage

PREFIX = "files/"


def private_files() -> list[tuple[str, int]]:
    """(name in the storage, size) of every private file."""
    return [(name, default_storage.size(name)) for name in _walk("")]


def private_file_open(name: str):
    return default_storage.open(name, "rb")


def files_stage(source: Path) -> Path | None:
    """Copy the archived files beside MEDIA_ROOT, on its own file system, ready to be swapped in.

    Done before the database is touched: a failure here leaves everything as it was."""
    if not _on_file_system():
        return None
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    staged = media.parent / f".{media.name}-restoring-{uuid.uuid4().hex[:8]}"
    if source.is_dir():
        shutil.copytree(source, staged)
    else:
        staged.mkdir()
    return staged


def files_swap(staged: Path | None, source: Path) -> None:
    """Put the restored files in place of the current ones: two renames on a file system, each
    file written through the storage otherwise (old ones removed first)."""
    if staged is None:
        _storage_replace(source)
        return
    media = Path(settings.MEDIA_ROOT)
    old = media.parent / f".{media.name}-replaced-{uuid.uuid4().hex[:8]}"
    if media.exists():
        media.rename(old)
    staged.rename(media)
    shutil.rmtree(old, ignore_errors=True)


def files_discard(staged: Path | None) -> None:
    if staged is not None:
        shutil.rmtree(staged, ignore_errors=True)


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
