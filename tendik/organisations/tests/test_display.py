import pytest
from django.utils import translation

from tendik.organisations.display import organisation_row, short_labels
from tendik.testing.factories import OrganisationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def test_a_shared_acronym_is_followed_by_the_territory_in_the_readers_language(world):
    chui = TerritoryFactory(parent=world.kg, code="KG08000000000", name_ru="Чуйская область",
                            name_en="Chui Region")
    talas = TerritoryFactory(parent=world.kg, code="KG07000000000", name_ru="Таласская область")
    offices = [OrganisationFactory(country=world.kg, territory=territory, acronym="ППП")
               for territory in (chui, talas)]
    ministry = OrganisationFactory(country=world.kg, acronym="МТСОиМ")
    rows = [organisation_row(o) for o in [*offices, ministry]]
    with translation.override("en"):
        labels = short_labels(rows)
    assert labels == {offices[0].pk: "ППП (Chui Region)", offices[1].pk: "ППП (Таласская область)",
                      ministry.pk: "МТСОиМ"}


def test_a_shared_acronym_without_territory_is_followed_by_the_full_name(world):
    first = OrganisationFactory(country=world.kg, acronym="ОФ", name_ru="Общественный фонд А")
    second = OrganisationFactory(country=world.kg, acronym="ОФ", name_ru="Общественный фонд Б")
    nameless = OrganisationFactory(country=world.kg, acronym="", name_ru="Без аббревиатуры",
                                   name_en="No acronym")
    with translation.override("en"):
        labels = short_labels([organisation_row(o) for o in (first, second, nameless)])
    assert labels == {first.pk: "ОФ (Общественный фонд А)", second.pk: "ОФ (Общественный фонд Б)",
                      nameless.pk: "No acronym"}
