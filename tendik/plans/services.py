"""Writes to strategies, plans and their structure. Every one is scoped, validated and audited."""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tendik.core.audit import AuditAction, audit_log, audit_log_many, creation_changes
from tendik.core.errors import DomainError
from tendik.core.i18n import per_language, texts_of
from tendik.core.permissions import ensure_manages_country, is_manager
from tendik.core.services import model_create, model_update
from tendik.core.xlsx import read_workbook
from tendik.organisations.models import Organisation
from tendik.territories.models import Territory

from .matrix import MatrixContext, MatrixReader
from .models import (
    BudgetLine,
    Comment,
    CommentStatus,
    FrameworkItem,
    Indicator,
    IndicatorTarget,
    Measure,
    Objective,
    Plan,
    PlanStatus,
    PriorityArea,
    Strategy,
    StrategyItem,
)
from .workflow import COMMENTABLE, EDITABLE, ILLEGAL_MOVE, NOT_EDITABLE, OPEN_COMMENTS, TRANSITIONS

MEASURE_FIELDS = (
    *per_language("title", "expected_result"),
    "deadline_kind", "deadline_date", "deadline_end", "deadline_years", "lead_executor",
)
MEASURE_RELATIONS = ("co_executors", "partners", "territories", "indicators", "frameworks")


def _texts(prefix: str, fields: dict) -> dict:
    return {name: fields.get(name, "") or "" for name in per_language(prefix)}


def _ensure_editable(plan: Plan) -> None:
    if plan.status not in EDITABLE:
        raise DomainError(NOT_EDITABLE % {"status": plan.get_status_display()}, code="conflict")


@transaction.atomic
def strategy_create(*, actor, country, period_start, period_end, parent=None, **titles) -> Strategy:
    ensure_manages_country(actor, country)
    return model_create(instance=Strategy(country=country, parent=parent,
                                          period_start=period_start, period_end=period_end,
                                          **_texts("title", titles)), actor=actor)


@transaction.atomic
def strategy_item_add(*, actor, strategy: Strategy, level: str, parent=None, **titles):
    ensure_manages_country(actor, strategy.country)
    siblings = StrategyItem.objects.filter(strategy=strategy, parent=parent)
    position = siblings.count() + 1
    code = f"{parent.code}.{position}" if parent else str(position)
    return model_create(instance=StrategyItem(strategy=strategy, parent=parent, level=level,
                                              position=position, code=code,
                                              **_texts("title", titles)), actor=actor)


@transaction.atomic
def plan_create(
    *, actor, kind: str, country, period_start, period_end, strategy=None, act_type: str = "",
    act_number: str = "", act_date=None, **titles,
) -> Plan:
    ensure_manages_country(actor, country)
    if strategy is not None and strategy.country_id != country.pk:
        raise DomainError(_("Стратегия относится к другой стране"))
    return model_create(instance=Plan(
        kind=kind, country=country, strategy=strategy, period_start=period_start,
        period_end=period_end, act_type=act_type, act_number=act_number, act_date=act_date,
        **_texts("title", titles)), actor=actor)


@transaction.atomic
def plan_update(*, actor, plan: Plan, reason: str = "", **fields) -> Plan:
    ensure_manages_country(actor, plan.country)
    allowed = {*per_language("title"), "act_type", "act_number", "act_date",
               "period_start", "period_end", "strategy"}
    model_update(instance=plan, data={k: v for k, v in fields.items() if k in allowed},
                 actor=actor, reason=reason)
    return plan


