"""Analytics at national and regional scale: every figure's API and page, warm and cold, with its
query count; a write-then-read check; the same aggregates on DuckDB (the columnar-scan limit on
this machine); and what a roll-up table would save on reads and cost on writes.

    .venv/bin/python benchmarks/bench_analytics.py --scale tiny                 # SQLite, fast
    .venv/bin/python benchmarks/bench_analytics.py --scale national             # SQLite
    TENDIK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/bench_analytics.py --scale regional         # PostgreSQL

Figures whose endpoint is not there yet (404, 405, an exception) are listed as skipped.
Results also go to /tmp/bench_analytics_<scale>_<db>.json; the summary compares query counts
with the other runs found there (they must not grow with the data).
"""

import argparse
import csv
import glob
import json
import logging
import os
import statistics
import tempfile
import time
import warnings
from dataclasses import dataclass, field

from common import connection, p95, throwaway_database
from django.db import transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

WARM, COLD = 30, 5
# Cold requests ask for the same data with other parameters (new SQL text, nothing reused).
WHOLE_RANGE = ["&period_from=2016", "&period_to=2026", "&period_from=2016-10",
               "&period_to=2026-09-30", "&period_from=2016-01-01"]
TMP = tempfile.gettempdir()
TARGET_MS = 100


@dataclass
class Figure:
    name: str
    client: Client
    url: str
    cold_urls: list[str]
    duck: str = ""  # the DuckDB aggregate it is compared with
    result: dict = field(default_factory=dict)


def _get(client: Client, url: str):
    """The response, or the exception a missing implementation raised (as a note)."""
    try:
        return client.get(url), None
    except Exception as exc:  # a scaffold raising must not end the run  # noqa: BLE001
        return None, f"{type(exc).__name__}: {str(exc)[:80]}"


def _timed(client: Client, url: str):
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        response, error = _get(client, url)
        elapsed = (time.perf_counter() - start) * 1000
    return elapsed, response, error, captured.captured_queries



def _cold_connection() -> None:
    """A new database connection with nothing cached in the session (plans, prepared
    statements). The OS page cache and PostgreSQL's shared buffers stay warm: this is the
    first request of a new worker, not a cold machine."""
    connection.close()
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DISCARD ALL")


def measure(figure: Figure) -> None:
    response, error = _get(figure.client, figure.url)
    status = response.status_code if response is not None else None
    if status != 200:
        figure.result = {"skipped": error or f"HTTP {status}"}
        return
    timings, counts, slowest = [], set(), (0.0, "")
    for _ in range(3):
        start = time.perf_counter()
        figure.client.get(figure.url)
        first = (time.perf_counter() - start) * 1000
    # Seconds-long figures are timed 10 times, not 30: the run must end within the hour.
    repeats = WARM if first < 1000 else 10
    for _ in range(repeats):
        elapsed, response, _error, queries = _timed(figure.client, figure.url)
        timings.append(elapsed)
        counts.add(len(queries))
        for q in queries:
            if float(q["time"]) * 1000 > slowest[0]:
                slowest = (float(q["time"]) * 1000, q["sql"])
    cold, cold_counts, notes = [], set(), []
    for url in figure.cold_urls[:COLD]:
        _cold_connection()
        elapsed, response, error, queries = _timed(figure.client, url)
        if response is None or response.status_code != 200:
            notes.append(f"{url}: {error or response.status_code}")
            continue
        cold.append(elapsed)
        cold_counts.add(len(queries))
    figure.result = {
        "p50": statistics.median(timings), "p95": p95(timings),
        "cold": statistics.median(cold) if cold else None,
        "cold_max": max(cold) if cold else None,
        "queries": sorted(counts), "cold_queries": sorted(cold_counts),
        "bytes": len(response.content) if response is not None else 0,
        "slowest_ms": slowest[0], "slowest_sql": slowest[1], "notes": notes,
        "repeats": repeats,
    }


