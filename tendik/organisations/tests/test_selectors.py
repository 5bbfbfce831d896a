import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tendik.organisations.selectors import (
    organisation_list,
    people_visible_to,
    users_visible_to,
)
from tendik.testing.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_registry_is_scoped_to_the_users_country(world):
    international = OrganisationFactory(country=None, kind="international")
    kg_view = set(organisation_list(user=world.users["focal_point"]))
    assert {world.home_org, world.other_kg_org, international} <= kg_view
    assert world.kz_org not in kg_view
    assert world.home_org not in set(organisation_list(user=world.users["coordinator_kz"]))
    assert world.kz_org in set(organisation_list(user=world.users["admin"]))


def test_people_are_scoped_by_role(world):
    own = PersonFactory(organisation=world.home_org)
    other = PersonFactory(organisation=world.other_kg_org)
    foreign = PersonFactory(organisation=world.kz_org)
    assert set(people_visible_to(world.users["focal_point"])) == {own}
    assert set(people_visible_to(world.users["coordinator"])) == {own, other}
    assert set(people_visible_to(world.users["coordinator_kz"])) == {foreign}


def test_only_managers_see_user_accounts(world):
    with pytest.raises(PermissionDenied):
        users_visible_to(world.users["observer"])
    assert world.users["coordinator_kz"] not in set(users_visible_to(world.users["coordinator"]))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_and_detail_pages_use_a_constant_number_of_queries(world):
    client = world.client("coordinator")
    list_url = reverse("organisations:list") + "?search=министерство&kind=ministry"
    detail_url = reverse("organisations:detail", args=[world.home_org.pk])
    _queries(client, list_url), _queries(client, detail_url)  # warm caches (content types)
    few_list, few_detail = _queries(client, list_url), _queries(client, detail_url)
    for _ in range(30):
        organisation = OrganisationFactory(country=world.kg)
        PersonFactory.create_batch(2, organisation=organisation)
    PersonFactory.create_batch(20, organisation=world.home_org)
    assert _queries(client, list_url) == few_list
    assert _queries(client, detail_url) == few_detail
    assert few_list <= 12 and few_detail <= 14
