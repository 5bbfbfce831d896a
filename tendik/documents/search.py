"""Full-text search over documents, with Russian word forms folded.

PostgreSQL: its own full-text search with the `russian` configuration over the text. SQLite (the
embedded default): an FTS5 table of the text's lemmas, queried with the query's lemmas. Both
answer «тренинги» with a document that says «тренингов»."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, QuerySet, Value, When

from .extraction.nlp import search_lemmas

FTS_TABLE = "documents_search"


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def index_document(document) -> None:
    """(Re)index one document; PostgreSQL needs nothing stored."""
    if not _is_sqlite():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document.pk])  # noqa: S608 — constant
        cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, lemmas) VALUES (%s, %s)",  # noqa: S608
                       [document.pk, " ".join(search_lemmas(f"{document.title}\n{document.text}"))])


def unindex_document(document_id: int) -> None:
    if _is_sqlite():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document_id])  # noqa: S608


def search(documents: QuerySet, query: str) -> QuerySet:
    """`documents` (already scoped) that match `query`, best first."""
    words = [w for w in search_lemmas(query) if len(w) > 1]
    if not words:
        return documents.none()
    if _is_sqlite():
        match = " AND ".join('"' + w.replace('"', "") + '"' for w in words)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                           "ORDER BY rank LIMIT 500", [match])
            ranked = [row[0] for row in cursor.fetchall()]
        if not ranked:
            return documents.none()
        rank = Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(ranked)))
        return documents.filter(pk__in=ranked).annotate(rank=rank).order_by("rank")
    vector = SearchVector("title", "text", config="russian")
    search_query = SearchQuery(query, config="russian", search_type="plain")
    return documents.annotate(search=vector, rank=SearchRank(vector, search_query)) \
        .filter(search=search_query).order_by("-rank", "-id")
