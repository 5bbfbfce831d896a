"""One FilterSet per reporting list (periods, reports, activities), for the HTML pages and the API
alike."""

from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from tendik.core.filters import SEARCH_INPUT, ModelChoiceFilter
from tendik.core.forms import DateInput
from tendik.organisations.models import OrganisationKind
from tendik.organisations.selectors import organisations_visible_to
from tendik.plans.selectors import measures_visible_to, plans_visible_to
from tendik.territories.filters import TerritoryTreeFilter

from .models import (
    Activity,
    ActivityKind,
    Audience,
    PeriodKind,
    PeriodState,
    Report,
    ReportingPeriod,
    ReportState,
)
from .selectors import named_in, periods_visible_to


class PeriodFilterSet(django_filters.FilterSet):
    plan = ModelChoiceFilter(label=_("План"),
                             queryset=lambda request: plans_visible_to(request.user))
    kind = django_filters.ChoiceFilter(label=_("Вид"), choices=PeriodKind.choices)
    state = django_filters.ChoiceFilter(label=_("Состояние"), choices=PeriodState.choices)
    published = django_filters.BooleanFilter(label=_("Опубликован"), field_name="published_at",
                                             lookup_expr="isnull", exclude=True)

    class Meta:
        model = ReportingPeriod
        fields: list[str] = []


class ReportFilterSet(django_filters.FilterSet):
    """The reports API's filters and, without `period`, the period dashboard's."""

    period = ModelChoiceFilter(label=_("Период"),
                               queryset=lambda request: periods_visible_to(request.user))
    state = django_filters.ChoiceFilter(label=_("Состояние"), choices=ReportState.choices)
    kind = django_filters.ChoiceFilter(label=_("Вид организации"), choices=OrganisationKind.choices,
                                       field_name="organisation__kind")
    territory = TerritoryTreeFilter(field_name="organisation__territory",
                                    help_text="Region or district code; finds what lies in it")

    class Meta:
        model = Report
        fields: list[str] = []

    def __init__(self, *args, period: ReportingPeriod | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if period is not None:
            self.filters.pop("period")



def _visible_organisations(request):
    return organisations_visible_to(request.user).order_by("name_ru")


def _visible_measures(request):
    return measures_visible_to(request.user).order_by("plan_id", "code")


class NamedOrganisationFilter(ModelChoiceFilter):
    """The reporting organisation, an organiser or a partner (on `report__organisation`, so the
    schema reads an organisation id)."""

    def filter(self, qs, value):
        return qs.filter(Q(report__organisation=value) | named_in(value.pk)) if value else qs


class ActivityFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Дата окончания раньше даты начала."))
        return data


class ActivityFilterSet(django_filters.FilterSet):
    """The activities list's filters. Every id is checked against the user's scope: an id
    outside it is refused like one that does not exist."""

    q = django_filters.CharFilter(label=_("Название"), method="filter_title", widget=SEARCH_INPUT,
                                  help_text="Part of the title")
    plan = ModelChoiceFilter(label=_("План"), field_name="report__plan",
                             queryset=lambda request: plans_visible_to(request.user))
    period = ModelChoiceFilter(label=_("Период"), field_name="report__period",
                               queryset=lambda request: periods_visible_to(request.user))
    territory = TerritoryTreeFilter(field_name="territory",
                                    help_text="Region or district code; finds what lies in it")
    kind = django_filters.ChoiceFilter(label=_("Вид"), choices=ActivityKind.choices)
    audience = django_filters.ChoiceFilter(label=_("Аудитория"), choices=Audience.choices,
                                           method="filter_audience")
    organisation = NamedOrganisationFilter(
        label=_("Организация"), field_name="report__organisation", queryset=_visible_organisations,
        help_text="Organisation id: the reporting organisation, an organiser or a partner")
    partner = ModelChoiceFilter(label=_("Партнёр"), field_name="partners",
                                queryset=_visible_organisations, help_text="Organisation id")
    measure = ModelChoiceFilter(label=_("Мероприятие плана"), field_name="measures",
                                queryset=_visible_measures, help_text="Measure id")
    date_from = django_filters.DateFilter(label=_("С даты"), field_name="end", lookup_expr="gte",
                                          widget=DateInput(),
                                          help_text="Held (at least partly) on or after")
    date_to = django_filters.DateFilter(label=_("По дату"), field_name="start", lookup_expr="lte",
                                        widget=DateInput(),
                                        help_text="Held (at least partly) on or before")

    class Meta:
        model = Activity
        fields: list[str] = []
        form = ActivityFilterForm

    def filter_title(self, queryset, name, value):
        # SQLite folds the case of ASCII letters only: "кампания" would miss "Кампания". The
        # word as typed, in lower case and capitalised covers what people type (PostgreSQL
        # folds every letter anyway).
        value = value.strip()
        variants = {value, value.lower(), value.capitalize()}
        return queryset.filter(reduce(or_, (Q(title__icontains=v) for v in variants)))

    def filter_audience(self, queryset, name, value):
        # Audiences are stored as "code,code": padded with commas, a code matches only whole.
        padded = Concat(Value(","), F("audiences"), Value(","))
        return queryset.alias(padded=padded).filter(padded__contains=f",{value},")
