import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tendik.core.filters import ModelChoiceFilter

from .models import NationalReport, ReportFormat
from .selectors import manageable_plans


class NationalReportFilterSet(django_filters.FilterSet):
    """The list of generated reports: the page and the API."""

    plan = ModelChoiceFilter(label=_("План"),
                             queryset=lambda request: manageable_plans(request.user, as_list=False))
    format = django_filters.ChoiceFilter(label=_("Формат"), choices=ReportFormat.choices)
    language = django_filters.ChoiceFilter(label=_("Язык"), choices=settings.LANGUAGES)

    class Meta:
        model = NationalReport
        fields: list[str] = []
