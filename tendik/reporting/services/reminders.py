"""Reminder mail to reporters before and after the due date."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tendik.core.permissions import Role
from tendik.organisations.models import User
from tendik.organisations.selectors import emails_by_language

from ..models import PeriodState, Report, ReportState


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind reporters N days before the due date and every M days after it; returns the count."""
    today = today or timezone.localdate()
    before = settings.TENDIK_REMINDER_DAYS_BEFORE
    every = settings.TENDIK_REMINDER_EVERY_DAYS_AFTER
    sent = 0
    for report in Report.objects.filter(
            period__state=PeriodState.OPEN,
            state__in=(ReportState.DRAFT, ReportState.RETURNED)).select_related(
            "period", "organisation", "plan"):
        days = (report.period.due_date - today).days
        if days == before or (days < 0 and (-days) % every == 0):
            sent += report_remind(report=report, today=today)
    return sent


def report_remind(*, report: Report, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    users = User.objects.filter(organisation=report.organisation, is_active=True,
                                role_assignments__role__in=[Role.FOCAL_POINT, Role.PARTNER,
                                                            Role.COMMITTEE]).distinct()
    by_language = emails_by_language(users)
    days = (report.period.due_date - today).days
    for language, addresses in by_language.items():
        with translation.override(language):  # each recipient reads the mail in their language
            when = (_("осталось дней: %(n)s") % {"n": days}) if days >= 0 else (
                _("просрочен на %(n)s дн.") % {"n": -days})
            subject = _("Теңдик: напоминание — отчёт за %(period)s (%(when)s)") % {
                "period": report.period, "when": when}
            send_mail(subject, f"{subject}\n\n{report.plan}\n{report.organisation}",
                      settings.DEFAULT_FROM_EMAIL, addresses)
    return 1 if by_language else 0
