"""National scale for reporting: 150 organisations, 300 measures, 150 indicators broken down by
sex × age × region, 40 periods — about 1.5 million observations and 50,000 activities.

Prints: saving a report section of 500 observations (p50/p95), the period dashboard for 150
reports (p50/p95, queries), and uploading an XLSX of ~20,000 observations (time, peak memory).

    .venv/bin/python benchmarks/bench_reporting.py                     # SQLite
    TENDIK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/bench_reporting.py                 # PostgreSQL
"""

import datetime
import io
import random
import resource
import statistics
import time
from decimal import Decimal
from itertools import product

from common import stopwatch, throwaway_database, time_pages
from django.test import Client

ORGS, MEASURES, INDICATORS, PERIODS = 150, 300, 150, 40
INDICATORS_PER_REPORT, ACTIVITIES_PER_REPORT = 2, 8
SAVES = 30


def populate():
    from tendik.organisations.models import Organisation
    from tendik.plans.models import (
        Dimension,
        DimensionValue,
        Indicator,
        Measure,
        Objective,
        Plan,
        PriorityArea,
    )
    from tendik.reporting.models import Activity, MeasureProgress, Observation, Report
    from tendik.reporting.models import ReportingPeriod as Period
    from tendik.reporting.validation import disaggregation_key
    from tendik.testing.factories import CountryFactory, user_with_role

    rng = random.Random(11)
    kg = CountryFactory(code="KG")
    region, _ = Dimension.objects.get_or_create(code="region", defaults={"name_ru": "область"})
    for n in range(9):
        DimensionValue.objects.get_or_create(dimension=region, code=f"R{n}",
                                             defaults={"label_ru": f"Область {n}"})
    dims = [Dimension.objects.get(code="sex"), Dimension.objects.get(code="age_group"), region]
    combos = [dict(zip([d.code for d in dims], c, strict=True)) for c in product(
        *([v.code for v in d.values.order_by("position")] for d in dims))]
    keys = [""] + [disaggregation_key(c) for c in combos]
    orgs = Organisation.objects.bulk_create([Organisation(kind="ministry", country=kg,
                                                          name_ru=f"Орган {n}")
                                             for n in range(ORGS)])
    plan = Plan.objects.create(kind="programme", country=kg, title_ru="Нагрузка",
                               period_start=datetime.date(2015, 1, 1),
                               period_end=datetime.date(2025, 12, 31), status="in_force")
    area = PriorityArea.objects.create(plan=plan, position=1, code="1", title_ru="Н")
    objective = Objective.objects.create(plan=plan, area=area, position=1, code="1.1",
                                         title_ru="З")
    indicators = Indicator.objects.bulk_create([
        Indicator(country=kg, code=f"И-{n}", name_ru=f"Индикатор {n}", aggregation="sum")
        for n in range(INDICATORS)])
    through = Indicator.dimensions.through
    through.objects.bulk_create([through(indicator_id=i.pk, dimension_id=d.pk)
                                 for i in indicators for d in dims])
    measures = Measure.objects.bulk_create([
        Measure(plan=plan, objective=objective, position=n + 1, code=f"1.1.{n + 1}",
                title_ru=f"Мероприятие {n}", lead_executor=orgs[n % ORGS])
        for n in range(MEASURES)])
    link = Measure.indicators.through
    link.objects.bulk_create([link(measure_id=m.pk, indicator_id=indicators[n % INDICATORS].pk)
                              for n, m in enumerate(measures)])
    coordinator = user_with_role("coordinator", username="bench", organisation=orgs[0])
    periods = []
    for n in range(PERIODS):
        start = datetime.date(2015 + n // 4, 3 * (n % 4) + 1, 1)
        end = (start + datetime.timedelta(days=92)).replace(day=1) - datetime.timedelta(days=1)
        periods.append(Period(plan=plan, kind="quarter", start=start, end=end,
                              due_date=end + datetime.timedelta(days=20),
                              state="open" if n == PERIODS - 1 else "locked"))
    periods = Period.objects.bulk_create(periods)
    started, observations, activities = time.perf_counter(), 0, 0
    org_measures = {o.pk: [m for m in measures if m.lead_executor_id == o.pk] for o in orgs}
    position = {m.pk: n for n, m in enumerate(measures)}
    for period in periods:
        reports = Report.objects.bulk_create([
            Report(period=period, plan=plan, organisation=o, completeness=rng.randint(0, 100),
                   state=rng.choice(["draft", "submitted", "accepted"])) for o in orgs])
        MeasureProgress.objects.bulk_create([
            MeasureProgress(report=r, measure=m, status="in_progress")
            for r in reports for m in org_measures[r.organisation_id]])
        rows = []
        for report in reports:
            mine = list(dict.fromkeys(indicators[position[m.pk] % INDICATORS].pk
                                      for m in org_measures[report.organisation_id]))
            for indicator_id in mine[:INDICATORS_PER_REPORT]:
                rows += [Observation(report=report, indicator_id=indicator_id,
                                     disaggregation=key, value=Decimal(rng.randint(0, 500)))
                         for key in keys]
        Observation.objects.bulk_create(rows, batch_size=5000)
        observations += len(rows)
        acts = Activity.objects.bulk_create([
            Activity(report=r, kind="training", title="Тренинг", start=period.start,
                     end=period.start, participants_women=10, participants_men=5,
                     participants_total=15) for r in reports for _ in range(ACTIVITIES_PER_REPORT)],
            batch_size=5000)
        activities += len(acts)
    print(f"generated {observations:,} observations and {activities:,} activities in "
          f"{time.perf_counter() - started:.0f} s ({len(keys)} values per indicator)")
    return coordinator, periods[-1], plan, indicators, keys, orgs


def main():
    from tendik.reporting.models import Report
    from tendik.reporting.services import report_upload_xlsx
    from tendik.reporting.xlsx_bulk import VALUES_SHEET, report_template
    from tendik.testing.factories import user_with_role

    with throwaway_database() as vendor:
        print(f"database: {vendor}")
        coordinator, period, plan, indicators, keys, orgs = populate()
        client = Client()
        client.force_login(coordinator)
        p50, p95, queries = time_pages(client, [f"/reports/periods/{period.pk}/"] * 40)
        print(f"period dashboard (150 reports): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
              f"queries per page {queries}")

        report = Report.objects.filter(period=period).order_by("id").first()
        report.state = "draft"
        report.save(update_fields=["state"])
        # Coordinators review reports and never write them: the reporter is a focal point.
        focal = user_with_role("focal_point", username="bench-focal",
                               organisation=report.organisation)
        focal_client = Client()
        focal_client.force_login(focal)
        from tendik.plans.models import Measure
        from tendik.reporting.models import MeasureProgress

        for measure in Measure.objects.filter(plan=plan).order_by("id")[:4]:
            MeasureProgress.objects.get_or_create(report=report, measure=measure)
        mine = [i.pk for i in indicators[:4]]
        timings = []
        version = report.observations_version
        for n in range(SAVES):
            values = [{"indicator": i, "value": str(n % 7 + 1) if key else str(126 * (n % 7 + 1)),
                       "disaggregation": dict(p.split("=") for p in key.split("|") if p)}
                      for i in mine for key in keys][:500]
            start = time.perf_counter()
            response = focal_client.patch(f"/api/v1/reports/{report.pk}/observations/",
                                          {"version": version, "values": values},
                                          content_type="application/json")
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.content[:300]
            version = response.json()["version"]
        timings.sort()
        print(f"save a section of {len(values)} observations: p50 "
              f"{statistics.median(timings):.0f} ms, p95 {timings[int(SAVES * 0.95) - 1]:.0f} ms")

        from openpyxl import load_workbook

        big = Report.objects.filter(period=period).order_by("id")[1]
        big.state = "draft"
        big.save(update_fields=["state"])
        from tendik.plans.models import Measure
        from tendik.reporting.models import MeasureProgress
        for measure in Measure.objects.filter(plan=plan)[:INDICATORS]:
            MeasureProgress.objects.get_or_create(report=big, measure=measure)
        focal.organisation_id = big.organisation_id
        focal.save(update_fields=["organisation"])
        book = load_workbook(io.BytesIO(report_template(big)))
        sheet = book[VALUES_SHEET]
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row, 6).value = 126 if not sheet.cell(row, 4).value else 1
        buffer = io.BytesIO()
        book.save(buffer)
        filled = sheet.max_row - 1
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with stopwatch(f"XLSX upload of {filled:,} observations"):
            report_upload_xlsx(actor=focal, report=big, content=buffer.getvalue())
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"XLSX upload: peak RSS of the process {rss_after / 1024:.0f} MiB "
              f"(grew by {(rss_after - rss_before) / 1024:.0f} MiB during the upload; "
              f"file {len(buffer.getvalue()) / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
