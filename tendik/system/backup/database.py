"""The database in and out of an archive: SQLite through its online backup API, PostgreSQL
through pg_dump and psql. Both give the tables' fingerprints of exactly what was archived."""

import errno
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.utils.translation import gettext, gettext_noop

from .errors import BackupError
from .fingerprint import table_names, tables_fingerprint
from .manifest import applied_migrations

SQLITE_MEMBER, POSTGRES_MEMBER = "database.sqlite3", "database.dump"
TOOL_FAILED = gettext_noop("%(tool)s завершился с ошибкой: %(detail)s")
LOCKED = gettext_noop("База данных %(name)s занята другим процессом: остановите Tendik (веб и воркер) "
                      "и повторите.")
NOT_SQLITE = gettext_noop("%(name)s: это не база данных SQLite.")
# A restore waits this long for the app's locks, then fails instead of hanging.
PG_RESTORE_OPTIONS = "-c lock_timeout=60s"
# What a freshly migrated database already holds: Django's and django-tasks' bookkeeping,
# reference data written by migrations (dimensions, the framework tree), SQLite's full-text
# index's own rows, and what a fresh stack writes before anyone signs in: the worker's heartbeat
# and django-axes' login records. A database with rows anywhere else is not empty.
SQLITE_ERRNO = {sqlite3.SQLITE_FULL: errno.ENOSPC, sqlite3.SQLITE_READONLY: errno.EROFS,
                sqlite3.SQLITE_CANTOPEN: errno.EACCES, sqlite3.SQLITE_PERM: errno.EACCES}
EMPTY_ALLOWED = {
    "django_migrations", "django_content_type", "auth_permission", "django_site", "django_session",
    "django_tasks_database_dbtaskresult", "plans_dimension", "plans_dimensionvalue",
    "plans_frameworkitem", "system_workerheartbeat", "axes_accessattempt", "axes_accessattemptexpiration",
    "axes_accesslog", "axes_accessfailurelog",
}
EMPTY_ALLOWED_PREFIXES = ("documents_search",)


@dataclass(frozen=True)
class Dump:
    path: Path
    member: str
    tables: dict[str, dict]
    migrations: dict[str, str]


def database_member() -> str:
    """The archive member that holds the database, for this database's vendor."""
    return POSTGRES_MEMBER if connection.vendor == "postgresql" else SQLITE_MEMBER


def database_dump(folder: Path) -> Dump:
    if connection.vendor == "postgresql":
        return _pg_dump(folder / POSTGRES_MEMBER)
    return _sqlite_dump(folder / SQLITE_MEMBER)


def database_load(source: Path) -> None:
    """Replace the whole database with the archived one, all or nothing."""
    connection.close()
    if connection.vendor == "postgresql":
        _pg_load(source)
    else:
        _sqlite_load(source)


def database_size() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return pages * cursor.fetchone()[0]


def database_fingerprint() -> dict[str, dict]:
    with transaction.atomic(), connection.cursor() as cursor:
        return tables_fingerprint(cursor, connection.vendor)


def database_is_empty() -> bool:
    with connection.cursor() as cursor:
        for table in table_names(cursor, connection.vendor):
            if table in EMPTY_ALLOWED or table.startswith(EMPTY_ALLOWED_PREFIXES):
                continue
            cursor.execute(f'SELECT 1 FROM "{table}" LIMIT 1')  # noqa: S608 - a catalogued table name
            if cursor.fetchone():
                return False
    return True


def _sqlite_dump(target: Path) -> Dump:
    connection.ensure_connection()
    try:
        copy = sqlite3.connect(target)
        try:
            # The online backup API copies a consistent state even while the app writes.
            connection.connection.backup(copy)
            cursor = copy.cursor()
            return Dump(target, SQLITE_MEMBER, tables_fingerprint(cursor, "sqlite"),
                        applied_migrations(cursor))
        finally:
            copy.close()
    except sqlite3.OperationalError as error:
        # SQLite says «disk is full» in its own words: told as the OS error it stands for.
        code = SQLITE_ERRNO.get(getattr(error, "sqlite_errorcode", None), errno.EIO)
        raise OSError(code, os.strerror(code), str(target)) from error


