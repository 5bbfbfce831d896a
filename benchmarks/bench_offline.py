"""Working offline: what the installable app weighs, and what a device's sync costs the server.

Prints:
- the weight of the worker and its own assets (sw.js as served, app.js, queue.js, the manifest,
  the icons), raw and gzipped, against the 50 KB budget;
- `/offline/state.json` for a focal point with 1 and with 40 open reports (p50/p95, queries);
- a queue of 60 writes synced in order (30 section saves, 20 new activities, 10 indicator-value
  saves), then the same queue resent as after a dropped connection: p50/p95 per request,
  queries per request, and the rows written by the resend (must be none).

    .venv/bin/python benchmarks/bench_offline.py                     # SQLite
    TENDIK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python benchmarks/bench_offline.py                 # PostgreSQL
"""

import datetime
import gzip
import time
import uuid

from common import p95, throwaway_database, time_pages
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

BUDGET = 50 * 1024
OWN_ASSETS = ("offline/app.js", "offline/queue.js", "offline/icon-192.png",
              "offline/icon-512.png")
JSON = "application/json"


def weight() -> None:
    client = Client()
    files = {"sw.js": client.get("/sw.js").content,
             "manifest.webmanifest": client.get("/manifest.webmanifest").content}
    for path in OWN_ASSETS:
        found = finders.find(path)
        if found:
            with open(found, "rb") as handle:
                files[path] = handle.read()
    raw = sum(len(body) for body in files.values())
    packed = sum(len(gzip.compress(body)) for body in files.values())
    for name, body in files.items():
        print(f"  {name}: {len(body):,} B ({len(gzip.compress(body)):,} B gzipped)")
    print(f"offline layer: {raw:,} B raw, {packed:,} B gzipped; budget {BUDGET:,} B: "
          f"{'within' if raw <= BUDGET else 'OVER'}")


def open_report(world, plan, number: int):
    """The focal point's report in the plan's `number`-th open quarter."""
    from tendik.reporting import services

    start = datetime.date(2022, 1, 1) + datetime.timedelta(days=9 * number)
    period = services.period_create(actor=None, plan=plan, kind="quarter", start=start,
                                    end=start + datetime.timedelta(days=8),
                                    due_date=datetime.date(2030, 1, 1))
    services.period_transition(actor=None, period=period, to="open")
    return period.reports.get(organisation=world.home_org)


def queue_for(report, indicator) -> list[tuple[str, str, dict]]:
    items = []
    progress = list(report.progress.order_by("measure_id"))
    for number in range(30):
        section = progress[number % len(progress)]
        items.append(("patch", f"/api/v1/reports/{report.pk}/progress/{section.measure_id}/",
                      {"narrative_ru": f"Сделано без связи, запись {number}"}))
    for number in range(20):
        items.append(("post", f"/api/v1/reports/{report.pk}/activities/", {
            "kind": "training", "title": f"Тренинг {number}", "start": "2023-03-01",
            "end": "2023-03-01", "participants_women": 10, "participants_men": 5,
            "participants_total": 15}))
    for number in range(10):
        items.append(("patch", f"/api/v1/reports/{report.pk}/observations/", {
            "values": [{"indicator": indicator.pk, "value": str(number + 1)}]}))
    return [(method, url, {**body, "client_id": str(uuid.uuid4())}) for method, url, body in items]


def send(client, queue, versions: dict) -> tuple[list[float], set[int]]:
    timings, queries = [], set()
    for method, url, body in queue:
        if "version" not in body and method == "patch":
            body["version"] = versions.get(url, 1)
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = getattr(client, method)(url, body, content_type=JSON)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 201), (url, response.status_code, response.content)
        queries.add(len(captured))
        if method == "patch":
            versions[url] = response.json()["version"]
    return timings, queries


def sync(world, report, indicator) -> None:
    from tendik.core.models import AuditEntry
    from tendik.reporting.models import Activity

    client = Client()
    client.force_login(world.users["focal_point"])
    versions = {f"/api/v1/reports/{report.pk}/progress/{p.measure_id}/": p.version
                for p in report.progress.all()}
    queue = queue_for(report, indicator)
    first, first_queries = send(client, queue, versions)
    activities, audits = Activity.objects.count(), AuditEntry.objects.count()
    again, again_queries = send(client, queue, {})
    assert (Activity.objects.count(), AuditEntry.objects.count()) == (activities, audits)
    print(f"sync of {len(queue)} queued writes: p50 {sorted(first)[len(first) // 2]:.1f} ms, "
          f"p95 {p95(first):.1f} ms, total {sum(first):.0f} ms, queries {sorted(first_queries)}")
    print(f"the same queue resent: p50 {sorted(again)[len(again) // 2]:.1f} ms, "
          f"p95 {p95(again):.1f} ms, queries {sorted(again_queries)}; "
          f"rows written by the resend: {Activity.objects.count() - activities} activities, "
          f"{AuditEntry.objects.count() - audits} audit entries")


def state(world, reports_count: int) -> None:
    client = Client()
    client.force_login(world.users["focal_point"])
    p50, p95_ms, queries = time_pages(client, ["/offline/state.json"] * 40)
    print(f"state.json with {reports_count} open report(s): p50 {p50:.1f} ms, "
          f"p95 {p95_ms:.1f} ms, queries {queries}")


def main() -> None:
    from tendik.reporting.tests.factories import open_period
    from tendik.testing.matrix import build_world

    with throwaway_database() as vendor:
        print(f"database: {vendor}")
        weight()
        world = build_world()
        plan, _period, report, indicator, _ = open_period(world)
        state(world, 1)
        sync(world, report, indicator)
        for number in range(1, 40):
            open_report(world, plan, number)
        state(world, 40)


if __name__ == "__main__":
    main()
