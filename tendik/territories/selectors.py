"""Territories are public reference data: anyone may read them."""

from django.db.models import Q, QuerySet

from .models import Territory


def territory_list(
    *, search: str = "", level: str = "", country: str = "", parent: str = "", code: str = ""
) -> QuerySet[Territory]:
    territories = Territory.objects.select_related("parent")
    if search:
        territories = territories.filter(
            Q(code__icontains=search)
            | Q(name_ru__icontains=search)
            | Q(name_ky__icontains=search)
            | Q(name_kk__icontains=search)
            | Q(name_en__icontains=search)
        )
    if level:
        territories = territories.filter(level=level)
    if country:
        territories = territories.filter(country_code=country.upper())
    if parent:
        territories = territories.filter(
            parent__code=parent) if not parent.isdigit() else territories.filter(parent_id=parent)
    if code:
        territories = territories.filter(code=code)
    return territories


def territory_countries() -> QuerySet[Territory]:
    return Territory.objects.filter(level="country")


def territory_children(territory: Territory) -> QuerySet[Territory]:
    return territory.children.order_by("code")
