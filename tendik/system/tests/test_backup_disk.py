"""A backup to a full, read-only or missing place fails in one clear line naming the path, and
leaves nothing behind."""

import os
import shutil
import subprocess
from collections import namedtuple
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from .test_backup import manage

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def tmpfs(path: Path, options: str):
    path.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],  # noqa: S603, S607
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=False)  # noqa: S603, S607


def backup_error(path: Path) -> str:
    with pytest.raises(CommandError) as error:
        call_command("backup", str(path))
    message = str(error.value)
    assert str(path) in message and "\n" not in message
    return message


def test_a_backup_larger_than_the_free_space_is_refused_before_writing(tmp_path):
    with tmpfs(tmp_path / "small", "size=256k") as disk:
        assert "Недостаточно места" in backup_error(disk / "tendik.tar.gz")
        assert os.listdir(disk) == []


def test_a_disk_that_fills_up_while_writing_fails_clearly_and_leaves_nothing(tmp_path, monkeypatch):
    default_storage.save("evidence/big.pdf", ContentFile(os.urandom(2**20)))  # does not compress
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(2**40, 0, 2**40))  # the estimate passes
    with tmpfs(tmp_path / "small", "size=256k") as disk:
        assert "нет места на диске" in backup_error(disk / "tendik.tar.gz")
        assert os.listdir(disk) == []


def test_a_read_only_place_fails_clearly(tmp_path):
    with tmpfs(tmp_path / "readonly", "ro,size=1m") as disk:
        assert "файловая система только для чтения" in backup_error(disk / "tendik.tar.gz")


def test_a_missing_folder_fails_with_an_exit_code_and_no_traceback(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "TENDIK_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
           "TENDIK_VAR_DIR": str(tmp_path / "var")}
    done = manage("backup", str(tmp_path / "nowhere" / "tendik.tar.gz"), env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (f"CommandError: Не удалось записать резервную копию "
                                   f"{tmp_path / 'nowhere' / 'tendik.tar.gz'}: папка не существует.")
