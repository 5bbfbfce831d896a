"""The family-violence figures at scale: 500 local committees × 10 years of accepted monthly
forms (60,000) over a real-looking territory tree (9 regions, 45 districts, 460 municipalities).

Measures p50/p95 server time (target: p95 ≤ 100 ms) of
- the public page /portal/family-violence/ for one year, by region and by district (sums in SQL,
  small districts merged, every row suppressed), as an anonymous visitor: the first render
  (cache emptied before each request) and warm (the content kept under the figures'
  fingerprint; only the fingerprint's two small queries run);
- the coverage page `committees:coverage` (the whole country, and one region), as a coordinator.

    .venv/bin/python benchmarks/bench_committees.py                    # SQLite
    TENDIK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/bench_committees.py                # PostgreSQL

It runs in a throw-away test database, never in the real one.
"""

import datetime
import os
import random
import statistics
import tempfile
import time
import warnings

from common import connection, p95, throwaway_database, time_pages
from django.test import Client
from django.test.utils import CaptureQueriesContext

REGIONS, DISTRICTS_PER_REGION, MUNICIPALITIES = 9, 5, 460
COMMITTEES, YEARS, FIRST_YEAR = 500, 10, 2016
REPEATS = 4  # timed requests per year and URL
TARGET_MS = 100


def _tree(kg):
    from tendik.territories.models import Territory

    def make(rows):
        Territory.objects.bulk_create(rows, batch_size=1000)
        return list(Territory.objects.filter(code__in=[r.code for r in rows]).order_by("code"))

    regions = make([Territory(code=f"KG{r:02d}", level="region", parent=kg, country_code="KG",
                              name_ru=f"Область {r}") for r in range(REGIONS)])
    districts = make([Territory(code=f"{region.code}{d:02d}", level="district", parent=region,
                                country_code="KG", name_ru=f"Район {region.code}-{d}")
                      for region in regions for d in range(DISTRICTS_PER_REGION)])
    return make([Territory(code=f"{districts[m % len(districts)].code}{m:04d}",
                           level="municipality", parent=districts[m % len(districts)],
                           country_code="KG", name_ru=f"Айыльный аймак {m}")
                 for m in range(MUNICIPALITIES)]), districts


def _committees(kg, places):
    from tendik.committees.models import Committee
    from tendik.organisations.models import Organisation

    Organisation.objects.bulk_create(
        [Organisation(kind="lsg", country=kg, territory=place, name_ru=f"Айыл окмоту {n}",
                      acronym=f"АО{n}", search_text=f"айыл окмоту {n}")
         for n, place in enumerate(places)], batch_size=1000)
    organisations = Organisation.objects.filter(kind="lsg").order_by("pk")
    Committee.objects.bulk_create(
        [Committee(organisation=org, country=kg, territory=org.territory,
                   established=datetime.date(FIRST_YEAR - 1, 1, 1),
                   status="active" if n % 9 else "inactive")
         for n, org in enumerate(organisations.select_related("territory"))], batch_size=1000)
    return list(Committee.objects.values_list("pk", "territory_id"))


def _split(rng, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _counts(rng) -> dict[str, int]:
    """A rural committee's month: mostly a handful of appeals, now and then a busy one."""
    appeals = rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 25])
    persons = appeals + rng.randint(0, 2)
    referrals = rng.randint(0, appeals)
    physical, psychological, economic, sexual = _split(rng, appeals, 4)
    women = rng.randint(persons // 2, persons)
    ages = _split(rng, persons, 5)
    police, health, shelter, legal, social = _split(rng, referrals, 5)
    return {
        "appeals_total": appeals, "appeals_physical": physical,
        "appeals_psychological": psychological, "appeals_economic": economic,
        "appeals_sexual": sexual, "persons_total": persons, "persons_women": women,
        "persons_men": persons - women, "persons_age_0_17": ages[0],
        "persons_age_18_29": ages[1], "persons_age_30_44": ages[2], "persons_age_45_59": ages[3],
        "persons_age_60_99": ages[4], "protection_orders_total": rng.randint(0, 2),
        "referrals_total": referrals, "referrals_police": police, "referrals_health": health,
        "referrals_shelter": shelter, "referrals_legal_aid": legal,
        "referrals_social_protection": social,
        "correctional_programmes_total": rng.randint(0, 1)}


def populate():
    from tendik.committees.models import MonthlyStatistics
    from tendik.testing.factories import CountryFactory, OrganisationFactory, user_with_role

    rng = random.Random(14)
    kg = CountryFactory(code="KG", name_ru="Кыргызстан")
    municipalities, districts = _tree(kg)
    places = municipalities + districts[: COMMITTEES - len(municipalities)]
    committees = _committees(kg, places)
    months = [datetime.date(FIRST_YEAR + y, m, 1) for y in range(YEARS) for m in range(1, 13)]
    for month in months:
        MonthlyStatistics.objects.bulk_create(
            [MonthlyStatistics(committee_id=pk, territory_id=territory, country=kg, month=month,
                               state="accepted", **_counts(rng))
             for pk, territory in committees], batch_size=1000)
    coordinator = user_with_role("coordinator", username="bench-coordinator",
                                 organisation=OrganisationFactory(country=kg))
    return kg, coordinator, len(committees) * len(months)


def _report(label: str, timing: tuple) -> None:
    p50, p95, queries = timing
    verdict = "met" if p95 <= TARGET_MS else "MISSED"
    print(f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target ≤ {TARGET_MS} ms: {verdict}), "
          f"queries {queries}")


def _cold(client, urls: list[str]) -> tuple:
    """Every request computes the figures: the cache is emptied before each one."""
    from django.core.cache import cache

    timings, queries = [], set()
    for url in urls:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.add(len(captured))
    return statistics.median(timings), p95(timings), sorted(queries)


def main():
    warnings.filterwarnings("ignore", message="No directory at")
    warnings.filterwarnings("ignore", message="Limit for query logging")
    if connection.vendor == "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = os.path.join(
            tempfile.gettempdir(), "bench_committees.sqlite3")
    with throwaway_database() as vendor:
        started = time.perf_counter()
        kg, coordinator, forms = populate()
        print(f"database: {vendor}; {COMMITTEES} committees, {forms} accepted forms in "
              f"{time.perf_counter() - started:.1f} s")
        years = range(FIRST_YEAR, FIRST_YEAR + YEARS)
        anonymous = Client()
        for level in ("region", "district"):
            urls = [f"/portal/family-violence/?country=KG&level={level}&year={year}"
                    for year in years]
            _report(f"public figures page, one year by {level}, first render (empty cache)",
                    _cold(anonymous, urls * REPEATS))
            for url in urls:
                anonymous.get(url)  # every year's content into the cache
            _report(f"public figures page, one year by {level}, warm",
                    time_pages(anonymous, urls * REPEATS))
        staff = Client()
        staff.force_login(coordinator)
        regions = kg.children.order_by("code").values_list("code", flat=True)
        _report("coverage page, the country", time_pages(staff, ["/committees/coverage/"] * 40))
        _report("coverage page, one region", time_pages(
            staff, [f"/committees/coverage/?region={code}" for code in regions for _ in range(5)]))


if __name__ == "__main__":
    main()
