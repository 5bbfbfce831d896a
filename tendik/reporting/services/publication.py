"""Publishing a period's accepted data: the one switch between internal figures and the public
portal and open data. A publication is audited and can be withdrawn; withdrawing it takes the
period's figures off every public page and download at once (they read `published_at`)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.audit import AuditAction, audit_log
from tendik.core.errors import DomainError
from tendik.core.permissions import ensure_manages_country
from tendik.plans.workflow import PUBLIC

from ..models import PeriodState, ReportingPeriod, ReportState

PUBLISHABLE_STATES = (PeriodState.CLOSED, PeriodState.LOCKED)


def _locked(period: ReportingPeriod) -> ReportingPeriod:
    period = ReportingPeriod.objects.select_for_update(of=("self",)).select_related(
        "plan__country").get(pk=period.pk)
    return period


def publication_problem(period: ReportingPeriod) -> str:
    """Why the period cannot be published now, or "" when it can."""
    if period.plan.status not in PUBLIC:
        return _("План в статусе «%(status)s» не публикуется.") % {
            "status": period.plan.get_status_display()}
    if period.state not in PUBLISHABLE_STATES:
        return _("Публикуется только закрытый период: в открытом ещё меняются отчёты.")
    if not period.reports.filter(state=ReportState.ACCEPTED).exists():
        return _("В периоде нет принятых отчётов.")
    return ""


def _set(actor, period: ReportingPeriod, value) -> ReportingPeriod:
    before = period.published_at
    ReportingPeriod.objects.filter(pk=period.pk).update(published_at=value)
    period.published_at = value
    audit_log(actor=actor, instance=period, action=AuditAction.TRANSITION, changes={
        "published_at": {"old": before.isoformat() if before else None,
                         "new": value.isoformat() if value else None}})
    return period


@transaction.atomic
def period_publish(*, actor, period: ReportingPeriod) -> ReportingPeriod:
    """Make the period's accepted reports public. Publishing twice changes nothing."""
    period = _locked(period)
    ensure_manages_country(actor, period.plan.country)
    if period.published_at is not None:
        return period
    problem = publication_problem(period)
    if problem:
        raise DomainError(problem, code="conflict")
    return _set(actor, period, timezone.now())


@transaction.atomic
def period_withdraw(*, actor, period: ReportingPeriod) -> ReportingPeriod:
    """Take the period's data off the public pages. Withdrawing twice changes nothing."""
    period = _locked(period)
    ensure_manages_country(actor, period.plan.country)
    if period.published_at is None:
        return period
    return _set(actor, period, None)
