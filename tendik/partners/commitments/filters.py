"""The one FilterSet of the commitments list, shared by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tendik.core.filters import SEARCH_INPUT, ModelChoiceFilter
from tendik.core.i18n import per_language
from tendik.partners.models import ActionCoalition, CommitmentFramework, CommitmentStatus
from tendik.territories.models import Territory

from .selectors import makers_with_commitments

ALL = _("— все —")


def _makers(request):
    return makers_with_commitments(request.user if request else None)


class CommitmentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Поиск"), method="search_text", widget=SEARCH_INPUT,
                                  max_length=200)
    country = ModelChoiceFilter(label=_("Страна"), to_field_name="code", empty_label=ALL,
                                queryset=Territory.objects.filter(level="country").order_by("code"))
    organisation = ModelChoiceFilter(label=_("Кто взял"), field_name="made_by", queryset=_makers,
                                     empty_label=ALL)
    framework = django_filters.ChoiceFilter(label=_("Рамка"), choices=CommitmentFramework.choices,
                                            empty_label=ALL)
    coalition = django_filters.ChoiceFilter(label=_("Коалиция действий"),
                                            field_name="action_coalition",
                                            choices=ActionCoalition.choices, empty_label=ALL)
    status = django_filters.ChoiceFilter(label=_("Статус"), choices=CommitmentStatus.choices,
                                         empty_label=ALL)
    published = django_filters.ChoiceFilter(
        label=_("Опубликовано"), choices=[("true", _("да")), ("false", _("нет"))],
        method="filter_published", empty_label=ALL)

    def filter_published(self, queryset, name, value):
        return queryset.filter(published=value == "true") if value else queryset

    def search_text(self, queryset, name, value):
        value = (value or "").replace("\x00", "").strip()
        if not value:
            return queryset
        query = Q()
        for field in per_language("title", "text"):
            query |= Q(**{f"{field}__icontains": value})
        return queryset.filter(query)
