"""Reads of periods, reports and activities, scoped to the user's country, organisation and role."""

from django.db.models import Q, QuerySet

from tendik.core.permissions import Role, has_role, is_installation_admin, is_manager

from .models import Activity, Evidence, Report, ReportingPeriod


def periods_visible_to(user) -> QuerySet[ReportingPeriod]:
    periods = ReportingPeriod.objects.select_related("plan", "plan__country")
    if not user.is_authenticated:
        return periods.none()
    if is_installation_admin(user):
        return periods
    return periods.filter(plan__country_id=user.country_id)


def reports_visible_to(user) -> QuerySet[Report]:
    """Coordinators and observers read their country's reports; reporters read their own."""
    reports = Report.objects.select_related("organisation", "period", "plan", "plan__country")
    if not user.is_authenticated:
        return reports.none()
    if is_installation_admin(user):
        return reports
    if is_manager(user) or has_role(user, Role.OBSERVER):
        return reports.filter(plan__country_id=user.country_id)
    return reports.filter(organisation_id=user.organisation_id)


def activities_visible_to(user) -> QuerySet[Activity]:
    """Partners see only the activities they are named in, and their own reports' activities."""
    activities = Activity.objects.select_related("report__organisation", "territory")
    if not user.is_authenticated:
        return activities.none()
    if has_role(user, Role.PARTNER) and not is_manager(user):
        org = user.organisation_id
        return activities.filter(Q(organisers__id=org) | Q(partners__id=org)
                                 | Q(report__organisation_id=org)).distinct()
    return activities.filter(report__in=reports_visible_to(user))


def evidence_visible_to(user) -> QuerySet[Evidence]:
    return Evidence.objects.filter(report__in=reports_visible_to(user))


def period_dashboard(period: ReportingPeriod, *, kind: str = "", territory: str = ""):
    """Every report of a period with what the coordinator needs at a glance, in one query."""
    reports = period.reports.select_related("organisation", "organisation__territory")
    if kind:
        reports = reports.filter(organisation__kind=kind)
    if territory:
        reports = reports.filter(Q(organisation__territory__code=territory)
                                 | Q(organisation__territory__parent__code=territory))
    return reports.order_by("organisation__name_ru")


def report_document(report: Report) -> dict:
    """The whole report: every section with the version a later save must send back."""
    from .services import activities_document, observations_document, progress_document

    progress = report.progress.select_related("measure").order_by("measure__code")
    return {
        "id": report.pk, "state": report.state, "version": report.version,
        "completeness": report.completeness, "organisation": report.organisation_id,
        "organisation_name": report.organisation.name_ru, "period": report.period_id,
        "plan": report.plan_id, "submitted_at": report.submitted_at,
        "accepted_at": report.accepted_at,
        "progress": [{**progress_document(p), "code": p.measure.code,
                      "title": p.measure.title_ru} for p in progress],
        "observations": observations_document(report),
        "activities": activities_document(report),
        "evidence": [{"id": e.pk, "name": e.original_name, "url": e.url,
                      "content_type": e.content_type, "size": e.size, "measure": e.measure_id}
                     for e in report.evidence.all()],
        "review_comments": [{"id": c.pk, "round": c.round, "text": c.text,
                             "measure": c.measure_id, "indicator": c.indicator_id,
                             "measure_code": c.measure.code if c.measure_id else "",
                             "indicator_code": c.indicator.code if c.indicator_id else "",
                             "activity": c.activity_id, "author": getattr(c.created_by,
                                                                          "username", "")}
                            for c in report.review_comments.select_related("created_by", "measure",
                                                                           "indicator")],
    }
