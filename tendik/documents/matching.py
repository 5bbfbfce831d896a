"""Plan measures as a similarity index, rebuilt only when the measures change."""

from django.db.models import Count, Max, QuerySet

from .extraction.similarity import MeasureIndex

_cache: dict = {}


def measure_index(measures: QuerySet) -> MeasureIndex:
    stamp = measures.aggregate(n=Count("id"), at=Max("updated_at"), top=Max("id"))
    key = (str(measures.query), stamp["n"], stamp["at"], stamp["top"])
    if key not in _cache:
        _cache.clear()
        rows = measures.values_list("pk", "title_ru", "expected_result_ru")
        _cache[key] = MeasureIndex({pk: f"{title}\n{result}" for pk, title, result in rows})
    return _cache[key]
