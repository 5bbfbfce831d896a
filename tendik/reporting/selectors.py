"""Reads of periods, reports and activities, scoped to the user's country, organisation and role."""

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tendik.core.audit import snapshot
from tendik.core.i18n import per_language, texts_of
from tendik.core.permissions import Role, has_role, is_installation_admin, is_manager
from tendik.organisations.models import Organisation
from tendik.plans.models import Indicator, Measure
from tendik.plans.selectors import plans_visible_to
from tendik.plans.workflow import PUBLIC, REPORTABLE

from .capabilities import REPORTER_ROLES, report_capabilities
from .models import (
    Activity,
    ActivityKind,
    Audience,
    Evidence,
    MeasureProgress,
    Report,
    ReportingPeriod,
    ReportState,
)

PROGRESS_FIELDS = ("status", *per_language("narrative"), "spent_amount", "spent_currency",
                   "reason")
ACTIVITY_FIELDS = ("kind", "title", "start", "end", "territory", "venue", "audiences",
                   "participants_women", "participants_men", "participants_total")


# What the public reads: accepted reports of the periods a coordinator published, in published
# plans. Nothing else (drafts, reports under review, consultations) reaches a public page.
PUBLISHED = Q(state=ReportState.ACCEPTED, period__published_at__isnull=False,
              plan__status__in=PUBLIC)


def periods_visible_to(user) -> QuerySet[ReportingPeriod]:
    periods = ReportingPeriod.objects.select_related("plan", "plan__country")
    if not user.is_authenticated:
        return periods.filter(published_at__isnull=False, plan__status__in=PUBLIC)
    if is_installation_admin(user):
        return periods
    return periods.filter(plan__country_id=user.country_id)


def reports_visible_to(user) -> QuerySet[Report]:
    """Coordinators read their country's reports; reporters read their own organisation's.

    Observers read only what is final: accepted reports of published plans of their country,
    never a draft or a report under review."""
    reports = Report.objects.select_related("organisation", "period", "plan", "plan__country")
    if not user.is_authenticated:
        return reports.filter(PUBLISHED)
    if is_installation_admin(user):
        return reports
    if is_manager(user):
        return reports.filter(plan__country_id=user.country_id)
    own = Q(organisation_id=user.organisation_id)
    if not has_role(user, Role.OBSERVER):
        return reports.filter(own)
    published = Q(plan__country_id=user.country_id, state=ReportState.ACCEPTED,
                  plan__status__in=PUBLIC)
    return reports.filter(published | own if has_role(user, *REPORTER_ROLES) else published)


def my_reports(user) -> QuerySet[Report]:
    """The reports of the user's own organisation, newest period first."""
    return reports_visible_to(user).filter(organisation_id=user.organisation_id).order_by(
        "-period__start").prefetch_related("review_comments")


def plans_for_periods(user):
    """The plans whose reporting periods the user may create: their country's reportable ones."""
    return plans_visible_to(user).filter(status__in=REPORTABLE)


def report_progress(report: Report, measure_id: int | None = None) -> QuerySet[MeasureProgress]:
    """The report's measure sections in code order, or the one of `measure_id`."""
    progress = MeasureProgress.objects.filter(report=report).select_related("measure")
    if measure_id is not None:
        progress = progress.filter(measure_id=measure_id)
    return progress.order_by("measure__code")


def report_activities(report: Report) -> QuerySet[Activity]:
    return report.activities.prefetch_related("measures").select_related("territory")


def report_activity(report: Report, activity_id: int) -> Activity | None:
    return report.activities.filter(pk=activity_id).first()


def report_evidence_item(report: Report, evidence_id: int) -> Evidence | None:
    return report.evidence.filter(pk=evidence_id).first()


# A report another organisation is still writing (draft) or reworking (returned) may yet change
# whom it names; its named partners read its activities once it is submitted.
NAMED_IN_READABLE = (ReportState.SUBMITTED, ReportState.RESUBMITTED, ReportState.ACCEPTED)


