"""Indicator figures: the value series per period, its breakdowns, the gender gap and a progress
status against the baseline and the yearly targets.

Only counted reports (the basis) contribute. Two grouped queries read them: a row per report
with its total, and a row per (period, combination key) with its sum and count, from which each
dimension's codes are summed in Python over periods × keys, never over observations. A report's
total is its "" value when it gave one, else the combination of its breakdown values. Several
organisations reporting the same indicator in one period are then combined by the indicator's
aggregation: `sum` adds them; `average` takes their mean; `latest` (which concerns time: a
period's own value, the headline is the latest period) adds them like stocks held by each one.
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tendik.core.errors import DomainError
from tendik.core.i18n import current_language, localized
from tendik.plans.models import Aggregation, Direction, Indicator, Unit
from tendik.plans.selectors import indicators_visible_to
from tendik.reporting.models import Observation, PeriodKind
from tendik.reporting.validation import code_lists, parse_key

from .basis import Basis, based_on, counted_reports, data_version

METHODOLOGY_URL = "https://github.com/open-sdg/open-sdg/blob/master/docs/progress-methodology.md"

STATUS_LABELS = {
    "target_achieved": gettext_lazy("цель достигнута"),
    "on_track": gettext_lazy("на пути к цели"),
    "needs_acceleration": gettext_lazy("есть прогресс, нужно ускорение"),
    "limited_progress": gettext_lazy("ограниченный прогресс"),
    "deterioration": gettext_lazy("ухудшение"),
    "not_achieved": gettext_lazy("цель не достигнута"),
    "unable_to_assess": gettext_lazy("недостаточно данных для оценки"),
    "no_data": gettext_lazy("нет данных"),
}
PROGRESS_STATUSES = tuple(STATUS_LABELS)
OFF_TRACK = ("needs_acceleration", "limited_progress", "deterioration", "not_achieved")
# Open SDG's thresholds: the ratio R of observed to required growth when there is a target;
# the observed growth itself (per year, in the desired direction) when there is none.
RATIO_THRESHOLDS = (0.95, 0.6, 0.0)
GROWTH_THRESHOLDS = (0.015, 0.005, 0.0)
GRADES = ("on_track", "needs_acceleration", "limited_progress")
ZERO_REPLACEMENT = 0.001  # the method's exponential model cannot start from or aim at zero


def indicator_for_figure(user, pk) -> Indicator:
    """The indicator if the user may see it (404 otherwise), with what a figure reads."""
    indicator = indicators_visible_to(user).prefetch_related(
        "dimensions__values", "targets").filter(pk=pk).first()
    if indicator is None:
        raise DomainError(_("Индикатор не найден"), code="not_found")
    return indicator


# ---------------------------------------------------------------- progress (Open SDG method)

@dataclass(frozen=True)
class Progress:
    status: str
    method: str = ""
    value: float | None = None  # R (with a target) or the observed growth rate (without)
    base_year: int | None = None
    current_year: int | None = None
    target_year: int | None = None
    target: float | None = None


def _grade(value: float, thresholds: tuple[float, float, float]) -> str:
    for status, threshold in zip(GRADES, thresholds, strict=True):
        if value >= threshold:
            return status
    return "deterioration"


def _cagr(start: float, end: float, years: int) -> float:
    # Rounded so float noise (1.015 read as 1.01499…) never decides a status on a boundary.
    return round((end / start) ** (1 / years) - 1, 9)


def _nonzero(value: float) -> float:
    return ZERO_REPLACEMENT if value == 0 else value


def _achieved(current: float, target: float, direction: str) -> bool:
    return current <= target if direction == Direction.DECREASE else current >= target


def progress_status(*, points: dict[int, float], direction: str, unit: str = Unit.NUMBER,
                    baseline: tuple[int, float] | None = None,
                    target: tuple[int, float] | None = None) -> Progress:
    """A progress status by the Open SDG progress methodology (Statistics Canada, after
    Eurostat): <https://github.com/open-sdg/open-sdg/blob/master/docs/progress-methodology.md>.

    `points` are yearly values. The base is the baseline (year, value) when it precedes the
    latest year, else the first year with data; the current value is the latest year's.

    - With a target (year, value): "target achieved" when the current value has reached it.
      Otherwise the observed compound annual growth rate CAGR = (y_i / y_0)^(1/(t_i − t_0)) − 1
      is set against the rate the target needs, CAGR_T = (y_T / y_0)^(1/(t_T − t_0)) − 1, as
      R = d · CAGR / |CAGR_T| (d = +1 for increase, −1 for decrease): R ≥ 95 % on track,
      60–95 % progress made but acceleration needed, 0–60 % limited progress, < 0 deterioration.
      A target equal to the base that is not reached means the value moved away: deterioration.
    - Without a target: d · CAGR ≥ 1.5 % on track, 0.5–1.5 % acceleration needed, 0–0.5 %
      limited, < 0 deterioration.
    - Zero base or target values are replaced by 0.001; values must share one sign (all
      negative flips the direction); fewer than two years is "unable to assess"; yes/no
      indicators are "target achieved" or "not achieved".
    - Not in Open SDG (Tendik's own): `maintain` without a target is on track while the value
      does not fall below the base, deterioration otherwise; with a target it reads as
      `increase`. The natural-limit scaling factor C is not applied.
    """
    if not points:
        return Progress("no_data")
    current_year = max(points)
    current = points[current_year]
    if unit == Unit.BOOLEAN:
        if target is None:
            return Progress("unable_to_assess", "binary", current_year=current_year)
        status = "target_achieved" if current >= target[1] else "not_achieved"
        return Progress(status, "binary", current_year=current_year, target_year=target[0],
                        target=target[1])
    if baseline is not None and baseline[0] < current_year:
        base_year, base = baseline
    else:
        base_year = min(points)
        base = points[base_year]
    common = {"base_year": base_year, "current_year": current_year}
    method = "target_ratio" if target is not None else "growth"
    if current_year <= base_year:
        return Progress("unable_to_assess", method, **common)
    if target is not None:
        common.update(target_year=target[0], target=target[1])
        if _achieved(current, target[1], direction):
            return Progress("target_achieved", method, **common)
        if target[0] <= base_year:
            return Progress("unable_to_assess", method, **common)
    values = [_nonzero(base), current] + ([_nonzero(target[1])] if target is not None else [])
    if not (all(v > 0 for v in values) or all(v < 0 for v in values)):
        return Progress("unable_to_assess", method, **common)
    sign = -1 if direction == Direction.DECREASE else 1
    if values[0] < 0:
        sign = -sign
    growth = _cagr(values[0], current, current_year - base_year)
    if target is None:
        if direction == Direction.MAINTAIN:
            status = "on_track" if sign * growth >= 0 else "deterioration"
            return Progress(status, method, round(sign * growth, 6), **common)
        return Progress(_grade(sign * growth, GROWTH_THRESHOLDS), method,
                        round(sign * growth, 6), **common)
    required = _cagr(values[0], values[2], target[0] - base_year)
    if required == 0:
        return Progress("deterioration", method, None, **common)
    ratio = round(sign * growth / abs(required), 9)
    return Progress(_grade(ratio, RATIO_THRESHOLDS), method, round(ratio, 6), **common)


def method_note(progress: Progress, unit_label: str = "") -> str:
    """One sentence a reader can check: which years, which rate, against what."""
    if progress.method == "binary":
        return _("Индикатор «да/нет»: цель достигнута, если последнее значение равно целевому.")
    if progress.status in ("no_data", "unable_to_assess"):
        return _("Для оценки нужны значения хотя бы за два года (или базовое значение и одно "
                 "значение после него), одного знака.")
    years = {"base": progress.base_year, "current": progress.current_year}
    if progress.method == "target_ratio":
        if progress.status == "target_achieved":
            return _("Значение %(current)s г. достигло цели %(target)s %(unit)s.") % {
                **years, "target": _number(progress.target), "unit": unit_label}
        return _("Метод Open SDG: среднегодовой темп изменения с %(base)s по %(current)s г. "
                 "в сравнении с темпом, нужным для цели %(target)s %(unit)s к %(year)s г.; "
                 "отношение %(ratio)s (≥ 95 %% — на пути к цели, 60–95 %% — нужно ускорение, "
                 "0–60 %% — ограниченный прогресс, < 0 — ухудшение).") % {
            **years, "target": _number(progress.target), "unit": unit_label,
            "year": progress.target_year, "ratio": _percent(progress.value)}
    return _("Метод Open SDG без целевого значения: среднегодовой темп изменения с %(base)s по "
             "%(current)s г. в желаемом направлении — %(growth)s (≥ 1,5 %% — на пути к цели, "
             "0,5–1,5 %% — нужно ускорение, 0–0,5 %% — ограниченный прогресс, < 0 — "
             "ухудшение).") % {**years, "growth": _percent(progress.value)}


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:,.4f}".rstrip("0").rstrip(".").replace(",", " ")


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def _target_for(targets: list[tuple[int, float]], year: int) -> tuple[int, float] | None:
    """The first target from the latest year on; once all have passed, the last one."""
    ahead = [t for t in targets if t[0] >= year]
    return ahead[0] if ahead else (targets[-1] if targets else None)


# ---------------------------------------------------------------- reading the values

def period_label(kind: str, start: datetime.date, end: datetime.date) -> str:
    """A short axis label: «2023», «II кв. 2023», «I полуг. 2023»."""
    return _period_label(kind, start, end, current_language())


@lru_cache(maxsize=4096)  # a plan's statuses label thousands of rows with a few dozen periods
def _period_label(kind: str, start: datetime.date, end: datetime.date, _language: str) -> str:
    roman = ("I", "II", "III", "IV")
    if kind == PeriodKind.YEAR and start.year == end.year:
        return str(start.year)
    if kind == PeriodKind.QUARTER:
        return _("%(n)s кв. %(year)s") % {"n": roman[(start.month - 1) // 3], "year": start.year}
    if kind == PeriodKind.HALF_YEAR:
        return _("%(n)s полуг. %(year)s") % {"n": roman[(start.month - 1) // 6],
                                             "year": start.year}
    return f"{start:%m.%Y}–{end:%m.%Y}"


def _counted(basis: Basis, indicators) -> QuerySet[Observation]:
    return Observation.objects.filter(indicator__in=indicators,
                                      report__in=counted_reports(basis).values("pk"))


def _report_rows(basis: Basis, indicators) -> list[dict]:
    """One row per (indicator, counted report): its total and its breakdown values' sum.

    Grouping every observation of a plan's indicators is the costliest read of the figures
    (≈0.5 s at national scale), so its result is kept under the counted reports' fingerprint
    (`data_version`): live, because that fingerprint changes with every acceptance."""
    key = "analytics:report-rows:" + hashlib.blake2s(
        f"{data_version(basis)}|{sorted(indicators)}".encode(), digest_size=16).hexdigest()
    rows = cache.get(key)
    if rows is None:
        rows = _aggregate_report_rows(basis, indicators)
        cache.set(key, rows, ROWS_KEPT)
    return rows


ROWS_KEPT = 3600  # seconds; an entry is only ever dropped for memory, never for staleness


def _aggregate_report_rows(basis: Basis, indicators) -> list[dict]:
    """The observations grouped on their own two ids, with no join: the periods of the counted
    reports come from a second, small query (a join on every observation doubled the time)."""
    rows = list(_counted(basis, indicators).values("indicator_id", "report_id").annotate(
        total=Sum("value", filter=Q(disaggregation="")),
        has_total=Count("pk", filter=Q(disaggregation="")),
        parts=Sum("value", filter=~Q(disaggregation="")),
        part_count=Count("pk", filter=~Q(disaggregation=""))).order_by())
    periods = {report: dict(zip(PERIOD_FIELDS, values, strict=True)) for report, *values in
               counted_reports(basis).values_list(
                   "pk", "period_id", "period__kind", "period__start", "period__end",
                   "organisation_id").order_by()
               } if rows else {}
    return one_per_span([{**row, **periods[row["report_id"]]} for row in rows])


PERIOD_FIELDS = ("report__period_id", "report__period__kind", "report__period__start",
                 "report__period__end", "report__organisation_id")


def one_per_span(rows: list[dict]) -> list[dict]:
    """One value per organisation and stretch of time, whatever the plan it was reported in.

    An indicator outlives plans: a ministry that reported 2022 under the previous NAP and under
    a roadmap gave the same figure twice. The later report counts; periods of different plans
    that cover the same dates become one point of the series (the latest period's id)."""
    kept: dict[tuple, dict] = {}
    for row in rows:
        key = (row["indicator_id"], row["report__organisation_id"],
               row["report__period__start"], row["report__period__end"])
        if key not in kept or row["report_id"] > kept[key]["report_id"]:
            kept[key] = row
    span_period: dict[tuple, int] = {}
    for row in kept.values():
        span = (row["report__period__start"], row["report__period__end"])
        span_period[span] = max(span_period.get(span, 0), row["report__period_id"])
    return [{**row, "report__period_id": span_period[(row["report__period__start"],
                                                      row["report__period__end"])]}
            for row in kept.values()]


def _key_rows(basis: Basis, indicator: Indicator, rows: list[dict]) -> list[dict]:
    """Sum and count per (period, combination key) over the reports `rows` kept (one per
    organisation and span), grouped in SQL per report and key, then per period here."""
    period_of = {row["report_id"]: row["report__period_id"] for row in rows}
    merged: dict[tuple, list] = {}
    for row in _counted(basis, [indicator.pk]).filter(report_id__in=list(period_of)).exclude(
            disaggregation="").values("report_id", "disaggregation").annotate(
            sum=Sum("value"), n=Count("pk")).order_by():
        cell = merged.setdefault((period_of[row["report_id"]], row["disaggregation"]), [0, 0])
        cell[0] += row["sum"]
        cell[1] += row["n"]
    return [{"report__period_id": period, "disaggregation": key, "sum": total, "n": n}
            for (period, key), (total, n) in merged.items()]


def _by_code(key_rows, dimensions: dict[str, list[str]]) -> dict[int, dict]:
    """{period: {dimension: {code: [sum, count]}}}: each combination adds to one code of
    every dimension it names (summing the other dimensions out)."""
    parsed: dict[str, dict[str, str]] = {}
    result: dict[int, dict] = defaultdict(lambda: {d: {} for d in dimensions})
    for row in key_rows:
        key = row["disaggregation"]
        codes = parsed.get(key)
        if codes is None:
            codes = parsed[key] = parse_key(key)
        period = result[row["report__period_id"]]
        for dimension in dimensions:
            code = codes.get(dimension)
            if code in dimensions[dimension]:
                cell = period[dimension].setdefault(code, [0.0, 0])
                cell[0] += float(row["sum"])
                cell[1] += row["n"]
    return result


def _combine(values: list[tuple[float, int]], aggregation: str) -> float | None:
    """(sum, count) pairs as one figure: their sum, or the pooled mean for `average`."""
    values = [(s, n) for s, n in values if n]
    if not values:
        return None
    total = sum(s for s, _n in values)
    if aggregation == Aggregation.AVERAGE:
        return total / sum(n for _s, n in values)
    return total


def _report_total(row: dict, aggregation: str) -> tuple[float, int]:
    if row["has_total"]:
        return float(row["total"]), 1
    if aggregation == Aggregation.AVERAGE and row["part_count"]:
        return float(row["parts"]) / row["part_count"], 1
    return float(row["parts"] or 0), 1 if row["part_count"] else 0


def _periods(rows, aggregation: str, dimensions: dict[str, list[str]] | None = None,
             by_code: dict[int, dict] | None = None) -> list[dict]:
    """The series, oldest period first: total and, per dimension, the value of each code."""
    by_period: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_period[row["report__period_id"]].append(row)
    dimensions, by_code = dimensions or {}, by_code or {}
    series = []
    for period_id, reports in by_period.items():
        first = reports[0]
        # Each report's total counts once (n = 1), so `average` is the mean over reports.
        value = _combine([_report_total(r, aggregation) for r in reports], aggregation)
        cells = by_code.get(period_id, {})
        series.append({
            "period": period_id, "period_start": first["report__period__start"],
            "period_end": first["report__period__end"], "kind": first["report__period__kind"],
            "label": period_label(first["report__period__kind"], first["report__period__start"],
                                  first["report__period__end"]),
            "value": _rounded(value), "reports": len(reports),
            "by_dimension": {d: {c: _rounded(_combine([tuple(cells.get(d, {}).get(c, (0, 0)))],
                                                      aggregation)) for c in codes}
                             for d, codes in dimensions.items()}})
    return sorted(series, key=lambda p: (p["period_end"], p["period_start"]))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def yearly_points(series: list[dict], aggregation: str) -> dict[int, float]:
    """One value per calendar year for the progress method. A year-long period speaks for its
    year; otherwise the year's periods are combined (sum, mean, or the last). A flow (`sum`)
    counts only years its periods cover completely, so a half-reported year is no decline."""
    years: dict[int, list[dict]] = defaultdict(list)
    for point in series:
        if point["value"] is not None and point["period_start"].year == point["period_end"].year:
            years[point["period_end"].year].append(point)
    points = {}
    for year, periods in years.items():
        whole = [p for p in periods if p["period_start"] == datetime.date(year, 1, 1)
                 and p["period_end"] == datetime.date(year, 12, 31)]
        if whole:
            points[year] = whole[-1]["value"]
        elif aggregation == Aggregation.LATEST:
            points[year] = periods[-1]["value"]
        elif aggregation == Aggregation.AVERAGE:
            points[year] = sum(p["value"] for p in periods) / len(periods)
        elif _covers_year(periods, year):
            points[year] = sum(p["value"] for p in periods)
    return points


def _covers_year(periods: list[dict], year: int) -> bool:
    days = sum((p["period_end"] - p["period_start"]).days + 1 for p in periods)
    span = (datetime.date(year, 12, 31) - datetime.date(year, 1, 1)).days + 1
    return days == span and min(p["period_start"] for p in periods) == datetime.date(year, 1, 1)


def _float(value) -> float | None:
    return None if value is None else float(value)


def _progress_of(indicator: Indicator, series: list[dict]) -> tuple[Progress, list]:
    targets = sorted((t.year, float(t.value)) for t in indicator.targets.all())
    baseline = ((indicator.baseline_year, float(indicator.baseline_value))
                if indicator.baseline_year and indicator.baseline_value is not None else None)
    points = yearly_points(series, indicator.aggregation)
    target = _target_for(targets, max(points)) if points else None
    return progress_status(points=points, direction=indicator.direction, unit=indicator.unit,
                           baseline=baseline, target=target), targets


def _progress_document(progress: Progress, indicator: Indicator) -> dict:
    return {"status": progress.status, "method": progress.method,
            "label": str(STATUS_LABELS[progress.status]),
            "note": method_note(progress, indicator.get_unit_display()),
            "value": progress.value, "base_year": progress.base_year,
            "current_year": progress.current_year, "target_year": progress.target_year,
            "target": progress.target, "source": METHODOLOGY_URL}


# ---------------------------------------------------------------- the figures

def _dimension_meta(indicator: Indicator) -> list[dict]:
    """The indicator's breakdowns (code lists as in the report form), codes in list order."""
    lists = code_lists(indicator)
    return [{"dimension": d.code, "label": localized(d, "name").text, "codes": [
        {"code": v.code, "label": localized(v, "label").text}
        for v in d.values.all() if v.code in lists[d.code]]}
        for d in indicator.dimensions.all() if d.code in lists]


def _gender_gap(series: list[dict], codes: dict[str, list[str]]) -> list[dict]:
    if not {"F", "M"} <= set(codes.get("sex", ())):
        return []
    gaps = []
    for point in series:
        women, men = point["by_dimension"]["sex"]["F"], point["by_dimension"]["sex"]["M"]
        both = women is not None and men is not None
        gaps.append({"period": point["period"], "label": point["label"], "women": women,
                     "men": men, "gap": _rounded(women - men) if both else None,
                     "ratio": _rounded(women / men) if both and men else None})
    return gaps


def check_breakdown(indicator: Indicator, breakdown: str | None,
                    dimensions: list[dict]) -> None:
    if breakdown in (None, "") or breakdown in {d["dimension"] for d in dimensions}:
        return
    raise DomainError(
        _("У индикатора %(code)s нет разреза «%(dimension)s»") % {
            "code": indicator.code, "dimension": breakdown},
        errors=[{"field": "breakdown", "message": _("нет разреза «%(dimension)s»; есть: "
                                                    "%(allowed)s") % {
            "dimension": breakdown,
            "allowed": ", ".join(d["dimension"] for d in dimensions) or "—"}}])


def indicator_figure(basis: Basis, indicator: Indicator, *, breakdown: str | None = None,
                     breakdowns: bool = True) -> dict:
    """The indicator's series over the basis, its breakdowns and progress (constant queries).

    `breakdown` names the dimension whose codes fill each point's `breakdown`; one the
    indicator lacks is a 400 naming it. A range without counted data is an empty series with
    the status "no_data", never an error. `breakdowns=False` skips reading the breakdowns (the
    national report shows totals only): most of the figure's time for a broken-down indicator."""
    dimensions = _dimension_meta(indicator) if breakdowns else []
    check_breakdown(indicator, breakdown, dimensions)
    codes = {d["dimension"]: [c["code"] for c in d["codes"]] for d in dimensions}
    rows = list(_report_rows(basis, [indicator.pk]))
    by_code = _by_code(_key_rows(basis, indicator, rows), codes) if codes and rows else {}
    series = _periods(rows, indicator.aggregation, codes, by_code)
    progress, targets = _progress_of(indicator, series)
    return {
        "indicator": indicator.pk, "code": indicator.code, "name": indicator.name,
        "unit": indicator.unit, "unit_label": str(indicator.get_unit_display()),
        "direction": indicator.direction, "aggregation": indicator.aggregation,
        "baseline": _float(indicator.baseline_value), "baseline_year": indicator.baseline_year,
        "targets": [{"year": year, "value": value} for year, value in targets],
        "series": [{"period": p["period"], "period_end": p["period_end"], "label": p["label"],
                    "value": p["value"], "reports": p["reports"],
                    "breakdown": p["by_dimension"].get(breakdown, {}) if breakdown else {}}
                   for p in series],
        "breakdowns": [{**d, "series": [
            {"code": c["code"], "label": c["label"],
             "values": [p["by_dimension"][d["dimension"]][c["code"]] for p in series]}
            for c in d["codes"]]} for d in dimensions],
        "gender_gap": _gender_gap(series, codes),
        "progress": _progress_document(progress, indicator),
        "based_on": {**based_on(basis), "with_values": len(rows)},
    }


def series_chart_args(figure: dict) -> dict:
    """The indicator's values over time against baseline and targets: the page draws it as
    SVG, the national report as PNG."""
    return {"title": f"{figure['code']} {figure['name']}",
            "description": _("Значения по периодам с базовым значением (пунктир) и целями "
                             "(ромбы)."),
            "x_labels": [p["label"] for p in figure["series"]],
            "series": [(_("Значение"), [p["value"] for p in figure["series"]])],
            "baseline": figure["baseline"],
            "targets": [(str(t["year"]), t["value"]) for t in figure["targets"]],
            "unit": figure["unit_label"]}


def indicator_statuses(basis: Basis) -> list[dict]:
    """Every indicator of the basis's plan (or of the user's scope) with its latest value, the
    target it is measured against and its progress status: five queries whatever the size."""
    indicators = indicators_visible_to(basis.user)
    if basis.plan is not None:
        indicators = indicators.filter(measures__plan=basis.plan)
    indicators = list(indicators.distinct().prefetch_related("targets").order_by("code"))
    rows: dict[int, list[dict]] = defaultdict(list)
    for row in _report_rows(basis, [i.pk for i in indicators]):
        rows[row["indicator_id"]].append(row)
    statuses = []
    for indicator in indicators:
        series = _periods(rows[indicator.pk], indicator.aggregation)
        progress, _targets = _progress_of(indicator, series)
        statuses.append({
            "id": indicator.pk, "code": indicator.code, "name": indicator.name,
            "unit": indicator.unit, "latest": series[-1]["value"] if series else None,
            "target": progress.target, "status": progress.status,
            "status_label": str(STATUS_LABELS[progress.status])})
    return statuses


def off_track(statuses: list[dict]) -> list[dict]:
    """The indicators whose status asks for attention (the coordinator's home)."""
    return [s for s in statuses if s["status"] in OFF_TRACK]

