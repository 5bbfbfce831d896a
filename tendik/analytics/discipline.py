"""Reporting discipline: who reported, how completely, and on time or how late.

A report is on time when it was first submitted by the period's due date. One not submitted
yet is late once the due date has passed, and has no verdict before that.
"""

import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.i18n import localized
from tendik.reporting.models import PeriodState, Report, ReportingPeriod, ReportState
from tendik.reporting.selectors import periods_visible_to, reports_visible_to

from .basis import visible_one

NOT_SUBMITTED = (ReportState.DRAFT,)


def visible_period(user, period_id) -> ReportingPeriod:
    return visible_one(periods_visible_to(user), period_id, field="period",
                       missing=_("Укажите период"), not_found=_("Период не найден"))


def timeliness(report: Report, due: datetime.date, today: datetime.date) -> tuple[bool | None, int]:
    """(on time?, days late), judged by the first submission: a report returned and sent again
    late was still on time."""
    first = report.first_submitted_at or report.submitted_at
    if first is not None:
        submitted = timezone.localtime(first).date()
        return submitted <= due, max(0, (submitted - due).days)
    if today > due:
        return False, (today - due).days
    return None, 0


def reporting_discipline(user, period: ReportingPeriod, *,
                         today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    reports = list(reports_visible_to(user).filter(period=period).select_related(
        "organisation").order_by("organisation__name_ru"))
    rows = []
    for report in reports:
        on_time, days_late = timeliness(report, period.due_date, today)
        rows.append({"organisation": report.organisation_id,
                     "name": localized(report.organisation, "name").text,
                     "report": report.pk, "state": report.state,
                     "state_label": str(ReportState(report.state).label),
                     "completeness": report.completeness, "due_date": period.due_date,
                     "submitted_at": report.first_submitted_at or report.submitted_at,
                     "on_time": on_time,
                     "days_late": days_late})
    judged = [r for r in rows if r["on_time"] is not None]
    return {"period": period.pk, "label": str(period), "due_date": period.due_date,
            "totals": {
                "reports": len(rows),
                "submitted": sum(1 for r in rows if r["state"] not in NOT_SUBMITTED),
                "accepted": sum(1 for r in rows if r["state"] == ReportState.ACCEPTED),
                "late": sum(1 for r in rows if r["on_time"] is False),
                "on_time_share": round(sum(1 for r in judged if r["on_time"]) / len(judged), 4)
                if judged else None,
                "completeness_avg": round(sum(r["completeness"] for r in rows) / len(rows), 1)
                if rows else None},
            "organisations": rows}


def late_reports(user, *, plan=None, today: datetime.date | None = None) -> QuerySet[Report]:
    """Reports of open periods past their due date, never submitted (a returned report was)."""
    today = today or timezone.localdate()
    reports = reports_visible_to(user).filter(
        period__state=PeriodState.OPEN, period__due_date__lt=today,
        state=ReportState.DRAFT)
    if plan is not None:
        reports = reports.filter(plan=plan)
    return reports.order_by("period__due_date", "organisation__name_ru")