def named_in(organisation_id) -> Q:
    """Activities that name the organisation as an organiser or a partner. Subqueries, not joins:
    joining both lists would repeat an activity once per pair and need a DISTINCT."""
    return (Q(pk__in=Activity.organisers.through.objects.filter(
        organisation_id=organisation_id).values("activity_id"))
        | Q(pk__in=Activity.partners.through.objects.filter(
            organisation_id=organisation_id).values("activity_id")))


def activities_visible_to(user) -> QuerySet[Activity]:
    """The activities of the reports the user may read and, for partners, those they are named in.

    A partner is named in other organisations' reports (organiser or partner). Those activities
    are theirs to read only once the report is submitted, resubmitted or accepted: a draft or a
    returned report is work in progress, and the partner should not read what the reporting
    organisation has not yet put its name to (or may still take the partner off). The partner's
    own organisation's reports are always its own, in every state, through `reports_visible_to`.
    Named-in activities stay within the user's country, like every other read."""
    activities = Activity.objects.select_related("report__organisation", "territory")
    if not user.is_authenticated:
        return activities.filter(report__in=reports_visible_to(user))
    readable = Q(report__in=reports_visible_to(user))
    if has_role(user, Role.PARTNER) and not is_manager(user):
        readable |= named_in(user.organisation_id) & Q(
            report__state__in=NAMED_IN_READABLE, report__plan__country_id=user.country_id)
    return activities.filter(readable)


def activity_list(user) -> QuerySet[Activity]:
    """The activities list (page and API): newest first, with everything a row shows, so the
    number of queries does not grow with the page size."""
    return activities_visible_to(user).prefetch_related(
        Prefetch("organisers", queryset=Organisation.objects.order_by("name_ru")),
        Prefetch("partners", queryset=Organisation.objects.order_by("name_ru")),
        Prefetch("measures", queryset=Measure.objects.order_by("code"))).order_by("-start", "-id")


def audience_codes(activity: Activity) -> list[str]:
    return [code.strip() for code in activity.audiences.split(",") if code.strip()]


def activity_items(activities) -> list[dict]:
    """Rows of the activities list: labels and names in the reader's language.
    The choice labels are translated once per call, not once per row."""
    kinds = {code: str(label) for code, label in ActivityKind.choices}
    audiences = {code: str(label) for code, label in Audience.choices}
    states = {code: str(label) for code, label in ReportState.choices}
    return [_activity_item(activity, kinds, audiences, states) for activity in activities]


def _activity_item(activity: Activity, kinds: dict, audiences: dict, states: dict) -> dict:
    territory, report = activity.territory, activity.report
    return {
        "id": activity.pk, "title": activity.title, "kind": activity.kind,
        "kind_label": kinds.get(activity.kind, activity.kind),
        "start": activity.start, "end": activity.end, "venue": activity.venue,
        "territory": {"id": territory.pk, "code": territory.code, "name": territory.name}
        if territory else None,
        "audiences": [{"code": code, "label": audiences.get(code, code)}
                      for code in audience_codes(activity)],
        "participants": {"women": activity.participants_women,
                         "men": activity.participants_men,
                         "not_recorded": activity.participants_unrecorded,
                         "total": activity.participants_total},
        "organisers": [{"id": o.pk, "name": o.name} for o in activity.organisers.all()],
        "partners": [{"id": o.pk, "name": o.name} for o in activity.partners.all()],
        "measures": [{"id": m.pk, "code": m.code} for m in activity.measures.all()],
        "report": {"id": report.pk, "organisation": report.organisation_id,
                   "organisation_name": report.organisation.name, "period": report.period_id,
                   "state": report.state, "state_label": states.get(report.state, report.state)},
    }


def activity_totals(activities: QuerySet[Activity]) -> dict:
    """Count and participants of a (filtered) list, in one aggregate query."""
    def total(field):
        return Coalesce(Sum(field), 0)
    row = activities.order_by().aggregate(
        count=Count("pk"), women=total("participants_women"), men=total("participants_men"),
        total=total("participants_total"))
    return {**row, "not_recorded": row["total"] - row["women"] - row["men"]}


