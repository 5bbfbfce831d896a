import pytest
from django.urls import reverse

from tendik.testing.factories import OrganisationFactory, TerritoryFactory
from tendik.testing.filters import (
    api_ids,
    assert_refused_by_api_and_shown_on_page,
    assert_same_rows,
    html_ids,
)

from .factories import open_period

pytestmark = pytest.mark.django_db

REPORT_LINK = r'data-report="(\d+)"'


def test_dashboard_and_reports_api_give_the_same_reports(world):
    _plan, period, report, _indicator, _ = open_period(world)
    client = world.client("coordinator")
    page = reverse("reporting:dashboard", args=[period.pk])
    for params in ({}, {"kind": world.home_org.kind}, {"state": "draft"}, {"state": "accepted"}):
        rows = html_ids(client, page, params, REPORT_LINK)
        assert rows == api_ids(client, reverse("report-list"), {**params, "period": period.pk})
    assert report.pk in html_ids(client, page, {"state": "draft"}, REPORT_LINK)


def test_dashboard_territory_is_a_region_by_name_that_finds_municipal_organisations(world):
    _plan, period, report, _indicator, _ = open_period(world)
    region = TerritoryFactory(parent=world.kg, level="region", name_ru="Нарынская область")
    district = TerritoryFactory(parent=region, level="district", name_ru="Ат-Башинский район")
    municipality = TerritoryFactory(parent=district, level="municipality")
    report.organisation.territory = municipality
    report.organisation.save()
    OrganisationFactory(country=world.kg, territory=region)
    client = world.client("coordinator")
    page = reverse("reporting:dashboard", args=[period.pk])
    assert f'value="{region.code}">Нарынская область<' in client.get(page).content.decode()
    assert assert_same_rows(client, page=page, api=reverse("report-list"), link=REPORT_LINK,
                            params={"territory": region.code}) == {report.pk}


@pytest.mark.parametrize("params", [{"territory": "NOPE"}, {"kind": "\x00"},
                                    {"state": "lost"}])
def test_bad_report_filters_are_refused_not_500(world, params):
    _plan, period, _report, _indicator, _ = open_period(world)
    assert_refused_by_api_and_shown_on_page(
        world.client("coordinator"), page=reverse("reporting:dashboard", args=[period.pk]),
        api=reverse("report-list"), params=params)


@pytest.mark.parametrize("params", [{"period": "abc"}, {"period": "\x00"}])
def test_bad_report_period_is_400(world, params):
    response = world.client("coordinator").get(reverse("report-list"), params)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "period"


def test_another_countrys_period_is_not_a_valid_filter(world):
    _plan, period, _report, _indicator, _ = open_period(world)
    response = world.client("coordinator_kz").get(reverse("report-list"), {"period": period.pk})
    assert response.status_code == 400


def test_periods_page_and_api_give_the_same_periods(world):
    plan, period, _report, _indicator, _ = open_period(world)
    client = world.client("coordinator")
    periods = {"page": reverse("reporting:periods"), "api": reverse("period-list"),
               "link": r"/reports/periods/(\d+)/\""}
    assert assert_same_rows(client, **periods, params={"plan": plan.pk, "state": "open"}) == {
        period.pk}
    assert assert_same_rows(client, **periods, params={"kind": "quarter"}) == set()
    for params in ({"plan": "abc"}, {"state": "\x00"}):
        assert_refused_by_api_and_shown_on_page(client, page=periods["page"], api=periods["api"],
                                                params=params)
