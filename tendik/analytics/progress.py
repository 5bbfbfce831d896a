"""Plan progress: measures by their latest reported status, per area and any other grouping.

A measure's status is the one of the latest period (by its end) among the counted reports that
set one. When several organisations report the same measure in that period, the lead executor's
word wins; otherwise the report filed last. A measure no counted report speaks of is counted
under "no_report": it is never dropped, so `by_status` always sums to `measures`.
"""

import datetime
from collections import defaultdict

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.i18n import localized, per_language
from tendik.organisations.display import organisation_row, short_labels
from tendik.organisations.models import Organisation
from tendik.plans.models import DeadlineKind, Measure, PriorityArea
from tendik.reporting.models import MeasureProgress, ProgressStatus

from .basis import Basis, based_on, counted_reports, measure_scope, periods_in_scope
from .indicators import period_label

NO_REPORT = "no_report"
STATUSES = (*ProgressStatus.values, NO_REPORT)
DONE = {ProgressStatus.COMPLETED, ProgressStatus.CANCELLED}
GROUPINGS = ("area", "objective", "executor", "territory", "deadline_year")
# Best news first, so a stacked bar reads from done to not yet reported.
STATUS_ORDER = ("completed", "partially_completed", "in_progress", "not_started", "not_completed",
                "cancelled", "no_report")


def status_label(code: str) -> str:
    return _("нет отчёта") if code == NO_REPORT else str(ProgressStatus(code).label)


def status_columns() -> list[tuple[str, str]]:
    return [(code, status_label(code)) for code in STATUS_ORDER]


def status_series(rows: list[dict]) -> list[tuple[str, list[int]]]:
    """One chart series per status over rows that carry `by_status` (areas, periods, groups)."""
    return [(label, [r["by_status"][code] for r in rows]) for code, label in status_columns()]


def empty_counts() -> dict[str, int]:
    return dict.fromkeys(STATUSES, 0)


def deadline_years(measure: Measure) -> list[int]:
    if measure.deadline_kind == DeadlineKind.DATE:
        return [measure.deadline_date.year]
    if measure.deadline_kind == DeadlineKind.PERIOD:
        return list(range(measure.deadline_date.year, measure.deadline_end.year + 1))
    return measure.years if measure.deadline_kind == DeadlineKind.YEARS else []


def scoped_measures(basis: Basis, measures: QuerySet[Measure] | None = None) -> QuerySet[Measure]:
    """The plan's measures the user's figures cover, narrowed by `measures` (a FilterSet's qs)."""
    base = Measure.objects.filter(plan=basis.plan)
    scope = measure_scope(basis.user)
    if scope:
        base = base.filter(pk__in=Measure.objects.filter(scope).values("pk"))
    if measures is not None:
        base = base.filter(pk__in=measures.values("pk"))
    return base


def _status_rows(basis: Basis):
    """(period end, period id, is the lead's report, report id, measure, status), oldest first."""
    rows = MeasureProgress.objects.filter(
        report__in=counted_reports(basis).values("pk"), measure__plan=basis.plan).exclude(
        status="").values_list("measure_id", "report__period__end", "report__period_id",
                               "report__organisation_id", "measure__lead_executor_id",
                               "report_id", "status")
    # Chronological; within a period the lead's report sorts last, so its status wins.
    return sorted((end, period, org == lead, report, m, status)
                  for m, end, period, org, lead, report, status in rows.order_by())


def latest_statuses(basis: Basis) -> tuple[dict[int, str], list[tuple[int, datetime.date, dict]]]:
    """Each measure's latest status, and the snapshot after each period (for the trend)."""
    latest: dict[int, str] = {}
    snapshots = []
    current_period = None
    for end, period, _lead, _report, measure, status in _status_rows(basis):
        if current_period is not None and period != current_period[0]:
            snapshots.append((*current_period, dict(latest)))
        current_period = (period, end)
        latest[measure] = status
    if current_period is not None:
        snapshots.append((*current_period, dict(latest)))
    return latest, snapshots


def _count(measure_ids, statuses: dict[int, str]) -> dict[str, int]:
    counts = empty_counts()
    for pk in measure_ids:
        counts[statuses.get(pk, NO_REPORT)] += 1
    return counts


def _measure_rows(measures: QuerySet[Measure]) -> list[Measure]:
    return list(measures.select_related("objective__area", "lead_executor__territory").only(
        "id", "code", "plan_id", *per_language("title"), "deadline_kind", "deadline_date",
        "deadline_end", "deadline_years", "objective__id", "objective__code",
        *(f"objective__{f}" for f in per_language("title")), "objective__area__id",
        "objective__area__code", *(f"objective__area__{f}" for f in per_language("title")),
        "lead_executor__id", "lead_executor__acronym",
        *(f"lead_executor__{f}" for f in per_language("name")), "lead_executor__territory__id",
        *(f"lead_executor__territory__{f}" for f in per_language("name"))).order_by(
        "objective__area__position", "objective__position", "position"))


def _trend(basis: Basis, measure_ids: list[int], snapshots) -> list[dict]:
    periods = {p.pk: p for p in periods_in_scope(basis)}
    return [{"period": period, "period_end": end,
             "label": period_label(periods[period].kind, periods[period].start, end)
             if period in periods else str(end),
             "measures": len(measure_ids),
             "by_status": _count(measure_ids, statuses)}
            for period, end, statuses in snapshots]


