"""The one FilterSet of the help-services list, shared by the pages and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tendik.committees.models import ServiceKind
from tendik.core.filters import SEARCH_INPUT, ModelChoiceFilter
from tendik.core.i18n import per_language
from tendik.territories.models import Territory

from .selectors import covering, territory_chain

ALL = _("— все —")


class CoveringFilter(ModelChoiceFilter):
    """A territory's code: the services serving it or one of its ancestors, and its country's
    national hotlines."""

    def filter(self, qs, value):
        return covering(qs, territory_chain(value)) if value else qs


class HelpServiceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Поиск"), method="search_text", widget=SEARCH_INPUT,
                                  max_length=200)
    country = ModelChoiceFilter(label=_("Страна"), to_field_name="code", empty_label=ALL,
                                queryset=Territory.objects.filter(level="country").order_by("code"))
    territory = CoveringFilter(
        label=_("Территория (код)"), field_name="territories", to_field_name="code",
        queryset=Territory.objects.all(), empty_label=ALL, widget=forms.TextInput,
        help_text=_("Службы, которые её обслуживают, и национальные горячие линии."))
    service = django_filters.ChoiceFilter(label=_("Услуга"), choices=ServiceKind.choices,
                                          method="filter_service", empty_label=ALL)

    def filter_service(self, queryset, name, value):
        # Codes are stored comma-separated: match whole codes only.
        return queryset.filter(Q(services=value) | Q(services__startswith=f"{value},")
                               | Q(services__endswith=f",{value}")
                               | Q(services__contains=f",{value},")) if value else queryset

    def search_text(self, queryset, name, value):
        value = (value or "").replace("\x00", "").strip()
        if not value:
            return queryset
        query = Q(organisation__name_ru__icontains=value)
        for field in per_language("name"):
            query |= Q(**{f"{field}__icontains": value})
        return queryset.filter(query)
