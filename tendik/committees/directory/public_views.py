"""The public page «Куда обратиться»: where a woman in a given place can turn, no login.

A plain GET form with a region and a district select works without JavaScript (the district
list is the chosen region's); `?territory={code}` names a region, district or municipality
directly. The national hotlines are always on top. The page is kept small for slow phones:
no images, no scripts beyond the shared one."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from tendik.territories.models import Territory

from .pages import service_card
from .selectors import districts_of, regions_of, services_for_territory

ANCESTORS = "parent__parent__parent"


def _territory(code: str | None) -> Territory | None:
    """The territory of a code sent in the address, with its ancestors; an unknown one is 404."""
    if not code:
        return None
    found = Territory.objects.select_related(ANCESTORS).filter(code=str(code)[:32]).first()
    if found is None or found.level == "country":
        raise Http404
    return found


def _place(request) -> Territory | None:
    """`territory` if given, else the district (when it lies in the region), else the region."""
    if request.GET.get("territory"):
        return _territory(request.GET["territory"])
    region = _territory(request.GET.get("region"))
    district = _territory(request.GET.get("district"))
    if district is not None and region is not None and district.parent_id != region.pk:
        district = None  # the region was changed after the district had been chosen
    return district or region


def _at_level(territory: Territory | None, level: str) -> Territory | None:
    while territory is not None and territory.level != level:
        territory = territory.parent
    return territory


@require_safe
def help_index_view(request):
    territory = _place(request)
    region = _at_level(territory, "region")
    found = services_for_territory(territory)
    return render(request, "committees/directory/public_index.html", {
        "territory": territory, "region": region, "district": _at_level(territory, "district"),
        "regions": regions_of(), "districts": districts_of(region),
        "hotlines": [service_card(row) for row in found if row.national_hotline],
        "local": [service_card(row) for row in found if not row.national_hotline]})
