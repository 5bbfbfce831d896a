"""The indicator figure API: the contract, bad input, and 404 outside the caller's scope."""

import pytest
from django.urls import reverse

from tendik.testing.matrix import assert_matrix, expect

from .test_indicators import build_figures


@pytest.fixture
def figures(world):
    return build_figures(world)


def _url(indicator, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("api-indicator-figure", args=[indicator.pk]) + (f"?{query}" if query else "")


def test_the_figure_keeps_the_contract(world, figures):
    _plan, indicator, period22, period23 = figures
    body = world.client("coordinator").get(_url(indicator, breakdown="sex")).json()
    assert {"indicator", "code", "unit", "baseline", "targets", "series", "progress"} <= set(body)
    assert body["indicator"] == indicator.pk and body["code"] == "И-2.1"
    assert body["unit"] == "number" and body["baseline"] == 10.0
    assert body["targets"] == [{"year": 2025, "value": 100.0}]
    assert [(p["period"], p["period_end"], p["value"], p["breakdown"]) for p in body["series"]] == [
        (period22.pk, "2022-12-31", 20.0, {"F": 12.0, "M": 8.0}),
        (period23.pk, "2023-12-31", 42.0, {"F": 25.0, "M": 17.0})]
    assert body["progress"]["status"] == "on_track"
    assert body["progress"]["method"] == "target_ratio"
    assert body["based_on"] == {"accepted": 3, "under_review": 0, "reports": 5,
                                "with_values": 3}


def test_submitted_counts_for_a_coordinator_never_for_a_focal_point(world, figures):
    indicator = figures[1]
    coordinator = world.client("coordinator").get(_url(indicator, include="submitted")).json()
    assert [p["value"] for p in coordinator["series"]] == [20.0, 50.0]
    focal = world.client("focal_point").get(_url(indicator, include="submitted")).json()
    assert [p["value"] for p in focal["series"]] == [20.0, 30.0]


def test_a_plan_narrows_and_a_range_without_data_is_empty(world, figures):
    plan, indicator, _p22, _p23 = figures
    assert world.client("coordinator").get(_url(indicator, plan=plan.pk)).json()["series"]
    body = world.client("coordinator").get(_url(indicator, period_to="2020")).json()
    assert body["series"] == [] and body["progress"]["status"] == "no_data"


@pytest.mark.parametrize(("params", "field"), [
    ({"breakdown": "age_group"}, "breakdown"),
    ({"period_from": "2024", "period_to": "2023"}, "period_from"),
    ({"period_from": "soon"}, "period_from"),
    ({"include": "drafts"}, "include"),
])
def test_bad_parameters_are_400_naming_the_field(world, figures, params, field):
    response = world.client("coordinator").get(_url(figures[1], **params))
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    if field == "breakdown":
        assert "age_group" in response.json()["detail"]


def test_an_unknown_plan_is_404(world, figures):
    assert world.client("coordinator").get(_url(figures[1], plan=999999)).status_code == 404


def test_who_may_read_the_figure(world, figures):
    indicator = figures[1]
    assert_matrix(world, "GET", _url(indicator), expect(200, anonymous=403, coordinator_kz=404))
    assert_matrix(world, "GET", reverse("api-indicator-figure", args=[999999]),
                  expect(404, anonymous=403))


def test_only_get_is_served(world, figures):
    assert_matrix(world, "POST", _url(figures[1]), expect(405, anonymous=403))


def test_the_api_reads_in_constant_queries(world, figures, django_assert_max_num_queries):
    client = world.client("coordinator")
    client.get(_url(figures[1]))  # session and user loaded once
    # session, user, roles; indicator with dimensions, codes, targets; totals per report,
    # sums per period and key; based-on; the session's save (3)
    with django_assert_max_num_queries(15):
        assert client.get(_url(figures[1], breakdown="sex")).status_code == 200
