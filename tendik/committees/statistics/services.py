"""Writes of the monthly form: saving its counts and moving it through its life-cycle.

One form per body and month: a second save for the same month updates the first (with its
version). Every change is audited; the comment's text never reaches the audit trail, logs or
errors (it is scanned for personal data and refused with the reason, not the words)."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tendik.core.audit import AuditAction, audit_log, creation_changes, diff, snapshot
from tendik.core.errors import DomainError, field_error
from tendik.reporting.services.common import as_int, conflict

from ..counts import COUNT_KEYS, EQUATIONS, count_label
from ..models import Committee, HelpService, MonthlyStatistics, StatisticsState
from ..personal_data import personal_data_findings
from .capabilities import body_capabilities
from .months import current_month, parse_month
from .selectors import committees_reporting_to, services_reporting_to, statistics_visible_to
from .workflow import EDITABLE, MANAGER, NOTE_REQUIRED, TRANSITIONS

S = StatisticsState
TEXT_MAX = 2000
# What the audit trail says of a changed comment: that it changed, never what it says.
COMMENT_CHANGED = "изменён"
# Each breakdown's name in an error: «сумма по видам насилия 13 ≠ всего обращений 12».
BREAKDOWNS = (gettext_lazy("сумма по видам насилия"), gettext_lazy("сумма по полу"),
              gettext_lazy("сумма по возрастным группам"), gettext_lazy("сумма по направлениям"))


def _forbidden() -> DomainError:
    return DomainError(_("Недостаточно прав"), code="forbidden")


def _pk(value) -> int | None:
    return as_int(getattr(value, "pk", value))


def _body(actor, committee, service):
    """The committee or help service the form is for, if the actor keeps its forms (else 404)."""
    if (committee is None) == (service is None):
        raise field_error("committee", _("Укажите либо комитет, либо службу помощи."))
    if committee is not None:
        scope = committees_reporting_to(actor) if actor else Committee.objects.all()
        body = scope.filter(pk=_pk(committee)).first()
        missing = _("Комитет не найден.")
    else:
        scope = services_reporting_to(actor) if actor else HelpService.objects.all()
        body = scope.select_related("organisation").filter(pk=_pk(service)).first()
        missing = _("Служба помощи не найдена.")
    if body is None:
        raise DomainError(missing, code="not_found")
    if not body_capabilities(actor, body).write:
        raise _forbidden()
    return body


def _month(value, body) -> datetime.date:
    month = parse_month(value)
    if month > current_month():
        raise field_error("month", _("Месяц %(month)s ещё не наступил.") % {
            "month": f"{month:%m.%Y}"})
    established = getattr(body, "established", None)
    if established and month < established.replace(day=1):
        raise field_error("month", _("Комитет создан %(date)s: форма за %(month)s невозможна.")
                          % {"date": f"{established:%d.%m.%Y}", "month": f"{month:%m.%Y}"})
    return month


def _value(key: str, value) -> int:
    if value in (None, ""):
        return 0
    if isinstance(value, str) and value.strip().isdecimal():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise field_error(key, _("Укажите целое число."))
    if value < 0:
        raise field_error(key, _("Число не может быть отрицательным."))
    return value


def checked_counts(counts) -> dict[str, int]:
    """Every count key with its value (missing keys are 0), or a 400 naming each bad field."""
    if not isinstance(counts, dict):
        raise field_error("counts", _("Ожидается набор показателей."))
    errors = [{"field": key, "message": _("Нет такого показателя.")}
              for key in sorted(set(counts) - set(COUNT_KEYS))]
    values = {}
    for key in COUNT_KEYS:
        try:
            values[key] = _value(key, counts.get(key))
        except DomainError as exc:
            errors += exc.errors
    if not errors:
        errors = _equation_errors(values)
    if errors:
        detail = errors[0]["message"] if len(errors) == 1 else _(
            "Данные не приняты: ошибок — %(count)s.") % {"count": len(errors)}
        raise DomainError(detail, errors=errors)
    return values


def _equation_errors(values: dict[str, int]) -> list[dict]:
    """A part above its total is named itself; parts that add up to something else name the
    total, with both numbers."""
    errors = []
    for (total, parts), breakdown in zip(EQUATIONS, BREAKDOWNS, strict=True):
        too_big = [part for part in parts if values[part] > values[total]]
        for part in too_big:
            errors.append({"field": part, "message": _(
                "«%(part)s» %(value)s больше, чем «%(total)s» %(total_value)s") % {
                "part": count_label(part), "value": values[part], "total": count_label(total),
                "total_value": values[total]}})
        added = sum(values[part] for part in parts)
        if not too_big and added != values[total]:
            errors.append({"field": total, "message": _(
                "%(breakdown)s %(sum)s ≠ «%(total)s» %(total_value)s") % {
                "breakdown": breakdown, "sum": added, "total": count_label(total),
                "total_value": values[total]}})
    return errors


def checked_text(field: str, text) -> str:
    """Free text without personal data: the reasons, never the words, in the error."""
    if not isinstance(text, str):
        raise field_error(field, _("Ожидается текст."))
    text = text.strip()
    if len(text) > TEXT_MAX:
        raise field_error(field, _("Не длиннее %(max)s символов.") % {"max": TEXT_MAX})
    findings = personal_data_findings(text)
    if findings:
        raise field_error(field, _("Личные данные не сохраняются: %(found)s. Уберите их из "
                                   "текста.") % {"found": "; ".join(findings)})
    return text


def _masked(changes: dict) -> dict:
    if "comment" in changes:
        changes["comment"] = {"old": None, "new": COMMENT_CHANGED}
    return changes


def _bump(row: MonthlyStatistics) -> None:
    MonthlyStatistics.objects.filter(pk=row.pk).update(version=F("version") + 1)
    row.refresh_from_db(fields=["version"])


def _who(actor):
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def statistics_save(*, actor, committee=None, service=None, month, counts: dict,
                    comment: str = "", version: int | None = None
                    ) -> tuple[MonthlyStatistics, bool]:
    """The body's form for `month` («YYYY-MM» or a date): created by the first save, updated by
    the next ones (with the version they read). Returns `(row, created)`."""
    body = _body(actor, committee, service)
    month = _month(month, body)
    values = {**checked_counts(counts), "comment": checked_text("comment", comment or "")}
    field = "committee" if isinstance(body, Committee) else "service"
    row = MonthlyStatistics.objects.select_for_update().filter(
        **{field: body, "month": month}).first()
    if row is None:
        return _create(actor, body, field, month, values), True
    if row.state not in EDITABLE:
        raise conflict(_("Форма в состоянии «%(state)s»: изменять её нельзя.") % {
            "state": row.get_state_display()}, {"version": row.version})
    if as_int(version) != row.version:
        raise conflict(_("Эту форму уже изменили: обновите страницу и повторите."),
                       {"version": row.version})
    return _update(actor, row, values), False


def _create(actor, body, field: str, month, values: dict) -> MonthlyStatistics:
    territory_id = (body.territory_id if field == "committee"
                    else body.organisation.territory_id or body.country_id)
    row = MonthlyStatistics(**{field: body}, month=month, territory_id=territory_id,
                            country_id=body.country_id, created_by=_who(actor),
                            updated_by=_who(actor), **values)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:  # the same month was just created by another save
        raise conflict(_("Форма за этот месяц уже создана: обновите страницу."), {}) from exc
    audit_log(actor=actor, instance=row, action=AuditAction.CREATE,
              changes=_masked(creation_changes(row)))
    return row


def _update(actor, row: MonthlyStatistics, values: dict) -> MonthlyStatistics:
    before = snapshot(row, list(values))
    for name, value in values.items():
        setattr(row, name, value)
    changes = diff(before, snapshot(row, list(values)))
    if not changes:
        return row
    row.updated_by = _who(actor)
    row.save(update_fields=[*changes, "updated_by", "updated_at"])
    audit_log(actor=actor, instance=row, action=AuditAction.UPDATE, changes=_masked(changes))
    _bump(row)
    return row


@transaction.atomic
def statistics_transition(*, actor, row, to: str, note: str = "") -> MonthlyStatistics:
    """Move the form along TRANSITIONS: submit, accept, return (with a note), reopen."""
    scope = statistics_visible_to(actor) if actor else MonthlyStatistics.objects.all()
    row = scope.select_for_update(of=("self",)).select_related(
        "committee", "service").filter(pk=_pk(row)).first()
    if row is None:
        raise DomainError(_("Форма не найдена."), code="not_found")
    caps = body_capabilities(actor, row.committee or row.service)
    if to not in S.values:
        raise field_error("to", _("Нет такого состояния."))
    who = TRANSITIONS.get((row.state, to))
    if who is None:
        raise conflict(_("Из состояния «%(from)s» в «%(to)s» перейти нельзя.") % {
            "from": row.get_state_display(), "to": S(to).label}, {"version": row.version})
    if not (caps.review if who == MANAGER else caps.write):
        raise _forbidden()
    note = checked_text("note", note or "")
    if to in NOTE_REQUIRED and not note:
        raise field_error("note", _("Напишите, что нужно исправить."))
    data = {"state": to, "review_note": note if who == MANAGER else row.review_note}
    data["submitted_at" if to == S.SUBMITTED else "reviewed_at"] = timezone.now()
    before = snapshot(row, list(data))
    for name, value in data.items():
        setattr(row, name, value)
    row.updated_by = _who(actor)
    row.save(update_fields=[*data, "updated_by", "updated_at"])
    audit_log(actor=actor, instance=row, action=AuditAction.UPDATE,
              changes=diff(before, snapshot(row, list(data))))
    _bump(row)
    return row
