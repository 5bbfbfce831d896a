"""Server time of the organisations list (search + filter) and detail pages at 5,000 organisations
and 20,000 people. Prints p50/p95 and the queries per page.

    .venv/bin/python benchmarks/bench_organisations.py                 # SQLite
    TENDIK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/bench_organisations.py             # PostgreSQL

It runs in a throw-away test database, never in the real one.
"""

import random
import time

from common import throwaway_database, time_pages
from django.test import Client

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


def main():
    with throwaway_database() as vendor:
        started = time.perf_counter()
        coordinator, ids = populate()
        print(f"database: {vendor}; generated {ORGANISATIONS} organisations and "
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
            p50, p95, queries = time_pages(client, urls)
            print(f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, queries per page {queries}, "
                  f"n={len(urls)}")


if __name__ == "__main__":
    main()
