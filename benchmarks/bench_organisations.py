"""Server time of the organisations list (search + filter) and detail pages at 5,000 organisations
and 20,000 people. Prints p50/p95 and the queries per page.

    .venv/bin/python benchmarks/bench_organisations.py                 # SQLite
    TENDIK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/bench_organisations.py             # PostgreSQL

It runs in a throw-away test database, never in the real one.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("TENDIK_DEBUG", "false")  # measure as deployed: no template debug data

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

ORGANISATIONS, PEOPLE, REQUESTS = 5000, 20000, 200
KINDS = ["ministry", "state_agency", "lsg", "cso", "international", "crisis_centre", "media"]


def populate():
    from tendik.organisations.models import Organisation, Person
    from tendik.testing.factories import CountryFactory, user_with_role

    kg = CountryFactory(code="KG")
    rng = random.Random(42)
    organisations = []
    for n in range(ORGANISATIONS):
        name = f"Организация {n} {rng.choice(['труда', 'образования', 'здоровья', 'айыл'])}"
        acronym = f"ОРГ{n}"
        organisations.append(Organisation(kind=rng.choice(KINDS), country=kg, name_ru=name,
                                          acronym=acronym, search_text=f"{name} | {acronym}".lower()))
    Organisation.objects.bulk_create(organisations, batch_size=1000)
    ids = list(Organisation.objects.values_list("id", flat=True))
    Person.objects.bulk_create(
        [Person(organisation_id=rng.choice(ids), last_name=f"Фамилия{n}", first_name="Айгуль",
                sex=rng.choice(["female", "male"]), is_focal_point=n % 10 == 0)
         for n in range(PEOPLE)], batch_size=2000)
    coordinator = user_with_role("coordinator", username="bench-coordinator",
                                 organisation_id=ids[0], country=kg)
    return coordinator, ids


def measure(client, urls):
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


def main():
    # No setup_test_environment(): its template instrumentation would inflate every timing.
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        started = time.perf_counter()
        coordinator, ids = populate()
        print(f"database: {connection.vendor}; generated {ORGANISATIONS} organisations and "
              f"{PEOPLE} people in {time.perf_counter() - started:.1f} s")
        client = Client()
        client.force_login(coordinator)
        rng = random.Random(7)
        pages = {
            "organisations list (search + kind filter)": [
                f"/organisations/?search={rng.choice(['труда', 'орг1', 'айыл', 'образования'])}"
                f"&kind={rng.choice(KINDS)}&page={rng.randint(1, 3)}" for _ in range(REQUESTS)],
            "organisation detail": [f"/organisations/{rng.choice(ids)}/" for _ in range(REQUESTS)],
        }
        for label, urls in pages.items():
            p50, p95, queries = measure(client, urls)
            print(f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, queries per page {queries}, "
                  f"n={len(urls)}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
