"""Territories are public reference data: anyone may read them."""

from django.db.models import QuerySet

from .models import Territory


def territory_list() -> QuerySet[Territory]:
    """Every territory, in code order: filter them with TerritoryFilterSet."""
    return Territory.objects.select_related("parent").order_by("code")


def territory_countries() -> QuerySet[Territory]:
    return Territory.objects.filter(level="country")


def territory_children(territory: Territory) -> QuerySet[Territory]:
    return territory.children.order_by("code")
