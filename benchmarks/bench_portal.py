"""The public indicator page at national scale, as an anonymous visitor: p50/p95 warm (target:
p95 ≤ 100 ms), a 304 revalidation, the first (cold-cache) render, the page cache's hit rate over
a visitors' mix, and what a new publication costs the next visitor.

    .venv/bin/python benchmarks/bench_portal.py --scale national           # SQLite
    TENDIK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/bench_portal.py --scale national       # PostgreSQL

The benchmark data's closed periods are published with a direct update of `published_at`.
"""

import argparse
import os
import statistics
import tempfile
import time
import warnings

from common import connection, p95, throwaway_database
from django.test import Client
from django.test.utils import CaptureQueriesContext

WARM = 50
VISITORS = 1500  # requests of the visitors' mix
TARGET_MS = 100



def _timed(client: Client, url: str, **headers) -> tuple[float, object, int]:
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        response = client.get(url, **headers)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code in (200, 304), (url, response.status_code)
    return elapsed, response, len(captured)


def publish_closed_periods(plan) -> int:
    from django.utils import timezone

    from tendik.reporting.models import ReportingPeriod

    return ReportingPeriod.objects.filter(plan=plan, state__in=("closed", "locked")).update(
        published_at=timezone.now())


def warm(client: Client, url: str) -> dict:
    _timed(client, url)
    timings, queries = [], set()
    for _ in range(WARM):
        elapsed, response, count = _timed(client, url)
        timings.append(elapsed)
        queries.add(count)
    etag = response["ETag"]
    revalidate = [_timed(client, url, HTTP_IF_NONE_MATCH=etag)[0] for _ in range(WARM)]
    return {"p50": statistics.median(timings), "p95": p95(timings), "queries": sorted(queries),
            "bytes": len(response.content), "p95_304": p95(revalidate)}


def cold(client: Client, urls: list[str]) -> list[float]:
    """First renders: every page's data computed (and the figures' own caches emptied)."""
    from django.core.cache import cache

    timings = []
    for url in urls:
        cache.clear()
        timings.append(_timed(client, url)[0])
    return timings


def visitors(client: Client, urls: list[str]) -> dict:
    """A visitors' mix over the published indicators, most visits to a few of them; one
    publication half-way (the data changed: every page is computed again once)."""
    from django.core.cache import cache

    from tendik.portal.pages import STATS

    cache.clear()
    STATS.update(hits=0, misses=0)
    weights = [max(1, len(urls) // (rank + 1)) for rank in range(len(urls))]
    mix = [url for url, weight in zip(urls, weights, strict=True) for _ in range(weight)]
    for n in range(VISITORS):
        if n == VISITORS // 2:
            from tendik.reporting.models import ReportingPeriod

            period = ReportingPeriod.objects.filter(published_at__isnull=False).order_by(
                "-end").first()
            ReportingPeriod.objects.filter(pk=period.pk).update(published_at=None)
        _timed(client, mix[(n * 7919) % len(mix)])
    total = STATS["hits"] + STATS["misses"]
    return {**STATS, "rate": STATS["hits"] / total if total else 0.0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=["tiny", "national"], default="national")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="No directory at")
    warnings.filterwarnings("ignore", message="Limit for query logging")
    if connection.vendor == "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = os.path.join(
            tempfile.gettempdir(), "bench_portal.sqlite3")
    from analytics_data import populate

    with throwaway_database() as vendor:
        print(f"database: {vendor}, scale: {args.scale}", flush=True)
        data = populate(args.scale)[0]
        print(f"published periods: {publish_closed_periods(data.plan)}")
        from tendik.opendata.selectors import published_indicators

        indicators = list(published_indicators(data.country).values_list("pk", flat=True))
        urls = [f"/portal/indicators/{pk}/" for pk in indicators]
        client = Client()  # anonymous
        page = warm(client, urls[0])
        print(f"indicator page warm: p50 {page['p50']:.1f} ms, p95 {page['p95']:.1f} ms "
              f"(target ≤ {TARGET_MS} ms: {'met' if page['p95'] <= TARGET_MS else 'MISSED'}), "
              f"queries {page['queries']}, {page['bytes'] / 1024:.0f} KB; "
              f"304 revalidation p95 {page['p95_304']:.1f} ms")
        first = cold(client, urls[:5])
        print(f"indicator page first render (empty caches): median {statistics.median(first):.0f}"
              f" ms, max {max(first):.0f} ms")
        home = warm(client, "/portal/")
        print(f"home warm: p50 {home['p50']:.1f} ms, p95 {home['p95']:.1f} ms, "
              f"{home['bytes'] / 1024:.0f} KB")
        mix = visitors(client, urls)
        print(f"page cache over {VISITORS} visits to {len(urls)} indicators (one withdrawal "
              f"half-way): {mix['hits']} hits, {mix['misses']} misses, hit rate "
              f"{mix['rate']:.1%}")


if __name__ == "__main__":
    main()
