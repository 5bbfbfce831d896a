"""manage.py restore refuses what it cannot restore whole, names why, and changes nothing."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tendik.system.backup.database import database_is_empty
from tendik.system.models import WorkerHeartbeat

from .test_backup import empty_target, make_data, manage, members, needs_postgres, rebuilt
from .test_backup_disk import tmpfs

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


def with_member(archive: Path, name: str, data: bytes) -> Path:
    """The archive with one member's bytes replaced and its checksum in the manifest made to agree:
    only what is inside the member is wrong."""
    manifest = json.loads(members(archive)["manifest.json"])
    manifest["members"][name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    return rebuilt(archive, {name: data, "manifest.json": json.dumps(manifest).encode()})


def database_name(archive: Path) -> str:
    return next(name for name in members(archive) if name.startswith("database."))


def leftovers(target) -> list[str]:
    return sorted(path.name for path in target.media.parent.iterdir() if path.name.startswith("."))


@needs_postgres
def test_a_dump_pg_restore_cannot_read_is_refused_naming_pg_restore_and_the_database_keeps_its_data(
        target, archive):
    garbage = with_member(archive, "database.dump", b"PGDMP" + b"\xff" * 4096)
    assert "pg_restore" in refused(target, garbage)


def test_a_database_that_fails_to_load_leaves_the_files_as_they_were_and_no_staged_folder(target, archive):
    garbage = with_member(archive, database_name(archive), b"not a database " * 1000)
    refused(target, garbage)
    assert leftovers(target) == []


def test_a_data_folder_that_cannot_be_swapped_is_refused_before_the_database_is_replaced(
        target, archive, tmp_path):
    """MEDIA_ROOT as a mount point cannot be renamed: the database must not be loaded first."""
    Group.objects.create(name="только в новой копии")
    newer = tmp_path / "newer.tar.gz"
    call_command("backup", str(newer), stdout=None)
    saved = {path.relative_to(target.media): path.read_bytes() for path in target.media.rglob("*")
             if path.is_file()}
    shutil.rmtree(target.media)
    with tmpfs(target.media, "size=16m"):
        for name, data in saved.items():
            (target.media / name).parent.mkdir(parents=True, exist_ok=True)
            (target.media / name).write_bytes(data)
        assert "Не удалось заменить папку файлов" in refused(target, newer)
        assert leftovers(target) == []


@pytest.mark.parametrize(("case", "change"), [
    ("absolute member", lambda m, db: m["members"].__setitem__("/etc/hostname", m["members"].pop(db))),
    ("parent member", lambda m, db: m["members"].__setitem__("../" + db, m["members"].pop(db))),
    ("no members", lambda m, db: m.pop("members")),
    ("no tables", lambda m, db: m.pop("tables")),
    ("no migrations", lambda m, db: m.pop("migrations")),
    ("vendor not text", lambda m, db: m.update(database_vendor=1)),
    ("empty tables", lambda m, db: m.update(tables={})),
    ("members a list", lambda m, db: m.update(members=[db])),
])
def test_a_manifest_of_the_wrong_shape_or_with_a_path_outside_the_archive_is_refused_naming_it(
        target, archive, case, change):
    db = database_name(archive)
    bad = with_manifest(archive, lambda m: change(m, db))
    assert "manifest.json: манифест архива составлен неверно" in refused(target, bad)


def renamed_member(archive: Path, new_name: str, *, in_archive: bool) -> Path:
    """The database member listed under another name in the manifest, its checksum kept; its
    bytes stored under that name, or nowhere in the archive."""
    content = members(archive)
    db = database_name(archive)
    manifest = json.loads(content["manifest.json"])
    manifest["members"][new_name] = manifest["members"].pop(db)
    changes = {db: None, "manifest.json": json.dumps(manifest).encode()}
    if in_archive:
        changes[new_name] = content[db]
    return rebuilt(archive, changes)


def test_an_absolute_member_outside_the_archive_is_never_loaded_as_the_database(target, archive, tmp_path):
    outside = tmp_path / "outside.bin"
    outside.write_bytes(members(archive)[database_name(archive)])
    bad = renamed_member(archive, str(outside), in_archive=False)
    assert "manifest.json: манифест архива составлен неверно" in refused(target, bad)


def test_a_database_member_not_named_for_the_vendor_is_refused_naming_it(target, archive):
    renamed = renamed_member(archive, "database.other", in_archive=True)
    assert "database.other: в архиве не ожидался" in refused(target, renamed)


def test_a_migrated_database_with_a_worker_heartbeat_and_login_records_counts_as_empty():
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", started_at=now, last_seen=now)
    AccessAttempt.objects.create(username="admin", ip_address="127.0.0.1", failures_since_start=1,
                                 attempt_time=now)
    assert database_is_empty()
