"""Reads of monthly forms, scoped to the reader: the only door to them.

Staff read their own body's forms; coordinators their country's; admins all. Nobody else reads a
form (partners, observers and everyone else see only the suppressed figures)."""

from django.db.models import Q, QuerySet

from tendik.core.permissions import Role, has_role, is_installation_admin

from ..models import Committee, HelpService, MonthlyStatistics
from .capabilities import COMMITTEE_STAFF, SERVICE_STAFF


def _body_scope(user) -> tuple[Q, Q]:
    """(committees, services) whose forms the user may open, as filters on those models."""
    none = Q(pk__in=[])
    if is_installation_admin(user):
        return Q(), Q()
    committees, services = none, none
    if has_role(user, Role.COORDINATOR):
        committees = services = Q(country_id=user.country_id)
    if user.organisation_id:
        own = Q(organisation_id=user.organisation_id)
        if has_role(user, *COMMITTEE_STAFF):
            committees |= own
        if has_role(user, *SERVICE_STAFF):
            services |= own
    return committees, services


def committees_reporting_to(user) -> QuerySet[Committee]:
    """The committees whose forms the user may open."""
    if user is None or not user.is_authenticated:
        return Committee.objects.none()
    return Committee.objects.filter(_body_scope(user)[0]).select_related("organisation",
                                                                         "territory")


def services_reporting_to(user) -> QuerySet[HelpService]:
    if user is None or not user.is_authenticated:
        return HelpService.objects.none()
    return HelpService.objects.filter(_body_scope(user)[1]).select_related("organisation")


def statistics_visible_to(user) -> QuerySet[MonthlyStatistics]:
    if user is None or not user.is_authenticated:
        return MonthlyStatistics.objects.none()
    if is_installation_admin(user):
        return MonthlyStatistics.objects.all()
    committees, services = _body_scope(user)
    return MonthlyStatistics.objects.filter(
        Q(committee__in=Committee.objects.filter(committees))
        | Q(service__in=HelpService.objects.filter(services)))


def filled_months(user) -> set[tuple[str, int, object]]:
    """(kind, body id, month) of every form the user may open: what `pages.to_fill` leaves out."""
    return {("committee" if row["committee"] else "service", row["committee"] or row["service"],
             row["month"])
            for row in statistics_visible_to(user).values("committee", "service", "month")}


def with_details(rows: QuerySet[MonthlyStatistics]) -> QuerySet[MonthlyStatistics]:
    return rows.select_related("committee__organisation", "committee__territory", "service",
                               "territory", "country")


def statistics_of(body, month) -> MonthlyStatistics | None:
    """The body's form for `month` (a first of the month), if there is one."""
    field = "committee" if isinstance(body, Committee) else "service"
    return MonthlyStatistics.objects.filter(**{field: body, "month": month}).first()


KINDS = ("committee", "service")


def body_for(user, kind: str, pk: int):
    """The committee or help service (`kind`) whose forms the user may open, else None."""
    scope = committees_reporting_to(user) if kind == "committee" else services_reporting_to(user)
    return scope.filter(pk=pk).first()
