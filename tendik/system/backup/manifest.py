"""The manifest: what an archive holds and how to know it is whole, and its schema against ours."""

import importlib.metadata
import json

from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT_VERSION = 1
NAME = "manifest.json"


def manifest_build(*, vendor: str, migrations: dict[str, str], members: dict[str, dict],
                   tables: dict[str, dict]) -> bytes:
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "tendik_version": importlib.metadata.version("tendik"),
        "database_vendor": vendor,
        "migrations": migrations,
        "members": members,
        "tables": tables,
    }
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()


def applied_migrations(cursor) -> dict[str, str]:
    """Each app's latest applied migration: the schema version of a database."""
    cursor.execute("SELECT app, name FROM django_migrations")
    latest: dict[str, str] = {}
    for app, name in cursor.fetchall():
        latest[app] = max(latest.get(app, name), name)
    return dict(sorted(latest.items()))


def migrations_unknown(archived: dict[str, str]) -> list[str]:
    """Migrations of the archive that this code does not have: its schema is newer than ours."""
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return [f"{app}.{name}" for app, name in archived.items() if (app, name) not in known]


def migrations_behind(archived: dict[str, str]) -> bool:
    """True when this code has migrations the archive's database had not applied yet."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return any(archived.get(app) != name for app, name in graph.leaf_nodes())
