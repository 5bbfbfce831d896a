"""The plan-progress filters, one FilterSet for the page and the API.

The basis parameters (period_from, period_to, include) are read by `basis.basis_for`; the
FilterSet narrows the plan's measures (area, executor, territory, deadline year)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tendik.core.filters import IntegerFilter, ModelChoiceFilter
from tendik.organisations.selectors import organisations_visible_to
from tendik.plans.models import DeadlineKind, Measure, PriorityArea
from tendik.territories.filters import TerritoryTreeFilter

from .progress import GROUPINGS


class MeasureTerritoryFilter(TerritoryTreeFilter):
    """Measures naming a territory in the region or district; each measure once."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("— все —"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(pk__in=super().filter(Measure.objects.all(), value).values("pk"))


class PlanProgressFilterSet(django_filters.FilterSet):
    area = ModelChoiceFilter(label=_("Приоритетное направление"), to_field_name="code",
                             empty_label=_("— все —"),
                             queryset=PriorityArea.objects.none(), field_name="objective__area")
    executor = ModelChoiceFilter(label=_("Исполнитель"), method="filter_executor",
                                 empty_label=_("— все —"),
                                 queryset=lambda request: organisations_visible_to(request.user),
                                 help_text="Organisation id: lead executor or co-executor")
    territory = MeasureTerritoryFilter(field_name="territories")
    deadline_year = IntegerFilter(label=_("Год срока"), method="filter_deadline_year",
                                  min_value=1990, max_value=2100)
    group_by = django_filters.ChoiceFilter(
        label=_("Сгруппировать по"), method="keep", empty_label=_("приоритетным направлениям"),
        choices=[(g, label) for g, label in zip(GROUPINGS, (
            _("приоритетным направлениям"), _("задачам"), _("исполнителям"), _("территориям"),
            _("годам срока")), strict=True) if g != "area"])

    class Meta:
        model = Measure
        fields: list[str] = []

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.filters["area"].queryset = PriorityArea.objects.filter(plan=plan).order_by(
                "position")

    def filter_executor(self, qs, name, value):
        co = Measure.co_executors.through.objects.filter(organisation=value).values("measure_id")
        return qs.filter(Q(lead_executor=value) | Q(pk__in=co))

    def filter_deadline_year(self, qs, name, year):
        return qs.filter(
            Q(deadline_kind=DeadlineKind.DATE, deadline_date__year=year)
            | Q(deadline_kind=DeadlineKind.PERIOD, deadline_date__year__lte=year,
                deadline_end__year__gte=year)
            | Q(deadline_kind=DeadlineKind.YEARS, deadline_years__contains=str(year)))

    def keep(self, qs, name, value):
        return qs  # read by the figure itself, not a narrowing of the measures
