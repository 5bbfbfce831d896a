"""The report workflow: submit, return, accept, reopen, and the mail each move sends."""


from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tendik.core.audit import AuditAction, audit_log
from tendik.core.errors import DomainError
from tendik.core.permissions import Role, ensure_manages_country
from tendik.core.services import model_create
from tendik.organisations.models import User
from tendik.organisations.selectors import emails_by_language
from tendik.plans.models import Indicator

from ..capabilities import report_capabilities
from ..models import Report, ReportState, ReviewComment
from ..selectors import report_missing
from ..validation import REASON_MAX, text_problem
from ..workflow import FOCAL, REPORT_ACTIONS, REVIEWABLE_PERIODS, WRITABLE_PERIODS
from .common import as_int


@transaction.atomic
def report_act(*, actor, report: Report, action: str, comments: list[dict] | None = None,
               reason: str = "", note: str = "") -> Report:
    """Submit, resubmit, return, accept or reopen a report, along the one action table.

    An incomplete report is submitted or accepted only with a note saying why (`note`)."""
    report = Report.objects.select_for_update(of=("self",)).select_related(
        "period", "plan__country", "organisation").get(pk=report.pk)
    report.period.refresh_from_db(fields=["state"])  # read after the lock: a close just committed
    if action not in REPORT_ACTIONS:
        raise DomainError(_("Неизвестное действие «%(action)s»") % {"action": action})
    sources, target, who = REPORT_ACTIONS[action]
    if who == FOCAL:
        if not report_capabilities(actor, report).reporter:
            raise DomainError(_("Недостаточно прав"), code="forbidden")
        if report.period.state not in WRITABLE_PERIODS:
            raise DomainError(_("Период закрыт: отчёт представить нельзя."), code="conflict")
    else:
        ensure_manages_country(actor, report.plan.country)
        if report.period.state not in REVIEWABLE_PERIODS:
            raise DomainError(_("Период заблокирован: изменения не принимаются."),
                              code="conflict")
    if report.state not in sources:
        raise DomainError(_("Нельзя «%(action)s» отчёт в состоянии «%(state)s».") % {
            "action": action, "state": report.get_state_display()}, code="conflict")
    if action == "return" and not comments:
        raise DomainError(_("При возврате укажите хотя бы один комментарий."))
    _check_texts(reason=reason, note=note)
    if action == "reopen" and not reason.strip():
        raise DomainError(_("Укажите причину повторного открытия принятого отчёта."))
    fields = _completeness_note(report, action, note)
    before = report.state
    now = timezone.now()
    fields.update({"state": target, "last_activity_at": now, "updated_by": actor})
    if target in (ReportState.SUBMITTED, ReportState.RESUBMITTED):
        fields["submitted_at"] = now
        if report.first_submitted_at is None:
            fields["first_submitted_at"] = now
    if target == ReportState.ACCEPTED:
        fields["accepted_at"] = now
    Report.objects.filter(pk=report.pk).update(**fields)
    report.refresh_from_db()
    if comments:
        _add_review_comments(actor, report, comments)
    audit_log(actor=actor, instance=report, action=AuditAction.TRANSITION,
              changes={"state": {"old": before, "new": target}}, reason=reason or note.strip())
    transaction.on_commit(lambda: _notify(report, action, reason, comments or []))
    return report


NEEDS_COMPLETE = ("submit", "resubmit", "accept")


def _completeness_note(report: Report, action: str, note: str) -> dict:
    """Gaps block submitting and accepting unless the person explains them in a note."""
    if action not in NEEDS_COMPLETE:
        return {}
    missing = report_missing(report)
    if not missing:
        return {} if action == "accept" else {"incomplete_note": ""}
    note = (note or "").strip()
    if not note:
        raise DomainError(_("В отчёте не заполнено пунктов: %(count)s. Заполните их или "
                            "поясните, почему отчёт неполный.") % {"count": len(missing)},
                          code="incomplete", errors=missing)
    if action == "accept":
        return {}
    return {"incomplete_note": note}


def _check_texts(**texts) -> None:
    errors = [{"column": column, "message": problem} for column, value in texts.items()
              if (problem := text_problem(value or "", REASON_MAX))]
    if errors:
        raise DomainError("; ".join(e["message"] for e in errors), errors=errors)


def _add_review_comments(actor, report: Report, comments: list[dict]) -> None:
    round_number = report.review_comments.count() + 1
    targets = {"measure": set(report.progress.values_list("measure_id", flat=True)),
               "indicator": set(Indicator.objects.filter(
                   measures__progress__report=report).values_list("pk", flat=True)),
               "activity": set(report.activities.values_list("pk", flat=True))}
    for number, item in enumerate(comments, start=1):
        links = _comment_links(number, item, targets)
        text = (item.get("text") or "").strip()
        if not text:
            raise DomainError(_("Пустой комментарий."), errors=[
                {"row": number, "column": "text", "message": _("пустой комментарий")}])
        model_create(instance=ReviewComment(report=report, text=text, round=round_number,
                                            **links), actor=actor)


def _comment_links(number: int, item, targets: dict[str, set[int]]) -> dict:
    """The measure, indicator and activity a comment is about: each one of this report's."""
    if not isinstance(item, dict):
        raise DomainError(_("Комментарий задаётся объектом {\"text\": …}."))
    errors = [{"row": number, "column": "text", "message": problem}
              for problem in [text_problem(item.get("text") or "", REASON_MAX)] if problem]
    links = {}
    for name, known in targets.items():
        given = item.get(name)
        if given in (None, ""):
            continue
        links[f"{name}_id"] = as_int(given)
        if links[f"{name}_id"] not in known:
            errors.append({"row": number, "column": name,
                           "message": _("%(id)s нет в отчёте") % {"id": given}})
    if errors:
        raise DomainError(_("Комментарий не сохранён: %(message)s") % {
            "message": errors[0]["message"]}, errors=errors)
    return links


def _notify(report: Report, action: str, reason: str, comments: list[dict]) -> None:
    """E-mail the other side of the workflow."""
    if action in ("submit", "resubmit"):
        recipients = User.objects.filter(
            country=report.plan.country, role_assignments__role=Role.COORDINATOR,
            is_active=True)
    else:
        recipients = User.objects.filter(organisation=report.organisation, is_active=True)
    for language, addresses in emails_by_language(recipients).items():
        with translation.override(language):  # each recipient reads the mail in their language
            subject = _("Теңдик: отчёт «%(report)s» — %(state)s") % {
                "report": report, "state": report.get_state_display()}
            lines = [subject, ""]
            lines += [f"— {c.get('text', '')}" for c in comments]
            if reason:
                lines.append(_("Причина: %(reason)s") % {"reason": reason})
            send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, addresses)
