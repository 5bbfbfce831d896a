"""Each table's row count and a checksum of its contents, the same at backup and after restore.

The rows are hashed as text the database itself renders (`quote()` in SQLite, `row::text` in
PostgreSQL), so a Django cursor and a bare driver cursor give the same checksum: Django's SQLite
converters and PostgreSQL's JSON loaders never see the values. Rows are read in primary-key
order (all columns where a table has none)."""

import hashlib

BATCH = 2000


def tables_fingerprint(cursor, vendor: str) -> dict[str, dict]:
    """`{table: {"rows": n, "sha256": hex}}` for every table of the database."""
    if vendor == "postgresql":
        # Timestamps are rendered in the session's zone: fixed so every reader renders them alike.
        cursor.execute("SET LOCAL TIME ZONE 'UTC'")
        cursor.execute("SET LOCAL DateStyle = 'ISO, YMD'")
    return {table: _table_fingerprint(cursor, _rows_sql(cursor, vendor, table))
            for table in table_names(cursor, vendor)}


def table_names(cursor, vendor: str) -> list[str]:
    if vendor == "postgresql":
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                       "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY 1")
    return [row[0] for row in cursor.fetchall()]


def _rows_sql(cursor, vendor: str, table: str) -> str:
    name = _quoted(table)
    if vendor == "postgresql":
        keys = _pg_primary_key(cursor, table)
        order = ", ".join(_quoted(key) for key in keys) if keys else '1 COLLATE "C"'
        return f"SELECT t::text FROM {name} AS t ORDER BY {order}"  # noqa: S608 - a catalogued table name
    columns = _sqlite_columns(cursor, table)
    values = " || ',' || ".join(f"quote({_quoted(column)})" for column, _ in columns)
    keys = [column for column, position in sorted(columns, key=lambda c: c[1]) if position]
    order = ", ".join(_quoted(key) for key in keys) if keys else "1"
    return f"SELECT {values} FROM {name} ORDER BY {order}"  # noqa: S608 - a catalogued table name


def _table_fingerprint(cursor, sql: str) -> dict:
    digest, rows = hashlib.sha256(), 0
    cursor.execute(sql)
    while batch := cursor.fetchmany(BATCH):
        for (text,) in batch:
            digest.update(text.encode())
            digest.update(b"\n")
        rows += len(batch)
    return {"rows": rows, "sha256": digest.hexdigest()}


def _sqlite_columns(cursor, table: str) -> list[tuple[str, int]]:
    """(name, position in the primary key, 0 = not in it) of each column."""
    cursor.execute(f"PRAGMA table_info({_quoted(table)})")
    return [(row[1], row[5]) for row in cursor.fetchall()]


def _pg_primary_key(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
        "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary "
        "ORDER BY array_position(i.indkey, a.attnum)", [f"public.{_quoted(table)}"])
    return [row[0] for row in cursor.fetchall()]


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
