"""What the review page shows of each fact, in the reader's language."""

from django.utils.translation import gettext as _

from tendik.core.i18n import localized
from tendik.plans.models import Measure
from tendik.reporting.models import ActivityKind
from tendik.territories.models import Level, Territory

from .forms import EVENT_TYPE_LABELS
from .models import FactKind
from .selectors import LISTS, evidence_reports_for, fact_item

ACTIVITY_KIND = {"meeting": ActivityKind.MEETING, "training": ActivityKind.TRAINING,
                 "consultation": ActivityKind.CONSULTATION, "campaign": ActivityKind.CAMPAIGN,
                 "dialogue": ActivityKind.PUBLIC_DIALOGUE, "conference": ActivityKind.CONFERENCE,
                 "adoption": ActivityKind.OTHER, "establishment": ActivityKind.BODY}


def _period(item: dict) -> str:
    start, end = item.get("date_start"), item.get("date_end")
    if start and end and start != end:
        return f"{start} — {end}"
    return start or end or ""


def _describe(kind: str, item: dict, fact) -> str:
    """The normalised value a reviewer checks against the highlighted words."""
    if kind == FactKind.DATE:
        return _period(item)
    if kind == FactKind.QUANTITY:
        qualifier = {">": _("более"), "≈": _("около"), "<": _("менее"), "all": _("все")}.get(
            item.get("qualifier"), "")
        return " ".join(str(p) for p in (qualifier, item.get("value"), item.get("unit")) if p)
    if kind == FactKind.EVENT:
        label = str(EVENT_TYPE_LABELS.get(item.get("type"), item.get("type", "")))
        return " · ".join(p for p in (label, _period(item), item.get("place") or "") if p)
    if kind == FactKind.PERSON:
        return " — ".join(p for p in (item.get("name"), item.get("role")) if p)
    if kind == FactKind.ORGANISATION:
        return fact.organisation.name if fact.organisation_id else _("нет в реестре: %(name)s") % {
            "name": item.get("canonical") or item.get("text")}
    if kind == FactKind.PLACE:
        return localized(fact.territory, "name").text if fact.territory_id else item.get("text", "")
    return ""


def fact_groups(facts) -> list[dict]:
    measures = _measures(facts)
    labels = dict(FactKind.choices)
    groups = {kind: {"kind": kind, "label": labels[kind], "facts": []} for kind in LISTS}
    for fact in facts:
        item = fact_item(fact)
        groups[fact.kind]["facts"].append({
            "fact": fact, "item": item, "words": fact.text, "describe": _describe(fact.kind, item, fact),
            "suggestions": [{"measure": measures[m["id"]], "score": m["score"]}
                            for m in item.get("measures", []) if m["id"] in measures]})
    return [g for g in groups.values() if g["facts"]]


def _measures(facts) -> dict:
    ids = {m["id"] for f in facts for m in f.found.get("measures", [])}
    return {m.pk: m for m in Measure.objects.filter(pk__in=ids).only("pk", "code", *[
        f"title_{code}" for code in ("ru", "ky", "kk", "en")])} if ids else {}


def event_initial(fact) -> dict:
    item = {**fact.found, **fact.data}
    suggestions = item.get("measures") or []
    return {"version": fact.version, "kind": ACTIVITY_KIND.get(item.get("type"), ActivityKind.OTHER),
            "title": " ".join(fact.text.split())[:300], "start": item.get("date_start"),
            "end": item.get("date_end") or item.get("date_start"),
            "territory": item.get("territory_id"),
            "measure": suggestions[0]["id"] if suggestions else None,
            "participants_women": item.get("women") or 0, "participants_men": item.get("men") or 0,
            "participants_total": item.get("participants") or max(
                (item.get("women") or 0) + (item.get("men") or 0), 0)}


def event_choices(user, fact) -> dict:
    drafts = list(evidence_reports_for(user))
    reports = [(r.pk, f"{r.plan} — {r.period}") for r in drafts]
    country = fact.document.organisation.country
    scored = {m["id"]: m["score"] for m in fact.found.get("measures", [])}
    # Only measures of the drafts' plans: an activity supports a measure of its report's plan.
    measures = Measure.objects.filter(plan__in={r.plan_id for r in drafts}).order_by("plan_id", "position")
    ranked = sorted(measures, key=lambda m: (-scored.get(m.pk, -1), m.plan_id, m.position))
    territories = Territory.objects.filter(
        country_code=country.country_code if country else "", level__in=[Level.REGION, Level.DISTRICT]
    ).order_by("level", "name_ru")
    return {"reports": reports,
            "measures": [(m.pk, f"{m.code} {m.title}" + (f" ({scored[m.pk]:.2f})" if m.pk in scored else ""))
                         for m in ranked],
            "territories": [(t.pk, localized(t, "name").text) for t in territories]}
