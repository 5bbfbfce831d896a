"""manage.py restore refuses what it cannot restore whole, names why, and changes nothing."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .test_backup import empty_target, make_data, manage, members, rebuilt

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(tmp_path) -> Path:
    make_data()
    path = tmp_path / "tendik.tar.gz"
    call_command("backup", str(path), stdout=None)
    return path


@pytest.fixture
def target(tmp_path, archive):
    """A database and data folder that already hold the archive's data."""
    with empty_target(tmp_path) as target:
        assert manage("restore", str(archive), env=target.env).returncode == 0
        yield target


def state(target) -> tuple[dict, dict]:
    files = {path.relative_to(target.media).as_posix(): path.read_bytes()
             for path in target.media.rglob("*") if path.is_file()}
    return target.fingerprint(), files


def refused(target, archive: Path, *args: str) -> str:
    """Restore with --force must still fail: the reason, one line without a traceback."""
    before = state(target)
    done = manage("restore", str(archive), "--force", *args, env=target.env)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert state(target) == before
    return done.stderr


def with_manifest(archive: Path, change) -> Path:
    manifest = json.loads(members(archive)["manifest.json"])
    change(manifest)
    return rebuilt(archive, {"manifest.json": json.dumps(manifest).encode()})


def test_a_truncated_archive_is_refused_naming_the_file_and_nothing_changes(target, archive):
    cut = archive.with_name("tendik-cut.tar.gz")
    data = archive.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    assert "tendik-cut.tar.gz: архив повреждён или обрезан" in refused(target, cut)


@pytest.mark.parametrize("which", ["database", "evidence"])
def test_a_tampered_member_is_refused_naming_it_and_nothing_changes(target, archive, which):
    content = members(archive)
    name = next(name for name in content if name != "manifest.json"
                and name.startswith("files/evidence/" if which == "evidence" else "database."))
    data = bytearray(content[name])
    data[len(data) // 2] ^= 0xFF
    tampered = rebuilt(archive, {name: bytes(data)})
    assert f"{name}: контрольная сумма не совпадает" in refused(target, tampered)


def test_a_missing_archive_is_named(tmp_path):
    with pytest.raises(CommandError, match="nothing.tar.gz: архив не найден"):
        call_command("restore", str(tmp_path / "nothing.tar.gz"))


def test_a_non_empty_database_is_refused_without_force_and_replaced_with_it(target, archive):
    before = state(target)
    done = manage("restore", str(archive), env=target.env)
    assert done.returncode != 0 and "добавьте --force" in done.stderr
    assert state(target) == before
    forced = manage("restore", str(archive), "--force", env=target.env)
    assert forced.returncode == 0, forced.stderr
    assert state(target) == before


def test_an_archive_of_another_database_vendor_is_refused(target, archive):
    other = with_manifest(archive, lambda m: m.update(database_vendor="oracle"))
    assert "Архив сделан из базы oracle" in refused(target, other)


def test_an_archive_from_a_newer_version_is_refused_naming_the_unknown_migration(target, archive):
    newer = with_manifest(archive, lambda m: m["migrations"].update(reporting="9999_from_the_future"))
    assert "reporting.9999_from_the_future" in refused(target, newer)


def test_an_archive_from_an_older_version_is_restored_and_asks_for_migrate(tmp_path, archive):
    older = with_manifest(archive, lambda m: m["migrations"].pop("system"))
    with empty_target(tmp_path) as target:
        done = manage("restore", str(older), env=target.env)
    assert done.returncode == 0, done.stderr
    assert "выполните manage.py migrate" in done.stdout


def test_a_freshly_migrated_database_counts_as_empty(tmp_path, archive):
    with empty_target(tmp_path) as target:
        assert manage("migrate", "-v0", env=target.env).returncode == 0
        done = manage("restore", str(archive), env=target.env)
    assert done.returncode == 0, done.stderr