def readable_report_ids(user, report_ids) -> set[int]:
    """Which of these reports the user may open (a partner reads activities of reports it may
    not open), in one query."""
    return set(reports_visible_to(user).filter(pk__in=set(report_ids)).values_list(
        "pk", flat=True))


def evidence_visible_to(user) -> QuerySet[Evidence]:
    return Evidence.objects.filter(report__in=reports_visible_to(user))


def period_dashboard(period: ReportingPeriod):
    """Every report of a period with what the coordinator needs at a glance, in one query."""
    return period.reports.select_related("organisation", "organisation__territory").order_by(
        "organisation__name_ru")


def progress_document(progress: MeasureProgress) -> dict:
    return {"measure": progress.measure_id, "version": progress.version,
            **{name: snapshot(progress, [name])[name] for name in PROGRESS_FIELDS}}


def report_completeness(report: Report) -> int:
    """Share of measures with a status and of the report's indicators with a total value."""
    statuses = list(report.progress.values_list("status", flat=True))
    indicators = set(Indicator.objects.filter(measures__progress__report=report).values_list(
        "pk", flat=True))
    with_values = set(report.observations.filter(disaggregation="", indicator__in=indicators)
                      .values_list("indicator_id", flat=True))
    parts = len(statuses) + len(indicators)
    done = sum(1 for s in statuses if s) + len(with_values)
    return round(100 * done / parts) if parts else 0


def observations_document(report: Report) -> dict:
    rows = report.observations.order_by("indicator_id", "disaggregation").values_list(
        "indicator_id", "disaggregation", "value", "override_reason")
    return {"version": report.observations_version, "values": [
        {"indicator": indicator, "disaggregation": key, "value": str(value),
         "override_reason": reason} for indicator, key, value, reason in rows]}


def activities_document(report: Report) -> dict:
    return {"version": report.activities_version, "activities": [
        {"id": a.pk, "kind": a.kind, "title": a.title, "start": a.start, "end": a.end,
         "territory": a.territory_id, "venue": a.venue, "audiences": a.audiences,
         "participants_women": a.participants_women, "participants_men": a.participants_men,
         "participants_total": a.participants_total,
         "organisers": [o.pk for o in a.organisers.all()],
         "partners": [o.pk for o in a.partners.all()],
         "measures": [m.pk for m in a.measures.all()]}
        for a in report.activities.prefetch_related("organisers", "partners", "measures")]}


def activity_document(activity: Activity) -> dict:
    return {"id": activity.pk, "version": activity.version,
            **{name: getattr(activity, name) for name in ACTIVITY_FIELDS if name != "territory"},
            "territory": activity.territory_id,
            "organisers": sorted(o.pk for o in activity.organisers.all()),
            "partners": sorted(o.pk for o in activity.partners.all()),
            "measures": sorted(m.pk for m in activity.measures.all())}


def evidence_document(evidence: Evidence) -> dict:
    return {"id": evidence.pk, "version": evidence.version, "name": evidence.original_name,
            "url": evidence.url, "content_type": evidence.content_type, "size": evidence.size,
            "measure": evidence.measure_id, "description": evidence.description}


def report_document(report: Report, *, viewer=None) -> dict:
    """The whole report: every section with the version a later save must send back.

    Review comments are between the report's reporters and its reviewers: a `viewer` who is
    neither (an observer) gets none. Without a viewer (the system) they are all there."""
    return {
        "id": report.pk, "state": report.state, "version": report.version,
        "completeness": report.completeness, "organisation": report.organisation_id,
        "organisation_name": report.organisation.name, "period": report.period_id,
        "plan": report.plan_id, "submitted_at": report.submitted_at,
        "accepted_at": report.accepted_at,
        "progress": [{**progress_document(p), "code": p.measure.code,
                      "title": p.measure.title} for p in report_progress(report)],
        "observations": observations_document(report),
        "activities": activities_document(report),
        "evidence": [{"id": e.pk, "name": e.original_name, "url": e.url,
                      "content_type": e.content_type, "size": e.size, "measure": e.measure_id}
                     for e in report.evidence.all()],
        "review_comments": _review_comments(report) if _in_review(viewer, report) else [],
    }


