import pytest

from tendik.organisations.filters import OrganisationFilterSet
from tendik.organisations.selectors import organisation_list
from tendik.testing.factories import OrganisationFactory, PersonFactory, TerritoryFactory
from tendik.testing.filters import assert_refused_by_api_and_shown_on_page, assert_same_rows

pytestmark = pytest.mark.django_db

ORGANISATIONS = {"page": "/organisations/", "api": "/api/v1/organisations/",
                 "link": r"/organisations/(\d+)/\""}


@pytest.fixture
def regions(world):
    region = TerritoryFactory(parent=world.kg, level="region", name_ru="Чуйская область")
    district = TerritoryFactory(parent=region, level="district", name_ru="Аламудунский район")
    municipality = TerritoryFactory(parent=district, level="municipality", name_ru="Ала-Арча")
    return region, district, municipality


def test_organisation_page_and_api_give_the_same_rows(world, regions):
    region, district, municipality = regions
    village = OrganisationFactory(country=world.kg, kind="lsg", territory=municipality,
                                  name_ru="Айыл окмоту Ала-Арча")
    oblast = OrganisationFactory(country=world.kg, kind="state_agency", territory=region)
    client = world.client("coordinator")
    assert assert_same_rows(client, **ORGANISATIONS, params={"territory": region.code}) == {
        village.pk, oblast.pk}
    assert assert_same_rows(client, **ORGANISATIONS, params={"territory": district.code}) == {
        village.pk}
    assert assert_same_rows(client, **ORGANISATIONS, params={"kind": "lsg", "country": "kg"}) == {
        village.pk}
    assert assert_same_rows(client, **ORGANISATIONS, params={"search": "ала-арча"}) == {
        village.pk}


def test_territory_filter_offers_regions_and_districts_of_the_users_country_by_name(
        world, regions):
    region, district, municipality = regions
    foreign = TerritoryFactory(parent=world.kz, level="region", code="KZ00000000001")
    page = world.client("coordinator").get(ORGANISATIONS["page"]).content.decode()
    assert f'value="{region.code}">Чуйская область<' in page
    assert f'value="{district.code}">Аламудунский район<' in page
    assert municipality.code not in page and foreign.code not in page


@pytest.mark.parametrize("params", [
    {"territory": "NOPE"}, {"territory": "\x00"}, {"kind": "\x00"}, {"country": "XX"},
    {"search": "a\x00b"},
])
def test_bad_organisation_filters_are_refused_not_500(world, params):
    assert_refused_by_api_and_shown_on_page(world.client("coordinator"), page=ORGANISATIONS["page"],
                                            api=ORGANISATIONS["api"], params=params)


def test_a_filterset_never_widens_the_scope_it_is_given(world):
    scoped = organisation_list(user=world.users["coordinator"])
    assert not OrganisationFilterSet({"country": "KZ"}, queryset=scoped).qs.exists()


def test_people_page_and_api_give_the_same_rows(world):
    focal = PersonFactory(organisation=world.home_org, is_focal_point=True, sex="female")
    PersonFactory(organisation=world.home_org, is_focal_point=False, sex="male")
    other = PersonFactory(organisation=world.other_kg_org, is_focal_point=True, sex="female")
    client = world.client("coordinator")
    people = {"page": "/organisations/people/", "api": "/api/v1/people/",
              "link": r"/organisations/people/(\d+)/\""}
    assert assert_same_rows(client, **people, params={"focal_point": "true", "sex": "female"}) == {
        focal.pk, other.pk}
    assert assert_same_rows(client, **people, params={
        "organisation": world.other_kg_org.pk}) == {other.pk}
    for params in ({"organisation": "abc"}, {"organisation": world.kz_org.pk},
                   {"organisation": "99999999999999999999"}, {"sex": "\x00"}):
        assert_refused_by_api_and_shown_on_page(client, page=people["page"], api=people["api"],
                                                params=params)


def test_users_page_and_api_give_the_same_rows(world):
    client = world.client("coordinator")
    users = {"page": "/organisations/users/", "api": "/api/v1/users/",
             "link": r"/organisations/users/(\d+)/\""}
    assert assert_same_rows(client, **users, params={"role": "observer"}) == {
        world.users["observer"].pk}
    assert assert_same_rows(client, **users, params={"search": "focal"}) == {
        world.users["focal_point"].pk}
    assert_refused_by_api_and_shown_on_page(client, page=users["page"], api=users["api"],
                                            params={"role": "king"})
