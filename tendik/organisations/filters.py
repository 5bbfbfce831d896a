"""One FilterSet per directory list, for the HTML filter forms and the API alike."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from tendik.core.filters import SEARCH_INPUT, ModelChoiceFilter, SearchFilter
from tendik.core.permissions import Role
from tendik.territories.filters import CountryFilter, TerritoryTreeFilter

from .models import Organisation, OrganisationKind, Person, Sex, User
from .selectors import organisations_visible_to


def _visible_organisations(request):
    return organisations_visible_to(request.user).order_by("name_ru", "id")


class OrganisationFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(label=_("Название или аббревиатура"),
                                       method="filter_search", widget=SEARCH_INPUT,
                                       help_text="Name, acronym or former name")
    kind = django_filters.ChoiceFilter(label=_("Вид"), choices=OrganisationKind.choices)
    country = CountryFilter()
    territory = TerritoryTreeFilter(help_text="Region or district code; finds what lies in it")

    class Meta:
        model = Organisation
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        value = value.strip().lower()
        return queryset.filter(search_text__contains=value) if value else queryset


class PersonFilterSet(django_filters.FilterSet):
    search = SearchFilter(label=_("Имя, должность, почта"), lookups=(
        "last_name__icontains", "first_name__icontains", "position__icontains",
        "email__icontains"))
    organisation = ModelChoiceFilter(label=_("Организация"), queryset=_visible_organisations,
                                     widget=forms.HiddenInput)
    focal_point = django_filters.BooleanFilter(
        label=_("Ответственный по гендерным вопросам"), field_name="is_focal_point")
    sex = django_filters.ChoiceFilter(label=_("Пол"), choices=Sex.choices)

    class Meta:
        model = Person
        fields: list[str] = []


class UserFilterSet(django_filters.FilterSet):
    search = SearchFilter(lookups=("username__icontains", "first_name__icontains",
                                   "last_name__icontains", "email__icontains"))
    role = django_filters.ChoiceFilter(label=_("Роль"), choices=Role.choices,
                                       field_name="role_assignments__role")

    class Meta:
        model = User
        fields: list[str] = []
