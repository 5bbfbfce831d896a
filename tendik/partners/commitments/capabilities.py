"""Who may do what with commitments: the one answer that views, the API and services share.

Coordinators and admins manage every commitment of their country and alone publish. Focal
points, partners and committee members record their own organisation's commitments, edit them and
add their yearly progress. Observers and the public only read."""

from dataclasses import dataclass

from tendik.core.permissions import Role, has_role, is_installation_admin, is_manager

MEMBER_ROLES = (Role.FOCAL_POINT, Role.PARTNER, Role.COMMITTEE)


@dataclass(frozen=True)
class CommitmentCapabilities:
    edit: bool  # change the commitment's fields
    progress: bool  # add or update a year's progress
    publish: bool  # publish or withdraw it from the public page


NOTHING = CommitmentCapabilities(edit=False, progress=False, publish=False)


def manages_country(user, country_id: int | None) -> bool:
    """`user=None` is the system itself (demo loader, management commands)."""
    if user is None:
        return True
    return is_manager(user) and (is_installation_admin(user) or country_id == user.country_id)


def is_member(user) -> bool:
    """A user who records commitments of their own organisation (never a manager)."""
    return (user is not None and user.is_authenticated and bool(user.organisation_id)
            and has_role(user, *MEMBER_ROLES))


def may_create_commitments(user) -> bool:
    return user is None or (user.is_authenticated and (is_manager(user) or is_member(user)))


def commitment_capabilities(user, commitment) -> CommitmentCapabilities:
    if user is not None and not user.is_authenticated:
        return NOTHING
    if manages_country(user, commitment.country_id):
        return CommitmentCapabilities(edit=True, progress=True, publish=True)
    maker = (is_member(user) and user.organisation_id == commitment.made_by_id
             and user.country_id == commitment.country_id)
    return CommitmentCapabilities(edit=maker, progress=maker, publish=False)
