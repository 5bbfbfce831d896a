"""The one FilterSet of the documents list, shared by the page and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from tendik.core.filters import SEARCH_INPUT, ModelChoiceFilter
from tendik.organisations.selectors import organisations_visible_to

from . import search
from .models import DocumentKind, ExtractionState, Language

ALL = _("— все —")


def _organisations(request):
    return organisations_visible_to(request.user) if request else organisations_visible_to(None)


class DocumentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Поиск по тексту"), method="search_text",
                                  widget=SEARCH_INPUT, max_length=200)
    language = django_filters.ChoiceFilter(label=_("Язык"), choices=Language.choices,
                                          empty_label=ALL)
    kind = django_filters.ChoiceFilter(label=_("Формат"), choices=DocumentKind.choices,
                                      empty_label=ALL)
    state = django_filters.ChoiceFilter(label=_("Чтение"), choices=ExtractionState.choices,
                                       empty_label=ALL)
    organisation = ModelChoiceFilter(label=_("Организация"), queryset=_organisations,
                                     empty_label=ALL)

    def search_text(self, queryset, name, value):
        value = (value or "").replace("\x00", "").strip()
        return search.search(queryset, value) if value else queryset