@transaction.atomic
def plan_transition(*, actor, plan: Plan, to: str, reason: str = "") -> Plan:
    """Move a plan along the one transition table; approval waits for every comment's answer."""
    given, plan = plan, Plan.objects.select_for_update().get(pk=plan.pk)
    ensure_manages_country(actor, plan.country)
    if to not in TRANSITIONS.get(plan.status, set()):
        raise DomainError(ILLEGAL_MOVE % {"from": plan.get_status_display(),
                                          "to": PlanStatus(to).label if to in PlanStatus.values
                                          else to}, code="conflict")
    if to == PlanStatus.APPROVED:
        open_comments = plan.comments.filter(status=CommentStatus.OPEN).count()
        if open_comments:
            raise DomainError(OPEN_COMMENTS % {"count": open_comments}, code="conflict")
    before = plan.status
    Plan.objects.filter(pk=plan.pk).update(status=to, updated_by=actor if actor else None)
    plan.status = given.status = to
    audit_log(actor=actor, instance=plan, action=AuditAction.TRANSITION,
              changes={"status": {"old": before, "new": to}}, reason=reason)
    return plan


@transaction.atomic
def area_add(*, actor, plan: Plan, strategy_item=None, **titles) -> PriorityArea:
    ensure_manages_country(actor, plan.country)
    _ensure_editable(plan)
    position = plan.areas.count() + 1
    return model_create(instance=PriorityArea(plan=plan, position=position, code=str(position),
                                              strategy_item=strategy_item,
                                              **_texts("title", titles)), actor=actor)


@transaction.atomic
def objective_add(*, actor, area: PriorityArea, **titles) -> Objective:
    plan = area.plan
    ensure_manages_country(actor, plan.country)
    _ensure_editable(plan)
    position = area.objectives.count() + 1
    return model_create(instance=Objective(area=area, plan=plan, position=position,
                                           code=f"{area.position}.{position}",
                                           **_texts("title", titles)), actor=actor)


def _names(items: Iterable) -> list[str]:
    return sorted(str(item) for item in items)


def _set_relations(measure: Measure, relations: dict) -> dict:
    """Replace the measure's many-to-many links and budget; return the audited changes."""
    changes = {}
    for name in MEASURE_RELATIONS:
        if name not in relations:
            continue
        manager = getattr(measure, name)
        before = _names(manager.all()) if measure.pk else []
        manager.set(list(relations[name]))
        after = _names(relations[name])
        if before != after:
            changes[name] = {"old": before, "new": after}
    if "budget_lines" in relations:
        before = _names(measure.budget_lines.all())
        measure.budget_lines.all().delete()
        lines = [BudgetLine(measure=measure, **line) for line in relations["budget_lines"]]
        for line in lines:
            _validate_budget_line(line)
        BudgetLine.objects.bulk_create(lines)
        after = _names(lines)
        if before != after:
            changes["budget_lines"] = {"old": before, "new": after}
    return changes


def _validate_budget_line(line: BudgetLine) -> None:
    if line.source == "not_required":
        line.amount, line.currency = None, ""
        return
    if line.amount is None or Decimal(line.amount) < 0 or len(line.currency or "") != 3:
        raise DomainError(_("Строка бюджета: нужны неотрицательная сумма и код валюты (KGS, USD…)"))
    line.currency = line.currency.upper()


@transaction.atomic
def measure_create(*, actor, objective: Objective, **fields) -> Measure:
    plan = objective.plan
    ensure_manages_country(actor, plan.country)
    _ensure_editable(plan)
    position = objective.measures.count() + 1
    measure = Measure(plan=plan, objective=objective, position=position,
                      code=f"{objective.code}.{position}",
                      **{k: v for k, v in fields.items() if k in MEASURE_FIELDS and k != "uid"})
    if fields.get("uid"):
        measure.uid = fields["uid"]
    measure = model_create(instance=measure, actor=actor)
    changes = _set_relations(measure, {k: v for k, v in fields.items()
                                       if k in (*MEASURE_RELATIONS, "budget_lines")})
    if changes:
        audit_log(actor=actor, instance=measure, action=AuditAction.UPDATE, changes=changes)
    return measure


