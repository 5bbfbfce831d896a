"""The FilterSets of the meetings list and of the agreements list, shared by pages and API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tendik.core.filters import ModelChoiceFilter, SearchFilter
from tendik.core.forms import DateInput
from tendik.organisations.selectors import organisations_visible_to
from tendik.territories.filters import CountryFilter

from ..models import Engagement, EngagementKind, FollowUp, FollowUpStatus
from .selectors import overdue_q, pending_q, took_part

ALL = _("— все —")
# «open» here means still to be done (not done, not dropped), whatever its exact status.
STATUS_CHOICES = [("open", _("не выполнено (не начато или в работе)")),
                  *((value, label) for value, label in FollowUpStatus.choices if value != "open")]


def _organisations(request):
    return organisations_visible_to(request.user).order_by("name_ru")


def _by_status(queryset, value: str):
    return queryset.filter(pending_q() if value == "open" else Q(status=value))


class EngagementFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Поиск"), lookups=(
        "title_ru__icontains", "title_ky__icontains", "title_kk__icontains",
        "title_en__icontains", "place__icontains", "topics__icontains", "summary__icontains"))
    country = CountryFilter(empty_label=ALL)
    # `field_name` only types the schema (an id); the method looks at every way to take part.
    organisation = ModelChoiceFilter(label=_("Организация"), queryset=_organisations,
                                     field_name="organisations", empty_label=ALL,
                                     method="filter_organisation",
                                     help_text="Took part: listed, a participant's or an owner")
    kind = django_filters.ChoiceFilter(label=_("Вид"), choices=EngagementKind.choices,
                                       empty_label=ALL)
    status = django_filters.ChoiceFilter(
        label=_("Договорённости"), choices=STATUS_CHOICES, empty_label=ALL,
        method="filter_status", help_text="Meetings with any agreement in this status; "
                                          "open = not done and not dropped")
    date_from = django_filters.DateFilter(label=_("С даты"), field_name="date",
                                          lookup_expr="gte", widget=DateInput())
    date_to = django_filters.DateFilter(label=_("По дату"), field_name="date",
                                        lookup_expr="lte", widget=DateInput())

    class Meta:
        model = Engagement
        fields: list[str] = []

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(took_part(value.pk)) if value else queryset

    def filter_status(self, queryset, name, value):
        if not value:
            return queryset
        agreements = _by_status(FollowUp.objects.all(), value)
        return queryset.filter(pk__in=agreements.values("engagement_id"))


class FollowUpFilterSet(django_filters.FilterSet):
    owner = ModelChoiceFilter(label=_("Ответственный"), queryset=_organisations, empty_label=ALL)
    status = django_filters.ChoiceFilter(label=_("Статус"), choices=STATUS_CHOICES,
                                         empty_label=ALL, method="filter_status")
    overdue = django_filters.ChoiceFilter(
        label=_("Сроки"), choices=[("true", _("только просроченные"))], empty_label=ALL,
        method="filter_overdue", help_text="true: not done, not dropped and past the due date")
    due_before = django_filters.DateFilter(label=_("Срок не позже"), field_name="due_date",
                                           lookup_expr="lte", widget=DateInput())

    class Meta:
        model = FollowUp
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        return _by_status(queryset, value) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_q()) if value == "true" else queryset
