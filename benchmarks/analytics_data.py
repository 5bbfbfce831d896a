# ruff: noqa: S608 — the SQL here is built from constants and model table names, never input.
"""Data for the analytics benchmark: per country a plan, its organisations, measures, indicators
broken down by sex × age group × region, 40 quarterly periods with reports in every state, the
progress of each measure over time, observations and activities.

The small rows (plans, measures, reports, progress) are built with bulk_create; observations,
activities and their links are set-based INSERT … SELECT over a few helper tables (bench_*),
the same SQL on SQLite and PostgreSQL. Values come from arithmetic on ids, not random(), so
both databases hold the same figures.
"""

import datetime
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from itertools import product

from django.db import connection

COUNTRIES = [("KG", "Кыргызская Республика"), ("KZ", "Республика Казахстан"),
             ("TJ", "Республика Таджикистан"), ("UZ", "Республика Узбекистан"),
             ("TM", "Туркменистан")]
KINDS = ["meeting", "training", "public_dialogue", "campaign", "consultation", "conference",
         "publication", "body", "other"]
# Trainings and meetings dominate, as in real reports: kind by (hash % 20).
KIND_WEIGHTS = [4, 6, 2, 2, 2, 1, 1, 1, 1]
AUDIENCES = ["civil_servants", "lsg_staff", "civil_servants,lsg_staff", "pupils,teachers",
             "journalists", "cso_activists,women", "police", "general_public",
             "women", "religious_leaders,general_public", "teachers", ""]
TITLES = {"meeting": "Рабочая встреча", "training": "Тренинг по гендерному равенству",
          "public_dialogue": "Общественный диалог", "campaign": "Информационная кампания",
          "consultation": "Консультация", "conference": "Конференция",
          "publication": "Методическое пособие", "body": "Создание совета", "other": "Акция"}


@dataclass(frozen=True)
class Scale:
    countries: int
    orgs: int
    measures: int
    indicators: int
    periods: int
    activities_per_report: int
    indicators_per_report: int  # every report …
    extra_indicator_in: int     # … plus one for this many organisations in five

    @property
    def average_indicators(self) -> float:
        return self.indicators_per_report + self.extra_indicator_in / 5


SCALES = {
    "tiny": Scale(1, 12, 24, 12, 8, 3, 1, 0),
    # bench_reporting's national shape: 150 organisations, 300 measures, 150 indicators,
    # 40 quarters; 127 values per indicator → ≈0.76M observations, 48k activities.
    "national": Scale(1, 150, 300, 150, 40, 8, 1, 0),
    # Five countries of the national shape, denser: ≈10M observations, ≈500k activities.
    "regional": Scale(5, 150, 300, 150, 40, 17, 2, 3),
    # One national report's span (bench_national_report): 12 quarters, 40 indicators, ≈3.6k
    # activities.
    "report": Scale(1, 150, 300, 40, 12, 2, 1, 0),
}


@dataclass
class CountryData:
    country: object
    plan: object
    coordinator: object
    focal: object
    periods: list
    indicators: list
    orgs: list
    regions: list


def _h(*parts: int) -> int:
    """A cheap deterministic hash for choosing states and statuses."""
    value = 0
    for part in parts:
        value = (value * 1_000_003 + part * 7919 + 12_345) % 2_147_483_647
    return value