def _in_review(viewer, report: Report) -> bool:
    if viewer is None:
        return True
    capabilities = report_capabilities(viewer, report)
    return capabilities.reporter or capabilities.reviewer


def _review_comments(report: Report) -> list[dict]:
    comments = report.review_comments.select_related("created_by", "measure", "indicator")
    return [{"id": c.pk, "round": c.round, "text": c.text, "measure": c.measure_id,
             "indicator": c.indicator_id, "activity": c.activity_id,
             "measure_code": c.measure.code if c.measure_id else "",
             "indicator_code": c.indicator.code if c.indicator_id else "",
             "author": getattr(c.created_by, "username", "")} for c in comments]


def report_missing(report: Report) -> list[dict]:
    """What a reviewer would miss: measures without a status or a narrative, indicators without
    a total. The pre-submit checklist and the accept confirmation show this list."""
    missing = []
    for progress in report.progress.select_related("measure").order_by("measure__code"):
        measure = progress.measure
        if not progress.status:
            missing.append({"kind": "status", "measure": measure.pk, "code": measure.code,
                            "message": _("%(code)s: не указан статус") % {"code": measure.code}})
        elif not any(texts_of(progress, "narrative").values()):
            missing.append({"kind": "narrative", "measure": measure.pk, "code": measure.code,
                            "message": _("%(code)s: не описано, что сделано") % {
                                "code": measure.code}})
    with_total = set(report.observations.filter(disaggregation="").values_list(
        "indicator_id", flat=True))
    for indicator in Indicator.objects.filter(measures__progress__report=report).distinct() \
            .order_by("code"):
        if indicator.pk not in with_total:
            missing.append({"kind": "indicator", "indicator": indicator.pk,
                            "code": indicator.code,
                            "message": _("%(code)s: нет значения индикатора") % {
                                "code": indicator.code}})
    return missing


def previous_report(report: Report) -> Report | None:
    """The same organisation's report on the same plan for the period just before."""
    return Report.objects.filter(organisation_id=report.organisation_id, plan_id=report.plan_id,
                                 period__end__lt=report.period.start).order_by(
        "-period__end").first()


def report_indicator_grid(report: Report) -> list[dict]:
    """Each indicator of the report: its target for the period's year and one row per code
    combination that makes sense (the total first), with the saved and the previous value."""
    from .validation import breakdown_keys, code_lists

    current = {(o.indicator_id, o.disaggregation): (o.value, o.override_reason)
               for o in report.observations.all()}
    earlier = previous_report(report)
    previous = {(o.indicator_id, o.disaggregation): o.value
                for o in earlier.observations.all()} if earlier else {}
    year = report.period.end.year
    grid = []
    for indicator in Indicator.objects.filter(measures__progress__report=report).distinct() \
            .prefetch_related("dimensions__values", "targets").order_by("code"):
        labels = {f"{d.code}={v.code}": str(v) for d in indicator.dimensions.all()
                  for v in d.values.all()}
        rows = [{"key": key,
                 "label": ", ".join(labels.get(p, p) for p in key.split("|")) if key
                 else _("Итого"),
                 "value": current.get((indicator.pk, key), (None, ""))[0],
                 "previous": previous.get((indicator.pk, key))}
                for key in breakdown_keys(code_lists(indicator))]
        target = next((t.value for t in indicator.targets.all() if t.year == year), None)
        grid.append({"indicator": indicator, "rows": rows, "target": target, "year": year,
                     "override": current.get((indicator.pk, ""), (None, ""))[1]})
    return grid
