import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import NationalReport, ReportFormat


class NationalReportFilterSet(django_filters.FilterSet):
    """The list of generated reports: the page and the API."""

    plan = django_filters.NumberFilter(label=_("План"), field_name="plan_id")
    format = django_filters.ChoiceFilter(label=_("Формат"), choices=ReportFormat.choices)
    language = django_filters.ChoiceFilter(label=_("Язык"), choices=settings.LANGUAGES)

    class Meta:
        model = NationalReport
        fields = ["plan", "format", "language"]
