"""One FilterSet per plans list (strategies, plans, measures, indicators, comments), for the HTML
pages and the API alike."""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tendik.core.filters import IntegerFilter, ModelChoiceFilter, SearchFilter
from tendik.organisations.display import organisation_row, short_labels
from tendik.organisations.models import Organisation
from tendik.territories.filters import CountryFilter
from tendik.territories.models import Territory

from .models import (
    FrameworkItem,
    FrameworkKind,
    Indicator,
    Measure,
    Plan,
    PlanKind,
    PlanStatus,
    PriorityArea,
    Strategy,
)
from .selectors import deadline_in_year, measures_visible_to, plans_visible_to

BLANK = [("", "—")]
TITLES = ("title_ru__icontains", "title_ky__icontains", "title_kk__icontains",
          "title_en__icontains")


def _visible_plans(request):
    return plans_visible_to(request.user)


def _visible_areas(request):
    return PriorityArea.objects.filter(plan__in=plans_visible_to(request.user))


def _visible_executors(request):
    measures = measures_visible_to(request.user)
    return Organisation.objects.filter(Q(led_measures__in=measures)
                                       | Q(co_executed_measures__in=measures)).distinct()


class ExecutorFilter(ModelChoiceFilter):
    """The lead executor or a co-executor."""

    def filter(self, qs, value):
        return qs.filter(Q(lead_executor=value) | Q(co_executors=value)) if value else qs


class StrategyFilterSet(django_filters.FilterSet):
    search = SearchFilter(lookups=TITLES)
    country = CountryFilter()

    class Meta:
        model = Strategy
        fields: list[str] = []


class PlanFilterSet(django_filters.FilterSet):
    search = SearchFilter(lookups=TITLES)
    country = CountryFilter()
    kind = django_filters.ChoiceFilter(label=_("Вид"), choices=PlanKind.choices)
    status = django_filters.ChoiceFilter(label=_("Статус"), choices=PlanStatus.choices)
    strategy = ModelChoiceFilter(label=_("Стратегия"), widget=forms.HiddenInput,
                                 queryset=lambda request: Strategy.objects.filter(
                                     plans__in=plans_visible_to(request.user)).distinct())

    class Meta:
        model = Plan
        fields: list[str] = []


class MeasureFilterSet(django_filters.FilterSet):
    """The plan overview's filters (`plan=` narrows the choices to that plan) and the API's."""

    plan = ModelChoiceFilter(label=_("План"), queryset=_visible_plans)
    search = SearchFilter(lookups=(*TITLES, "code__startswith"))
    area = ModelChoiceFilter(label=_("Направление"), field_name="objective__area",
                             queryset=_visible_areas)
    executor = ExecutorFilter(label=_("Исполнитель"), field_name="lead_executor",
                              queryset=_visible_executors,
                                 help_text="Lead executor or co-executor (organisation id)")
    framework = django_filters.CharFilter(
        label=_("Обязательство"), method="filter_framework", help_text="kind:code, e.g. beijing:D",
        validators=[RegexValidator(r"^[a-z0-9]+:[\w.\-]+$")])
    territory = ModelChoiceFilter(label=_("Территория"), field_name="territories",
                                  to_field_name="code", queryset=Territory.objects.all(),
                                  help_text="Territory code")
    year = IntegerFilter(label=_("Год срока"), method="filter_year", min_value=1990,
                         max_value=2100)
    sdg = django_filters.CharFilter(label=_("ЦУР"), method="filter_sdg",
                                    help_text="SDG target prefix, e.g. 5.2",
                                    validators=[RegexValidator(r"^\d{1,2}(\.\w{1,2})?$")])

    class Meta:
        model = Measure
        fields: list[str] = []

    def __init__(self, *args, plan: Plan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self._narrow_to(plan)

    def _narrow_to(self, plan: Plan):
        """The overview of one plan offers only what that plan's measures use."""
        for name in ("plan", "sdg"):
            self.filters.pop(name)
        fields = self.form.fields
        fields["area"].queryset = plan.areas.order_by("position")
        fields["area"].choices = BLANK + [(a.pk, f"{a.code}. {a.title}")
                                          for a in fields["area"].queryset]
        executors = Organisation.objects.filter(led_measures__plan=plan).select_related(
            "territory").distinct()
        fields["executor"].queryset = executors
        fields["executor"].choices = BLANK + list(short_labels(
            [organisation_row(o) for o in executors]).items())
        frameworks = FrameworkItem.objects.filter(measures__plan=plan).distinct()
        fields["framework"] = forms.ChoiceField(
            label=fields["framework"].label, required=False,
            choices=BLANK + [(f.key, f.caption[:90]) for f in frameworks])
        fields["territory"].queryset = Territory.objects.filter(measures__plan=plan).distinct()
        fields["territory"].choices = BLANK + [(t.code, t.name)
                                               for t in fields["territory"].queryset]

    def filter_framework(self, queryset, name, value):
        kind, _sep, code = value.partition(":")
        return queryset.filter(frameworks__kind=kind, frameworks__code=code)

    def filter_year(self, queryset, name, value: int):
        return queryset.filter(deadline_in_year(value))

    def filter_sdg(self, queryset, name, value):
        return queryset.filter(frameworks__kind="sdg", frameworks__code__startswith=value)


class IndicatorFilterSet(django_filters.FilterSet):
    search = SearchFilter(lookups=("code__istartswith", "name_ru__icontains", "name_ky__icontains",
                                   "name_kk__icontains", "name_en__icontains"))
    country = CountryFilter()
    plan = ModelChoiceFilter(label=_("План"), field_name="measures__plan",
                             queryset=_visible_plans, distinct=True)

    class Meta:
        model = Indicator
        fields: list[str] = []


class FrameworkItemFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Вид"), choices=FrameworkKind.choices)
    search = SearchFilter(lookups=("code__startswith", "title_ru__icontains",
                                   "title_en__icontains"))

    class Meta:
        model = FrameworkItem
        fields: list[str] = []
