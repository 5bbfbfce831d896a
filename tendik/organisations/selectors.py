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


def organisation_list(
    *, user, search: str = "", kind: str = "", country: str = "", territory: str = "",
    active: bool | None = None,
) -> QuerySet[Organisation]:
    organisations = organisations_visible_to(user).select_related("country", "territory")
    if search:
        organisations = organisations.filter(search_text__contains=search.strip().lower())
    if kind:
        organisations = organisations.filter(kind=kind)
    if country:
        organisations = organisations.filter(country__code=country.upper())
    if territory:
        organisations = organisations.filter(territory__code=territory)
    if active is not None:
        organisations = organisations.filter(is_active=active)
    return organisations.annotate(people_count=Count("people")).order_by("name_ru", "id")


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


def person_list(
    *, user, search: str = "", organisation: str = "", focal_point: bool | None = None,
    sex: str = "",
) -> QuerySet[Person]:
    people = people_visible_to(user).select_related("organisation")
    if search:
        people = people.filter(
            Q(last_name__icontains=search)
            | Q(first_name__icontains=search)
            | Q(position__icontains=search)
            | Q(email__icontains=search)
        )
    if organisation:
        people = people.filter(organisation_id=organisation)
    if focal_point is not None:
        people = people.filter(is_focal_point=focal_point)
    if sex:
        people = people.filter(sex=sex)
    return people


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


def user_list(*, user, search: str = "", role: str = "") -> QuerySet[User]:
    users = users_visible_to(user)
    if search:
        users = users.filter(
            Q(username__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
        )
    if role:
        users = users.filter(role_assignments__role=role)
    return users


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
