"""Who may do what with a reporting body's monthly forms: one answer for pages, API and services.

A body is a committee or a help service. Its staff are the users of the body's organisation (a
committee: its secretary, role `committee`; a help service: roles committee, partner or
focal_point): they write and read their own body's forms. Coordinators and admins of the country
read all, review, and may also write. Nobody else sees a form at all (404): they see only the
suppressed figures."""

from dataclasses import dataclass

from tendik.core.permissions import Role, has_role, is_installation_admin, is_manager

from ..models import Committee

COMMITTEE_STAFF = (Role.COMMITTEE,)
SERVICE_STAFF = (Role.COMMITTEE, Role.PARTNER, Role.FOCAL_POINT)


@dataclass(frozen=True)
class StatisticsCapabilities:
    read: bool
    write: bool  # save counts, submit
    review: bool  # accept, return, reopen


NOTHING = StatisticsCapabilities(read=False, write=False, review=False)


def manages_country(user, country_id: int | None) -> bool:
    """`user=None` is the system itself (demo loader, management commands)."""
    if user is None:
        return True
    return is_manager(user) and (is_installation_admin(user) or country_id == user.country_id)


def staff_roles(body) -> tuple[str, ...]:
    return COMMITTEE_STAFF if isinstance(body, Committee) else SERVICE_STAFF


def is_staff(user, body) -> bool:
    return (user is not None and user.is_authenticated and bool(user.organisation_id)
            and user.organisation_id == body.organisation_id and has_role(user, *staff_roles(body)))


def body_capabilities(user, body) -> StatisticsCapabilities:
    if user is not None and not user.is_authenticated:
        return NOTHING
    if manages_country(user, body.country_id):
        return StatisticsCapabilities(read=True, write=True, review=True)
    if is_staff(user, body):
        return StatisticsCapabilities(read=True, write=True, review=False)
    return NOTHING
