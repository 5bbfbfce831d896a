"""What the committee pages put in their forms: choices from the reader's scope, initial
values, and the services' errors beside their fields."""

from django.db.models import Q

from tendik.core.permissions import is_installation_admin
from tendik.organisations.models import OrganisationKind
from tendik.organisations.selectors import organisations_visible_to, people_visible_to
from tendik.territories.filters import by_localized_name
from tendik.territories.models import Level, Territory

from ..models import MemberRole
from .forms import CommitteeForm, CoverageForm, MeetingForm, MemberForm


def _territories(country_id) -> list[tuple[int, str]]:
    country = Territory.objects.get(pk=country_id)
    places = Territory.objects.filter(country_code=country.code,
                                      level__in=[Level.DISTRICT, Level.MUNICIPALITY])
    return [(t.pk, f"{t.name} ({t.get_level_display()})") for t in by_localized_name(places)]


def committee_form(user, data=None, committee=None) -> CommitteeForm:
    if committee is not None:
        initial = {"version": committee.version, "territory": committee.territory_id,
                   "established": committee.established, "act": committee.act,
                   "status": committee.status}
        return CommitteeForm(data, initial=initial, organisations=None,
                             territories=_territories(committee.country_id))
    free = organisations_visible_to(user).filter(kind=OrganisationKind.LSG, committee__isnull=True)
    if not is_installation_admin(user):
        free = free.filter(country_id=user.country_id)
    return CommitteeForm(data, organisations=[(o.pk, o.name) for o in free.order_by("name_ru")],
                         territories=_territories(user.country_id))


def member_form(user, committee, data=None) -> MemberForm:
    here = Q(country_id=committee.country_id) | Q(country__isnull=True)
    organisations = organisations_visible_to(user).filter(here).order_by("name_ru")
    people = people_visible_to(user).filter(
        Q(organisation__country_id=committee.country_id) | Q(organisation__country__isnull=True)
    ).select_related("organisation").order_by("last_name", "first_name")
    return MemberForm(data, prefix="member",
                      organisations=[(o.pk, o.name) for o in organisations],
                      people=[(p.pk, f"{p.full_name} ({p.organisation.name})") for p in people])


def member_data(form) -> dict:
    data = dict(form.cleaned_data)
    return {**data, "organisation": data["organisation"] or None,
            "person": data["person"] or None}


def meeting_form(data=None, meeting=None) -> MeetingForm:
    initial = {}
    if meeting is not None:
        initial = {"version": meeting.version, "date": meeting.date, "agenda": meeting.agenda,
                   "decisions": meeting.decisions, "attended_women": meeting.attended_women,
                   "attended_men": meeting.attended_men}
    return MeetingForm(data, initial=initial, prefix=None if meeting else "meeting")


def members_by_role(committee) -> list[tuple[str, list]]:
    """(role label, members) in the order chair, secretary, members; empty roles left out."""
    groups = [(role, [m for m in committee.members.all() if m.role == role])
              for role in (MemberRole.CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER)]
    return [(role.label, members) for role, members in groups if members]


def coverage_form(user, data, regions, country) -> CoverageForm:
    countries = ()
    if is_installation_admin(user):
        countries = [(c.code, str(c)) for c in
                     Territory.objects.filter(level=Level.COUNTRY).order_by("code")]
    return CoverageForm(data, initial={"country": country.code}, countries=countries,
                        regions=[(r["code"], r["name"]) for r in regions])
