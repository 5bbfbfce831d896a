"""manage.py backup and restore, round trip: real data backed up, restored into an empty
database by a separate process, and every table and every evidence file found equal."""

import io
import json
import os
import subprocess
import sys
import tarfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import docx
import psycopg
import pypdf
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from tendik.reporting import services as reporting
from tendik.reporting.models import Evidence
from tendik.reporting.tests.factories import open_period
from tendik.system.backup.database import database_fingerprint
from tendik.system.backup.fingerprint import tables_fingerprint
from tendik.system.backup.services import backups_prune
from tendik.testing.matrix import build_world

POSTGRES = connection.vendor == "postgresql"
needs_postgres = pytest.mark.skipif(not POSTGRES, reason="TENDIK_DATABASE_URL is not PostgreSQL")
needs_sqlite = pytest.mark.skipif(POSTGRES, reason="TENDIK_DATABASE_URL is PostgreSQL")


@dataclass
class Target:
    """An empty database of our vendor and a data folder, which a `restore` process writes into."""

    env: dict[str, str]
    media: Path
    fingerprint: Callable[[], dict]


def manage(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR,  # noqa: S603
                          env=env, capture_output=True, text=True, timeout=600, check=False)


@contextmanager
def empty_target(folder: Path) -> Iterator[Target]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "TENDIK_VAR_DIR": str(folder / "var")}
    media = folder / "var" / "test-private"
    if not POSTGRES:
        database = folder / "target.sqlite3"
        env["TENDIK_DATABASE_URL"] = f"sqlite:///{database}"
        yield Target(env, media, lambda: _sqlite_fingerprint(database))
        return
    name = f"tendik_backup_{uuid.uuid4().hex[:10]}"
    params = _pg_params()
    with psycopg.connect(**params, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            env["TENDIK_DATABASE_URL"] = (f"postgres://{params['user']}:{params['password']}@"
                                          f"{params['host']}:{params['port']}/{name}")
            yield Target(env, media, lambda: _pg_fingerprint(name))
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_params() -> dict:
    source = connection.settings_dict
    return {"host": source["HOST"] or "127.0.0.1", "port": source["PORT"] or 5432,
            "user": source["USER"] or "postgres", "password": source["PASSWORD"] or ""}


def _pg_fingerprint(name: str) -> dict:
    with psycopg.connect(**_pg_params(), dbname=name) as target, target.transaction():
        return tables_fingerprint(target.cursor(), "postgresql")


def _sqlite_fingerprint(path: Path) -> dict:
    import sqlite3

    target = sqlite3.connect(path)
    try:
        return tables_fingerprint(target.cursor(), "sqlite")
    finally:
        target.close()


def pdf_bytes() -> bytes:
    writer, out = pypdf.PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    document, out = docx.Document(), io.BytesIO()
    document.add_paragraph("Акт о проведении тренинга для сотрудников милиции.")
    document.save(out)
    return out.getvalue()


def make_data() -> None:
    """A world, an open period with its reports and two evidence files: a PDF and a DOCX."""
    world = build_world()
    _, _, report, _, _ = open_period(world)
    focal = world.users["focal_point"]
    reporting.evidence_add(actor=focal, report=report, description="Скан акта",
                           upload=SimpleUploadedFile("акт.pdf", pdf_bytes()))
    reporting.evidence_add(actor=focal, report=report, description="Программа тренинга",
                           upload=SimpleUploadedFile("программа.docx", docx_bytes()))


def evidence_opens(media: Path, name: str) -> bool:
    path = media / name
    if name.endswith(".pdf"):
        return len(pypdf.PdfReader(path).pages) == 1
    return "милиции" in docx.Document(str(path)).paragraphs[0].text


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers()}


def rebuilt(archive: Path, changes: dict[str, bytes | None]) -> Path:
    """The same archive with some members' bytes replaced, or dropped where None (the manifest
    kept unless replaced)."""
    content = {**members(archive), **changes}
    out = archive.with_name("changed-" + archive.name)
    with tarfile.open(out, "w:gz") as tar:
        for name, data in content.items():
            if data is None:
                continue
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out


