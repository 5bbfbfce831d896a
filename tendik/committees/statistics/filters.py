"""The one FilterSet of the monthly forms list, shared by the page and the API."""

import django_filters
from django.core.validators import RegexValidator
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from tendik.core.filters import ModelChoiceFilter
from tendik.territories.models import Territory

from ..models import StatisticsState
from .months import parse_month
from .selectors import committees_reporting_to, services_reporting_to

ALL = _("— все —")
MONTH = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("Месяц указывается как ГГГГ-ММ."))


def _committees(request):
    return committees_reporting_to(request.user if request else None).order_by(
        "organisation__name_ru")


def _services(request):
    return services_reporting_to(request.user if request else None).order_by("name_ru")


def review_queue_first(rows):
    """Forms waiting for review first, then the newest months."""
    return rows.annotate(waiting=Case(When(state=StatisticsState.SUBMITTED, then=Value(0)),
                                      default=Value(1), output_field=IntegerField())
                         ).order_by("waiting", "-month", "id")


class StatisticsFilterSet(django_filters.FilterSet):
    committee = ModelChoiceFilter(label=_("Комитет"), queryset=_committees, empty_label=ALL)
    service = ModelChoiceFilter(label=_("Служба помощи"), queryset=_services, empty_label=ALL)
    month = django_filters.CharFilter(label=_("Месяц (ГГГГ-ММ)"), method="filter_month",
                                      validators=[MONTH], max_length=7)
    state = django_filters.ChoiceFilter(label=_("Состояние"), choices=StatisticsState.choices,
                                        empty_label=ALL)
    country = ModelChoiceFilter(label=_("Страна"), to_field_name="code", empty_label=ALL,
                                queryset=Territory.objects.filter(level="country").order_by("code"))

    def filter_month(self, queryset, name, value):
        return queryset.filter(month=parse_month(value)) if value else queryset
