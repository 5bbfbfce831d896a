"""Reads of organisations, people and users, scoped to the user's country and role."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet

from tendik.core.i18n import per_language
from tendik.core.permissions import is_installation_admin, is_manager

from .models import Organisation, OrganisationName, Person, User


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Signed-in users see their own country's registry and the international organisations."""
    if not user.is_authenticated:
        raise PermissionDenied
    organisations = Organisation.objects.all()
    if is_installation_admin(user):
        return organisations
    return organisations.filter(Q(country_id=user.country_id) | Q(country__isnull=True))


def organisation_list(*, user) -> QuerySet[Organisation]:
    """The registry page's rows: filter them with OrganisationFilterSet."""
    return organisations_visible_to(user).select_related("country", "territory").annotate(
        people_count=Count("people")).order_by("name_ru", "id")


def organisation_detail(*, user, pk: int) -> Organisation:
    """Raises Organisation.DoesNotExist (a 404) for anything outside the user's scope."""
    return (
        organisations_visible_to(user)
        .select_related("country", "territory", "parent")
        .prefetch_related(Prefetch("other_names", queryset=OrganisationName.objects.all()))
        .get(pk=pk)
    )


def people_visible_to(user) -> QuerySet[Person]:
    """Coordinators see their country's people; everyone else sees their own organisation's."""
    if not user.is_authenticated:
        raise PermissionDenied
    people = Person.objects.all()
    if is_installation_admin(user):
        return people
    if is_manager(user):
        return people.filter(
            Q(organisation__country_id=user.country_id) | Q(organisation__country__isnull=True)
        )
    return people.filter(organisation_id=user.organisation_id)


def person_list(*, user) -> QuerySet[Person]:
    return people_visible_to(user).select_related("organisation").order_by("last_name", "id")


def organisation_people(*, user, organisation: Organisation) -> QuerySet[Person]:
    return people_visible_to(user).filter(organisation=organisation).order_by("last_name")


def users_visible_to(user) -> QuerySet[User]:
    """Only coordinators and admins manage accounts."""
    if not is_manager(user):
        raise PermissionDenied
    users = User.objects.select_related("organisation", "country", "person").prefetch_related(
        "role_assignments"
    )
    if is_installation_admin(user):
        return users
    return users.filter(country_id=user.country_id)


def organisation_name_index(organisations) -> dict[str, Organisation]:
    """Lower-cased current names, acronyms and former names → organisation (prefetch other_names)."""
    index: dict[str, Organisation] = {}
    for organisation in organisations:
        names = [*(getattr(organisation, name) for name in per_language("name")),
                 organisation.acronym]
        names += [n for other in organisation.other_names.all() for n in (other.name, other.acronym)]
        for name in names:
            if name:
                index.setdefault(name.strip().lower(), organisation)
    return index


def organisation_resolve(*, text: str, organisations) -> Organisation | None:
    """Find one organisation by current name, acronym or former name (exact, case-insensitive)."""
    return organisation_name_index(organisations).get(text.strip().lower())


def emails_by_language(users) -> dict[str, list[str]]:
    """Recipients' addresses grouped by the language each wants their mail in."""
    grouped: dict[str, set[str]] = {}
    for user in users:
        if user.email:
            grouped.setdefault(user.language, set()).add(user.email)
    return {language: sorted(addresses) for language, addresses in sorted(grouped.items())}
