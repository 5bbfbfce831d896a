"""An organisation stays in its own country's territories: service, API and import."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tendik.core.errors import DomainError
from tendik.organisations import services
from tendik.organisations.services import directory_import_xlsx
from tendik.testing.factories import TerritoryFactory

from .test_directory_import import org_row, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(world):
    return (TerritoryFactory(parent=world.kg, code="KG-CHUY"),
            TerritoryFactory(parent=world.kz, code="KZ-ALM"))


def test_a_kg_organisation_cannot_be_placed_in_a_kz_territory(world, regions):
    kg_region, kz_region = regions
    coordinator = world.users["coordinator"]
    with pytest.raises(DomainError) as error:
        services.organisation_create(actor=coordinator, kind="cso", name_ru="ОО", country=world.kg,
                                     territory=kz_region)
    assert error.value.errors[0]["field"] == "territory"
    created = services.organisation_create(actor=coordinator, kind="cso", name_ru="ОО",
                                           country=world.kg, territory=kg_region)
    with pytest.raises(DomainError):
        services.organisation_update(organisation=created, actor=coordinator, territory=kz_region)
    with pytest.raises(DomainError):  # nor moved to another country while its territory stays
        services.organisation_update(organisation=created, actor=world.users["admin"],
                                     country=world.kz)


def test_the_api_answers_400_naming_the_territory(world, regions):
    client = APIClient()
    client.force_authenticate(world.users["coordinator"])
    response = client.post(reverse("organisation-list"), {
        "kind": "cso", "name_ru": "ОО", "country": "KG", "territory": "KZ-ALM"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "territory"


def test_the_directory_import_refuses_a_foreign_territory(world, regions):
    content = workbook([org_row("ОО «Ак-Ниет»", territory="KZ-ALM")])
    with pytest.raises(DomainError) as error:
        directory_import_xlsx(actor=world.users["coordinator"], content=content)
    assert "KZ-ALM" in error.value.errors[0]["message"]
