"""The help-services API: the list's items, its filters (a territory lists what covers it, and
the hotlines), adding and changing a service, and refusals naming the field."""

import pytest
from django.urls import reverse

from tendik.committees.models import HelpService

pytestmark = pytest.mark.django_db

LIST = "/api/v1/help-services/"


@pytest.fixture
def rows(world, place, make):
    return {
        "hotline": make(name_ru="Телефон доверия 111", services=["hotline"],
                        national_hotline=True, phone="111"),
        "district": make(name_ru="Сезим", services=["shelter", "psychological"],
                         shelter_beds=12, territories=[place.district]),
        "region": make(name_ru="Областной центр", territories=[place.region]),
        "elsewhere": make(name_ru="Иссык-Кульский центр", territories=[place.other_region]),
    }


def _names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["name"] for item in response.json()["results"]}


def test_an_item_has_the_contracts_fields(world, place, rows):
    response = world.client("anonymous").get(LIST, {"q": "Сезим"})
    item = response.json()["results"][0]
    assert item["organisation"] == {"id": world.home_org.pk, "name": world.home_org.name,
                                    "acronym": "МТСОиМ"}
    assert item["services"] == [{"code": "shelter", "label": "убежище"},
                                {"code": "psychological", "label": "психологическая помощь"}]
    assert (item["shelter_beds"], item["territories"], item["languages"]) == (
        12, ["KG-C-ALA"], ["ru", "ky"])
    assert {"id", "hours", "phone", "accessibility", "national_hotline", "is_active",
            "version"} <= set(item)


def test_a_territory_lists_what_covers_it_and_the_hotlines(world, place, rows):
    client = world.client("anonymous")
    assert _names(client.get(LIST, {"territory": "KG-C-ALA-1"})) == {
        "Телефон доверия 111", "Сезим", "Областной центр"}
    assert _names(client.get(LIST, {"territory": "KG-Y"})) == {
        "Телефон доверия 111", "Иссык-Кульский центр"}


def test_filters_by_service_country_and_text(world, rows):
    client = world.client("coordinator")
    assert _names(client.get(LIST, {"service": "shelter"})) == {"Сезим"}
    assert _names(client.get(LIST, {"country": "KZ"})) == set()
    assert _names(client.get(LIST, {"q": "Областной"})) == {"Областной центр"}


def test_an_unknown_territory_or_service_is_a_400_naming_it(world, rows):
    client = world.client("anonymous")
    for params, field in (({"territory": "XX-0"}, "territory"), ({"service": "spa"}, "service")):
        response = client.get(LIST, params)
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == field


def test_a_coordinator_adds_a_service(world, place):
    response = world.client("coordinator").post(LIST, {
        "country": "KG", "organisation": world.home_org.pk, "name_ru": "Тендеш",
        "services": ["legal"], "phone": "+996 312 00-00-00", "languages": ["ky"],
        "territories": ["KG-C-ALA"]}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["territories"] == ["KG-C-ALA"] and response.json()["version"] == 1
    assert HelpService.objects.get().name_ru == "Тендеш"


@pytest.mark.parametrize("body,field", [
    ({"services": ["legal"], "shelter_beds": 4}, "shelter_beds"),
    ({"services": ["legal"], "territories": ["NOWHERE"]}, "territories"),
    ({"services": ["spa"]}, "services.0"),
    ({"services": ["legal"], "phone": "не знаю"}, "phone"),
])
def test_bad_input_is_a_400_naming_the_field(world, place, body, field):
    response = world.client("coordinator").post(LIST, {
        "country": "KG", "organisation": world.home_org.pk, "name_ru": "Тендеш",
        "phone": "+996 312 00-00-00", **body}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    assert not HelpService.objects.exists()


def test_patch_needs_the_current_version(world, rows):
    url = reverse("help-service-detail", args=[rows["region"].pk])
    client = world.client("partner")  # its organisation runs the service
    response = client.patch(url, {"version": 1, "hours": "9:00–18:00"},
                            content_type="application/json")
    assert response.status_code == 200 and response.json()["version"] == 2
    stale = client.patch(url, {"version": 1, "hours": "10:00"}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current"] == {"version": 2}


def test_the_public_never_sees_an_inactive_service(world, rows):
    HelpService.objects.filter(pk=rows["region"].pk).update(is_active=False)
    assert "Областной центр" not in _names(world.client("anonymous").get(LIST))
    assert "Областной центр" in _names(world.client("observer").get(LIST))


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_costs_the_same_queries_whatever_the_rows(world, place, make, count,
                                                            django_assert_max_num_queries):
    for number in range(count):
        make(name_ru=f"Центр {number}", territories=[place.district, place.region])
    client = world.client("coordinator")
    with django_assert_max_num_queries(10):
        response = client.get(LIST)
    assert len(response.json()["results"]) == count