@transaction.atomic
def measures_create_many(*, actor, plan: Plan, rows: list[tuple[Objective, dict]]) -> list[Measure]:
    """Create many measures in a few statements (import, new version); each is audited.

    The objectives must be new (empty): positions start at 1 in the order given.
    """
    ensure_manages_country(actor, plan.country)
    _ensure_editable(plan)
    author = actor if actor is not None and actor.is_authenticated else None
    positions: dict[int, int] = {}
    measures = []
    for objective, fields in rows:
        positions[objective.pk] = positions.get(objective.pk, 0) + 1
        measure = Measure(plan=plan, objective=objective, position=positions[objective.pk],
                          code=f"{objective.code}.{positions[objective.pk]}", created_by=author,
                          updated_by=author,
                          **{k: v for k, v in fields.items() if k in MEASURE_FIELDS})
        if fields.get("uid"):
            measure.uid = fields["uid"]
        # Related rows were resolved by the caller; validate the values, not the foreign keys.
        measure.clean_fields(exclude=["plan", "objective", "lead_executor", "uid", "created_by",
                                      "updated_by"])
        measures.append(measure)
    Measure.objects.bulk_create(measures, batch_size=500)
    for name in MEASURE_RELATIONS:
        field = Measure._meta.get_field(name)
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        through.objects.bulk_create(
            [through(**{source: measure.pk, target: item.pk})
             for measure, (_objective, fields) in zip(measures, rows, strict=True)
             for item in dict.fromkeys(fields.get(name, ()))], batch_size=1000)
    lines = []
    for measure, (_objective, fields) in zip(measures, rows, strict=True):
        for line in fields.get("budget_lines", ()):
            lines.append(BudgetLine(measure=measure, **line))
            _validate_budget_line(lines[-1])
    BudgetLine.objects.bulk_create(lines, batch_size=1000)
    audit_log_many(actor=actor, action=AuditAction.CREATE, items=[
        (measure, {**creation_changes(measure),
                   **{name: {"old": None, "new": _names(fields.get(name, ()))}
                      for name in (*MEASURE_RELATIONS, "budget_lines") if fields.get(name)}})
        for measure, (_objective, fields) in zip(measures, rows, strict=True)])
    return measures


@transaction.atomic
def measure_update(*, actor, measure: Measure, reason: str = "", **fields) -> Measure:
    ensure_manages_country(actor, measure.plan.country)
    _ensure_editable(measure.plan)
    model_update(instance=measure, data={k: v for k, v in fields.items() if k in MEASURE_FIELDS},
                 actor=actor, reason=reason)
    changes = _set_relations(measure, {k: v for k, v in fields.items()
                                       if k in (*MEASURE_RELATIONS, "budget_lines")})
    if changes:
        audit_log(actor=actor, instance=measure, action=AuditAction.UPDATE, changes=changes,
                  reason=reason)
    return measure


@transaction.atomic
def measure_move(*, actor, measure: Measure, objective: Objective, position: int) -> Measure:
    """Move a measure (to another objective or place) and renumber every code safely."""
    plan = measure.plan
    ensure_manages_country(actor, plan.country)
    _ensure_editable(plan)
    if objective.plan_id != plan.pk:
        raise DomainError(_("Мероприятие можно переместить только внутри своего плана"))
    old_code = measure.code
    source = measure.objective
    target = [m for m in objective.measures.order_by("position") if m.pk != measure.pk]
    position = max(1, min(position, len(target) + 1))
    target.insert(position - 1, measure)
    measure.objective = objective
    for index, item in enumerate(target, start=1):
        item.position = index
    Measure.objects.bulk_update(target, ["objective", "position"])
    if source.pk != objective.pk:
        rest = list(source.measures.exclude(pk=measure.pk).order_by("position"))
        for index, item in enumerate(rest, start=1):
            item.position = index
        Measure.objects.bulk_update(rest, ["position"])
    plan_renumber(plan=plan)
    measure.refresh_from_db()
    audit_log(actor=actor, instance=measure, action=AuditAction.UPDATE,
              changes={"code": {"old": old_code, "new": measure.code}})
    return measure


