import pytest
from django.test import RequestFactory
from django.urls import reverse

from tendik.plans.filters import MeasureFilterSet
from tendik.plans.selectors import measure_list
from tendik.testing.filters import (
    api_ids,
    assert_refused_by_api_and_shown_on_page,
    assert_same_rows,
    html_ids,
)

from .factories import build_plan

pytestmark = pytest.mark.django_db

MEASURE_LINK = r"/plans/measures/(\d+)/\""


def _measures(world, plan, **params):
    request = RequestFactory().get("/")
    request.user = world.users["coordinator"]
    return MeasureFilterSet(params, queryset=measure_list(user=request.user).filter(plan=plan),
                            request=request).qs


def test_measure_filters_by_deadline_year_and_framework(world):
    plan, _ = build_plan(world, measures_per_objective=4)
    assert {m.deadline_kind for m in _measures(world, plan, year="2024")} == {"ongoing"}
    assert _measures(world, plan, framework="sdg:5.5").count() == 16
    assert _measures(world, plan, framework="beijing:D").count() == 0


@pytest.mark.parametrize("params", [
    {"year": "2023"}, {"search": "Мероприятие 2.1"}, {"territory": "KG08000000000"},
    {"framework": "sdg:5.5", "year": "2022"},
])
def test_plan_overview_and_measures_api_give_the_same_measures(world, params):
    plan, _ = build_plan(world, measures_per_objective=2)
    client = world.client("observer")
    page = html_ids(client, reverse("plans:detail", args=[plan.pk]), params, MEASURE_LINK)
    assert page and page == api_ids(client, reverse("measure-list"), {**params, "plan": plan.pk})


def test_overview_executor_choice_matches_the_api(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    client = world.client("coordinator")
    params = {"executor": world.home_org.pk}
    page = html_ids(client, reverse("plans:detail", args=[plan.pk]), params, MEASURE_LINK)
    assert page == api_ids(client, reverse("measure-list"), {**params, "plan": plan.pk})
    assert len(page) == 4


@pytest.mark.parametrize("params", [
    {"year": "99999"}, {"year": "abc"}, {"area": "abc"}, {"executor": "\x00"},
    {"territory": "\x00"}, {"framework": "sdg"}, {"search": "\x00"},
])
def test_bad_measure_filters_are_refused_not_500(world, params):
    plan, _ = build_plan(world, measures_per_objective=1)
    assert_refused_by_api_and_shown_on_page(
        world.client("observer"), page=reverse("plans:detail", args=[plan.pk]),
        api=reverse("measure-list"), params=params)


@pytest.mark.parametrize("params", [{"plan": "abc"}, {"plan": "99999999999999999999"},
                                    {"sdg": "\x00"}])
def test_bad_measure_api_filters_are_400(world, params):
    response = world.client("observer").get(reverse("measure-list"), params)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] in params


def test_another_countrys_plan_is_not_a_valid_filter(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    response = world.client("coordinator_kz").get(reverse("measure-list"), {"plan": plan.pk})
    assert response.status_code == 400


def test_plans_page_and_api_give_the_same_plans(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    client = world.client("coordinator")
    plans = {"page": reverse("plans:list"), "api": reverse("plan-list"),
             "link": r"/plans/(\d+)/\""}
    assert assert_same_rows(client, **plans, params={"status": "draft", "country": "KG"}) == {
        plan.pk}
    assert assert_same_rows(client, **plans, params={"kind": "roadmap"}) == set()
    assert_refused_by_api_and_shown_on_page(client, page=plans["page"], api=plans["api"],
                                            params={"status": "\x00"})


def test_indicator_and_strategy_api_filters(world):
    plan, strategy = build_plan(world, measures_per_objective=1)
    client = world.client("coordinator")
    assert client.get(reverse("indicator-list"), {"plan": plan.pk}).json()["count"] == 1
    assert client.get(reverse("indicator-list"), {"search": "И-1"}).json()["count"] == 1
    assert client.get(reverse("strategy-list"), {"country": "KZ"}).json()["count"] == 0
    assert client.get(reverse("strategy-list"), {"country": "KG"}).json()["count"] == 1
    assert client.get(reverse("indicator-list"), {"plan": "x"}).status_code == 400
    assert client.get(reverse("framework-list"), {"kind": "beijing"}).json()["count"] == 12
