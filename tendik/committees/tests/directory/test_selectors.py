"""Who sees which services, and the public's answer for a place: the national hotlines first,
then the services covering it, nearest level first, in two queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tendik.committees.directory.selectors import (
    help_services_visible_to,
    services_for_territory,
)
from tendik.committees.tests.factories import HelpServiceFactory
from tendik.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(world, place):
    def service(name, *territories, **fields):
        row = HelpServiceFactory(country=world.kg, organisation=world.home_org, name_ru=name,
                                 **fields)
        row.territories.set(territories)
        return row

    return {
        "hotline": service("Телефон доверия 111", services="hotline", national_hotline=True),
        "country": service("Республиканский центр", world.kg),
        "region": service("Областной центр", place.region),
        "district_b": service("Сезим", place.district),
        "district_a": service("Ак-Журок", place.district, place.region),
        "municipality": service("Айыльный пункт", place.municipality),
        "elsewhere": service("Иссык-Кульский центр", place.other_region),
        "closed": service("Закрытый центр", place.district, is_active=False),
        "kz_hotline": HelpServiceFactory(
            country=world.kz, services="hotline", national_hotline=True, name_ru="Линия 150",
            organisation=OrganisationFactory(country=world.kz)),
    }


def _names(rows) -> list[str]:
    return [row.name_ru for row in rows]


def test_a_district_gets_the_hotline_then_district_region_and_country_services(
        world, place, network):
    assert _names(services_for_territory(place.district)) == [
        "Телефон доверия 111", "Ак-Журок", "Сезим", "Областной центр", "Республиканский центр"]


def test_a_municipality_gets_its_own_service_first(world, place, network):
    assert _names(services_for_territory(place.municipality))[:3] == [
        "Телефон доверия 111", "Айыльный пункт", "Ак-Журок"]


def test_a_region_gets_no_service_of_its_districts(world, place, network):
    assert _names(services_for_territory(place.region)) == [
        "Телефон доверия 111", "Ак-Журок", "Областной центр", "Республиканский центр"]


def test_the_hotlines_are_there_for_a_place_without_local_services_and_without_a_place(
        world, place, network):
    assert _names(services_for_territory(place.other_district)) == [
        "Телефон доверия 111", "Иссык-Кульский центр", "Республиканский центр"]
    assert _names(services_for_territory(None)) == ["Телефон доверия 111", "Линия 150"]
    assert _names(services_for_territory(place.kz_region)) == ["Линия 150"]


@pytest.mark.parametrize("extra", [0, 15])
def test_the_answer_costs_two_queries_whatever_the_rows(world, place, network, extra):
    for number in range(extra):
        HelpServiceFactory(country=world.kg, organisation=world.home_org,
                           name_ru=f"Центр {number}").territories.set([place.district])
    with CaptureQueriesContext(connection) as queries:
        found = services_for_territory(place.district)
        [(row.name, row.service_list, row.phone) for row in found]
    assert len(found) == 5 + extra and len(queries) == 2


def test_scope_admin_all_signed_in_their_country_public_the_active(world, network):
    everything = set(network.values())
    kg = everything - {network["kz_hotline"]}
    assert set(help_services_visible_to(world.users["admin"])) == everything
    assert set(help_services_visible_to(world.users["observer"])) == kg
    assert set(help_services_visible_to(world.users["coordinator_kz"])) == {network["kz_hotline"]}
    assert set(help_services_visible_to(None)) == everything - {network["closed"]}
