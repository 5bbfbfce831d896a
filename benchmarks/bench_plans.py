"""A plan of 300 measures, 150 indicators and 1,000 budget lines: the overview page's server time
(p50/p95, queries per page) and the XLSX matrix export and import times.

The overview's measure rows are rendered with Jinja2 (docs/decisions/0002-plan-overview-renderer.md).
In the same run the page and the rows alone are also timed with the rows rendered by a bare
Django template, the baseline Jinja2 was chosen against, so both figures share one machine and load.

    .venv/bin/python benchmarks/bench_plans.py                         # SQLite
    TENDIK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/bench_plans.py                     # PostgreSQL
"""

import datetime
import random
import statistics
import time
from contextlib import contextmanager, nullcontext
from decimal import Decimal

from common import stopwatch, throwaway_database, time_pages
from django.template import Context, Template
from django.test import Client

AREAS, OBJECTIVES, MEASURES, INDICATORS, BUDGET_LINES = 5, 6, 10, 150, 1000
REQUESTS = 60
FRAGMENT_RUNS = 30

# The same rows as tendik/plans/jinja2/plans/measure_rows.html, in plain Django template language.
BARE_ROWS = Template("""{% for m, title in rows %}<tr><td>{{ m.code }}</td><td>\
<a href="{{ url }}{{ m.id }}/">{{ title.text }}</a>{% if title.is_fallback and title.text %} \
<span class="badge fallback" \
title="{{ fallback }}">{{ title.language }}</span>{% endif %}</td><td>{{ m.deadline_label }}</td>\
<td><strong>{{ m.lead|default:"" }}</strong>{% for name in m.co %}, {{ name|default:"" }}{% endfor %}</td>
<td>{% for code, name in m.indicators %}{% if not forloop.first %} {% endif %}<span class="badge" \
title="{{ name }}">{{ code }}</span>{% endfor %}</td><td>{% for line in m.budget %}<div>{{ line }}</div>\
{% endfor %}</td><td>{% for label, title in m.frameworks %}{% if not forloop.first %} {% endif %}\
<span class="badge" title="{{ title }}">{{ label }}</span>{% endfor %}</td></tr>
{% endfor %}""")


class BareTemplateRows:
    """Stands in for the Jinja2 template in `plan_overview`: the same context, a Django template."""

    def render(self, *, measures, titles, url, fallback):
        return BARE_ROWS.render(Context({"rows": list(zip(measures, titles, strict=True)),
                                         "url": url, "fallback": fallback}))


@contextmanager
def bare_template_rows():
    from tendik.plans.templatetags import plan_overview

    jinja_rows, plan_overview._ROWS = plan_overview._ROWS, BareTemplateRows()
    try:
        yield
    finally:
        plan_overview._ROWS = jinja_rows


def time_fragment(measures: list[dict]) -> tuple[float, float]:
    """p50 and p95 in ms of rendering every measure row of the plan, without the page around it."""
    from tendik.plans.templatetags.plan_overview import measure_rows

    timings = []
    for _ in range(FRAGMENT_RUNS):
        start = time.perf_counter()
        measure_rows(measures)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def populate():
    from tendik.plans import services
    from tendik.plans.models import FrameworkItem
    from tendik.testing.factories import CountryFactory, OrganisationFactory, user_with_role

    rng = random.Random(3)
    kg = CountryFactory(code="KG")
    organisations = [OrganisationFactory(country=kg) for _ in range(40)]
    coordinator = user_with_role("coordinator", username="bench", organisation=organisations[0])
    indicators = [services.indicator_create(actor=None, country=kg, code=f"И-{n}",
                                            name_ru=f"Индикатор {n}") for n in range(INDICATORS)]
    frameworks = list(FrameworkItem.objects.all())
    strategy = services.strategy_create(actor=None, country=kg, title_ru="Стратегия",
                                        period_start=datetime.date(2021, 1, 1),
                                        period_end=datetime.date(2030, 12, 31))
    plan = services.plan_create(actor=None, kind="nap", country=kg, strategy=strategy,
                                title_ru="НПД (нагрузка)", period_start=datetime.date(2022, 1, 1),
                                period_end=datetime.date(2024, 12, 31))
    total = AREAS * OBJECTIVES * MEASURES
    lines_left = BUDGET_LINES
    for a in range(AREAS):
        area = services.area_add(actor=None, plan=plan, title_ru=f"Направление {a + 1}")
        for o in range(OBJECTIVES):
            objective = services.objective_add(actor=None, area=area, title_ru=f"Задача {o + 1}")
            for m in range(MEASURES):
                index = (a * OBJECTIVES + o) * MEASURES + m
                count = lines_left // (total - index)
                lines_left -= count
                services.measure_create(
                    actor=None, objective=objective, title_ru=f"Мероприятие {index} " * 4,
                    expected_result_ru="Результат " * 10, deadline_kind="years",
                    deadline_years="2022,2023", lead_executor=rng.choice(organisations),
                    co_executors=rng.sample(organisations, 2),
                    indicators=[indicators[index % INDICATORS],
                                indicators[(index * 7) % INDICATORS]],
                    frameworks=rng.sample(frameworks, 2),
                    budget_lines=[{"amount": Decimal(rng.randint(1, 10**6)),
                                   "currency": rng.choice(["KGS", "USD", "EUR"]),
                                   "source": rng.choice(["republican", "local", "donor"])}
                                  for _ in range(count)])
    return coordinator, plan, kg


def main():
    from tendik.plans.matrix import matrix_workbook
    from tendik.plans.models import BudgetLine
    from tendik.plans.selectors import plan_overview, plan_tree
    from tendik.plans.services import plan_import_matrix

    with throwaway_database() as vendor:
        started = time.perf_counter()
        coordinator, plan, kg = populate()
        print(f"database: {vendor}; generated {plan.measures.count()} measures, {INDICATORS} "
              f"indicators, {BudgetLine.objects.count()} budget lines in "
              f"{time.perf_counter() - started:.1f} s")
        client = Client()
        client.force_login(coordinator)
        measures = [m for area in plan_overview(plan, plan.measures.all())
                    for objective in area["objectives"] for m in objective["measures"]]
        for label, renderer in (("Jinja2 rows", nullcontext), ("bare Django template rows",
                                                               bare_template_rows)):
            with renderer():
                p50, p95, queries = time_pages(client, [f"/plans/{plan.pk}/"] * REQUESTS)
                print(f"plan overview, {label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
                      f"queries per page {queries}, n={REQUESTS}")
                p50, p95 = time_fragment(measures)
                print(f"  the {len(measures)} rows alone: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
                      f"n={FRAGMENT_RUNS}")
        with stopwatch("XLSX export (matrix of 300 measures)"):
            content = matrix_workbook(plan, plan_tree(plan))
        with stopwatch("XLSX import (same matrix, new plan)"):
            plan_import_matrix(actor=coordinator, content=content, country=kg,
                               kind="programme", title_ru="Импорт",
                               period_start=plan.period_start, period_end=plan.period_end)
        print(f"(matrix file: {len(content) / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
