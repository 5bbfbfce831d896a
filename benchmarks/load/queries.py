"""What one request of each kind in the mix costs alone: SQL queries and server time, no load.

    .venv/bin/python benchmarks/load/queries.py --database sqlite|postgres

Uses the database and targets `setup.py` prepared, in this process through Django's test client,
with the production settings the server runs with. Each URL is requested once to warm up, then
REPEAT times; the median time is printed, beside the p95 the load test measured under load.
"""

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from environment import server_environment, targets_path  # noqa: E402

REPEAT = 5


def _timed(client, method: str, url: str, **data) -> tuple[float, int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = getattr(client, method)(url, **data)
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(captured), response


def _measure(client, kind: str, url: str) -> tuple[str, float, int]:
    _timed(client, "get", url)
    runs = [_timed(client, "get", url) for _ in range(REPEAT)]
    assert all(response.status_code == 200 for _t, _q, response in runs), (kind, url)
    return kind, statistics.median(t for t, _q, _r in runs), max(q for _t, q, _r in runs)


def _save(client, report: int, measure: int) -> tuple[str, float, int]:
    page = client.get(f"/reports/{report}/").content.decode()
    version = re.search(rf'name="m{measure}-version" value="(\d+)"', page).group(1)
    times, queries = [], 0
    for number in range(REPEAT):
        prefix = f"m{measure}"
        elapsed, count, response = _timed(
            client, "post", f"/reports/{report}/progress/{measure}/",
            data={f"{prefix}-version": version, f"{prefix}-status": "in_progress",
                  f"{prefix}-narrative_ru": f"Замер {number}"}, HTTP_HX_REQUEST="true")
        version = re.search(r'value="(\d+)"', response.content.decode()).group(1)
        times.append(elapsed)
        queries = max(queries, count)
    return "focal: save section", statistics.median(times), queries


def _client(session: str | None):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if session:
        client.cookies["sessionid"] = session
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    database = parser.parse_args().database
    os.environ.update(server_environment(database))
    import django

    django.setup()
    targets = json.loads(targets_path(database).read_text(encoding="utf-8"))
    focal = targets["focal"][0]
    section = focal["sections"][0]
    coordinator = _client(targets["coordinator"]["sessions"][0])
    rows = [_measure(_client(focal["session"]), "focal: report page", f"/reports/{section['report']}/"),
            _save(_client(focal["session"]), section["report"], section["measure"])]
    rows += [_measure(coordinator, f"coordinator: {kind}", urls[0])
             for kind, urls in targets["coordinator"]["urls"].items()]
    rows += [_measure(_client(None), f"public: {kind}", urls[0])
             for kind, urls in targets["anonymous"]["urls"].items()]
    print(f"{database}: one request at a time (median of {REPEAT}, ms; SQL queries)")
    for kind, median, queries in rows:
        print(f"  {kind:<36}{median:>8.0f}{queries:>6}")


if __name__ == "__main__":
    main()
