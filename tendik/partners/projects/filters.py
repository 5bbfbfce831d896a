"""The one FilterSet of the projects list, shared by the page and the API."""

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from tendik.core.filters import SEARCH_INPUT, ModelChoiceFilter, SearchFilter
from tendik.organisations.models import Organisation
from tendik.organisations.selectors import organisations_visible_to
from tendik.plans.selectors import measures_visible_to, plans_visible_to
from tendik.territories.selectors import territory_countries

from ..models import Project, ProjectBudgetLine, ProjectPartner, ProjectStatus

ALL = _("— все —")


def _user(request):
    return request.user if request else AnonymousUser()


def _organisations(request):
    user = _user(request)
    if not user.is_authenticated:
        return Organisation.objects.none()
    return organisations_visible_to(user).order_by("name_ru")


def _measures(request):
    return measures_visible_to(_user(request)).order_by("plan_id", "position")


def _plans(request):
    return plans_visible_to(_user(request)).order_by("-period_start")


class ProjectFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Название или код"), max_length=200, lookups=(
        "title_ru__icontains", "title_ky__icontains", "title_kk__icontains",
        "title_en__icontains", "code__icontains"), widget=SEARCH_INPUT)
    partner = ModelChoiceFilter(label=_("Партнёр"), queryset=_organisations, empty_label=ALL,
                                field_name="partners__organisation", method="filter_partner")
    country = ModelChoiceFilter(label=_("Страна"), queryset=territory_countries(),
                                to_field_name="code", empty_label=ALL)
    status = django_filters.ChoiceFilter(label=_("Статус"), choices=ProjectStatus.choices,
                                         empty_label=ALL)
    plan = ModelChoiceFilter(label=_("План"), queryset=_plans, empty_label=ALL,
                             field_name="measures__plan", method="filter_plan")
    measure = ModelChoiceFilter(label=_("Мероприятие плана"), queryset=_measures,
                                empty_label=ALL, field_name="measures",
                                method="filter_measure")

    class Meta:
        model = Project
        fields: list[str] = []

    def filter_partner(self, queryset, name, value):
        return queryset.filter(Exists(ProjectPartner.objects.filter(
            project=OuterRef("pk"), organisation=value))) if value else queryset

    def filter_measure(self, queryset, name, value):
        return queryset.filter(_links(Q(measure=value), Q(measure=value))) if value else queryset

    def filter_plan(self, queryset, name, value):
        return queryset.filter(_links(Q(measure__plan=value), Q(measure__plan=value))) \
            if value else queryset


def _links(through: Q, budget: Q):
    """Projects linked to the measures by their thematic links or by a budget line."""
    links = Project.measures.through.objects.filter(through, project=OuterRef("pk"))
    lines = ProjectBudgetLine.objects.filter(budget, project=OuterRef("pk"))
    return Exists(links) | Exists(lines)
