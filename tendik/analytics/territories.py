"""Figures per territory: activities, participants and measures per first-level region, or per
district of one region.

Activities and measures name a territory at any level (a region, a district, an aiyl aimak).
Each is counted once, in the child of the anchor (the plan's country, or the region drilled
into) that contains its territory. The parent chain is read in the same GROUP BY query, so the
roll-up costs no query per territory: five queries whatever the data.
"""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.plans.models import Measure
from tendik.plans.selectors import measures_visible_to
from tendik.territories.models import Territory

from .basis import Basis, based_on, measure_scope
from .reach import counted_activities

# The territory and its ancestors: four levels deep, the deepest a territory can be.
CHAIN = ("territory_id", "territory__parent_id", "territory__parent__parent_id",
         "territory__parent__parent__parent_id")
METRICS = ("activities", "participants", "women_share", "measures")
COUNTS = ("activities", "women", "men", "not_recorded", "total", "measures")


def check_metric(metric: str | None) -> str:
    """The figure a map colours; `activities` when none is asked for."""
    if metric in (None, ""):
        return METRICS[0]
    if metric not in METRICS:
        raise DomainError(_("Неизвестный показатель карты «%(value)s»") % {"value": metric[:50]},
                          errors=[{"field": "metric", "message": _("допустимо: %(values)s") % {
                              "values": ", ".join(METRICS)}}])
    return metric


def _anchor(basis: Basis, region_code: str | None) -> tuple[int, Territory | None]:
    """The territory whose children are the rows: the plan's country, or one of its regions.

    An unknown region code is a bad parameter (400 naming `region`), as an unknown period is:
    territories are public reference data, so refusing it reveals nothing."""
    country_id = basis.plan.country_id
    if region_code in (None, ""):
        return country_id, None
    region = Territory.objects.filter(parent_id=country_id, code=region_code).first()
    if region is None:
        raise DomainError(_("Область с кодом «%(code)s» не найдена") % {"code": region_code[:50]},
                          errors=[{"field": "region", "message": _("нет такой области")}])
    return region.pk, region


def _bucket(chain: tuple, anchor_id: int, top: bool) -> int | None:
    """The child of the anchor that holds the first territory of the chain; 0 for the anchor
    itself (placed nowhere more precise); None when the territory is outside the anchor.
    No territory at all is the country's concern: unplaced at the top, outside a region."""
    if chain[0] is None:
        return 0 if top else None
    if chain[0] == anchor_id:
        return 0
    for member, parent in zip(chain, chain[1:], strict=False):
        if parent == anchor_id:
            return member
    return None


def _activity_counts(basis: Basis, anchor_id: int, top: bool) -> dict[int, dict]:
    rows = (counted_activities(basis).order_by()
            .values(*CHAIN).annotate(activities=Count("pk"), women=Sum("participants_women"),
                                     men=Sum("participants_men"), total=Sum("participants_total")))
    buckets: dict[int, dict] = {}
    for row in rows:
        key = _bucket(tuple(row[name] for name in CHAIN), anchor_id, top)
        if key is None:
            continue
        counts = buckets.setdefault(key, dict.fromkeys(COUNTS, 0))
        for name in ("activities", "women", "men", "total"):
            counts[name] += row[name] or 0
        counts["not_recorded"] = counts["total"] - counts["women"] - counts["men"]
    return buckets


def _measure_sets(basis: Basis, anchor_id: int, top: bool) -> dict[int, set[int]]:
    """Measures per bucket, as sets: a measure naming two districts of a region counts once."""
    scoped = measures_visible_to(basis.user).filter(plan=basis.plan).filter(
        measure_scope(basis.user)).values("pk")
    chain = ["territories__id", *(f"territories__{name.split('__', 1)[1]}" for name in CHAIN[1:])]
    pairs = (Measure.objects.filter(pk__in=scoped, territories__isnull=False).order_by()
             .values_list("pk", *chain).distinct())
    buckets: dict[int, set[int]] = {}
    for pk, *ids in pairs:
        key = _bucket(tuple(ids), anchor_id, top)
        if key is not None:
            buckets.setdefault(key, set()).add(pk)
    return buckets


def metric_value(row: dict, metric: str) -> float | None:
    """The number a map shows for a row; the women's share is of participants whose sex was
    recorded, and None (no colour) where nobody's was."""
    if metric == "participants":
        return row["total"]
    if metric == "women_share":
        recorded = row["women"] + row["men"]
        return round(100 * row["women"] / recorded, 1) if recorded else None
    return row[metric]


def territory_figures(basis: Basis, *, region_code: str | None = None) -> dict:
    """Activities (of counted reports), participants and measures per first-level region of the
    plan's country, or per district of `region_code`.

    `unplaced` holds what names no more precise territory than the anchor (or none at all)."""
    anchor_id, region = _anchor(basis, region_code)
    activities = _activity_counts(basis, anchor_id, region is None)
    measures = _measure_sets(basis, anchor_id, region is None)
    children = Territory.objects.filter(parent_id=anchor_id).order_by("code")
    rows = [_row(child.pk, activities, measures, code=child.code, name=child.name)
            for child in children]
    unplaced = _row(0, activities, measures)
    totals = {name: sum(row[name] for row in rows) + unplaced[name] for name in COUNTS}
    totals["measures"] = len(set().union(*measures.values())) if measures else 0
    return {"plan": basis.plan.pk, "based_on": based_on(basis),
            "country": basis.plan.country.code,
            "region": {"code": region.code, "name": region.name} if region else None,
            "regions": rows, "unplaced": unplaced, "totals": totals}


def _row(key: int, activities: dict, measures: dict, **names) -> dict:
    counts = activities.get(key, dict.fromkeys(COUNTS, 0))
    return {**names, **counts, "measures": len(measures.get(key, ()))}


def region_names(plan) -> dict[str, str]:
    """The first-level regions of the plan's country, code → name in the reader's language."""
    return {t.code: t.name for t in Territory.objects.filter(parent_id=plan.country_id)}
