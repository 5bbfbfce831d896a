"""Reads of strategies, plans, measures and indicators, scoped to the user."""

from django.db.models import Prefetch, Q, QuerySet

from tendik.core.i18n import localized, per_language, texts_of
from tendik.core.permissions import is_installation_admin
from tendik.organisations.display import short_labels
from tendik.organisations.models import Organisation

from .models import (
    BudgetLine,
    Comment,
    FrameworkItem,
    FundingSource,
    Indicator,
    Measure,
    Objective,
    Plan,
    PriorityArea,
    Strategy,
    budget_line_label,
    deadline_label,
    framework_label,
)
from .workflow import PUBLIC


def _country_scope(user, field: str = "country") -> Q:
    if user.is_authenticated and is_installation_admin(user):
        return Q()
    if user.is_authenticated:
        return Q(**{f"{field}_id": user.country_id})
    return Q(pk__in=[])


def plans_visible_to(user) -> QuerySet[Plan]:
    """Signed-in users see their country's plans; the public sees published ones."""
    plans = Plan.objects.select_related("country", "strategy")
    if not user.is_authenticated:
        return plans.filter(status__in=PUBLIC)
    return plans.filter(_country_scope(user))


def strategies_visible_to(user) -> QuerySet[Strategy]:
    strategies = Strategy.objects.select_related("country", "parent")
    if not user.is_authenticated:
        return strategies.filter(plans__status__in=PUBLIC).distinct()
    return strategies.filter(_country_scope(user))


def indicators_visible_to(user) -> QuerySet[Indicator]:
    indicators = Indicator.objects.select_related("country", "responsible")
    if not user.is_authenticated:
        return indicators.filter(measures__plan__status__in=PUBLIC).distinct()
    return indicators.filter(_country_scope(user))


def measures_visible_to(user) -> QuerySet[Measure]:
    return Measure.objects.filter(plan__in=plans_visible_to(user))


def _executors() -> QuerySet[Organisation]:
    """Names, acronym and territory: enough to tell apart offices that share an acronym."""
    return Organisation.objects.select_related("territory").only(
        "id", *per_language("name"), "acronym", "territory__id", *(
            f"territory__{name}" for name in per_language("name")))


def measure_prefetches() -> list:
    return [
        Prefetch("co_executors", queryset=_executors()),
        Prefetch("partners", queryset=_executors()),
        "territories",
        Prefetch("indicators", queryset=Indicator.objects.only("id", "code",
                                                               *per_language("name"))),
        Prefetch("frameworks", queryset=FrameworkItem.objects.all()),
        Prefetch("budget_lines", queryset=BudgetLine.objects.all()),
    ]


def measure_list(*, user) -> QuerySet[Measure]:
    """Measures in plan order: filter them with MeasureFilterSet."""
    return measures_visible_to(user).select_related(
        "lead_executor", "objective__area", "plan").distinct().order_by(
        "plan_id", "objective__area__position", "objective__position", "position")


def deadline_in_year(year: int) -> Q:
    return (Q(deadline_kind="ongoing")
            | Q(deadline_kind="years", deadline_years__contains=str(year))
            | Q(deadline_kind="date", deadline_date__year=year)
            | Q(deadline_kind="period", deadline_date__year__lte=year,
                deadline_end__year__gte=year))


def plan_tree(plan: Plan, measures: QuerySet[Measure] | None = None) -> list[PriorityArea]:
    """Areas → objectives → measures with everything the overview shows, in constant queries."""
    measures = (measures if measures is not None else plan.measures.all())
    measures = measures.select_related("lead_executor").prefetch_related(*measure_prefetches())
    objectives = Objective.objects.filter(plan=plan).order_by("position").prefetch_related(
        Prefetch("measures", queryset=measures.order_by("position"), to_attr="shown_measures"))
    return list(PriorityArea.objects.filter(plan=plan).order_by("position").prefetch_related(
        Prefetch("objectives", queryset=objectives, to_attr="shown_objectives")))


def plan_comments(plan: Plan) -> QuerySet[Comment]:
    return plan.comments.select_related("created_by", "updated_by", "measure", "area",
                                        "objective")


def plan_versions(plan: Plan) -> list[Plan]:
    """Every version in this plan's line, oldest first."""
    root = plan
    while root.previous_version_id:
        root = root.previous_version
    versions, frontier = [], [root]
    while frontier:
        current = frontier.pop()
        versions.append(current)
        frontier.extend(current.next_versions.all())
    return sorted(versions, key=lambda p: p.version)


def _org(organisation) -> dict:
    return {"id": organisation.pk, "name": organisation.name, "acronym": organisation.acronym}


def measure_document(measure: Measure) -> dict:
    return {
        "id": measure.pk, "uid": str(measure.uid), "code": measure.code,
        **texts_of(measure, "title", "expected_result"),
        "deadline": {"kind": measure.deadline_kind, "date": measure.deadline_date,
                     "end": measure.deadline_end, "years": measure.years},
        "lead_executor": _org(measure.lead_executor),
        "co_executors": [_org(o) for o in measure.co_executors.all()],
        "partners": [_org(o) for o in measure.partners.all()],
        "territories": [t.code for t in measure.territories.all()],
        "indicators": [{"id": i.pk, "code": i.code, "name": i.name}
                       for i in measure.indicators.all()],
        "budget_lines": [{"amount": line.amount, "currency": line.currency,
                          "source": line.source} for line in measure.budget_lines.all()],
        "frameworks": [f.key for f in measure.frameworks.all()],
    }


