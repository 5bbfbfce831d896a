"""A small piece of Kyrgyzstan's territory tree and the help services that serve it."""

from dataclasses import dataclass

import pytest

from tendik.committees.directory import services
from tendik.testing.factories import OrganisationFactory, TerritoryFactory


@dataclass
class Place:
    region: object
    district: object
    municipality: object
    other_region: object
    other_district: object
    kz_region: object


@pytest.fixture
def place(world) -> Place:
    region = TerritoryFactory(parent=world.kg, level="region", code="KG-C", name_ru="Чуйская")
    district = TerritoryFactory(parent=region, level="district", code="KG-C-ALA",
                                name_ru="Аламудунский район")
    municipality = TerritoryFactory(parent=district, level="municipality", code="KG-C-ALA-1",
                                    name_ru="Таш-Добо")
    other_region = TerritoryFactory(parent=world.kg, level="region", code="KG-Y",
                                    name_ru="Иссык-Кульская")
    other_district = TerritoryFactory(parent=other_region, level="district", code="KG-Y-AK",
                                      name_ru="Ак-Суйский район")
    kz_region = TerritoryFactory(parent=world.kz, level="region", code="KZ-ALM",
                                 name_ru="Алматинская", country_code="KZ")
    return Place(region, district, municipality, other_region, other_district, kz_region)


@pytest.fixture
def crisis_centre(world):
    return OrganisationFactory(country=world.kg, kind="crisis_centre", name_ru="ОО «Сезим»")


@pytest.fixture
def make(world):
    """A help service of the world's home organisation in Kyrgyzstan, saved by `actor`."""

    def create(actor=None, **fields):
        values = {"organisation": world.home_org, "country": world.kg,
                  "name_ru": "Кризисный центр «Ак-Журок»", "services": ["psychological", "legal"],
                  "phone": "+996 312 62-33-00", "hours": "круглосуточно",
                  "languages": ["ru", "ky"], **fields}
        return services.help_service_create(actor=actor or world.users["coordinator"], **values)

    return create