def round_trip(tmp_path: Path) -> None:
    make_data()
    before = database_fingerprint()
    archive = tmp_path / "tendik.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Резервная копия записана" in out.getvalue()
    with empty_target(tmp_path) as target:
        restored = manage("restore", str(archive), env=target.env)
        assert restored.returncode == 0, restored.stderr
        assert "Все таблицы совпадают с манифестом" in restored.stdout
        after = target.fingerprint()
    assert after == before  # the backup's own Job row, written after the archive, is not in it
    assert sum(table["rows"] for table in after.values()) > 100
    names = list(Evidence.objects.exclude(file="").values_list("file", flat=True))
    assert len(names) == 2
    assert all(evidence_opens(target.media, name) for name in names)


@needs_sqlite
@pytest.mark.django_db(transaction=True)
def test_a_sqlite_backup_restores_into_an_empty_database_with_every_table_and_file_equal(tmp_path):
    round_trip(tmp_path)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restores_into_an_empty_database_with_every_table_and_file_equal(tmp_path):
    round_trip(tmp_path)


@pytest.mark.django_db(transaction=True)
def test_the_manifest_lists_every_member_with_its_checksum_the_tables_and_the_schema(tmp_path):
    make_data()
    archive = tmp_path / "tendik.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    content = members(archive)
    manifest = json.loads(content.pop("manifest.json"))
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["tendik_version"] and manifest["format"] == 1
    assert set(manifest["members"]) == set(content)
    assert sum(name.startswith("files/evidence/") for name in content) == 2
    assert manifest["migrations"]["reporting"].startswith("00")
    assert manifest["tables"]["reporting_evidence"]["rows"] == 2
    assert not (tmp_path / "tendik.tar.gz.partial").exists()


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_taken_while_users_write_restores_with_every_table_equal(tmp_path):
    """The dump and the table checksums read one snapshot: rows written meanwhile are in neither."""
    make_data()
    stop, written = threading.Event(), []

    def write() -> None:
        with psycopg.connect(**_pg_params(), dbname=connection.settings_dict["NAME"],
                             autocommit=True) as other:
            while not stop.is_set():
                other.execute("INSERT INTO auth_group (name) VALUES (%s)", [f"g{len(written)}"])
                written.append(1)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        archive = tmp_path / "tendik.tar.gz"
        call_command("backup", str(archive), stdout=io.StringIO())
    finally:
        stop.set()
        writer.join()
    with empty_target(tmp_path) as target:
        restored = manage("restore", str(archive), env=target.env)
    assert restored.returncode == 0, restored.stderr
    assert "Все таблицы совпадают с манифестом" in restored.stdout
    assert len(written) > 10


@pytest.mark.django_db(transaction=True)
def test_the_archive_is_readable_by_its_owner_only(tmp_path):
    archive = tmp_path / "tendik.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    assert archive.stat().st_mode & 0o077 == 0


def test_pruning_with_keep_below_one_keeps_every_archive_and_removes_day_old_leftovers(tmp_path):
    archives = [tmp_path / f"tendik-2025010{day}-020000.tar.gz" for day in (1, 2, 3)]
    stale_partial, fresh_partial = tmp_path / "tendik-a.tar.gz.partial", tmp_path / "tendik-b.tar.gz.partial"
    stale_dump = tmp_path / ".tendik-backup-abc"
    for path in [*archives, stale_partial, fresh_partial]:
        path.write_bytes(b"x")
    stale_dump.mkdir()
    (stale_dump / "database.dump").write_bytes(b"x")
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in (stale_partial, stale_dump):
        os.utime(path, (two_days_ago, two_days_ago))
    assert backups_prune(folder=tmp_path, keep=0) == []
    assert sorted(tmp_path.iterdir()) == sorted([*archives, fresh_partial])
