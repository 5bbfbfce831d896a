"""Territory filters: the territory list's FilterSet and the country and territory-tree filters
that other lists share."""

import django_filters
from django import forms
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from tendik.core.filters import ModelChoiceFilter, SafeModelChoiceField, SearchFilter

from .models import Level, Territory


class CountryCodeField(SafeModelChoiceField):
    """Country by ISO code, in either case: `kg` and `KG` name the same country."""

    def to_python(self, value):
        return super().to_python(value.upper() if isinstance(value, str) else value)


class CountryFilter(ModelChoiceFilter):
    """A country by ISO code; on `country_code` (a text column) it compares the code itself."""

    field_class = CountryCodeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Страна"))
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("queryset", Territory.objects.filter(level="country").order_by("code"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value and self.field_name.endswith("_code"):
            return qs.filter(**{self.field_name: value.code})
        return super().filter(qs, value)


def by_localized_name(territories):
    """Ordered by the name shown in the request's language (Russian where it is missing)."""
    shown = Coalesce(NullIf(F(f"name_{(get_language() or 'ru')[:2]}"), Value("")), F("name_ru"))
    return territories.order_by(shown, "code")


def regions_and_districts(request):
    """The choices of a territory filter: the caller's country's regions and districts."""
    territories = Territory.objects.filter(level__in=["region", "district"])
    country = getattr(request.user, "country_id", None) if request is not None else None
    if country:
        territories = territories.filter(Q(parent_id=country) | Q(parent__parent_id=country))
    return by_localized_name(territories)


class TerritoryTreeFilter(ModelChoiceFilter):
    """A region or district by code; matches what lies in it down to municipalities."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Территория"))
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("queryset", regions_and_districts)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        path = self.field_name
        return qs.filter(Q(**{path: value}) | Q(**{f"{path}__parent": value})
                         | Q(**{f"{path}__parent__parent": value}))


@extend_schema_field({"type": "string", "description": "ISO code, e.g. KG"})
class _CountryCodeFilter(CountryFilter):
    """The schema cannot infer a code compared with a text column; say it here."""


class TerritoryFilterSet(django_filters.FilterSet):
    search = SearchFilter(lookups=("code__icontains", "name_ru__icontains", "name_ky__icontains",
                                   "name_kk__icontains", "name_en__icontains"))
    country = _CountryCodeFilter(field_name="country_code")
    level = django_filters.ChoiceFilter(label=_("Уровень"), choices=Level.choices)
    parent = ModelChoiceFilter(label=_("Родитель"), field_name="parent", to_field_name="code",
                               queryset=Territory.objects.all(), widget=forms.HiddenInput,
                               help_text="Parent code")
    code = django_filters.CharFilter(label=_("Код"), widget=forms.HiddenInput)

    class Meta:
        model = Territory
        fields: list[str] = []
