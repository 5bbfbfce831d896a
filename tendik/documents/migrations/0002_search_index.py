"""SQLite's full-text index of document lemmas (PostgreSQL searches the text itself)."""

from django.db import migrations

TABLE = "documents_search"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(lemmas, "
            "tokenize='unicode61 remove_diacritics 0')")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