def _area_param(client: Client, plan) -> str:
    """The contract names `area=` without saying id or code: use what the API accepts."""
    area = plan.areas.order_by("position").first()
    for value in (area.pk, area.code):
        response, _error = _get(client, f"/api/v1/analytics/plan-progress/?plan={plan.pk}"
                                        f"&area={value}")
        if response is not None and response.status_code == 200:
            return str(value)
    return str(area.pk)


def figures(data, coord: Client, focal: Client) -> list[Figure]:
    plan, periods, indicators = data.plan, data.periods, data.indicators
    pid = plan.pk
    ranges = [f"&period_from={periods[k].pk}&period_to={periods[k + 3].pk}"
              for k in range(0, len(periods) - 4, max(1, (len(periods) - 4) // COLD))][:COLD]
    area = _area_param(coord, plan)
    reach = "/api/v1/analytics/activities/?plan=" + str(pid)
    ind = indicators[0].pk
    result = [
        Figure("API plan-progress", coord, f"/api/v1/analytics/plan-progress/?plan={pid}",
               [f"/api/v1/analytics/plan-progress/?plan={pid}{r}" for r in WHOLE_RANGE], "status"),
        Figure("API plan-progress include=submitted", coord,
               f"/api/v1/analytics/plan-progress/?plan={pid}&include=submitted",
               [f"/api/v1/analytics/plan-progress/?plan={pid}&include=submitted{r}"
                for r in WHOLE_RANGE]),
        Figure("API plan-progress area", coord,
               f"/api/v1/analytics/plan-progress/?plan={pid}&area={area}",
               [f"/api/v1/analytics/plan-progress/?plan={pid}&area={area}{r}"
                for r in WHOLE_RANGE]),
        Figure("API plan-progress range", coord,
               f"/api/v1/analytics/plan-progress/?plan={pid}{ranges[0]}",
               [f"/api/v1/analytics/plan-progress/?plan={pid}{r}" for r in ranges[1:]]),
        Figure("API indicator breakdown=sex", coord,
               f"/api/v1/analytics/indicators/{ind}/?breakdown=sex",
               [f"/api/v1/analytics/indicators/{i.pk}/?breakdown=sex"
                for i in indicators[1:COLD + 1]], "indicator"),
    ]
    for group in ("kind", "audience", "territory", "measure", "partner"):
        result.append(Figure(f"API activities group_by={group}", coord,
                             f"{reach}&group_by={group}",
                             [f"{reach}&group_by={group}{r}" for r in WHOLE_RANGE],
                             "kind" if group == "kind" else ""))
    result += [
        Figure("API reporting discipline", coord,
               f"/api/v1/analytics/reporting/?period={periods[-1].pk}",
               [f"/api/v1/analytics/reporting/?period={p.pk}" for p in periods[-2:-COLD - 2:-1]]),
        Figure("API activities list", coord, f"/api/v1/activities/?plan={pid}",
               [f"/api/v1/activities/?plan={pid}{r}" for r in WHOLE_RANGE]),
        Figure("API territories", coord, f"/api/v1/analytics/territories/?plan={pid}",
               [f"/api/v1/analytics/territories/?plan={pid}{r}" for r in WHOLE_RANGE]),
        Figure("page / (coordinator)", coord, "/", ["/"] * COLD),
        Figure("page / (focal point)", focal, "/", ["/"] * COLD),
        Figure("page plan progress", coord, f"/analytics/plans/{pid}/progress/",
               [f"/analytics/plans/{pid}/progress/?{r[1:]}" for r in WHOLE_RANGE]),
        Figure("page indicator", coord, f"/analytics/indicators/{ind}/",
               [f"/analytics/indicators/{i.pk}/" for i in indicators[1:COLD + 1]]),
        Figure("page territories", coord, f"/analytics/territories/?plan={pid}",
               [f"/analytics/territories/?plan={pid}{r}" for r in WHOLE_RANGE]),
        Figure("page activities report", coord, f"/reports/activities/?plan={pid}",
               [f"/reports/activities/?plan={pid}{r}" for r in WHOLE_RANGE]),
    ]
    return result


# ---------------------------------------------------------------- write, then read at once


def _json(client: Client, url: str):
    response, _error = _get(client, url)
    return response.json() if response is not None and response.status_code == 200 else None


def _group_totals(body) -> dict:
    return body["totals"] if body else {}


def write_then_read(data, coord: Client) -> list[str]:
    from tendik.reporting.models import Activity, Observation, Report
    from tendik.reporting.services.workflow import report_act

    pid = data.plan.pk
    report = (Report.objects.filter(plan=data.plan, period=data.periods[-1], state="submitted")
              .order_by("id").first())
    acts = Activity.objects.filter(report=report)
    added = {"activities": acts.count(),
             "women": sum(a.participants_women for a in acts),
             "total": sum(a.participants_total for a in acts)}
    total_obs = (Observation.objects.filter(report=report, disaggregation="")
                 .select_related("indicator").first())
    urls = {"progress": f"/api/v1/analytics/plan-progress/?plan={pid}",
            "reach": f"/api/v1/analytics/activities/?plan={pid}&group_by=kind",
            "indicator": f"/api/v1/analytics/indicators/{total_obs.indicator_id}/?breakdown=sex"}
    before = {k: _json(coord, u) for k, u in urls.items()}
    started = time.perf_counter()
    report_act(actor=data.coordinator, report=report, action="accept",
               note="Принят в бенчмарке: пропуски согласованы")
    accept_ms = (time.perf_counter() - started) * 1000
    after = {k: _json(coord, u) for k, u in urls.items()}
    lines = [f"accept through report_act: {accept_ms:.1f} ms (report {report.pk}, "
             f"{added['activities']} activities, {added['women']} women)"]
    if before["reach"] and after["reach"]:
        got = {k: _group_totals(after["reach"])[k] - _group_totals(before["reach"])[k]
               for k in added}
        lines.append(f"activities figure: {'OK' if got == added else 'FAIL'} delta {got} "
                     f"(expected {added})")
    else:
        lines.append("activities figure: skipped (endpoint not there)")
    if before["progress"] and after["progress"]:
        b, a = before["progress"], after["progress"]
        accepted = a["based_on"]["accepted"] - b["based_on"]["accepted"]
        statuses = {s: a["totals"]["by_status"].get(s, 0) - b["totals"]["by_status"].get(s, 0)
                    for s in set(a["totals"]["by_status"]) | set(b["totals"]["by_status"])}
        statuses = {s: n for s, n in statuses.items() if n}
        ok = accepted == 1 and sum(statuses.values()) == 0
        lines.append(f"plan progress: {'OK' if ok else 'FAIL'} accepted +{accepted}, "
                     f"by_status delta {statuses or 'none (same statuses as before)'}")
    else:
        lines.append("plan progress: skipped (endpoint not there)")
    if before["indicator"] and after["indicator"]:
        period = data.periods[-1]

        def value(body):
            return next((float(s["value"] or 0) for s in body["series"]
                         if s["period"] == period.pk or s.get("period_end") == str(period.end)),
                        0.0)
        delta = value(after["indicator"]) - value(before["indicator"])
        expected = float(total_obs.value) if total_obs.indicator.aggregation == "sum" else None
        verdict = ("OK" if expected is None and delta or expected is not None
                   and abs(delta - expected) < 1e-6 else "FAIL")
        lines.append(f"indicator {total_obs.indicator.code}: {verdict} value of the open period "
                     f"+{delta:g} (this report's total {float(total_obs.value):g}, "
                     f"{total_obs.indicator.aggregation})")
    else:
        lines.append("indicator figure: skipped (endpoint not there)")
    return lines


# ---------------------------------------------------------------- DuckDB reference

EXPORTS = {
    "obs": """SELECT o.indicator_id, o.disaggregation, o.value, r.state, r.plan_id,
                     r.period_id, pe."end" AS period_end
              FROM reporting_observation o JOIN reporting_report r ON r.id = o.report_id
              JOIN reporting_reportingperiod pe ON pe.id = r.period_id""",
    "act": """SELECT a.id, a.kind, a.audiences, a.territory_id, a.participants_women AS women,
                     a.participants_men AS men, a.participants_total AS total, r.state,
                     r.plan_id, pe."end" AS period_end
              FROM reporting_activity a JOIN reporting_report r ON r.id = a.report_id
              JOIN reporting_reportingperiod pe ON pe.id = r.period_id""",
    "progress": """SELECT mp.measure_id, mp.status, r.state, r.plan_id, pe."end" AS period_end
              FROM reporting_measureprogress mp JOIN reporting_report r ON r.id = mp.report_id
              JOIN reporting_reportingperiod pe ON pe.id = r.period_id""",
}

AGGREGATES = {
    "indicator": """SELECT period_end,
            CASE WHEN disaggregation = '' THEN 'total'
                 ELSE regexp_extract(disaggregation, 'sex=([A-Z]+)', 1) END AS sex, SUM(value)
        FROM obs WHERE indicator_id = $id AND state = 'accepted' GROUP BY ALL ORDER BY 1, 2""",
    "kind": """SELECT kind, COUNT(*), SUM(women), SUM(men), SUM(total - women - men), SUM(total)
        FROM act WHERE plan_id = $plan AND state = 'accepted' GROUP BY kind ORDER BY kind""",
    "status": """SELECT status, COUNT(*) FROM (
            SELECT measure_id, arg_max(status, period_end) AS status FROM progress
            WHERE plan_id = $plan AND state = 'accepted' GROUP BY measure_id)
        GROUP BY status ORDER BY status""",
}


def _export(name: str, sql: str) -> str:
    path = os.path.join(TMP, f"bench_analytics_{name}.csv")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, open(path, "wb") as out, \
                cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH CSV HEADER") as copy:
            for block in copy:
                out.write(block)
    else:
        raw = connection.connection.cursor()
        raw.execute(sql)
        with open(path, "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([c[0] for c in raw.description])
            writer.writerows(raw)
    return path


def duckdb_reference(data, coord: Client) -> tuple[dict, list[str]]:
    import duckdb

    duck = duckdb.connect()
    lines = []
    started = time.perf_counter()
    for name, sql in EXPORTS.items():
        path = _export(name, sql)
        duck.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv(?, header=true)",  # noqa: S608
                     [path])
        os.remove(path)
    rows = duck.execute("SELECT (SELECT COUNT(*) FROM obs), (SELECT COUNT(*) FROM act)").fetchone()
    lines.append(f"copied {rows[0]:,} observations and {rows[1]:,} activities into DuckDB in "
                 f"{time.perf_counter() - started:.1f} s")
    params = {"indicator": {"id": data.indicators[0].pk}, "kind": {"plan": data.plan.pk},
              "status": {"plan": data.plan.pk}}
    kinds = duck.execute(AGGREGATES["kind"], params["kind"]).fetchall()
    api = _json(coord, f"/api/v1/analytics/activities/?plan={data.plan.pk}&group_by=kind")
    if api:
        ours = (api["totals"]["activities"], api["totals"]["women"])
        theirs = (sum(r[1] for r in kinds), sum(r[2] for r in kinds))
        lines.append(f"cross-check activities by kind, API vs DuckDB (activities, women): "
                     f"{'OK' if ours == theirs else 'FAIL'} {ours} vs {theirs}")
    timings = {}
    for name, sql in AGGREGATES.items():
        duck.execute(sql, params[name]).fetchall()
        runs = []
        for _ in range(WARM):
            start = time.perf_counter()
            duck.execute(sql, params[name]).fetchall()
            runs.append((time.perf_counter() - start) * 1000)
        timings[name] = statistics.median(runs)
        lines.append(f"DuckDB {name}: p50 {timings[name]:.2f} ms")
    duck.close()
    return timings, lines


# ---------------------------------------------------------------- roll-up versus live queries

ROLLUP_BUILD = [
    """CREATE TABLE bench_rollup_act AS
       SELECT r.plan_id, r.id AS report_id, r.period_id, a.kind, COUNT(*) AS activities,
              SUM(a.participants_women) AS women, SUM(a.participants_men) AS men,
              SUM(a.participants_total) AS total
       FROM reporting_activity a JOIN reporting_report r ON r.id = a.report_id
       WHERE r.state = 'accepted' GROUP BY r.plan_id, r.id, r.period_id, a.kind""",
    "CREATE INDEX bench_rollup_act_plan ON bench_rollup_act (plan_id)",
    "CREATE INDEX bench_rollup_act_report ON bench_rollup_act (report_id)",
    "CREATE TABLE bench_rollup_obs AS {select}",
    "CREATE INDEX bench_rollup_obs_key ON bench_rollup_obs (indicator_id, period_id)",
]
ROLLUP_OBS_SELECT = """
       SELECT o.indicator_id, r.period_id,
              CASE WHEN o.disaggregation = '' THEN 'total'
                   WHEN o.disaggregation LIKE '%%sex=F%%' THEN 'F' ELSE 'M' END AS sex,
              SUM(o.value) AS value
       FROM reporting_observation o JOIN reporting_report r ON r.id = o.report_id
       WHERE r.state = 'accepted' {where}
       GROUP BY o.indicator_id, r.period_id,
              CASE WHEN o.disaggregation = '' THEN 'total'
                   WHEN o.disaggregation LIKE '%%sex=F%%' THEN 'F' ELSE 'M' END"""
LIVE = {
    "kind": """SELECT a.kind, COUNT(*), SUM(a.participants_women), SUM(a.participants_men),
                      SUM(a.participants_total)
               FROM reporting_activity a JOIN reporting_report r ON r.id = a.report_id
               WHERE r.plan_id = %s AND r.state = 'accepted' GROUP BY a.kind""",
    "indicator": ROLLUP_OBS_SELECT.format(where="AND o.indicator_id = %s"),
}
FROM_ROLLUP = {
    "kind": """SELECT kind, SUM(activities), SUM(women), SUM(men), SUM(total)
               FROM bench_rollup_act WHERE plan_id = %s GROUP BY kind""",
    "indicator": """SELECT p."end", ro.sex, ro.value FROM bench_rollup_obs ro
                    JOIN reporting_reportingperiod p ON p.id = ro.period_id
                    WHERE ro.indicator_id = %s ORDER BY p."end", ro.sex""",
}
MAINTAIN = [
    "DELETE FROM bench_rollup_act WHERE report_id = %(report)s",
    """INSERT INTO bench_rollup_act
       SELECT r.plan_id, r.id, r.period_id, a.kind, COUNT(*), SUM(a.participants_women),
              SUM(a.participants_men), SUM(a.participants_total)
       FROM reporting_activity a JOIN reporting_report r ON r.id = a.report_id
       WHERE r.id = %(report)s AND r.state = 'accepted'
       GROUP BY r.plan_id, r.id, r.period_id, a.kind""",
    """DELETE FROM bench_rollup_obs WHERE period_id = %(period)s AND indicator_id IN
       (SELECT indicator_id FROM reporting_observation WHERE report_id = %(report)s)""",
    "INSERT INTO bench_rollup_obs " + ROLLUP_OBS_SELECT.format(  # noqa: S608 (constants)
        where="""AND r.period_id = %(period)s AND o.indicator_id IN
                 (SELECT indicator_id FROM reporting_observation WHERE report_id = %(report)s)"""),
]


def _sql_p50(sql: str, params, repeats: int = WARM) -> float:
    runs = []
    with connection.cursor() as cursor:
        for _ in range(repeats + 1):
            start = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs[1:])


def rollup_comparison(data) -> list[str]:
    from tendik.reporting.models import Report

    lines = []
    with connection.cursor() as cursor:
        started = time.perf_counter()
        for sql in ROLLUP_BUILD:
            cursor.execute(sql.replace("{select}", ROLLUP_OBS_SELECT.format(where="")
                                       .replace("%%", "%")))
        lines.append(f"roll-up tables built in {time.perf_counter() - started:.1f} s")
    params = {"kind": [data.plan.pk], "indicator": [data.indicators[0].pk]}
    for name in LIVE:
        live, rolled = _sql_p50(LIVE[name], params[name]), _sql_p50(FROM_ROLLUP[name],
                                                                      params[name])
        lines.append(f"{name}: indexed live query p50 {live:.2f} ms, from the roll-up "
                     f"{rolled:.2f} ms ({live / rolled:.0f}× faster read)")
    candidates = list(Report.objects.filter(plan=data.plan, state__in=["submitted",
                                                                       "resubmitted"])
                      .order_by("id").values_list("pk", "period_id")[:10])
    base, extra = [], []
    for report, period in candidates:
        with transaction.atomic(), connection.cursor() as cursor:
            start = time.perf_counter()
            cursor.execute("UPDATE reporting_report SET state = 'accepted' WHERE id = %s",
                           [report])
            middle = time.perf_counter()
            for sql in MAINTAIN:
                cursor.execute(sql, {"report": report, "period": period})
            end = time.perf_counter()
            transaction.set_rollback(True)  # measure only: leave the data as it was
        base.append((middle - start) * 1000)
        extra.append((end - middle) * 1000)
    if extra:
        lines.append(f"write cost per acceptance: state update {statistics.median(base):.2f} ms, "
                     f"roll-up maintenance +{statistics.median(extra):.2f} ms p50, "
                     f"+{max(extra):.2f} ms max (over {len(extra)} reports)")
    return lines


# ---------------------------------------------------------------- report


def explain(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return [" ".join(str(c) for c in row) for row in cursor.fetchall()]


def without_jit(figs: list[Figure]) -> list[str]:
    """PostgreSQL compiles expensive queries with LLVM (JIT) on every execution; time the
    slowest figures again with it off, the setting we would propose for production."""
    slowest = sorted((f for f in figs if "skipped" not in f.result),
                     key=lambda f: -f.result["p50"])[:6]
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        if cursor.fetchone()[0] == "off":
            return ["JIT is already off in the settings (DATABASES OPTIONS): nothing to compare"]
        cursor.execute("SET jit = off")
    lines = []
    for f in slowest:
        runs = []
        for _ in range(11):
            start = time.perf_counter()
            f.client.get(f.url)
            runs.append((time.perf_counter() - start) * 1000)
        p50 = statistics.median(runs[1:])
        f.result["p50_jit_off"] = p50
        lines.append(f"{f.name:40} p50 {f.result['p50']:8.1f} ms with JIT, {p50:8.1f} ms "
                     "without")
    with connection.cursor() as cursor:
        cursor.execute("RESET jit")
    return lines


# Indexes the plans above ask for, tried at the end of a PostgreSQL run (not in the models).
PROPOSED_INDEXES = [
    # Activities of a plan's accepted reports, summed without touching the table (index-only).
    """CREATE INDEX bench_activity_report_sums ON reporting_activity (report_id)
       INCLUDE (kind, territory_id, participants_women, participants_men, participants_total)""",
    # The activities list, newest first: walk the index and stop after one page.
    "CREATE INDEX bench_activity_recent ON reporting_activity (start DESC, id DESC)",
    # Counted reports of a plan: one index range instead of a filter over every report.
    "CREATE INDEX bench_report_plan_state ON reporting_report (plan_id, state)",
    # Indicator totals (the empty key) by report, without reading the 126 cells beside them.
    """CREATE INDEX bench_observation_totals ON reporting_observation (indicator_id, report_id)
       INCLUDE (value) WHERE disaggregation = ''""",
]
# The home page's indicator statuses read every cell to compare totals with parts; reading the
# totals alone is the query change the partial index above is for.
INDICATOR_TOTALS = {
    "all cells (as now)": """SELECT o.indicator_id, o.report_id,
            SUM(o.value) FILTER (WHERE o.disaggregation = ''),
            SUM(o.value) FILTER (WHERE o.disaggregation <> ''), COUNT(*)
        FROM reporting_observation o JOIN reporting_report r ON r.id = o.report_id
        WHERE r.plan_id = %s AND r.state = 'accepted' GROUP BY o.indicator_id, o.report_id""",
    "totals only": """SELECT o.indicator_id, o.report_id, o.value
        FROM reporting_observation o JOIN reporting_report r ON r.id = o.report_id
        WHERE r.plan_id = %s AND r.state = 'accepted' AND o.disaggregation = ''""",
}


def _p50_of(client: Client, url: str) -> float:
    runs = []
    for _ in range(11):
        start = time.perf_counter()
        client.get(url)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs[1:])


def index_experiment(figs: list[Figure], plan_id: int) -> list[str]:
    """The slowest figures timed just before and just after building the proposed indexes."""
    slowest = sorted((f for f in figs if "skipped" not in f.result),
                     key=lambda f: -f.result["p50"])[:8]
    before = {f.name: _p50_of(f.client, f.url) for f in slowest}
    sql_before = {k: _sql_p50(sql, [plan_id], 5) for k, sql in INDICATOR_TOTALS.items()}
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in PROPOSED_INDEXES:
            cursor.execute(sql)
        cursor.execute("VACUUM ANALYZE reporting_activity")  # index-only scans need the map
        cursor.execute("VACUUM ANALYZE reporting_observation")
    lines = [f"proposed indexes built (and vacuumed) in {time.perf_counter() - started:.1f} s"]
    for f in slowest:
        after = _p50_of(f.client, f.url)
        f.result["p50_indexed"] = after
        lines.append(f"{f.name:40} p50 {before[f.name]:8.1f} ms before, {after:8.1f} ms with "
                     "the proposed indexes")
    for name, sql in INDICATOR_TOTALS.items():
        lines.append(f"home indicator statuses, {name:20} p50 {sql_before[name]:8.1f} ms before, "
                     f"{_sql_p50(sql, [plan_id], 5):8.1f} ms with the indexes")
    return lines


def summary(figs: list[Figure], duck: dict, tag: str) -> list[str]:
    lines = [f"{'figure':40} {'p50 warm':>9} {'p95 warm':>9} {'cold':>8} {'queries':>9} "
             f"{'× DuckDB':>9}"]
    for f in figs:
        r = f.result
        if "skipped" in r:
            lines.append(f"{f.name:40} skipped: {r['skipped']}")
            continue
        cold = f"{r['cold']:.1f}" if r["cold"] is not None else "—"
        times = f"{r['p50'] / duck[f.duck]:.0f}×" if f.duck in duck else ""
        flag = " > target" if tag.startswith("regional") and r["p95"] > TARGET_MS else ""
        queries = ",".join(str(q) for q in sorted(set(r["queries"]) | set(r["cold_queries"])))
        lines.append(f"{f.name:40} {r['p50']:9.1f} {r['p95']:9.1f} {cold:>8} {queries:>9} "
                     f"{times:>9}{flag}")
    return lines


def query_counts_across_runs(figs: list[Figure], tag: str) -> list[str]:
    runs = {}
    for path in sorted(glob.glob(os.path.join(TMP, "bench_analytics_*.json"))):
        with open(path) as handle:
            runs[os.path.basename(path)[16:-5]] = json.load(handle)["figures"]
    runs[tag] = {f.name: f.result for f in figs}
    tags = sorted(runs)
    lines = ["query counts by run: " + " | ".join(tags)]
    for f in figs:
        counts = []
        for t in tags:
            r = runs[t].get(f.name, {})
            counts.append(",".join(map(str, r.get("queries", []))) or "—")
        lines.append(f"  {f.name:40} " + " | ".join(counts))
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=["tiny", "national", "regional"], default="tiny")
    parser.add_argument("--only", default="", help="measure only figures whose name contains this")
    parser.add_argument("--explain", type=int, default=3, help="plans of the N slowest queries")
    args = parser.parse_args()
    # A figure that fails is reported once as skipped, not as a traceback per request.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", message="No directory at")
    if connection.vendor == "sqlite":
        if args.scale == "regional":
            parser.error("the regional scale runs on PostgreSQL only (TENDIK_DATABASE_URL)")
        # A file, not the shared in-memory database: a cold request must really reconnect.
        connection.settings_dict.setdefault("TEST", {})["NAME"] = os.path.join(
            TMP, "bench_analytics.sqlite3")
    from analytics_data import populate

    with throwaway_database() as vendor:
        tag = f"{args.scale}_{vendor}" + ("_partial" if args.only else "")
        print(f"database: {vendor}, scale: {args.scale}", flush=True)
        data = populate(args.scale)[0]
        coord, focal = Client(), Client()
        coord.force_login(data.coordinator)
        focal.force_login(data.focal)
        figs = [f for f in figures(data, coord, focal) if args.only in f.name]
        for figure in figs:
            measure(figure)
            r = figure.result
            print(f"  {figure.name}: " + (f"skipped ({r['skipped']})" if "skipped" in r else
                  f"p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, cold {r['cold']}, "
                  f"queries {r['queries']} {r['notes'] or ''}"), flush=True)
        print("\n== write, then read at once")
        wtr = write_then_read(data, coord)
        print("\n".join(wtr))
        print("\n== DuckDB reference")
        duck, duck_lines = duckdb_reference(data, coord)
        print("\n".join(duck_lines))
        print("\n== roll-up versus indexed live queries")
        rollup = rollup_comparison(data)
        print("\n".join(rollup))
        measured = sorted((f for f in figs if "skipped" not in f.result),
                          key=lambda f: -f.result["slowest_ms"])
        seen = set()
        for slow in measured:
            if slow.result["slowest_sql"] in seen or len(seen) == args.explain:
                continue
            seen.add(slow.result["slowest_sql"])
            print(f"\n== plan of the slowest query of {slow.name} "
                  f"({slow.result['slowest_ms']:.1f} ms)\n{slow.result['slowest_sql'][:700]} …")
            print("\n".join(explain(slow.result["slowest_sql"])))
        print(f"\n== summary ({tag}; ms, server time in-process; cold = new connection"
              f"{' + DISCARD ALL' if vendor == 'postgresql' else ''}, other parameters)")
        print("\n".join(summary(figs, duck, tag)))
        print("\n".join(query_counts_across_runs(figs, tag)))
        with open(os.path.join(TMP, f"bench_analytics_{tag}.json"), "w") as handle:
            json.dump({"figures": {f.name: f.result for f in figs}, "write_then_read": wtr,
                       "duckdb": duck_lines, "rollup": rollup}, handle, indent=1, default=str)
        if vendor == "postgresql":
            print("\n== JIT on and off (p50 warm, 10 runs)")
            print("\n".join(without_jit(figs)))
            print("\n== proposed indexes (p50 warm, 10 runs)")
            print("\n".join(index_experiment(figs, data.plan.pk)))


if __name__ == "__main__":
    main()
