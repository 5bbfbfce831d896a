"""Guards and helpers every report write shares."""


from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError

from ..capabilities import report_capabilities
from ..models import Report
from ..selectors import report_completeness
from ..workflow import EDITABLE_REPORTS, WRITABLE_PERIODS


def ensure_can_write(actor, report: Report) -> None:
    report.period.refresh_from_db(fields=["state"])  # the period may have closed meanwhile
    if report.period.state not in WRITABLE_PERIODS:
        raise DomainError(_("Период «%(period)s» %(state)s: изменения не принимаются.") % {
            "period": report.period, "state": report.period.get_state_display()},
            code="conflict")
    if not report_capabilities(actor, report).reporter:
        raise DomainError(_("Недостаточно прав"), code="forbidden")
    if report.state not in EDITABLE_REPORTS:
        raise DomainError(_("Отчёт в состоянии «%(state)s» изменять нельзя.") % {
            "state": report.get_state_display()}, code="conflict")


def conflict(message, current: dict) -> DomainError:
    error = DomainError(message, code="conflict")
    error.current = current
    return error


def touch(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(last_activity_at=timezone.now(),
                                               completeness=report_completeness(report))


def as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
