"""The committees list's one FilterSet: the HTML list and the API read the same filters."""

import django_filters
from django.utils.translation import gettext_lazy as _

from tendik.core.filters import SearchFilter
from tendik.territories.filters import CountryFilter, TerritoryTreeFilter

from ..models import Committee, CommitteeStatus

ALL = _("— все —")


class CommitteeFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Поиск"), lookups=(
        "organisation__name_ru__icontains", "organisation__name_ky__icontains",
        "organisation__name_kk__icontains", "organisation__name_en__icontains",
        "territory__name_ru__icontains", "act__icontains"))
    country = CountryFilter(empty_label=ALL)
    # The committees in that region or district, down to its municipalities.
    territory = TerritoryTreeFilter(field_name="territory", empty_label=ALL,
                                    help_text="Region or district code; includes what lies in it")
    status = django_filters.ChoiceFilter(label=_("Статус"), choices=CommitteeStatus.choices,
                                         empty_label=ALL)

    class Meta:
        model = Committee
        fields: list[str] = []
