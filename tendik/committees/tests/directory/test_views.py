"""The help-services pages: the list and its query count, the form that keeps what was typed,
and the public page «Куда обратиться»: hotlines on top, nearest services first, phones to dial,
no shelter's address, a region and a district chosen without JavaScript."""

import pytest
from django.urls import reverse

from tendik.committees.models import HelpService

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_costs_the_same_queries_whatever_the_rows(world, place, make, count,
                                                            django_assert_max_num_queries):
    for number in range(count):
        make(name_ru=f"Центр № {number}", territories=[place.district], is_demo=number == 0)
    client = world.client("coordinator")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("help_services:list"))
    body = response.content.decode()
    assert response.status_code == 200 and body.count('class="card help-service"') == count
    assert "психологическая помощь" in body and "демонстрационные данные" in body


def test_the_list_filters_by_service(world, make):
    make(name_ru="Убежище «Сезим»", services=["shelter"], shelter_beds=10)
    make(name_ru="Юристы")
    body = world.client("observer").get(reverse("help_services:list"),
                                        {"service": "shelter"}).content.decode()
    assert "Убежище «Сезим»" in body and "Юристы" not in body


def _form(world, place, **fields) -> dict:
    return {"country": world.kg.pk, "organisation": world.home_org.pk,
            "name_ru": "Кризисный центр «Тендеш»", "services": ["legal", "psychological"],
            "phone": "+996 312 00-00-00", "languages": ["ru"], "shelter_beds": "",
            "territories": [place.district.pk], "is_active": "on", **fields}


def test_a_coordinator_adds_a_service_through_the_form(world, place):
    response = world.client("coordinator").post(reverse("help_services:add"),
                                                _form(world, place))
    service = HelpService.objects.get()
    assert response.status_code == 302 and response.url == reverse("help_services:detail",
                                                                   args=[service.pk])
    assert list(service.territories.all()) == [place.district] and service.is_active


def test_a_refused_form_keeps_what_was_typed_with_the_error_beside_its_field(world, place):
    response = world.client("coordinator").post(reverse("help_services:add"), _form(
        world, place, shelter_beds="4", accessibility="Пандус у входа"))
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["shelter_beds"]
    assert form["accessibility"].value() == "Пандус у входа"
    assert "Пандус у входа" in response.content.decode() and not HelpService.objects.exists()


def test_the_edit_form_saves_with_the_version_it_was_read_at(world, place, make):
    service = make(territories=[place.district])
    client = world.client("partner")  # its organisation runs the service
    page = client.get(reverse("help_services:edit", args=[service.pk]))
    assert "organisation" not in page.context["form"].fields
    data = _form(world, place, version=1, hours="9:00–18:00")
    assert client.post(reverse("help_services:edit", args=[service.pk]), data).status_code == 302
    stale = client.post(reverse("help_services:edit", args=[service.pk]),
                        {**data, "hours": "10:00"})
    assert stale.status_code == 400 and "другой пользователь" in stale.content.decode()


@pytest.fixture
def public(world, place, make):
    return {
        "hotline": make(name_ru="Телефон доверия 111", services=["hotline"],
                        national_hotline=True, phone="111", languages=["ky", "ru", "uz"]),
        "shelter": make(name_ru="Убежище «Сезим»", services=["shelter"], shelter_beds=14,
                        territories=[place.district], accessibility="Вход без ступеней"),
        "region": make(name_ru="Областной центр", territories=[place.region],
                       address_public="г. Бишкек, ул. Киевская, 96"),
    }


def test_a_district_shows_the_hotline_first_then_the_nearest_services(world, place, public):
    response = world.client("anonymous").get(reverse("help:index"), {"territory": "KG-C-ALA"})
    body = response.content.decode()
    assert response.status_code == 200
    positions = [body.index(name) for name in ("Телефон доверия 111", "Убежище «Сезим»",
                                               "Областной центр")]
    assert positions == sorted(positions)
    assert 'href="tel:111"' in body and 'href="tel:+99631262-3300"' not in body
    assert 'href="tel:+996312623300"' in body
    assert "кыргызский, русский, узбекский" in body and "Вход без ступеней" in body
    assert "убежище" in body and "14" in body and "г. Бишкек, ул. Киевская, 96" in body
    assert "<img" not in body and len(body) < 20_000


def test_a_shelters_address_is_never_shown(world, place, public):
    HelpService.objects.filter(pk=public["shelter"].pk).update(address_public="ул. Тайная, 7")
    body = world.client("anonymous").get(reverse("help:index"),
                                         {"territory": "KG-C-ALA"}).content.decode()
    assert "ул. Тайная, 7" not in body


def test_the_hotlines_are_shown_with_no_place_chosen(world, place, public):
    body = world.client("anonymous").get(reverse("help:index")).content.decode()
    assert "Телефон доверия 111" in body and "Убежище «Сезим»" not in body
    assert "Чуйская" in body and "Аламудунский район" not in body  # districts come with a region


def test_a_region_then_its_district_are_chosen_with_a_plain_form(world, place, public):
    client = world.client("anonymous")
    region = client.get(reverse("help:index"), {"region": "KG-C"}).content.decode()
    assert "Аламудунский район" in region and "Ак-Суйский район" not in region
    assert "Областной центр" in region and "Убежище «Сезим»" not in region
    district = client.get(reverse("help:index"),
                          {"region": "KG-C", "district": "KG-C-ALA"}).content.decode()
    assert "Убежище «Сезим»" in district
    moved = client.get(reverse("help:index"),
                       {"region": "KG-Y", "district": "KG-C-ALA"}).content.decode()
    assert "Убежище «Сезим»" not in moved and "Ак-Суйский район" in moved


@pytest.mark.parametrize("params", [{"territory": "NOWHERE"}, {"region": "KG-Q"},
                                    {"territory": "KG"}])
def test_an_unknown_territory_is_a_404(world, place, params):
    assert world.client("anonymous").get(reverse("help:index"), params).status_code == 404


@pytest.mark.parametrize("count", [1, 12])
def test_the_public_page_costs_the_same_queries_whatever_the_rows(
        world, place, make, count, django_assert_max_num_queries):
    for number in range(count):
        make(name_ru=f"Центр № {number}", territories=[place.municipality])
    with django_assert_max_num_queries(6):
        response = world.client("anonymous").get(reverse("help:index"),
                                                 {"territory": "KG-C-ALA-1"})
    assert response.content.decode().count('class="card help-service"') == count
