"""The plan life-cycle: one transition table; every other move is refused."""

from django.utils.translation import gettext_lazy as _

from .models import PlanStatus

S = PlanStatus
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.CONSULTATION, S.APPROVED},
    S.CONSULTATION: {S.DRAFT, S.APPROVED},
    S.APPROVED: {S.IN_FORCE, S.DRAFT},
    S.IN_FORCE: {S.CLOSED},
    S.CLOSED: set(),
}
# Structure and wording may change only before approval; afterwards a new version is made.
EDITABLE = {S.DRAFT, S.CONSULTATION}
COMMENTABLE = {S.CONSULTATION}
PUBLIC = {S.APPROVED, S.IN_FORCE, S.CLOSED}
# Reporting periods, and so reports, exist only for a plan that is approved and not yet closed.
REPORTABLE = {S.APPROVED, S.IN_FORCE}
# The system alone (actor None: the demo loader, imports) also records a closed plan's history.
RECORDABLE = REPORTABLE | {S.CLOSED}

ILLEGAL_MOVE = _("Нельзя перевести план из статуса «%(from)s» в «%(to)s».")
OPEN_COMMENTS = _("Нельзя утвердить план: есть замечания без ответа (%(count)s).")
NOT_REPORTABLE = _("План в статусе «%(status)s»: периоды отчётности создаются только для "
                   "утверждённых и действующих планов.")
NOT_EDITABLE = _("План в статусе «%(status)s» изменять нельзя: создайте новую версию.")
