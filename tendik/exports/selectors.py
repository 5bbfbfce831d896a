"""Reads of national reports, scoped: the coordinators and admins of the plan's country."""

from django.db.models import Case, QuerySet, When

from tendik.core.permissions import is_installation_admin, is_manager
from tendik.plans.models import PlanStatus
from tendik.plans.selectors import plans_visible_to

from .models import NationalReport


def national_reports_visible_to(user) -> QuerySet[NationalReport]:
    """Generated reports are working documents until published: managers only."""
    if not is_manager(user):
        return NationalReport.objects.none()
    reports = NationalReport.objects.select_related("plan", "job", "created_by")
    if is_installation_admin(user):
        return reports
    return reports.filter(plan__in=plans_visible_to(user), plan__country_id=user.country_id)


def national_report_file(user, pk) -> NationalReport:
    """A finished report the user may download; anything else is «not found»."""
    return national_reports_visible_to(user).exclude(file="").get(pk=pk)


def manageable_plans(user, *, as_list: bool = True):
    """The plans whose national report the user may generate: their country's (an admin: all)."""
    # The plan in force first: the report a coordinator most often makes.
    plans = plans_visible_to(user).select_related("country").annotate(
        in_force=Case(When(status=PlanStatus.IN_FORCE, then=0), default=1)).order_by(
        "in_force", "-period_start", "pk")
    if not is_manager(user):
        plans = plans.none()
    elif not is_installation_admin(user):
        plans = plans.filter(country_id=user.country_id)
    return list(plans) if as_list else plans
