"""Who may do what to a meeting and to an agreement: one answer for views, API and services."""

from dataclasses import dataclass

from tendik.core.permissions import Role, has_role, is_installation_admin, is_manager

MEMBER_ROLES = (Role.FOCAL_POINT, Role.PARTNER, Role.COMMITTEE)


def manages_country(user, country_id) -> bool:
    """Coordinators write their own country's meetings; admins every country's."""
    if user is None:  # the system: demo loader, commands
        return True
    if not user.is_authenticated or not is_manager(user):
        return False
    return is_installation_admin(user) or country_id == user.country_id


def may_add_engagements(user) -> bool:
    return user is None or (user.is_authenticated and is_manager(user))


@dataclass(frozen=True)
class FollowUpCapabilities:
    update: bool  # status and «что сделано»
    reschedule: bool  # the due date


def follow_up_capabilities(user, follow_up) -> FollowUpCapabilities:
    """Coordinators of the meeting's country update any agreement; the people of the owner
    organisation update theirs (status and note, not the due date)."""
    if manages_country(user, follow_up.engagement.country_id):
        return FollowUpCapabilities(update=True, reschedule=True)
    owner = (user.is_authenticated and has_role(user, *MEMBER_ROLES)
             and user.organisation_id == follow_up.owner_id)
    return FollowUpCapabilities(update=owner, reschedule=False)
