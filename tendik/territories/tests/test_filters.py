import pytest

from tendik.territories.models import Territory
from tendik.testing.filters import assert_refused_by_api_and_shown_on_page, assert_same_rows

pytestmark = pytest.mark.django_db

TERRITORIES = {"page": "/territories/", "api": "/api/v1/territories/",
               "link": r"/territories/(\d+)/\""}


def test_territory_page_and_api_give_the_same_rows(world, client):
    region = Territory.objects.create(code="KG08000000000", level="region", parent=world.kg,
                                      country_code="KG", name_ru="Чуйская область")
    district = Territory.objects.create(code="KG08213000000", level="district", parent=region,
                                        country_code="KG", name_ru="Кеминский район")
    assert assert_same_rows(client, **TERRITORIES, params={"country": "kg", "level": "region"}) == {
        region.pk}
    assert assert_same_rows(client, **TERRITORIES, params={"parent": region.code}) == {
        district.pk}
    assert assert_same_rows(client, **TERRITORIES, params={"search": "Кемин"}) == {district.pk}


@pytest.mark.parametrize("params", [
    {"level": "planet"}, {"level": "\x00"}, {"country": "\x00"}, {"parent": "NOPE"},
    {"search": "\x00"},
])
def test_bad_territory_filters_are_refused_not_500(world, client, params):
    assert_refused_by_api_and_shown_on_page(client, **{k: TERRITORIES[k] for k in ("page", "api")},
                                            params=params)
