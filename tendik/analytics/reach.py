"""Activities and their reach: how many were held and how many women and men they reached.

Counted are the activities of counted reports (accepted by default), among those the user may
see: a partner counts only the activities it is named in. Grouped by audience, by measure or by
partner, an activity counts in every group it belongs to, so groups may add up to more than the
totals; the totals never double-count.
"""

from collections import defaultdict

from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext as _

from tendik.core.i18n import localized, per_language
from tendik.organisations.display import organisation_row, short_labels
from tendik.organisations.models import Organisation
from tendik.reporting.models import Activity, ActivityKind, Audience
from tendik.reporting.selectors import activities_visible_to
from tendik.territories.models import Level

from .basis import Basis, based_on

GROUPINGS = ("kind", "audience", "territory", "measure", "partner", "period")
COUNTS = ("activities", "women", "men", "not_recorded", "total")


def counted_activities(basis: Basis, activities: QuerySet[Activity] | None = None):
    """Activities the user may see, of reports in a counted state, in the plan and range."""
    visible = activities_visible_to(basis.user).filter(report__state__in=basis.states)
    if basis.plan is not None:
        visible = visible.filter(report__plan=basis.plan)
    if basis.date_from:
        visible = visible.filter(report__period__start__gte=basis.date_from)
    if basis.date_to:
        visible = visible.filter(report__period__end__lte=basis.date_to)
    if activities is not None:
        visible = visible.filter(pk__in=activities.values("pk"))
    # A plain queryset over the ids: the scope's joins and DISTINCT stay in the subquery.
    return Activity.objects.filter(pk__in=visible.values("pk"))


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
    totals = _counts(counted.order_by().aggregate(**_sums()))
    groups = GROUPERS[group_by](counted) if group_by else []
    return {"based_on": based_on(basis), "group_by": group_by or "", "totals": totals,
            "groups": groups}


def _grouped(counted, fields: list[str]) -> list[dict]:
    return list(counted.order_by().values(*fields).annotate(**_sums()))


def _by_kind(counted) -> list[dict]:
    rows = {row["kind"]: row for row in _grouped(counted, ["kind"])}
    return [{"key": kind, "label": str(label), **_counts(rows[kind])}
            for kind, label in ActivityKind.choices if kind in rows]


def _by_audience(counted) -> list[dict]:
    """Audiences are a comma-separated list: one pass with a conditional sum per audience."""
    padded = counted.annotate(padded=Concat(Value(","), F("audiences"), Value(",")))
    conditions = {code: Q(padded__contains=f",{code},") for code in Audience.values}
    conditions[""] = Q(audiences="")
    aggregates = {}
    for n, condition in enumerate(conditions.values()):
        aggregates.update(_sums(f"a{n}_", condition))
    row = padded.order_by().aggregate(**aggregates)
    labels = dict(Audience.choices) | {"": _("не указана")}
    groups = [{"key": code, "label": str(labels[code]), **_counts(row, f"a{n}_")}
              for n, code in enumerate(conditions)]
    return [g for g in groups if g["activities"]]


def _region_of(row: dict) -> tuple[str, ...] | None:
    """The first-level region a territory lies in: itself, its parent or its grandparent."""
    for prefix in ("territory__", "territory__parent__", "territory__parent__parent__"):
        if row[f"{prefix}level"] == Level.REGION:
            return row[f"{prefix}code"], localized(
                {k.removeprefix(prefix): v for k, v in row.items() if k.startswith(prefix)},
                "name").text
    if row["territory__level"] == Level.COUNTRY:
        return row["territory__code"], _("вся страна")
    return None


def _by_territory(counted) -> list[dict]:
    prefixes = ("territory__", "territory__parent__", "territory__parent__parent__")
    fields = [f"{p}{f}" for p in prefixes for f in ("code", "level", *per_language("name"))]
    merged: dict[str, dict] = defaultdict(lambda: dict.fromkeys(("activities", "women", "men",
                                                                "total"), 0))
    labels = {}
    for row in _grouped(counted, fields):
        region = _region_of(row) if row["territory__code"] else ("", _("не указана"))
        key, label = region or ("", _("не указана"))
        labels[key] = label
        for name in merged[key]:
            merged[key][name] += row[name] or 0
    ordered = sorted(merged, key=lambda k: (k == "", labels[k]))
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


def _by_period(counted) -> list[dict]:
    rows = _grouped(counted, ["report__period_id", "report__period__start",
                              "report__period__end"])
    rows.sort(key=lambda r: r["report__period__start"])
    return [{"key": str(r["report__period_id"]),
             "label": f"{r['report__period__start']:%d.%m.%Y}–{r['report__period__end']:%d.%m.%Y}",
             **_counts(r)} for r in rows]


GROUPERS = {"kind": _by_kind, "audience": _by_audience, "territory": _by_territory,
            "measure": _by_measure, "partner": _by_partner, "period": _by_period}


def recent_activities(basis: Basis, *, limit: int = 5) -> list[Activity]:
    return list(counted_activities(basis).select_related("territory", "report__organisation")
                .order_by("-end", "-pk")[:limit])
