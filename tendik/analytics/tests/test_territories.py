"""Figures per territory: the roll-up from a village to its region, scope, bad input, the page."""

import pytest
from django.urls import reverse

from tendik.analytics.basis import basis_for
from tendik.analytics.territories import territory_figures
from tendik.plans.models import Measure
from tendik.reporting import services as reporting_services
from tendik.reporting.models import Report
from tendik.reporting.tests.factories import open_period
from tendik.territories.models import Territory
from tendik.testing.factories import TerritoryFactory
from tendik.testing.matrix import assert_matrix, expect

pytestmark = pytest.mark.django_db

LOGIN = 302
API_ANON = {401, 403}


def _tree(world):
    """Chui region (made by build_plan) → a district → an aiyl aimak; and Issyk-Kul region."""
    chui = Territory.objects.get(code="KG08000000000")
    district = TerritoryFactory(parent=chui, level="district", code="KG08200000000",
                                name_ru="Аламудунский район")
    village = TerritoryFactory(parent=district, level="municipality", code="KG08200000010",
                               name_ru="Лебединовский айыльный аймак")
    issyk_kul = TerritoryFactory(parent=world.kg, code="KG02000000000", name_ru="Иссык-Кульская")
    return chui, district, village, issyk_kul


def _activity(report, territory, women, men, total):
    reporting_services.activity_create(actor=None, report=report, data={
        "kind": "training", "title": f"Тренинг {women}", "start": "2023-04-04",
        "end": "2023-04-04", "territory": territory.pk if territory else None,
        "participants_women": women, "participants_men": men, "participants_total": total})


@pytest.fixture
def figures_world(world):
    plan, period, report, _indicator, _focal = open_period(world)
    chui, district, village, issyk_kul = _tree(world)
    other = period.reports.get(organisation=world.other_kg_org)
    _activity(report, village, 10, 5, 20)      # accepted below: rolls up to Chui
    _activity(report, district, 3, 1, 4)       # accepted: Chui too
    _activity(report, issyk_kul, 2, 2, 4)      # accepted: Issyk-Kul
    _activity(report, world.kg, 1, 0, 1)       # accepted: the whole country, placed nowhere
    _activity(other, village, 100, 100, 200)   # a draft: never counted
    Report.objects.filter(pk=report.pk).update(state="accepted")
    measure = Measure.objects.filter(plan=plan).order_by("code").first()
    measure.territories.set([village, district])  # counted once in Chui, once in the district
    return {"plan": plan, "chui": chui, "district": district, "issyk_kul": issyk_kul,
            "measure": measure}


def _row(figures, code):
    return next(row for row in figures["regions"] if row["code"] == code)


def test_activities_roll_up_from_a_village_and_a_district_to_their_region(world, figures_world):
    basis = basis_for(world.users["coordinator"], plan_id=figures_world["plan"].pk)
    figures = territory_figures(basis)
    chui = _row(figures, "KG08000000000")
    assert (chui["activities"], chui["women"], chui["men"], chui["not_recorded"],
            chui["total"]) == (2, 13, 6, 5, 24)
    issyk_kul = _row(figures, "KG02000000000")
    assert (issyk_kul["activities"], issyk_kul["total"]) == (1, 4)
    assert figures["unplaced"]["activities"] == 1
    assert figures["totals"]["activities"] == 4 and figures["totals"]["total"] == 29
    assert figures["based_on"] == {"accepted": 1, "reports": 2, "under_review": 0}


def test_a_measure_naming_a_village_and_its_district_counts_once_in_the_region(
        world, figures_world):
    basis = basis_for(world.users["coordinator"], plan_id=figures_world["plan"].pk)
    figures = territory_figures(basis)
    # build_plan names Chui region itself on the measures numbered 2: none with one per objective.
    assert _row(figures, "KG08000000000")["measures"] == 1
    assert _row(figures, "KG02000000000")["measures"] == 0
    assert figures["totals"]["measures"] == 1


def test_drilling_into_a_region_gives_its_districts(world, figures_world):
    basis = basis_for(world.users["coordinator"], plan_id=figures_world["plan"].pk)
    figures = territory_figures(basis, region_code="KG08000000000")
    assert figures["region"]["code"] == "KG08000000000"
    assert [row["code"] for row in figures["regions"]] == ["KG08200000000"]
    district = figures["regions"][0]
    assert (district["activities"], district["total"], district["measures"]) == (2, 24, 1)
    # Issyk-Kul and the country-wide activity are outside the region.
    assert figures["unplaced"]["activities"] == 0
    assert figures["totals"]["activities"] == 2


def test_submitted_reports_count_only_when_a_coordinator_asks(world, figures_world):
    plan = figures_world["plan"]
    Report.objects.filter(plan=plan, organisation=world.other_kg_org).update(state="submitted")
    with_submitted = territory_figures(basis_for(world.users["coordinator"], plan_id=plan.pk,
                                                 include="submitted"))
    assert _row(with_submitted, "KG08000000000")["activities"] == 3
    observer = territory_figures(basis_for(world.users["observer"], plan_id=plan.pk,
                                           include="submitted"))
    assert _row(observer, "KG08000000000")["activities"] == 2


