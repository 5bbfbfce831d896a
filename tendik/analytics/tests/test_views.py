"""The plan progress page: the figure with its filters in the URL, errors beside their fields,
charts with tables, scope per role, and a bounded number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tendik.plans.models import Measure, Objective

from .factories import kz_plan_and_period, progress_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def pw(world):
    return progress_world(world)


def _page(world, pw, role="coordinator", **params):
    return world.client(role).get(reverse("analytics:plan_progress", args=[pw["plan"].pk]),
                                  params)


def _row(html: str, first_cell: str) -> list[str]:
    """The cells of the table row whose header starts with `first_cell`."""
    match = re.search(rf'<th scope="row">{re.escape(first_cell)}.*?</tr>', html, re.S)
    assert match, first_cell
    return re.findall(r"<td>(.*?)</td>", match.group(0))


def test_the_page_shows_the_figure_with_its_basis_charts_and_tables(world, pw):
    response = _page(world, pw)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Учтены принятые отчёты: 4 из 4" in html
    # Two charts (areas, trend), each drawn wide and for phones, each with a table.
    assert html.count("<svg") == 4 and html.count("<caption>") >= 3
    # Area 1: 4 measures — completed 1.1.1 and 1.2.2, not started 1.1.2, in progress 1.2.1.
    assert _row(html, "1.")[:5] == ["4", "2", "0", "1", "1"]
    assert "/api/v1/analytics/plan-progress/?plan=" in html
    assert len(response.content) < 200_000


def test_filters_live_in_the_url_and_narrow_the_measures(world, pw):
    html = _page(world, pw, area="2", group_by="executor").content.decode()
    assert '<option value="2" selected>' in html
    assert _row(html, "1.")[0] == "0"  # area 1 listed, with no measure under the filter
    assert _row(html, "2.")[0] == "4"
    assert "По группам" in html


@pytest.mark.parametrize("params,field", [
    ({"period_from": "2024", "period_to": "2023"}, "period_from"),
    ({"period_from": "999999"}, "period_from"),
])
def test_a_bad_period_is_a_400_with_the_error_beside_its_field(world, pw, params, field):
    response = _page(world, pw, **params)
    assert response.status_code == 400
    html = response.content.decode()
    error = re.search(rf'<div class="field-error"><label for="id_{field}">', html)
    assert error, html[:2000]
    assert f'value="{params[field]}"' in html or params[field] in html  # what was typed stays


def test_a_bad_area_is_shown_beside_its_field_and_ignored(world, pw):
    response = _page(world, pw, area="99")
    assert response.status_code == 400
    assert '<div class="field-error"><label for="id_area">' in response.content.decode()


def test_scope_per_role(world, pw):
    assert _page(world, pw, role="observer").status_code == 200
    assert _page(world, pw, role="coordinator_kz").status_code == 404
    anonymous = world.client("anonymous").get(
        reverse("analytics:plan_progress", args=[pw["plan"].pk]))
    assert anonymous.status_code == 302
    kz_plan, _period = kz_plan_and_period(world)[:2]
    url = reverse("analytics:plan_progress", args=[kz_plan.pk])
    assert world.client("coordinator").get(url).status_code == 404


def test_a_focal_point_sees_its_own_measures_only(world, pw):
    html = _page(world, pw, role="focal_point").content.decode()
    assert response_measures(html) == Measure.objects.filter(
        plan=pw["plan"], lead_executor=world.users["focal_point"].organisation).count()


def response_measures(html: str) -> int:
    return int(re.search(r'<p class="figure">(\d+)</p>', html).group(1))


def test_queries_do_not_grow_with_measures(world, pw, django_assert_max_num_queries):
    client = world.client("coordinator")
    url = reverse("analytics:plan_progress", args=[pw["plan"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    objective = Objective.objects.filter(plan=pw["plan"]).first()
    for n in range(10):
        Measure.objects.create(plan=pw["plan"], objective=objective, position=100 + n,
                               code=f"1.1.{100 + n}", title_ru=f"Новое {n}",
                               lead_executor=world.home_org)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
