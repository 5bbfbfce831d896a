"""Open data at national scale, as an anonymous reader: the all-data ZIP built as a job (target:
≤ 30 s), the catalogue, and one indicator's CSV, JSON, XLSX and SDMX-ML.

    .venv/bin/python benchmarks/bench_opendata.py --scale national          # SQLite
    TENDIK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/bench_opendata.py --scale national      # PostgreSQL

The benchmark data's closed periods are published with a direct update of `published_at`.
The ZIP is built with empty caches (as after a publication: its fingerprint changed), through
the request service and the job runner the worker calls.
"""

import argparse
import json
import os
import statistics
import tempfile
import time
import warnings

from common import connection, p95, throwaway_database
from django.test import Client
from django.test.utils import CaptureQueriesContext

TARGET_S = 30
WARM = 20



def build_archive(country) -> dict:
    """Request (what the first reader's 503 does) and run the job, with empty caches."""
    from django.core.cache import cache

    from tendik.opendata.services import open_data_archive_job_run, open_data_archive_request

    cache.clear()
    wall, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as captured:
        archive, _created = open_data_archive_request(country=country)
        job = open_data_archive_job_run(job_id=archive.job_id)
    result = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
              "queries": len(captured), "status": job.status}
    archive.refresh_from_db()
    return {**result, "bytes": archive.size, "indicators": archive.indicators}


def timed(client: Client, url: str) -> dict:
    """The first answer (empty caches, as after a publication), then warm p50/p95."""
    from django.core.cache import cache

    cache.clear()
    start = time.perf_counter()
    client.get(url)
    first = (time.perf_counter() - start) * 1000
    timings, queries, size = [], set(), 0
    for _ in range(WARM):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.add(len(captured))
        size = len(response.content)
    return {"first_ms": first, "p50_ms": statistics.median(timings), "p95_ms": p95(timings),
            "queries": sorted(queries), "bytes": size}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=["tiny", "national"], default="national")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="No directory at")
    if connection.vendor == "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = os.path.join(
            tempfile.gettempdir(), "bench_opendata.sqlite3")
    from analytics_data import populate
    from bench_portal import publish_closed_periods

    with throwaway_database() as vendor:
        print(f"database: {vendor}, scale: {args.scale}", flush=True)
        data = populate(args.scale)[0]
        print(f"published periods: {publish_closed_periods(data.plan)}", flush=True)
        from tendik.opendata.selectors import published_indicators

        indicators = list(published_indicators(data.country))
        results = {"vendor": vendor, "scale": args.scale, "indicators": len(indicators)}
        results["zip"] = build_archive(data.country)
        z = results["zip"]
        print(f"all-data ZIP as a job: {z['wall_s']:.1f} s wall, {z['cpu_s']:.1f} s CPU "
              f"(target ≤ {TARGET_S} s: {'met' if z['wall_s'] <= TARGET_S else 'MISSED'}), "
              f"{z['indicators']} indicators, {z['bytes'] / 1024:.0f} KB, {z['queries']} "
              f"queries, job {z['status']}", flush=True)
        client = Client()
        code = indicators[0].code
        urls = {"catalogue": "/open-data/catalogue.json",
                **{fmt: f"/open-data/indicators/{code}.{fmt}?country={data.country.code}"
                   for fmt in ("csv", "json", "xlsx", "xml")}}
        for name, url in urls.items():
            results[name] = timed(client, url)
            r = results[name]
            print(f"{name}: first {r['first_ms']:.0f} ms, warm p50 {r['p50_ms']:.1f} ms, "
                  f"p95 {r['p95_ms']:.1f} ms, queries {r['queries']}, "
                  f"{r['bytes'] / 1024:.0f} KB", flush=True)
        path = os.path.join(tempfile.gettempdir(), f"bench_opendata_{args.scale}_{vendor}.json")
        with open(path, "w") as out:
            json.dump(results, out, indent=1)
        print(f"results: {path}")


if __name__ == "__main__":
    main()
