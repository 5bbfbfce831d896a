"""Guards and helpers every report write shares."""


from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError

from ..capabilities import report_capabilities
from ..models import Report
from ..selectors import report_completeness
from ..workflow import EDITABLE_REPORTS, WRITABLE_PERIODS


def lock_for_write(actor, report: Report) -> Report:
    """The report with its row locked to the end of the transaction, if `actor` may change it now.

    The lock comes before the checks. A submit, a review or a period move locks the same row, so
    it either commits first and the edit is refused, or waits until the edit has committed."""
    locked = Report.objects.select_for_update(of=("self",)).select_related("period", "plan") \
        .get(pk=report.pk)
    locked.period.refresh_from_db(fields=["state"])  # read after the lock: a close just committed
    if locked.period.state not in WRITABLE_PERIODS:
        raise DomainError(_("Период «%(period)s» %(state)s: изменения не принимаются.") % {
            "period": locked.period, "state": locked.period.get_state_display()},
            code="conflict")
    if not report_capabilities(actor, locked).reporter:
        raise DomainError(_("Недостаточно прав"), code="forbidden")
    if locked.state not in EDITABLE_REPORTS:
        raise DomainError(_("Отчёт в состоянии «%(state)s» изменять нельзя.") % {
            "state": locked.get_state_display()}, code="conflict")
    return locked


def conflict(message, current: dict) -> DomainError:
    error = DomainError(message, code="conflict")
    error.current = current
    return error


def touch(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(last_activity_at=timezone.now(),
                                               completeness=report_completeness(report))


ID_MAX = 2**63 - 1  # the database's bigint: a larger number is no id, not an overflow


def as_int(value) -> int | None:
    """An id sent by a client: an integer or its digits, else None (never a bool or a float)."""
    if isinstance(value, str) and value.strip().isdecimal():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 < value <= ID_MAX else None