@transaction.atomic
def plan_renumber(*, plan: Plan) -> None:
    """Recompute every code from positions: 1, 1.2, 1.2.3. Two passes keep codes unique."""
    areas = list(plan.areas.order_by("position"))
    objectives = list(plan.objectives.select_related("area").order_by("area__position",
                                                                      "position"))
    measures = list(plan.measures.select_related("objective__area").order_by(
        "objective__area__position", "objective__position", "position"))
    for rows, model in ((areas, PriorityArea), (objectives, Objective), (measures, Measure)):
        for row in rows:
            row.code = f"~{row.pk}"
        model.objects.bulk_update(rows, ["code"])
    for area in areas:
        area.code = str(area.position)
    for objective in objectives:
        objective.code = f"{objective.area.position}.{objective.position}"
    for measure in measures:
        objective = measure.objective
        measure.code = f"{objective.area.position}.{objective.position}.{measure.position}"
    PriorityArea.objects.bulk_update(areas, ["code"])
    Objective.objects.bulk_update(objectives, ["code"])
    Measure.objects.bulk_update(measures, ["code"])


@transaction.atomic
def plan_new_version(*, actor, plan: Plan) -> Plan:
    """Copy a plan whole into a new draft version; measures keep their uid for the diff."""
    ensure_manages_country(actor, plan.country)
    copy = plan_create(
        actor=actor, kind=plan.kind, country=plan.country, strategy=plan.strategy,
        period_start=plan.period_start, period_end=plan.period_end, act_type="",
        **texts_of(plan, "title"))
    Plan.objects.filter(pk=copy.pk).update(version=plan.version + 1, previous_version=plan)
    copy.refresh_from_db()
    rows = []
    for area in plan.areas.order_by("position"):
        new_area = area_add(actor=actor, plan=copy, strategy_item=area.strategy_item,
                            **_texts("title", vars(area)))
        for objective in area.objectives.order_by("position"):
            new_objective = objective_add(actor=actor, area=new_area,
                                          **_texts("title", vars(objective)))
            rows += [(new_objective, measure_fields(measure)) for measure in
                     objective.measures.order_by("position").select_related("lead_executor")
                     .prefetch_related(*MEASURE_RELATIONS, "budget_lines")]
    measures_create_many(actor=actor, plan=copy, rows=rows)
    return copy


def measure_fields(measure: Measure) -> dict:
    """Everything that defines a measure, in the form measure_create takes."""
    fields = {name: getattr(measure, name) for name in MEASURE_FIELDS}
    fields["uid"] = measure.uid
    for name in MEASURE_RELATIONS:
        fields[name] = list(getattr(measure, name).all())
    fields["budget_lines"] = [{"amount": line.amount, "currency": line.currency,
                               "source": line.source} for line in measure.budget_lines.all()]
    return fields


@transaction.atomic
def comment_add(*, actor, plan: Plan, text: str, area=None, objective=None, measure=None):
    # Read the status under a lock: a comment must not slip in while the plan is being approved.
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status not in COMMENTABLE:
        raise DomainError(_("Замечания принимаются только во время обсуждения."), code="conflict")
    if actor is None or not actor.is_authenticated or actor.country_id != plan.country_id:
        raise DomainError(_("Недостаточно прав"), code="forbidden")
    for item in (area, objective, measure):
        if item is not None and item.plan_id != plan.pk:
            raise DomainError(_("Элемент относится к другому плану"))
    if not text.strip():
        raise DomainError(_("Напишите замечание."))
    return model_create(instance=Comment(plan=plan, area=area, objective=objective,
                                         measure=measure, text=text.strip()), actor=actor)


@transaction.atomic
def comment_answer(*, actor, comment: Comment, status: str, reply: str) -> Comment:
    ensure_manages_country(actor, comment.plan.country)
    if not is_manager(actor):
        raise DomainError(_("Недостаточно прав"), code="forbidden")
    if status not in (CommentStatus.ACCEPTED, CommentStatus.REJECTED):
        raise DomainError(_("Ответ: примите или отклоните замечание."))
    if not reply.strip():
        raise DomainError(_("Напишите ответ на замечание."))
    model_update(instance=comment, data={"status": status, "reply": reply.strip()}, actor=actor)
    return comment


