"""Reads of the committees network, scoped to the reader.

The network is not sensitive (members are professionals acting for their institutions): every
signed-in user of a country reads its committees, members and meetings; admins read all."""

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from tendik.core.permissions import Role, has_role, is_installation_admin

from ..models import Committee, CommitteeMeeting, CommitteeMember, MemberRole


def _scope(user) -> Q | None:
    if user is None or not user.is_authenticated:
        return None
    if is_installation_admin(user):
        return Q()
    return Q(country_id=user.country_id) if user.country_id else None


def committees_visible_to(user) -> QuerySet[Committee]:
    scope = _scope(user)
    committees = Committee.objects.all()
    return committees.none() if scope is None else committees.filter(scope)


def members_visible_to(user) -> QuerySet[CommitteeMember]:
    return CommitteeMember.objects.filter(committee__in=committees_visible_to(user))


def meetings_visible_to(user) -> QuerySet[CommitteeMeeting]:
    return CommitteeMeeting.objects.filter(committee__in=committees_visible_to(user))


def members_in_order(members: QuerySet[CommitteeMember]) -> QuerySet[CommitteeMember]:
    """The chair, then the secretary, then the members by name."""
    rank = Case(When(role=MemberRole.CHAIR, then=Value(0)),
                When(role=MemberRole.SECRETARY, then=Value(1)), default=Value(2))
    return members.select_related("organisation").order_by(rank, "name", "id")


def committee_of(user) -> Committee | None:
    """The committee a committee-role user keeps (as its secretary): the one of their ОМСУ."""
    if user is None or not user.is_authenticated or not has_role(user, Role.COMMITTEE):
        return None
    if not user.organisation_id:
        return None
    return Committee.objects.select_related("country", "territory", "organisation").filter(
        organisation_id=user.organisation_id).first()


def _count(model, **filters) -> Coalesce:
    rows = model.objects.filter(committee_id=OuterRef("pk"), **filters).order_by().values(
        "committee_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _member_name(role: str) -> Subquery:
    return Subquery(CommitteeMember.objects.filter(committee_id=OuterRef("pk"), role=role)
                    .values("name")[:1])


def with_summary(committees: QuerySet[Committee]) -> QuerySet[Committee]:
    """Each committee with its ОМСУ, territory, counts, chair, secretary and last meeting, in
    one query (subqueries, so counts never multiply across joins)."""
    last = CommitteeMeeting.objects.filter(committee_id=OuterRef("pk")).order_by().values(
        "committee_id").annotate(last=Max("date")).values("last")
    return committees.select_related("organisation", "territory", "country").annotate(
        members_count=_count(CommitteeMember), meetings_count=_count(CommitteeMeeting),
        last_meeting=Subquery(last), chair_name=_member_name(MemberRole.CHAIR),
        secretary_name=_member_name(MemberRole.SECRETARY))


def committee_list(user) -> QuerySet[Committee]:
    return with_summary(committees_visible_to(user)).order_by(
        "country__code", "territory__code", "id")


def with_records(committees: QuerySet[Committee]) -> QuerySet[Committee]:
    """The committee page: members (with their organisations) and meetings, newest first."""
    return with_summary(committees).prefetch_related(
        Prefetch("members", queryset=members_in_order(CommitteeMember.objects.all())),
        Prefetch("meetings", queryset=CommitteeMeeting.objects.order_by("-date", "-id")))
