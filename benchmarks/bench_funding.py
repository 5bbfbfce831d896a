"""The NAP's funding figures at the issue's scale: 2,000 projects, 20,000 project budget lines,
6,000 disbursements and 10 years of daily official rates (USD, EUR, RUB, KZT in KGS; USD, EUR,
RUB, KGS in KZT), for a plan of 300 measures over ten years. Times the funding API (the whole
request: parsing, figures, serializer) in each reporting currency; the target is p95 ≤ 100 ms.

    .venv/bin/python benchmarks/bench_funding.py                       # SQLite
    TENDIK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/bench_funding.py                   # PostgreSQL

Rows are built with bulk_create from arithmetic on their numbers, so every run and both
databases hold the same figures.
"""

import datetime
import time
from decimal import Decimal

from common import connection, p95, throwaway_database
from django.test import Client
from django.test.utils import CaptureQueriesContext

PROJECTS, LINES_PER_PROJECT, DISBURSEMENTS_PER_PROJECT = 2000, 10, 3
AREAS, OBJECTIVES, MEASURES_PER_OBJECTIVE = 5, 4, 15
DONORS = 60
FIRST_DAY, YEARS = datetime.date(2016, 12, 1), 10
VALUED_ON = datetime.date(2026, 11, 30)
CURRENCIES = ("KGS", "KZT", "USD", "EUR")
PROJECT_CURRENCIES = ("USD", "EUR", "USD", "KGS", "KZT", "RUB")
REQUESTS, WARM_UP = 30, 3
TARGET_MS = 100
# Units of the base for one unit of the currency, near the real levels of 2016–2026.
LEVELS = {("KGS", "USD"): 80, ("KGS", "EUR"): 92, ("KGS", "RUB"): 1.2, ("KGS", "KZT"): 0.19,
          ("KZT", "USD"): 420, ("KZT", "EUR"): 480, ("KZT", "RUB"): 6.2, ("KZT", "KGS"): 5.2}


def _rates() -> int:
    from tendik.partners.models import ExchangeRate

    days = (VALUED_ON - FIRST_DAY).days + 1
    rows = [ExchangeRate(base=base, currency=currency, date=FIRST_DAY + datetime.timedelta(n),
                         rate=Decimal(str(round(level * (1 + ((n * 7919) % 200 - 100) / 2000), 6))),
                         source="bench")
            for (base, currency), level in LEVELS.items() for n in range(days)]
    ExchangeRate.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _plan(country, executor):
    from tendik.plans.models import BudgetLine, Measure, Objective, Plan, PriorityArea, Strategy

    strategy = Strategy.objects.create(country=country, title_ru="Стратегия",
                                       period_start=datetime.date(2016, 1, 1),
                                       period_end=datetime.date(2030, 12, 31))
    plan = Plan.objects.create(kind="nap", country=country, strategy=strategy, status="in_force",
                               title_ru="НПД (нагрузка)", period_start=datetime.date(2017, 1, 1),
                               period_end=datetime.date(2026, 12, 31))
    areas = PriorityArea.objects.bulk_create([
        PriorityArea(plan=plan, position=a + 1, code=str(a + 1), title_ru=f"Направление {a + 1}")
        for a in range(AREAS)])
    objectives = Objective.objects.bulk_create([
        Objective(plan=plan, area=area, position=o + 1, code=f"{area.code}.{o + 1}",
                  title_ru=f"Задача {area.code}.{o + 1}")
        for area in areas for o in range(OBJECTIVES)])
    measures = Measure.objects.bulk_create([
        Measure(plan=plan, objective=objective, position=m + 1, code=f"{objective.code}.{m + 1}",
                title_ru=f"Мероприятие {objective.code}.{m + 1}", lead_executor=executor)
        for objective in objectives for m in range(MEASURES_PER_OBJECTIVE)])
    BudgetLine.objects.bulk_create(
        [BudgetLine(measure=m, amount=Decimal(100000 + n * 1000), currency="KGS",
                    source="republican") for n, m in enumerate(measures) if n % 5]
        + [BudgetLine(measure=m, amount=Decimal(5000 + n * 10), currency="USD", source="donor")
           for n, m in enumerate(measures) if n % 3 == 0]
        + [BudgetLine(measure=m, source="not_required") for n, m in enumerate(measures)
           if n % 5 == 0 and n % 3])
    return plan, measures


