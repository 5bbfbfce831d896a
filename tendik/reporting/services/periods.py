"""Reporting periods: creating them, moving them along, and the reports an opening creates."""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tendik.core.audit import AuditAction, audit_log, audit_log_many
from tendik.core.errors import DomainError
from tendik.core.permissions import ensure_manages_country
from tendik.core.services import model_create
from tendik.plans.models import Measure
from tendik.plans.workflow import NOT_REPORTABLE, RECORDABLE, REPORTABLE

from ..models import MeasureProgress, PeriodState, Report, ReportingPeriod
from ..workflow import PERIOD_TRANSITIONS


@transaction.atomic
def period_create(*, actor, plan, kind: str, start: datetime.date, end: datetime.date,
                  due_date: datetime.date) -> ReportingPeriod:
    ensure_manages_country(actor, plan.country)
    if plan.status not in (REPORTABLE if actor is not None else RECORDABLE):
        message = NOT_REPORTABLE % {"status": plan.get_status_display()}
        raise DomainError(message, errors=[{"field": "plan", "message": message}])
    errors = ([{"field": "end", "message": _("Конец периода раньше начала.")}] if end < start else [])
    errors += [{"field": "due_date", "message": _("Срок сдачи раньше конца периода.")}] \
        if due_date < end else []
    if errors:
        raise DomainError(_("Период: конец не раньше начала, срок сдачи не раньше конца."),
                          errors=errors)
    if ReportingPeriod.objects.filter(plan=plan, start=start, end=end).exists():
        raise DomainError(_("Такой период уже есть."), code="conflict")
    return model_create(instance=ReportingPeriod(plan=plan, kind=kind, start=start, end=end,
                                                 due_date=due_date), actor=actor)


def measures_due(period: ReportingPeriod):
    """Measures whose deadline falls in, or runs through, the period."""
    years = [str(y) for y in range(period.start.year, period.end.year + 1)]
    in_years = Q()
    for year in years:
        in_years |= Q(deadline_years__contains=year)
    return Measure.objects.filter(plan=period.plan).filter(
        Q(deadline_kind="ongoing")
        | (Q(deadline_kind="years") & in_years)
        | Q(deadline_kind="date", deadline_date__gte=period.start)
        | Q(deadline_kind="period", deadline_date__lte=period.end,
            deadline_end__gte=period.start))


@transaction.atomic
def period_transition(*, actor, period: ReportingPeriod, to: str) -> ReportingPeriod:
    given, period = period, ReportingPeriod.objects.select_for_update(of=("self",)) \
        .select_related("plan__country").get(pk=period.pk)
    ensure_manages_country(actor, period.plan.country)
    if to not in PERIOD_TRANSITIONS.get(period.state, set()):
        raise DomainError(_("Нельзя перевести период из «%(from)s» в «%(to)s».") % {
            "from": period.get_state_display(), "to": PeriodState(to).label
            if to in PeriodState.values else to}, code="conflict")
    if to == PeriodState.OPEN and period.published_at is not None:
        raise DomainError(_("Период опубликован: чтобы снова открыть его, сначала снимите "
                            "публикацию."), code="conflict")
    # Every write to a report locks its row first: once these locks are held, no edit or review
    # is half-way, and those that wait see the new state.
    list(Report.objects.select_for_update().filter(period=period).values_list("pk", flat=True))
    before = period.state
    ReportingPeriod.objects.filter(pk=period.pk).update(state=to)
    period.state = given.state = to
    audit_log(actor=actor, instance=period, action=AuditAction.TRANSITION,
              changes={"state": {"old": before, "new": to}})
    if to == PeriodState.OPEN and before == PeriodState.PLANNED:
        _create_reports(actor, period)
    return period


def _create_reports(actor, period: ReportingPeriod) -> None:
    """One report per organisation that leads or co-executes a measure due in the period."""
    by_organisation: dict[int, set[int]] = defaultdict(set)
    due = measures_due(period)
    for measure_id, lead_id in due.values_list("pk", "lead_executor_id"):
        by_organisation[lead_id].add(measure_id)
    through = Measure.co_executors.through
    for measure_id, organisation_id in through.objects.filter(measure__in=due).values_list(
            "measure_id", "organisation_id"):
        by_organisation[organisation_id].add(measure_id)
    author = actor if actor is not None and actor.is_authenticated else None
    reports = Report.objects.bulk_create([
        Report(period=period, plan=period.plan, organisation_id=organisation_id,
               created_by=author, updated_by=author) for organisation_id in by_organisation])
    MeasureProgress.objects.bulk_create([
        MeasureProgress(report=report, measure_id=measure_id, created_by=author)
        for report in reports for measure_id in by_organisation[report.organisation_id]])
    audit_log_many(actor=actor, action=AuditAction.CREATE,
                   items=[(report, {"state": {"old": None, "new": report.state}})
                          for report in reports])
