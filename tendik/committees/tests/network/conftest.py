import datetime
from types import SimpleNamespace

import pytest

from tendik.committees.tests.factories import CommitteeFactory
from tendik.testing.factories import OrganisationFactory, TerritoryFactory

DAY = datetime.date(2025, 3, 4)


def build_tree(country, municipalities: int = 3):
    """A region with one district and its municipalities, each with its ОМСУ."""
    region = TerritoryFactory(parent=country, level="region", name_ru="Чуйская область")
    district = TerritoryFactory(parent=region, level="district", name_ru="Аламудунский район")
    places = [TerritoryFactory(parent=district, level="municipality",
                               name_ru=f"Айыльный аймак {n}") for n in range(municipalities)]
    omsu = [OrganisationFactory(country=country, kind="lsg", territory=place,
                                name_ru=f"Айыл окмоту {place.name_ru} ({place.code})") for place in places]
    return SimpleNamespace(region=region, district=district, municipalities=places, omsu=omsu)


@pytest.fixture
def tree(world):
    return build_tree(world.kg)


@pytest.fixture
def committee(world, tree):
    """The world users' organisation keeps this committee: the `committee` user is its
    secretary."""
    return CommitteeFactory(country=world.kg, organisation=world.home_org,
                            territory=tree.municipalities[0])


@pytest.fixture
def other_committee(world, tree):
    return CommitteeFactory(country=world.kg, organisation=tree.omsu[1],
                            territory=tree.municipalities[1])
