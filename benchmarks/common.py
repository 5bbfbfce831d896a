"""Shared set-up for the benchmarks: Django on a throw-away test database, and a page timer."""

import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("TENDIK_DEBUG", "false")  # measure as deployed: no template debug data

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


@contextmanager
def throwaway_database():
    # No setup_test_environment(): its template instrumentation would inflate every timing.
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        yield connection.vendor
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def p95(values: list[float]) -> float:
    """The 95th percentile, as every benchmark here reports it: the value 95 % stay at or under."""
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def time_pages(client, urls: list[str]) -> tuple[float, float, list[int]]:
    """p50 and p95 server time in ms over `urls`, and the distinct query counts seen."""
    timings, queries = [], set()
    for url in urls[:5]:
        client.get(url)  # warm-up
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.add(len(captured))
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], sorted(queries)


@contextmanager
def stopwatch(label: str):
    start = time.perf_counter()
    yield
    print(f"{label}: {time.perf_counter() - start:.2f} s")