def _sqlite_load(source: Path) -> None:
    target = Path(connection.settings_dict["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    archived, live = sqlite3.connect(source), sqlite3.connect(target, timeout=20)
    try:
        # One backup step under the target's write lock: readers see the old or the new database.
        archived.backup(live)
    except sqlite3.OperationalError as error:
        if getattr(error, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise BackupError(LOCKED, name=str(target)) from error
        raise BackupError(TOOL_FAILED, tool="sqlite3", detail=str(error)) from error
    except sqlite3.DatabaseError as error:  # «file is not a database»: checked before anything is written
        raise BackupError(NOT_SQLITE, name=SQLITE_MEMBER) from error
    finally:
        archived.close()
        live.close()


def _pg_dump(target: Path) -> Dump:
    # pg_dump reads the snapshot this transaction exported, so the dump and the fingerprints
    # taken here are of the same instant, whatever users write meanwhile.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _pg_dump_into(target, snapshot)
        tables = tables_fingerprint(cursor, "postgresql")
        return Dump(target, POSTGRES_MEMBER, tables, applied_migrations(cursor))


def _pg_dump_into(target: Path, snapshot: str) -> None:
    """pg_dump's output written by us, so a full disk is our OSError naming the archive's place."""
    dump = _start(["pg_dump", "--format=custom", f"--snapshot={snapshot}"])
    try:
        with target.open("wb") as out:
            shutil.copyfileobj(dump.stdout, out, 2**20)
    except OSError:
        dump.kill()
        raise
    finally:
        dump.stdout.close()
        dump.wait()
    if dump.returncode != 0:
        raise BackupError(TOOL_FAILED, tool="pg_dump", detail=_first_line(dump.stderr.read()))


def _pg_load(source: Path) -> None:
    # The dump is turned into SQL first and whole: a dump pg_restore cannot read fails here, before
    # psql is started (piped, psql would commit the schema's drop on an empty input). psql then
    # runs the drop and the whole script in one transaction: a failure anywhere rolls back to the
    # database as it was.
    script = source.with_suffix(".sql")
    _run(["pg_restore", "--no-owner", "--no-privileges", f"--file={script}", str(source)])
    _run(["psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
          "--command=DROP SCHEMA public CASCADE", "--command=CREATE SCHEMA public", f"--file={script}"],
         options=PG_RESTORE_OPTIONS)


def _start(command: list[str]) -> subprocess.Popen:
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,  # noqa: S603
                                env=_pg_env())
    except FileNotFoundError as error:
        raise BackupError(TOOL_FAILED, tool=command[0], detail=gettext("программа не найдена")) from error


def _run(command: list[str], *, options: str = "") -> None:
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,  # noqa: S603
                              env=_pg_env(options), check=False)
    except FileNotFoundError as error:
        raise BackupError(TOOL_FAILED, tool=command[0], detail=gettext("программа не найдена")) from error
    if done.returncode != 0:
        raise BackupError(TOOL_FAILED, tool=command[0], detail=_first_line(done.stderr))


def _pg_env(options: str = "") -> dict[str, str]:
    """The connection as libpq's variables: a password never appears on a command line."""
    settings = connection.settings_dict
    names = {"PGDATABASE": "NAME", "PGUSER": "USER", "PGPASSWORD": "PASSWORD", "PGHOST": "HOST",
             "PGPORT": "PORT"}
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    env.update({variable: str(settings[key]) for variable, key in names.items() if settings.get(key)})
    if options:
        env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} {options}".strip()
    return env


def _first_line(stderr: bytes) -> str:
    lines = stderr.decode(errors="replace").strip().splitlines()
    return lines[0] if lines else "?"