def _quarter(n: int) -> tuple[datetime.date, datetime.date]:
    # 40 quarters ending with July–September 2026, the open one.
    q = 2016 * 4 + 3 + n
    start = datetime.date(q // 4, 3 * (q % 4) + 1, 1)
    end = (start + datetime.timedelta(days=92)).replace(day=1) - datetime.timedelta(days=1)
    return start, end


def _territories(code: str, name: str):
    """KG: the real tree (Open Admin Data, via the territory service); others: 9 regions with
    3 districts each, enough for a map and a region breakdown."""
    from tendik.territories.models import Territory
    from tendik.testing.factories import CountryFactory

    country = CountryFactory(code=code, name_ru=name)
    if code == "KG":
        from tendik.demo.loader import KG_ADMIN
        from tendik.territories.open_admin_data import parse_path
        from tendik.territories.services import territory_import

        territory_import(records=parse_path(KG_ADMIN))
    else:
        regions = Territory.objects.bulk_create([
            Territory(code=f"{code}{n:02d}0000000", level="region", parent=country,
                      country_code=code, name_ru=f"Область {code}-{n}") for n in range(1, 10)])
        Territory.objects.bulk_create([
            Territory(code=f"{r.code[:4]}{d:02d}00000", level="district", parent=r,
                      country_code=code, name_ru=f"{r.name_ru}, район {d}")
            for r in regions for d in range(1, 4)])
    regions = list(Territory.objects.filter(country_code=code, level="region").order_by("code"))
    districts = list(Territory.objects.filter(country_code=code, level="district")
                     .order_by("code"))
    return country, regions, districts


def _structure(scale: Scale, country, regions, dims, n_country: int):
    from tendik.organisations.models import Organisation
    from tendik.plans.models import Indicator, IndicatorTarget, Measure, Objective, Plan, PriorityArea

    code = country.code
    orgs = Organisation.objects.bulk_create([
        Organisation(kind="ministry" if n % 3 else "state_agency", country=country,
                     territory=regions[n % len(regions)] if n % 4 == 0 else None,
                     name_ru=f"Орган {code}-{n}", acronym=f"О{n}",
                     search_text=f"орган {code.lower()}-{n} | о{n}") for n in range(scale.orgs)])
    partners = Organisation.objects.bulk_create([
        Organisation(kind=["international", "cso", "donor"][n % 3], country=country,
                     name_ru=f"Партнёр {code}-{n}", search_text=f"партнёр {code.lower()}-{n}")
        for n in range(max(3, scale.orgs // 15))])
    plan = Plan.objects.create(kind="programme", country=country, status="in_force",
                               title_ru=f"Национальный план {code} по гендерному равенству",
                               period_start=datetime.date(2016, 1, 1),
                               period_end=datetime.date(2030, 12, 31))
    areas = PriorityArea.objects.bulk_create([
        PriorityArea(plan=plan, position=n + 1, code=str(n + 1), title_ru=f"Направление {n + 1}")
        for n in range(5)])
    objectives = Objective.objects.bulk_create([
        Objective(plan=plan, area=a, position=k + 1, code=f"{a.code}.{k + 1}",
                  title_ru=f"Задача {a.code}.{k + 1}") for a in areas for k in range(3)])
    indicators = Indicator.objects.bulk_create([
        Indicator(country=country, code=f"{n + 1}", name_ru=f"Индикатор {code}-{n + 1}",
                  unit="percent" if n % 10 == 9 else "number",
                  aggregation="average" if n % 10 == 9 else "sum",
                  baseline_value=20 + n % 50, baseline_year=2016,
                  code_restrictions={"region": [r.code for r in regions]})
        for n in range(scale.indicators)])
    through = Indicator.dimensions.through
    through.objects.bulk_create([through(indicator_id=i.pk, dimension_id=d.pk)
                                 for i in indicators for d in dims])
    IndicatorTarget.objects.bulk_create([
        IndicatorTarget(indicator=i, year=y, value=(20 + n % 50) * (10 + y - 2016) // 10
                        if i.unit != "percent" else min(100, 20 + n % 50 + 2 * (y - 2016)))
        for n, i in enumerate(indicators) for y in range(2017, 2031)])
    measures = []
    for n in range(scale.measures):
        kind = ["date", "years", "ongoing", "period"][n % 4]
        year = 2018 + n % 12  # deadlines from 2018 to 2029: some passed, some ahead
        measures.append(Measure(
            plan=plan, objective=objectives[n % len(objectives)], position=n + 1,
            code=f"{objectives[n % len(objectives)].code}.{n + 1}",
            title_ru=f"Мероприятие {code}-{n + 1}", lead_executor=orgs[n % scale.orgs],
            deadline_kind=kind,
            deadline_date=datetime.date(year, 12, 31) if kind == "date" else
            datetime.date(year - 2, 1, 1) if kind == "period" else None,
            deadline_end=datetime.date(year, 12, 31) if kind == "period" else None,
            deadline_years=f"{year - 1},{year}" if kind == "years" else ""))
    measures = Measure.objects.bulk_create(measures)
    co = Measure.co_executors.through
    co.objects.bulk_create([co(measure_id=m.pk, organisation_id=orgs[(n + k * 7 + 1)
                                                                     % scale.orgs].pk)
                            for n, m in enumerate(measures) for k in range(1 + n % 2)])
    mp = Measure.partners.through
    mp.objects.bulk_create([mp(measure_id=m.pk, organisation_id=partners[n % len(partners)].pk)
                            for n, m in enumerate(measures) if n % 3 == 0])
    mt = Measure.territories.through
    mt.objects.bulk_create([mt(measure_id=m.pk, territory_id=regions[n % len(regions)].pk)
                            for n, m in enumerate(measures) if n % 4 == 0])
    # Which indicators each organisation reports on; its measures are linked to them.
    org_indicators = {}
    for n, org in enumerate(orgs):
        count = scale.indicators_per_report + (1 if n % 5 < scale.extra_indicator_in else 0)
        org_indicators[org.pk] = [indicators[(n + j * 53) % scale.indicators].pk
                                  for j in range(count)]
    mi = Measure.indicators.through
    links = {(m.pk, org_indicators[m.lead_executor_id][k % len(org_indicators[m.lead_executor_id])])
             for m in measures for k in range(1 + m.position // scale.orgs)}
    mi.objects.bulk_create([mi(measure_id=m, indicator_id=i) for m, i in sorted(links)])
    return orgs, partners, plan, indicators, measures, org_indicators


def _period_and_report_states(n: int, last: int, org: int) -> tuple[str, str]:
    """Old quarters are locked and almost all accepted; the last three are closed and still
    under review in places; the open one holds every state."""
    h = _h(n, org) % 100
    if n == last:
        state = ("draft" if h < 35 else "submitted" if h < 65 else "resubmitted" if h < 75
                 else "returned" if h < 85 else "accepted")
        return "open", state
    if n >= last - 3:
        state = ("accepted" if h < 70 else "submitted" if h < 82 else "returned" if h < 90
                 else "resubmitted" if h < 95 else "draft")
        return "closed", state
    return "locked", "accepted" if h < 96 else "draft"


def _status(measure_n: int, period_n: int, periods: int) -> tuple[str, str]:
    """not_started → in_progress → completed along each measure's own schedule."""
    h = _h(measure_n)
    begins = h % (periods // 2)
    ends = begins + 4 + (h // 7) % periods
    if period_n < begins:
        return "not_started", ""
    if period_n < ends:
        return "in_progress", ""
    tail = (h // 11) % 20
    if tail == 0:
        return "not_completed", "Нет финансирования"
    if tail == 1:
        return "cancelled", "Мероприятие исключено из плана"
    return ("partially_completed", "") if tail < 5 else ("completed", "")


def _reports(scale: Scale, plan, orgs, measures):
    from django.utils import timezone

    from tendik.reporting.models import MeasureProgress, Report, ReportingPeriod

    periods, reports = [], []
    last = scale.periods - 1
    for n in range(scale.periods):
        start, end = _quarter(n)
        state, _ = _period_and_report_states(n, last, 0)
        periods.append(ReportingPeriod(plan=plan, kind="quarter", start=start, end=end,
                                       due_date=end + datetime.timedelta(days=20), state=state))
    periods = ReportingPeriod.objects.bulk_create(periods)
    tz = timezone.get_current_timezone()
    for n, period in enumerate(periods):
        for k, org in enumerate(orgs):
            _, state = _period_and_report_states(n, last, k)
            due = datetime.datetime.combine(period.due_date, datetime.time(12), tz)
            submitted = due + datetime.timedelta(days=_h(n, k, 3) % 30 - 20)
            reports.append(Report(
                period=period, plan=plan, organisation=org, state=state,
                completeness=100 if state == "accepted" else _h(n, k, 1) % 101,
                submitted_at=None if state == "draft" else submitted,
                accepted_at=submitted + datetime.timedelta(days=9) if state == "accepted"
                else None, incomplete_note=""))
    reports = Report.objects.bulk_create(reports, batch_size=5000)
    by_org = {}
    for measure in measures:
        by_org.setdefault(measure.lead_executor_id, []).append(measure)
    index = {p.pk: n for n, p in enumerate(periods)}
    progress = []
    for report in reports:
        for measure in by_org.get(report.organisation_id, []):
            status, reason = _status(measure.position, index[report.period_id], scale.periods)
            progress.append(MeasureProgress(report=report, measure=measure, status=status,
                                            reason=reason,
                                            narrative_ru="Проведены запланированные работы."))
    MeasureProgress.objects.bulk_create(progress, batch_size=5000)
    return periods, reports


def _region_dimension(regions):
    from tendik.plans.models import Dimension, DimensionValue

    region, _ = Dimension.objects.get_or_create(code="region", defaults={"name_ru": "область"})
    start = region.values.count()
    DimensionValue.objects.bulk_create([
        DimensionValue(dimension=region, code=r.code, label_ru=r.name_ru or r.name,
                       position=start + n) for n, r in enumerate(regions)])
    return region


def _helpers(scale: Scale, countries: list[dict]):
    """The small tables the set-based inserts join against."""
    from tendik.plans.models import Dimension
    from tendik.reporting.validation import disaggregation_key

    sex, age = (list(Dimension.objects.get(code=c).values.order_by("position")
                     .values_list("code", flat=True)) for c in ("sex", "age_group"))
    with connection.cursor() as cursor:
        for ddl in [
            "CREATE TABLE bench_key (country_id bigint, n integer, disaggregation varchar(255))",
            "CREATE TABLE bench_org_ind (organisation_id bigint, indicator_id bigint)",
            "CREATE TABLE bench_seq (n integer)",
            "CREATE TABLE bench_period (period_id bigint, idx integer)",
            "CREATE TABLE bench_day (period_id bigint, n integer, day date)",
            "CREATE TABLE bench_terr (country_id bigint, n integer, territory_id bigint)",
            "CREATE TABLE bench_partner (country_id bigint, n integer, organisation_id bigint)",
            "CREATE TABLE bench_country (country_id bigint, terr_count integer, "
            "partner_count integer, activities integer)",
        ]:
            cursor.execute(ddl)
        rows = {name: [] for name in ("key", "oi", "period", "day", "terr", "partner", "country")}
        for c in countries:
            cid = c["country"].pk
            combos = product(sex, age, [r.code for r in c["regions"]])
            for n, (s, a, r) in enumerate(combos):
                rows["key"].append((cid, n + 1, disaggregation_key(
                    {"sex": s, "age_group": a, "region": r})))
            rows["oi"] += [(o, i) for o, ids in c["org_indicators"].items() for i in ids]
            for idx, period in enumerate(c["periods"]):
                rows["period"].append((period.pk, idx))
                rows["day"] += [(period.pk, d, period.start + datetime.timedelta(days=d * 3))
                                for d in range(30)]
            rows["terr"] += [(cid, n, t.pk) for n, t in enumerate(c["districts"])]
            rows["partner"] += [(cid, n, p.pk) for n, p in enumerate(c["partners"])]
            rows["country"].append((cid, len(c["districts"]), len(c["partners"]),
                                    scale.activities_per_report))
        for table, key, width in [("bench_key", "key", 3), ("bench_org_ind", "oi", 2),
                                  ("bench_period", "period", 2), ("bench_day", "day", 3),
                                  ("bench_terr", "terr", 3), ("bench_partner", "partner", 3),
                                  ("bench_country", "country", 4)]:
            marks = ", ".join(["%s"] * width)
            cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[key])
        cursor.executemany("INSERT INTO bench_seq VALUES (%s)",
                           [(n,) for n in range(1, scale.activities_per_report + 1)])


def _sql_tables():
    from tendik.plans.models import Indicator, Measure, Plan
    from tendik.reporting.models import Activity, Observation, Report, ReportingPeriod

    return {
        "obs": Observation._meta.db_table, "act": Activity._meta.db_table,
        "report": Report._meta.db_table, "plan": Plan._meta.db_table,
        "period": ReportingPeriod._meta.db_table, "measure": Measure._meta.db_table,
        "indicator": Indicator._meta.db_table,
        "act_org": Activity.organisers.through._meta.db_table,
        "act_partner": Activity.partners.through._meta.db_table,
        "act_measure": Activity.measures.through._meta.db_table,
    }


def _case(expression: str, values: list[str], weights: list[int] | None = None) -> str:
    weights = weights or [1] * len(values)
    total, bound, parts = sum(weights), 0, []
    for value, weight in zip(values, weights, strict=True):
        bound += weight
        parts.append(f"WHEN ({expression}) % {total} < {bound} THEN '{value}'")
    return "CASE " + " ".join(parts) + " END"


@contextmanager
def _bare_tables(cursor, tables: list[str]):
    """PostgreSQL: drop the big tables' indexes and foreign keys while they fill and build them
    again after — one sort per index instead of ten million index inserts and FK checks."""
    saved = []
    for table in tables:
        cursor.execute("""SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                          WHERE conrelid = %s::regclass AND contype IN ('f', 'u')""", [table])
        constraints = cursor.fetchall()
        for name, _definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        cursor.execute("""SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s
                          AND indexname NOT LIKE %s""", [table, "%_pkey"])
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        saved.append((table, constraints, indexes))
    yield
    started = time.perf_counter()
    for table, constraints, indexes in saved:
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    print(f"  indexes and constraints rebuilt: {time.perf_counter() - started:.1f} s",
          flush=True)


def _fill(vendor: str, orgs: int) -> None:
    """Observations (cells, then totals as their sum or mean), activities and their links."""
    t = _sql_tables()
    now = "CURRENT_TIMESTAMP"
    kind = _case("r.id * 31 + s.n * 17", KINDS, KIND_WEIGHTS)
    title = "CASE " + " ".join(f"WHEN {kind} = '{k}' THEN '{v}'" for k, v in TITLES.items()) \
        + " END"
    audience = _case("r.id * 7 + s.n * 3", AUDIENCES)
    women = "((r.id * 13 + s.n * 29) % 40)"
    men = "((r.id * 11 + s.n * 23) % 30)"
    extra = "(CASE WHEN (r.id + s.n) % 5 = 0 THEN (r.id + s.n * 7) % 10 ELSE 0 END)"
    statements = [
        ("observations (cells)", f"""
        INSERT INTO {t['obs']} (report_id, indicator_id, disaggregation, value, override_reason,
                                created_at, updated_at)
        SELECT r.id, oi.indicator_id, k.disaggregation,
               CASE WHEN i.unit = 'percent' THEN (k.n * 7 + r.organisation_id * 3 + bp.idx) % 90
                    ELSE (k.n * 7 + r.organisation_id * 13 + r.id) % 40 + bp.idx END,
               '', {now}, {now}
        FROM {t['report']} r
        JOIN {t['plan']} p ON p.id = r.plan_id
        JOIN bench_period bp ON bp.period_id = r.period_id
        JOIN bench_org_ind oi ON oi.organisation_id = r.organisation_id
        JOIN {t['indicator']} i ON i.id = oi.indicator_id
        JOIN bench_key k ON k.country_id = p.country_id"""),
        ("observations (totals)", f"""
        INSERT INTO {t['obs']} (report_id, indicator_id, disaggregation, value, override_reason,
                                created_at, updated_at)
        SELECT o.report_id, o.indicator_id, '',
               CASE WHEN MAX(i.aggregation) = 'average' THEN ROUND(AVG(o.value), 2)
                    ELSE SUM(o.value) END, '', {now}, {now}
        FROM {t['obs']} o JOIN {t['indicator']} i ON i.id = o.indicator_id
        GROUP BY o.report_id, o.indicator_id"""),
        ("activities", f"""
        INSERT INTO {t['act']} (report_id, kind, title, "start", "end", territory_id, venue,
                                audiences, participants_women, participants_men,
                                participants_total, version, created_at, updated_at)
        SELECT r.id, {kind}, {title}, d.day, d.day,
               CASE WHEN (r.id + s.n) % 10 = 0 THEN NULL ELSE bt.territory_id END, '',
               {audience},
               CASE WHEN {kind} = 'publication' THEN 0 ELSE {women} END,
               CASE WHEN {kind} = 'publication' THEN 0 ELSE {men} END,
               CASE WHEN {kind} = 'publication' THEN 0 ELSE {women} + {men} + {extra} END,
               1, {now}, {now}
        FROM {t['report']} r
        JOIN {t['plan']} p ON p.id = r.plan_id
        JOIN bench_country bc ON bc.country_id = p.country_id
        JOIN bench_seq s ON s.n <= bc.activities
        JOIN bench_day d ON d.period_id = r.period_id AND d.n = (r.id * 3 + s.n * 7) % 30
        JOIN bench_terr bt ON bt.country_id = p.country_id
             AND bt.n = (r.id * 7 + s.n * 13) % bc.terr_count"""),
        ("activity organisers", f"""
        INSERT INTO {t['act_org']} (activity_id, organisation_id)
        SELECT a.id, r.organisation_id FROM {t['act']} a JOIN {t['report']} r
        ON r.id = a.report_id"""),
        ("activity partners", f"""
        INSERT INTO {t['act_partner']} (activity_id, organisation_id)
        SELECT a.id, bp.organisation_id FROM {t['act']} a
        JOIN {t['report']} r ON r.id = a.report_id
        JOIN {t['plan']} p ON p.id = r.plan_id
        JOIN bench_country bc ON bc.country_id = p.country_id
        JOIN bench_partner bp ON bp.country_id = p.country_id
             AND bp.n = a.id % bc.partner_count
        WHERE a.id % 10 < 3"""),
        ("activity measures", f"""
        INSERT INTO {t['act_measure']} (activity_id, measure_id)
        SELECT a.id, m.id FROM {t['act']} a
        JOIN {t['report']} r ON r.id = a.report_id
        JOIN {t['measure']} m ON m.plan_id = r.plan_id
             AND m.lead_executor_id = r.organisation_id
             AND ((m.position - 1) / {orgs}) % 2 = a.id % 2
        WHERE a.id % 5 <> 0"""),
    ]
    with connection.cursor() as cursor:
        bare = nullcontext()
        if vendor == "postgresql":
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute("SET work_mem = '128MB'")
            bare = _bare_tables(cursor, [t[k] for k in ("obs", "act", "act_org", "act_partner",
                                                        "act_measure")])
        with bare:
            for label, sql in statements:
                started = time.perf_counter()
                cursor.execute(sql)
                print(f"  {label}: {cursor.rowcount:,} rows in "
                      f"{time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        cursor.execute("ANALYZE")
        print(f"  ANALYZE: {time.perf_counter() - started:.1f} s", flush=True)


def populate(scale_name: str) -> list[CountryData]:
    from tendik.plans.models import Dimension
    from tendik.testing.factories import user_with_role

    scale = SCALES[scale_name]
    started = time.perf_counter()
    countries, result = [], []
    for n, (code, name) in enumerate(COUNTRIES[:scale.countries]):
        country, regions, districts = _territories(code, name)
        region_dim = _region_dimension(regions)
        dims = [Dimension.objects.get(code="sex"), Dimension.objects.get(code="age_group"),
                region_dim]
        orgs, partners, plan, indicators, measures, org_indicators = _structure(
            scale, country, regions, dims, n)
        periods, reports = _reports(scale, plan, orgs, measures)
        coordinator = user_with_role("coordinator", username=f"bench-coord-{code}",
                                     organisation=orgs[0])
        # The focal point of an organisation with a report under review in the open period.
        waiting = next(r for r in reports if r.period_id == periods[-1].pk
                       and r.state == "submitted")
        focal = user_with_role("focal_point", username=f"bench-focal-{code}",
                               organisation=next(o for o in orgs
                                                 if o.pk == waiting.organisation_id))
        countries.append({"country": country, "regions": regions, "districts": districts,
                          "partners": partners, "org_indicators": org_indicators,
                          "periods": periods})
        result.append(CountryData(country, plan, coordinator, focal, periods, indicators, orgs,
                                  regions))
        print(f"  {code}: {len(reports):,} reports, {len(measures)} measures, "
              f"{len(indicators)} indicators, {len(districts)} districts "
              f"({time.perf_counter() - started:.0f} s)", flush=True)
    _helpers(scale, countries)
    _fill(connection.vendor, scale.orgs)
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)
    return result