def _projects(country, measures, donors) -> None:
    from tendik.partners.models import Disbursement, Project, ProjectBudgetLine, ProjectPartner

    projects = Project.objects.bulk_create([
        Project(country=country, title_ru=f"Проект {n}", code=f"P-{n}",
                period_start=datetime.date(2017 + n % 5, 1, 1),
                period_end=datetime.date(2022 + n % 5, 12, 31),
                status="cancelled" if n % 50 == 0 else "active") for n in range(PROJECTS)])
    through = Project.measures.through
    through.objects.bulk_create([
        through(project_id=p.pk, measure_id=measures[(n * 7 + k * 31) % len(measures)].pk)
        for n, p in enumerate(projects) for k in range(1 + n % 3)])
    ProjectPartner.objects.bulk_create([
        ProjectPartner(project=p, organisation=donors[(n + k) % len(donors)], role="donor")
        for n, p in enumerate(projects) for k in range(1 + (n % 4 == 0))])
    # A project's budget is agreed in one currency, with some government co-financing in som.
    ProjectBudgetLine.objects.bulk_create([
        ProjectBudgetLine(project=p, year=2017 + (n + k) % YEARS,
                          amount=Decimal(1000 * (1 + (n * 13 + k * 17) % 500)),
                          currency="KGS" if k >= 8 else _currency(n),
                          source=("republican", "local")[n % 2] if k >= 8 else "donor",
                          funder=donors[(n + k) % len(donors)] if k % 4 == 1 else None,
                          measure=measures[(n * 7) % len(measures)] if k % 5 == 0 else None)
        for n, p in enumerate(projects) for k in range(LINES_PER_PROJECT)], batch_size=5000)
    Disbursement.objects.bulk_create([
        Disbursement(project=p, date=datetime.date(2017, 1, 2) + datetime.timedelta(
            (n * 37 + k * 101) % (365 * YEARS - 40)), amount=Decimal(500 + (n * 11 + k) % 9000),
            currency=_currency(n))
        for n, p in enumerate(projects) for k in range(DISBURSEMENTS_PER_PROJECT)],
        batch_size=5000)


def _currency(n: int) -> str:
    return PROJECT_CURRENCIES[n % len(PROJECT_CURRENCIES)]


def populate():
    from tendik.testing.factories import CountryFactory, OrganisationFactory, user_with_role

    kg = CountryFactory(code="KG")
    ministry = OrganisationFactory(country=kg)
    donors = [OrganisationFactory(country=kg, kind="international", name_ru=f"Донор {n}")
              for n in range(DONORS)]
    coordinator = user_with_role("coordinator", username="bench", organisation=ministry)
    rates = _rates()
    plan, measures = _plan(kg, ministry)
    _projects(kg, measures, donors)
    return coordinator, plan, rates


def _time(client: Client, url: str) -> tuple[float, float, set[int]]:
    for _n in range(WARM_UP):
        assert client.get(url).status_code == 200, client.get(url).content[:300]
    timings, queries = [], set()
    for _n in range(REQUESTS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
        queries.add(len(captured))
    timings.sort()
    return timings[len(timings) // 2], p95(timings), queries


def _measure_all(client: Client, plan, label: str) -> float:
    worst = 0.0
    for currency in CURRENCIES:
        url = (f"/api/v1/analytics/funding/?plan={plan.pk}&currency={currency}"
               f"&date={VALUED_ON.isoformat()}")
        body = client.get(url).json()
        p50, p95_ms, queries = _time(client, url)
        worst = max(worst, p95_ms)
        print(f"{label}, in {currency}: p50 {p50:.1f} ms, p95 {p95_ms:.1f} ms, queries "
              f"{sorted(queries)}, n={REQUESTS}; total {body['total']}, disbursed "
              f"{body['disbursed']}, {len(body['rates'])} rates used")
    verdict = "met" if worst <= TARGET_MS else "MISSED"
    print(f"{label}: target p95 ≤ {TARGET_MS} ms {verdict} (worst p95 {worst:.1f} ms)")
    return worst


def main():
    from tendik.partners.models import Disbursement, ProjectBudgetLine

    with throwaway_database() as vendor:
        started = time.perf_counter()
        coordinator, plan, rates = populate()
        paid = Disbursement.objects.count()
        print(f"database: {vendor}; {PROJECTS} projects, {ProjectBudgetLine.objects.count()} "
              f"budget lines, {paid} disbursements, {rates} rates, "
              f"{plan.measures.count()} measures; built in {time.perf_counter() - started:.1f} s")
        client = Client()
        client.force_login(coordinator)
        _measure_all(client, plan, f"with {paid} disbursements")
        # The scale names projects, lines and rates only; each payment day needs its
        # own rates, so the figures are also timed without payments.
        Disbursement.objects.all().delete()
        _measure_all(client, plan, "without disbursements")


if __name__ == "__main__":
    main()