def plan_document(plan: Plan, areas: list[PriorityArea] | None = None) -> dict:
    """The whole plan as nested data: the JSON export, and what the round-trip test compares."""
    areas = plan_tree(plan) if areas is None else areas
    return {
        "id": plan.pk, "kind": plan.kind, "status": plan.status, "version": plan.version,
        "country": plan.country.code, "strategy": plan.strategy_id,
        "title": plan.title, **texts_of(plan, "title"),
        "period_start": plan.period_start, "period_end": plan.period_end,
        "act": {"type": plan.act_type, "number": plan.act_number, "date": plan.act_date},
        "areas": [{
            "code": area.code, **texts_of(area, "title"),
            "objectives": [{
                "code": objective.code,
                **texts_of(objective, "title"),
                "measures": [measure_document(m) for m in objective.shown_measures],
            } for objective in area.shown_objectives],
        } for area in areas],
    }


DIFF_IGNORED = {"id", "uid"}


def plan_diff(old: Plan, new: Plan) -> dict:
    """Measures added, removed and changed between two versions, matched by their uid."""
    def by_uid(plan):
        return {m["uid"]: m for area in plan_document(plan)["areas"]
                for objective in area["objectives"] for m in objective["measures"]}

    before, after = by_uid(old), by_uid(new)
    changed = []
    for uid in before.keys() & after.keys():
        fields = {key: {"old": before[uid][key], "new": after[uid][key]}
                  for key in after[uid] if key not in DIFF_IGNORED
                  and before[uid][key] != after[uid][key]}
        if fields:
            changed.append({"code": after[uid]["code"], "title": after[uid]["title_ru"],
                            "fields": fields})
    return {
        "added": sorted((after[uid] for uid in after.keys() - before.keys()),
                        key=lambda m: m["code"]),
        "removed": sorted((before[uid] for uid in before.keys() - after.keys()),
                          key=lambda m: m["code"]),
        "changed": sorted(changed, key=lambda m: m["code"]),
    }


OVERVIEW_TEXTS = per_language("title")


def _localized_row(values: list, prefix: str) -> str:
    """The text in the reader's language from values read in per_language order."""
    return localized(dict(zip(per_language(prefix), values, strict=True)), prefix).text


def _framework_badge(kind: str, code: str, titles: list) -> tuple[str, str]:
    title = _localized_row(titles, "title")
    return framework_label(kind, code, title), title


def _executor_labels(ids: set) -> dict[int, str]:
    """One query for every executor on the page; shared acronyms get their territory."""
    return short_labels(list(Organisation.objects.filter(pk__in=ids).values(
        "id", "acronym", *per_language("name"), *per_language("territory__name"))))


def plan_overview(plan: Plan, measures: QuerySet[Measure]) -> list[dict]:
    """The overview tree as plain data, read in nine queries whatever the plan's size.

    Model instances for 300 measures and their links cost more than the page may; the
    overview only shows names and codes, so it reads values.
    """
    ids = list(measures.values_list("pk", flat=True))
    links: dict[str, dict[int, list]] = {}
    for name, fields in (("co_executors", ("organisation_id",)),
                         ("indicators", ("indicator__code", *per_language("indicator__name"))),
                         ("frameworks", ("frameworkitem__kind", "frameworkitem__code",
                                         *per_language("frameworkitem__title")))):
        through = Measure._meta.get_field(name).remote_field.through
        grouped: dict[int, list] = {}
        for row in through.objects.filter(measure_id__in=ids).values_list("measure_id", *fields):
            grouped.setdefault(row[0], []).append(row[1:])
        links[name] = grouped
    budget: dict[int, list[str]] = {}
    labels = {value: str(label) for value, label in FundingSource.choices}
    for measure_id, source, amount, currency in BudgetLine.objects.filter(
            measure_id__in=ids).order_by("id").values_list("measure_id", "source", "amount",
                                                         "currency"):
        budget.setdefault(measure_id, []).append(budget_line_label(source, amount, currency,
                                                                   labels))
    rows = list(Measure.objects.filter(pk__in=ids).order_by("position").values(
        "id", "objective_id", "code", *OVERVIEW_TEXTS, "deadline_kind", "deadline_date",
        "deadline_end", "deadline_years", "lead_executor_id"))
    executors = _executor_labels({row["lead_executor_id"] for row in rows} | {
        org_id for links_of in links["co_executors"].values() for (org_id,) in links_of})
    by_objective: dict[int, list[dict]] = {}
    for row in rows:
        row["deadline_label"] = deadline_label(row["deadline_kind"], row["deadline_date"],
                                               row["deadline_end"], row["deadline_years"])
        row["lead"] = executors.get(row["lead_executor_id"], "")
        row["co"] = [executors[org_id] for (org_id,) in links["co_executors"].get(row["id"], [])]
        row["indicators"] = [(code, _localized_row(names, "name"))
                             for code, *names in links["indicators"].get(row["id"], [])]
        row["frameworks"] = [_framework_badge(kind, code, titles)
                             for kind, code, *titles in links["frameworks"].get(row["id"], [])]
        row["budget"] = budget.get(row["id"], [])
        by_objective.setdefault(row["objective_id"], []).append(row)
    objectives: dict[int, list[dict]] = {}
    for row in Objective.objects.filter(plan=plan).order_by("position").values(
            "id", "area_id", "code", *OVERVIEW_TEXTS):
        row["measures"] = by_objective.get(row["id"], [])
        objectives.setdefault(row["area_id"], []).append(row)
    areas = list(PriorityArea.objects.filter(plan=plan).order_by("position").values(
        "id", "code", *OVERVIEW_TEXTS))
    for area in areas:
        area["objectives"] = objectives.get(area["id"], [])
    return areas