def plan_progress(basis: Basis, *, measures: QuerySet[Measure] | None = None,
                  group_by: str | None = None, today: datetime.date | None = None) -> dict:
    """The plan-progress figure (the API contract), with its trend and optional grouping."""
    rows = _measure_rows(scoped_measures(basis, measures))
    ids = [m.pk for m in rows]
    statuses, snapshots = latest_statuses(basis)
    totals = _count(ids, statuses)
    today = today or timezone.localdate()
    overdue = [m for m in rows if _is_overdue(m, statuses, today)]
    result = {
        "plan": basis.plan.pk, "based_on": based_on(basis),
        "totals": {"measures": len(ids), "by_status": totals,
                   "completed_share": round(totals[ProgressStatus.COMPLETED] / len(ids), 4)
                   if ids else 0.0, "overdue": len(overdue)},
        "areas": _areas(basis, rows, statuses),
        "trend": _trend(basis, ids, snapshots),
        "overdue": [_overdue_row(m, statuses) for m in overdue],
    }
    if group_by:
        result["groups"] = group_progress(rows, statuses, group_by)
    return result


def _is_overdue(measure: Measure, statuses: dict[int, str], today: datetime.date) -> bool:
    end = measure.last_day
    return end is not None and end < today and statuses.get(measure.pk) not in DONE


def _overdue_row(measure: Measure, statuses: dict[int, str]) -> dict:
    status = statuses.get(measure.pk, NO_REPORT)
    return {"id": measure.pk, "code": measure.code, "title": measure.title,
            "deadline": measure.last_day, "deadline_label": measure.deadline_label,
            "status": status, "status_label": status_label(status),
            "lead_executor": localized(measure.lead_executor, "name").text}


def overdue_measures(basis: Basis, *, today: datetime.date | None = None) -> list[dict]:
    return plan_progress(basis, today=today)["overdue"]


def _areas(basis: Basis, rows: list[Measure], statuses: dict[int, str]) -> list[dict]:
    """Every area of the plan, even one the filters leave empty: its zeros are a fact too."""
    by_area = defaultdict(list)
    for measure in rows:
        by_area[measure.objective.area_id].append(measure.pk)
    areas = PriorityArea.objects.filter(plan=basis.plan).order_by("position")
    return [{"id": area.pk, "code": area.code, "title": area.title,
             "measures": len(by_area[area.pk]), "by_status": _count(by_area[area.pk], statuses)}
            for area in areas]


def _group_keys(measure: Measure, group_by: str, extra: dict) -> list[tuple[str, str]]:
    if group_by == "area":
        area = measure.objective.area
        return [(area.code, area.title)]
    if group_by == "objective":
        return [(measure.objective.code, measure.objective.title)]
    if group_by == "executor":
        return [(str(pk), extra["labels"][pk]) for pk in
                [measure.lead_executor_id, *extra["co"].get(measure.pk, [])]]
    if group_by == "territory":
        return extra["territories"].get(measure.pk) or [("", _("вся страна"))]
    years = deadline_years(measure)
    return [(str(y), str(y)) for y in years] or [("", str(DeadlineKind.ONGOING.label))]


def _group_extra(rows: list[Measure], group_by: str) -> dict:
    """The many-to-many parts a grouping needs, in one query each."""
    ids = [m.pk for m in rows]
    if group_by == "executor":
        co = defaultdict(list)
        for measure, org in Measure.co_executors.through.objects.filter(
                measure_id__in=ids).values_list("measure_id", "organisation_id"):
            co[measure].append(org)
        org_ids = {m.lead_executor_id for m in rows} | {o for v in co.values() for o in v}
        orgs = Organisation.objects.filter(pk__in=org_ids).select_related("territory")
        return {"co": co, "labels": short_labels([organisation_row(o) for o in orgs])}
    if group_by == "territory":
        territories = defaultdict(list)
        links = Measure.territories.through.objects.filter(measure_id__in=ids).select_related(
            "territory")
        for link in links:
            territories[link.measure_id].append(
                (link.territory.code, localized(link.territory, "name").text))
        return {"territories": territories}
    return {}


def group_progress(rows: list[Measure], statuses: dict[int, str], group_by: str) -> list[dict]:
    """Measures by status per group. A measure with two executors counts under each of them,
    so groups may add up to more than the total; the totals never do."""
    extra = _group_extra(rows, group_by)
    groups: dict[str, dict] = {}
    for measure in rows:
        for key, label in _group_keys(measure, group_by, extra):
            group = groups.setdefault(key, {"key": key, "label": label, "ids": []})
            group["ids"].append(measure.pk)
    ordered = sorted(groups.values(), key=lambda g: (g["key"] == "", _sort_key(g, group_by)))
    return [{"key": g["key"], "label": g["label"], "measures": len(g["ids"]),
             "by_status": _count(g["ids"], statuses)} for g in ordered]


def _sort_key(group: dict, group_by: str):
    if group_by in ("executor", "territory"):
        return (-len(group["ids"]), group["label"])
    return (len(group["key"]), group["key"])
