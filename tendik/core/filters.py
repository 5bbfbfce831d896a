"""Filter pieces shared by every list: one FilterSet per list serves the HTML form and the API.

A FilterSet only narrows the queryset it is given, which is always a `*_visible_to(user)`
selector: filtering never widens scope. Invalid values are a 400 in the API (DjangoFilterBackend)
and, on HTML pages, an ignored filter with the error beside its field (`filter_list`).
"""

from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .forms import DateInput
from .models import AuditAction, AuditEntry

SEARCH_INPUT = forms.TextInput(attrs={"type": "search"})


def filter_list(filterset_class, request, queryset, **kwargs):
    """The HTML side: (filterset, rows); a field with a bad value is ignored and shows its error."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request, **kwargs)
    return filterset, filterset.qs


def active_filters(filterset) -> dict:
    """The filters that took effect: valid and not empty (call after `.qs`)."""
    if not filterset.is_bound:
        return {}
    return {name: value for name, value in filterset.form.cleaned_data.items()
            if value not in (None, "")}


class SafeModelChoiceField(forms.ModelChoiceField):
    """Refuses a NUL byte before it reaches the database (PostgreSQL cannot compare it)."""

    def to_python(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise forms.ValidationError(self.error_messages["invalid_choice"],
                                        code="invalid_choice")
        return super().to_python(value)


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    """An id (or `to_field_name`) that must exist in a scoped queryset, else a field error."""

    field_class = SafeModelChoiceField


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class SearchFilter(django_filters.CharFilter):
    """Free text matched against several lookups at once (OR)."""

    def __init__(self, *args, lookups: tuple[str, ...], **kwargs):
        self.lookups = lookups
        kwargs.setdefault("label", _("Поиск"))
        kwargs.setdefault("widget", SEARCH_INPUT)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        return qs.filter(reduce(or_, (Q(**{lookup: value}) for lookup in self.lookups)))


class AuditEntryFilterSet(django_filters.FilterSet):
    text = SearchFilter(label=_("Объект или причина"),
                        lookups=("object_repr__icontains", "reason__icontains"))
    model = django_filters.CharFilter(label=_("Тип объекта"), method="filter_model",
                                      help_text="Model name, e.g. organisation")
    object_id = django_filters.CharFilter(label=_("ID объекта"))
    actor = django_filters.CharFilter(label=_("Пользователь"), lookup_expr="icontains",
                                      field_name="actor_name")
    action = django_filters.ChoiceFilter(label=_("Действие"), choices=AuditAction.choices)
    date_from = django_filters.DateFilter(label=_("С даты"), field_name="at__date",
                                          lookup_expr="gte", widget=DateInput())
    date_to = django_filters.DateFilter(label=_("По дату"), field_name="at__date",
                                        lookup_expr="lte", widget=DateInput())

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def filter_model(self, queryset, name, value):
        return queryset.filter(content_type__model=value.strip().lower()) if value else queryset