@transaction.atomic
def indicator_create(*, actor, country, code: str, dimensions=(), targets: dict | None = None,
                     code_restrictions: dict | None = None, **fields) -> Indicator:
    ensure_manages_country(actor, country)
    allowed = {*per_language("name", "definition"),
               "unit", "direction", "aggregation", "baseline_value", "baseline_year",
               "data_source", "responsible", "sdg_code", "numerator", "denominator",
               "disclosure_control"}
    _check_code_restrictions(code_restrictions or {}, dimensions)
    indicator = model_create(instance=Indicator(
        country=country, code=code, code_restrictions=code_restrictions or {},
        **{k: v for k, v in fields.items() if k in allowed}), actor=actor)
    indicator.dimensions.set(list(dimensions))
    for year, value in (targets or {}).items():
        IndicatorTarget.objects.create(indicator=indicator, year=int(year), value=Decimal(value))
    return indicator


@transaction.atomic
def indicator_disclosure_control_set(*, actor, indicator: Indicator, enabled: bool) -> Indicator:
    """Mark an indicator as counting people affected by family violence (or unmark it): its
    public values below 5 become «<5». Audited; setting what is already set writes nothing."""
    ensure_manages_country(actor, indicator.country)
    indicator, _changes = model_update(instance=indicator, actor=actor,
                                       data={"disclosure_control": enabled})
    return indicator


def _check_code_restrictions(restrictions: dict, dimensions) -> None:
    """Restrictions name the indicator's own dimensions and codes from their code lists."""
    lists = {d.code: {v.code for v in d.values.all()} for d in dimensions}
    for dimension, codes in restrictions.items():
        if dimension not in lists or not codes or not set(codes) <= lists[dimension]:
            raise DomainError(_("Ограничение разреза «%(dimension)s»: допустимы коды %(codes)s.")
                              % {"dimension": dimension,
                                 "codes": ", ".join(sorted(lists.get(dimension, ())))},
                              errors=[{"column": "code_restrictions",
                                       "message": _("неизвестный разрез или код")}])


def _matrix_context(country) -> MatrixContext:
    organisations = list(Organisation.objects.filter(Q(country=country) | Q(country__isnull=True))
                         .prefetch_related("other_names"))
    territories = {t.code: t for t in Territory.objects.filter(country_code=country.code)}
    frameworks = {f.key: f for f in FrameworkItem.objects.all()}
    indicators = {i.code: i for i in Indicator.objects.filter(country=country)}
    return MatrixContext(organisations, territories, frameworks, indicators)


@transaction.atomic
def plan_import_matrix(
    *, actor, content: bytes, country, kind: str, period_start, period_end, strategy=None,
    **titles,
) -> Plan:
    """Create a plan from the government matrix. Any bad row: nothing is created."""
    ensure_manages_country(actor, country)
    context = _matrix_context(country)
    reader = MatrixReader(read_workbook(content), context)
    areas = reader.read()
    if reader.errors:
        raise DomainError(_("Матрица не загружена: ошибок — %(count)s. Ничего не сохранено.")
                          % {"count": len(reader.errors)}, errors=reader.errors)
    plan = plan_create(actor=actor, kind=kind, country=country, strategy=strategy,
                       period_start=period_start, period_end=period_end, **titles)
    indicators, rows = context.indicators, []
    for area in areas:
        new_area = area_add(actor=actor, plan=plan, title_ru=area.title)
        for objective in area.objectives:
            new_objective = objective_add(actor=actor, area=new_area, title_ru=objective.title)
            for measure in objective.measures:
                for code, name in measure.indicators:
                    if code not in indicators:
                        indicators[code] = indicator_create(actor=actor, country=country,
                                                            code=code, name_ru=name)
                linked = [indicators[code] for code, _name in measure.indicators]
                rows.append((new_objective, {**measure.fields, **measure.relations,
                                             "indicators": linked}))
    measures_create_many(actor=actor, plan=plan, rows=rows)
    return plan