def test_the_query_count_does_not_grow_with_the_territories_and_activities(
        world, figures_world, django_assert_max_num_queries):
    plan = figures_world["plan"]
    basis = basis_for(world.users["coordinator"], plan_id=plan.pk)
    report = Report.objects.get(plan=plan, organisation=world.home_org)
    Report.objects.filter(pk=report.pk).update(state="draft")
    for n in range(10):
        place = TerritoryFactory(parent=figures_world["district"], level="municipality")
        _activity(report, place, n, 0, n)
    Report.objects.filter(pk=report.pk).update(state="accepted")
    with django_assert_max_num_queries(6):
        figures = territory_figures(basis)
    assert _row(figures, "KG08000000000")["activities"] == 12


def _api(world, role="coordinator", **params):
    return world.client(role).get(reverse("api-territory-figures"), params)


def test_api_returns_regions_with_counts_and_the_metric(world, figures_world):
    response = _api(world, plan=figures_world["plan"].pk, metric="women_share")
    assert response.status_code == 200
    body = response.json()
    assert body["metric"] == "women_share" and body["plan"] == figures_world["plan"].pk
    chui = next(r for r in body["regions"] if r["code"] == "KG08000000000")
    assert chui == {"code": "KG08000000000", "name": "Чуйская область", "activities": 2,
                    "women": 13, "men": 6, "not_recorded": 5, "total": 24, "measures": 1}


@pytest.mark.parametrize("params,field", [
    ({"region": "KG99"}, "region"), ({"metric": "money"}, "metric"),
    ({"period_from": "2024", "period_to": "2023"}, "period_from"),
    ({"include": "drafts"}, "include")])
def test_bad_parameters_are_400_naming_the_field(world, figures_world, params, field):
    response = _api(world, plan=figures_world["plan"].pk, **params)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_a_region_of_another_country_is_400_too(world, figures_world):
    TerritoryFactory(parent=world.kz, code="KZ01", country_code="KZ", name_ru="Абайская")
    assert _api(world, plan=figures_world["plan"].pk, region="KZ01").status_code == 400


def test_another_countrys_plan_is_404_in_the_api_and_the_page(world, figures_world):
    plan = figures_world["plan"].pk
    assert _api(world, "coordinator_kz", plan=plan).status_code == 404
    assert _api(world, plan=999_999).status_code == 404
    page = world.client("coordinator_kz").get(reverse("analytics:territories"), {"plan": plan})
    assert page.status_code == 404


def test_territory_routes_against_every_role(world, figures_world):
    plan = figures_world["plan"].pk
    api = f"{reverse('api-territory-figures')}?plan={plan}"
    assert_matrix(world, "get", api, expect(200, anonymous=API_ANON, coordinator_kz=404))
    page = f"{reverse('analytics:territories')}?plan={plan}"
    for method in ("get", "post"):
        assert_matrix(world, method, page, expect(200, anonymous=LOGIN, coordinator_kz=404))
    # The rows for the permission matrix, which reverses routes without a query string: the
    # page picks the country's first reportable plan (KZ has none: its empty state), the API
    # needs `plan` (400 naming it).
    for method in ("get", "post"):
        assert_matrix(world, method, reverse("analytics:territories"),
                      expect(200, anonymous=LOGIN))
    assert_matrix(world, "get", reverse("api-territory-figures"),
                  expect(400, anonymous=API_ANON))


def test_the_page_shows_the_map_and_the_table_and_drills_down(world, figures_world):
    client = world.client("coordinator")
    response = client.get(reverse("analytics:territories"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "Чуйская область" in html and "Иссык-Кульская" in html
    assert "region=KG08000000000" in html
    drilled = client.get(reverse("analytics:territories"),
                         {"plan": figures_world["plan"].pk, "region": "KG08000000000"})
    assert drilled.status_code == 200
    assert "Аламудунский район" in drilled.content.decode()
    assert len(drilled.content) < 200_000


def test_the_page_refuses_bad_parameters_with_400(world, figures_world):
    client = world.client("coordinator")
    for params in ({"region": "nowhere"}, {"metric": "money"}):
        response = client.get(reverse("analytics:territories"),
                              {"plan": figures_world["plan"].pk, **params})
        assert response.status_code == 400


def test_a_country_without_a_plan_shows_an_honest_empty_state(world):
    response = world.client("coordinator").get(reverse("analytics:territories"))
    assert response.status_code == 200
    assert "Нет утверждённых или действующих планов" in response.content.decode()


@pytest.mark.parametrize("metric", ["activities", "participants", "women_share", "measures"])
def test_every_metric_draws_at_both_levels(world, figures_world, metric):
    client = world.client("observer")
    # Issyk-Kul has no district at all: its map, and no empty district chart. The district
    # chart is drawn twice: wide, and narrow for phones.
    for region, charts in (("", 1), ("KG08000000000", 3), ("KG02000000000", 1)):
        response = client.get(reverse("analytics:territories"), {
            "plan": figures_world["plan"].pk, "metric": metric, "region": region})
        assert response.status_code == 200, (metric, region)
        assert response.content.decode().count("<svg") == charts
