"""Reads of the help-services directory, scoped to the reader.

The directory is public information: the anonymous reader sees every active service (the
public page «Куда обратиться»); signed-in users see their country's, admins every country's."""

from django.db.models import Case, Min, Q, QuerySet, Value, When

from tendik.committees.models import HelpService
from tendik.core.permissions import is_installation_admin
from tendik.organisations.models import Organisation
from tendik.territories.models import Territory

# A territory and its ancestors: four levels deep, the deepest a territory can be.
CHAIN = ("id", "parent_id", "parent__parent_id", "parent__parent__parent_id")


def help_services_visible_to(user) -> QuerySet[HelpService]:
    if user is None or not user.is_authenticated:
        return HelpService.objects.filter(is_active=True)
    if is_installation_admin(user):
        return HelpService.objects.all()
    return HelpService.objects.filter(country_id=user.country_id)


def with_details(services: QuerySet[HelpService]) -> QuerySet[HelpService]:
    """What a list, a page or the API shows of each, in fixed queries whatever the rows."""
    return services.select_related("organisation", "country").prefetch_related("territories")


def territory_chain(territory: Territory) -> list[int]:
    """The territory's id and its ancestors' ids, nearest first; the last one is its country."""
    row = Territory.objects.filter(pk=territory.pk).values_list(*CHAIN).first() or ()
    return [pk for pk in row if pk is not None]


def covering(services: QuerySet[HelpService], chain: list[int]) -> QuerySet[HelpService]:
    """The services serving the territory (its own or an ancestor's) and its country's national
    hotlines."""
    return services.filter(Q(territories__in=chain)
                           | Q(national_hotline=True, country_id=chain[-1])).distinct()


def services_for_territory(territory: Territory | None) -> list[HelpService]:
    """The public's answer to «where can I turn here?»: the national hotlines first, then the
    services covering the territory, nearest level first (municipality, district, region,
    country), then by name. Without a territory: the hotlines of every country. Two queries."""
    public = help_services_visible_to(None)
    if territory is None:
        return list(public.filter(national_hotline=True).order_by("country__code", "name_ru"))
    chain = territory_chain(territory)
    # Filtering before annotating makes Min() read only the matched territories' rows.
    nearest = Case(*(When(territories=pk, then=Value(depth)) for depth, pk in enumerate(chain)),
                   default=Value(len(chain)))
    rows = (public.filter(Q(territories__in=chain)
                          | Q(national_hotline=True, country_id=chain[-1]))
            .annotate(depth=Min(nearest)).order_by("-national_hotline", "depth", "name_ru"))
    return list(rows)


def organisations_for(country) -> QuerySet[Organisation]:
    """Who may run a help service in `country`: its organisations."""
    return Organisation.objects.filter(country=country).order_by("name_ru")


def territories_for(country) -> QuerySet[Territory]:
    """The territories a service of `country` may serve (below the country itself, and it)."""
    return Territory.objects.filter(country_code=country.country_code or country.code) \
        .order_by("code")


def regions_of() -> QuerySet[Territory]:
    """Every country's regions, with their country, by country then name."""
    return Territory.objects.filter(level="region").select_related("parent").order_by(
        "parent__code", "name_ru")


def districts_of(region: Territory | None) -> QuerySet[Territory]:
    if region is None:
        return Territory.objects.none()
    return Territory.objects.filter(parent=region, level="district").order_by("name_ru")
