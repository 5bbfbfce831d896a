"""Who may change a help service: the one answer that pages, the API and services share.

Coordinators and admins manage their country's directory (admins every country's). A focal
point, partner or committee user whose organisation runs a service keeps that one up to date.
Observers and the public only read."""

from tendik.partners.commitments.capabilities import is_member, manages_country


def may_create_help_services(user) -> bool:
    return user is None or (user.is_authenticated and manages_country(user, user.country_id))


def may_edit_help_service(user, service) -> bool:
    if user is not None and not user.is_authenticated:
        return False
    if manages_country(user, service.country_id):
        return True
    return (is_member(user) and user.organisation_id == service.organisation_id
            and user.country_id == service.country_id)
