"""What each role's home page shows: one selector per block, each a bounded number of queries.

The figures themselves (progress, reach, discipline, indicators) come from their own modules,
called once each for the plan in focus. Only the per-role lists no other page needs live here.
"""

import datetime

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.core.permissions import Role, has_role, is_manager
from tendik.plans.models import Measure, Plan, PlanStatus
from tendik.plans.selectors import measures_visible_to, plans_visible_to
from tendik.plans.workflow import PUBLIC, REPORTABLE
from tendik.reporting.models import (
    Activity,
    MeasureProgress,
    PeriodState,
    Report,
    ReportState,
)
from tendik.reporting.selectors import activities_visible_to, my_reports, reports_visible_to
from tendik.territories.models import Territory

from .basis import Basis, periods_in_scope
from .discipline import late_reports
from .indicators import indicator_statuses, off_track
from .progress import NO_REPORT, plan_progress, status_label
from .reach import activity_reach, recent_activities

LIST_LIMIT = 8
OVERDUE_SHOWN = 5
SUBMITTED = (ReportState.SUBMITTED, ReportState.RESUBMITTED, ReportState.ACCEPTED)


def _in_force_first(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    return plans.annotate(in_force=Case(When(status=PlanStatus.IN_FORCE, then=Value(0)),
                                        default=Value(1), output_field=IntegerField())
                          ).order_by("in_force", "-period_start", "-version", "pk")


def reportable_plans(user) -> list[Plan]:
    """The user's country's plans that take reports (approved or in force), in force first."""
    return list(_in_force_first(plans_visible_to(user).filter(status__in=REPORTABLE)))


def published_plans(user) -> list[Plan]:
    """Plans whose figures an observer reads (approved, in force or closed), in force first."""
    return list(_in_force_first(plans_visible_to(user).filter(status__in=PUBLIC)))


def plan_in_focus(plans: list[Plan], plan_id) -> Plan | None:
    """The plan a home page shows: the one asked for among `plans`, or the first of them.
    A plan asked for that is not among them is a 404, whether or not it exists elsewhere."""
    if plan_id in (None, ""):
        return plans[0] if plans else None
    plan = next((p for p in plans if str(p.pk) == str(plan_id)), None)
    if plan is None:
        raise DomainError(_("План не найден"), code="not_found")
    return plan


def open_periods(basis: Basis, *, today: datetime.date | None = None) -> list[dict]:
    """Open periods of the plan in focus with their reports counted by state, and the late
    organisations of each (past the due date, never submitted): two queries."""
    periods = periods_in_scope(basis).filter(state=PeriodState.OPEN).annotate(
        reports_total=Count("reports"),
        reports_submitted=Count("reports", filter=Q(reports__state__in=SUBMITTED)),
        reports_accepted=Count("reports", filter=Q(reports__state=ReportState.ACCEPTED)),
    ).order_by("due_date", "start")
    late: dict[int, list[Report]] = {}
    for report in late_reports(basis.user, plan=basis.plan, today=today):
        late.setdefault(report.period_id, []).append(report)
    return [{"period": period, "late": late.get(period.pk, [])} for period in periods]


def _latest_progress(user, field: str) -> Subquery:
    """A measure's latest reported `field` among the reports the user may read."""
    return Subquery(MeasureProgress.objects.filter(
        measure=OuterRef("pk"), report__in=reports_visible_to(user)).exclude(status="")
        .order_by("-report__period__end", "-report__pk").values(field)[:1])


def my_measures(user, *, limit: int = LIST_LIMIT) -> tuple[list[Measure], int]:
    """The measures of plans that take reports where the user's organisation is the lead or a
    co-executor, each with its latest status in the reports the user may read (their own
    organisation's: never another organisation's draft). The first `limit` and the count."""
    org = user.organisation_id
    ids = measures_visible_to(user).filter(plan__status__in=REPORTABLE).filter(
        Q(lead_executor_id=org) | Q(co_executors__id=org)).values("pk")
    measures = Measure.objects.filter(pk__in=ids).select_related("plan").annotate(
        latest_status=_latest_progress(user, "status"),
        latest_period_end=_latest_progress(user, "report__period__end"),
    ).order_by("plan_id", "objective__area__position", "objective__position", "position")
    shown = list(measures[:limit])
    for measure in shown:
        measure.latest_status_label = status_label(measure.latest_status or NO_REPORT)
    return shown, measures.count()


def reports_due(user) -> list[Report]:
    """The organisation's reports in open periods not yet accepted, soonest due first."""
    return list(my_reports(user).filter(period__state=PeriodState.OPEN).exclude(
        state=ReportState.ACCEPTED).order_by(
        "period__due_date", "pk"))


def reports_returned(user) -> list[Report]:
    """Reports sent back for rework, with how many comments the reviewer left."""
    return list(reports_visible_to(user).filter(
        organisation_id=user.organisation_id, state=ReportState.RETURNED).annotate(
        comment_count=Count("review_comments")).order_by("period__due_date", "pk"))


def _recent(activities: QuerySet[Activity], limit: int) -> tuple[list[Activity], int]:
    activities = activities.select_related("territory", "report__organisation")
    return list(activities.order_by("-end", "-pk")[:limit]), activities.count()


def partner_activities(user, *, limit: int = LIST_LIMIT) -> tuple[list[Activity], int]:
    """The latest activities the partner is named in (or reported), and how many there are."""
    return _recent(activities_visible_to(user), limit)


def partner_measures(user, *, limit: int = LIST_LIMIT) -> tuple[list[Measure], int]:
    """Measures of published plans that name the user's organisation as a partner."""
    measures = measures_visible_to(user).filter(
        plan__status__in=PUBLIC, partners__id=user.organisation_id).select_related(
        "plan", "lead_executor").order_by("plan_id", "code")
    return list(measures[:limit]), measures.count()


def within(territory: Territory, field: str) -> Q:
    """Rows whose `field` is the territory or lies below it (down to an aiyl aimak)."""
    paths = (field, f"{field}__parent", f"{field}__parent__parent",
             f"{field}__parent__parent__parent")
    condition = Q()
    for path in paths:
        condition |= Q(**{path: territory})
    return condition


def territory_activities(user, territory: Territory, *, limit: int = LIST_LIMIT):
    """Activities the user may read held in the territory or below it."""
    return _recent(activities_visible_to(user).filter(within(territory, "territory")), limit)


def territory_measures(user, territory: Territory, *, limit: int = LIST_LIMIT):
    """Measures of published plans that name the territory or a place in it."""
    ids = measures_visible_to(user).filter(plan__status__in=PUBLIC).filter(
        within(territory, "territories")).values("pk")
    measures = Measure.objects.filter(pk__in=ids).select_related(
        "plan", "lead_executor").order_by("plan_id", "code")
    return list(measures[:limit]), measures.count()


def organisation_reports(user, *, limit: int = LIST_LIMIT) -> list[Report]:
    """The user's organisation's latest reports (a committee may report too)."""
    return list(my_reports(user)[:limit])


def plan_overview(user, plans: list[Plan], plan_id, *, today: datetime.date | None = None,
                  reporting: bool = True) -> dict:
    """The plan in focus at a glance: progress per area, overdue measures, reach, and for those
    who run the reporting cycle the open periods and the indicators off track. Each figure is
    computed once, from accepted reports."""
    plan = plan_in_focus(plans, plan_id)
    if plan is None:
        return {"plans": plans, "plan": None}
    basis = Basis(user=user, plan=plan)
    progress = plan_progress(basis, today=today)
    overview = {"plans": plans, "plan": plan, "progress": progress,
                "overdue": progress["overdue"][:OVERDUE_SHOWN],
                "reach": activity_reach(basis), "recent": recent_activities(basis)}
    if reporting:
        overview["periods"] = open_periods(basis, today=today)
        overview["off_track"] = off_track(indicator_statuses(basis))
    return overview


def committee_overview(user) -> dict:
    territory = getattr(user.organisation, "territory", None)
    if territory is None:
        return {"territory": None, "reports": organisation_reports(user)}
    activities, activity_count = territory_activities(user, territory)
    measures, measure_count = territory_measures(user, territory)
    return {"territory": territory, "activities": activities, "activity_count": activity_count,
            "measures": measures, "measure_count": measure_count,
            "reports": organisation_reports(user)}


def home_page(user, *, plan_id=None, today: datetime.date | None = None) -> dict:
    """Every block of the user's home page, by role. Coordinators and admins get the plan at a
    glance; other roles get what concerns them, one section per role they hold."""
    if is_manager(user):
        return {"coordinator": plan_overview(user, reportable_plans(user), plan_id, today=today)}
    page = {}
    if has_role(user, Role.FOCAL_POINT):
        measures, count = my_measures(user)
        page["focal"] = {"measures": measures, "measure_count": count,
                         "due": reports_due(user), "returned": reports_returned(user)}
    if has_role(user, Role.PARTNER):
        activities, activity_count = partner_activities(user)
        measures, measure_count = partner_measures(user)
        page["partner"] = {"activities": activities, "activity_count": activity_count,
                           "measures": measures, "measure_count": measure_count}
    if has_role(user, Role.COMMITTEE):
        page["committee"] = committee_overview(user)
    if has_role(user, Role.OBSERVER):
        page["observer"] = plan_overview(user, published_plans(user), plan_id, today=today,
                                         reporting=False)
    return page
