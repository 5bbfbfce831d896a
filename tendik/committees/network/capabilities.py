"""Who may do what to a committee: one answer for views, API and services.

Coordinators (and admins) keep every committee of their country; the committee's secretary — a
user with role `committee` of the committee's ОМСУ — keeps its members and meetings, not its
establishment data."""

from dataclasses import dataclass

from tendik.core.permissions import Role, has_role, is_manager
from tendik.partners.engagements.capabilities import manages_country


def may_add_committees(user) -> bool:
    return user is None or (user.is_authenticated and is_manager(user))


def keeps_committee(user, committee) -> bool:
    """The user is the committee's secretary (a committee-role user of its ОМСУ)."""
    return (user is not None and user.is_authenticated and has_role(user, Role.COMMITTEE)
            and user.organisation_id is not None
            and user.organisation_id == committee.organisation_id)


@dataclass(frozen=True)
class CommitteeCapabilities:
    edit: bool  # the establishment data: ОМСУ's territory, date, act, status
    records: bool  # members and meetings
    # Why records are refused: a secretary at another committee hears 404 (not theirs to
    # find), anyone else who reads it hears 403.
    refusal: str


def committee_capabilities(user, committee) -> CommitteeCapabilities:
    manages = manages_country(user, committee.country_id)
    records = manages or keeps_committee(user, committee)
    secretary_elsewhere = (not manages and user is not None and user.is_authenticated
                           and has_role(user, Role.COMMITTEE))
    return CommitteeCapabilities(edit=manages, records=records,
                                 refusal="not_found" if secretary_elsewhere else "forbidden")
