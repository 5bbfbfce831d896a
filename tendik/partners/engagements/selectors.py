"""Reads of meetings and their agreements, scoped to the reader.

Coordinators and observers read their country's meetings; the people of an organisation read
the meetings it took part in (listed, a participant's organisation, or an agreement's owner)."""

import datetime

from django.db.models import BooleanField, Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from tendik.core.permissions import Role, has_role, is_installation_admin

from ..models import Engagement, EngagementParticipant, FollowUp
from .capabilities import MEMBER_ROLES
from .workflow import PENDING


def took_part(organisation_id) -> Q:
    """Meetings an organisation took part in, as subqueries (no duplicate rows from joins)."""
    return (Q(pk__in=Engagement.organisations.through.objects.filter(
                organisation_id=organisation_id).values("engagement_id"))
            | Q(pk__in=EngagementParticipant.objects.filter(
                organisation_id=organisation_id).values("engagement_id"))
            | Q(pk__in=FollowUp.objects.filter(owner_id=organisation_id).values("engagement_id")))


def _scope(user) -> Q | None:
    if not user.is_authenticated:
        return None
    if is_installation_admin(user):
        return Q()
    scope = Q(pk__in=[])
    if has_role(user, Role.COORDINATOR, Role.OBSERVER):
        scope |= Q(country_id=user.country_id)
    if has_role(user, *MEMBER_ROLES) and user.organisation_id:
        scope |= Q(country_id=user.country_id) & took_part(user.organisation_id)
    return scope


def engagements_visible_to(user) -> QuerySet[Engagement]:
    scope = _scope(user)
    engagements = Engagement.objects.select_related("country")
    return engagements.none() if scope is None else engagements.filter(scope)


def follow_ups_visible_to(user) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(engagement__in=engagements_visible_to(user)).select_related(
        "engagement", "engagement__country", "owner")


def pending_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": PENDING})


def overdue_q(prefix: str = "", today: datetime.date | None = None) -> Q:
    return pending_q(prefix) & Q(**{f"{prefix}due_date__lt": today or timezone.localdate()})


def is_overdue(follow_up: FollowUp, today: datetime.date | None = None) -> bool:
    return follow_up.status in PENDING and follow_up.due_date < (today or timezone.localdate())


def engagement_list(user) -> QuerySet[Engagement]:
    """The list's rows with their organisations and counts of pending and overdue agreements."""
    return engagements_visible_to(user).prefetch_related("organisations").annotate(
        pending_count=Count("follow_ups", filter=pending_q("follow_ups__")),
        overdue_count=Count("follow_ups", filter=overdue_q("follow_ups__")),
    ).order_by("-date", "-id")


def with_details(engagements: QuerySet[Engagement]) -> QuerySet[Engagement]:
    """Everything the API and the meeting page show, in a fixed number of queries."""
    return engagements.prefetch_related(
        "organisations", "projects",
        Prefetch("participants", queryset=EngagementParticipant.objects.select_related(
            "organisation", "person")),
        Prefetch("follow_ups", queryset=FollowUp.objects.select_related("owner")))


def follow_up_list(user) -> QuerySet[FollowUp]:
    """The agreements page's rows, oldest due first, each knowing whether it is overdue."""
    return follow_ups_visible_to(user).annotate(is_overdue=Case(
        When(overdue_q(), then=Value(True)), default=Value(False), output_field=BooleanField()),
    ).order_by("due_date", "id")
