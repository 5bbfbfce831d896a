"""One FilterSet per reporting list (periods, reports), for the HTML pages and the API alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from tendik.core.filters import ModelChoiceFilter
from tendik.organisations.models import OrganisationKind
from tendik.plans.selectors import plans_visible_to
from tendik.territories.filters import TerritoryTreeFilter

from .models import PeriodKind, PeriodState, Report, ReportingPeriod, ReportState
from .selectors import periods_visible_to


class PeriodFilterSet(django_filters.FilterSet):
    plan = ModelChoiceFilter(label=_("План"),
                             queryset=lambda request: plans_visible_to(request.user))
    kind = django_filters.ChoiceFilter(label=_("Вид"), choices=PeriodKind.choices)
    state = django_filters.ChoiceFilter(label=_("Состояние"), choices=PeriodState.choices)

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
