"""Activities and their reach: how many were held and how many women and men they reached.

Counted are the activities of counted reports (accepted by default), among those the user may
see: a partner counts only the activities it is named in. Grouped by audience, by measure or by
partner, an activity counts in every group it belongs to, so groups may add up to more than the
totals; the totals never double-count.
"""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tendik.core.i18n import localized
from tendik.organisations.display import organisation_row, short_labels
from tendik.organisations.models import Organisation
from tendik.reporting.models import Activity, ActivityKind, Audience
from tendik.reporting.selectors import activities_visible_to
from tendik.territories.models import Level, Territory

from .basis import Basis, based_on, in_range

GROUPINGS = ("kind", "audience", "territory", "measure", "partner", "period")
COUNTS = ("activities", "women", "men", "not_recorded", "total")
SUMMED = ("activities", "women", "men", "total")


def counted_activities(basis: Basis, activities: QuerySet[Activity] | None = None):
    """Activities the user may see, of reports in a counted state, in the plan and range."""
    visible = in_range(activities_visible_to(basis.user).filter(report__state__in=basis.states),
                       basis, via="report__period__")
    if activities is not None:
        visible = visible.filter(pk__in=activities.values("pk"))
    return visible.select_related(None)


def _sums(prefix: str = "", condition: Q | None = None) -> dict:
    def s(field):
        return Coalesce(Sum(field, filter=condition), 0)
    return {f"{prefix}activities": Count("pk", filter=condition),
            f"{prefix}women": s("participants_women"), f"{prefix}men": s("participants_men"),
            f"{prefix}total": s("participants_total")}


def _counts(row: dict, prefix: str = "") -> dict:
    counts = {name: int(row.get(f"{prefix}{name}") or 0) for name in COUNTS if name != "not_recorded"}
    counts["not_recorded"] = counts["total"] - counts["women"] - counts["men"]
    return {name: counts[name] for name in COUNTS}


def activity_reach(basis: Basis, *, group_by: str | None = None,
                   activities: QuerySet[Activity] | None = None) -> dict:
    """`{"based_on", "totals": {activities, women, men, not_recorded, total}, "groups": […]}`."""
    counted = counted_activities(basis, activities)
    if group_by in OWN_COLUMNS:
        # Grouped on the activity's own columns, the groups are disjoint: the totals are their
        # sum, and the activities are read once instead of twice.
        rows = _grouped(counted, OWN_COLUMNS[group_by])
        totals = _counts({name: sum(row[name] or 0 for row in rows) for name in SUMMED})
        groups = GROUPERS[group_by](rows)
    else:
        totals = _counts(counted.order_by().aggregate(**_sums()))
        groups = GROUPERS[group_by](counted) if group_by else []
    return {"based_on": based_on(basis), "group_by": group_by or "", "totals": totals,
            "groups": groups}


def _grouped(counted, fields: list[str]) -> list[dict]:
    return list(counted.order_by().values(*fields).annotate(**_sums()))


def _by_kind(rows) -> list[dict]:
    rows = {row["kind"]: row for row in rows}
    return [{"key": kind, "label": str(label), **_counts(rows[kind])}
            for kind, label in ActivityKind.choices if kind in rows]


def _by_audience(rows) -> list[dict]:
    """Audiences are a comma-separated list with few distinct values: group on the list as
    written (a handful of rows), then add each row to every audience it names."""
    merged: dict[str, dict] = defaultdict(lambda: dict.fromkeys(SUMMED, 0))
    for row in rows:
        codes = {code.strip() for code in row["audiences"].split(",") if code.strip()}
        for code in codes or {""}:
            for name in SUMMED:
                merged[code][name] += row[name] or 0
    labels = dict(Audience.choices) | {"": _("не указана")}
    order = [*Audience.values, ""]
    return [{"key": code, "label": str(labels.get(code, code)), **_counts(merged[code])}
            for code in sorted(merged, key=lambda c: order.index(c) if c in order else len(order))]


def _region_of(territory: Territory | None) -> tuple[str, str]:
    """The first-level region a territory lies in, found along its parents."""
    if territory is None:
        return "", _("не указана")
    place = territory
    while place is not None:
        if place.level == Level.REGION:
            return place.code, localized(place, "name").text
        if place.level == Level.COUNTRY:
            return place.code, _("вся страна")
        place = place.parent
    return "", _("не указана")


def _by_territory(rows) -> list[dict]:
    """Grouped on the territory id (few rows), then rolled up to regions along the parents."""
    places = Territory.objects.select_related("parent__parent__parent").in_bulk(
        [row["territory_id"] for row in rows if row["territory_id"]])
    merged: dict[str, dict] = defaultdict(lambda: dict.fromkeys(SUMMED, 0))
    labels = {}
    for row in rows:
        key = _region_of(places.get(row["territory_id"]))
        labels[key[0]] = key[1]
        for name in SUMMED:
            merged[key[0]][name] += row[name] or 0
    ordered = sorted(merged, key=lambda k: (k == "", labels[k] == _("вся страна"), labels[k]))
    return [{"key": key, "label": labels[key], **_counts(merged[key])} for key in ordered]


def _by_measure(counted) -> list[dict]:
    rows = _grouped(counted, ["measures__id", "measures__code"])
    groups = [{"key": str(r["measures__id"] or ""), "label": r["measures__code"] or _(
        "без мероприятия плана"), **_counts(r)} for r in rows]
    return sorted(groups, key=lambda g: (g["key"] == "", [int(p) if p.isdigit() else p for p in
                                                         g["label"].split(".")]))


def _by_partner(counted) -> list[dict]:
    rows = _grouped(counted, ["partners__id"])
    orgs = Organisation.objects.filter(pk__in=[r["partners__id"] for r in rows
                                               if r["partners__id"]]).select_related("territory")
    labels = short_labels([organisation_row(o) for o in orgs])
    groups = [{"key": str(r["partners__id"] or ""),
               "label": labels.get(r["partners__id"]) or _("без партнёров"), **_counts(r)}
              for r in rows]
    return sorted(groups, key=lambda g: (g["key"] == "", -g["activities"], g["label"]))


def _by_period(rows) -> list[dict]:
    rows.sort(key=lambda r: r["report__period__start"])
    return [{"key": str(r["report__period_id"]),
             "label": f"{r['report__period__start']:%d.%m.%Y}–{r['report__period__end']:%d.%m.%Y}",
             **_counts(r)} for r in rows]


OWN_COLUMNS = {"kind": ["kind"], "audience": ["audiences"], "territory": ["territory_id"],
               "period": ["report__period_id", "report__period__start", "report__period__end"]}
GROUPERS = {"kind": _by_kind, "audience": _by_audience, "territory": _by_territory,
            "measure": _by_measure, "partner": _by_partner, "period": _by_period}


def recent_activities(basis: Basis, *, limit: int = 5) -> list[Activity]:
    return list(counted_activities(basis).select_related("territory", "report__organisation")
                .order_by("-start", "-pk")[:limit])
