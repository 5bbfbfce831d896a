import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tendik.organisations.models import Organisation
from tendik.partners.commitments import services
from tendik.plans.models import Dimension, DimensionValue, FrameworkItem
from tendik.plans.reference_data import load_reference_data
from tendik.testing.factories import OrganisationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def cedaw(db):
    if not FrameworkItem.objects.exists():  # a transactional test before this one flushed it
        load_reference_data(FrameworkItem, Dimension, DimensionValue)
    return FrameworkItem.objects.get(kind="cedaw_co", code="KGZ-2021-GBV")


@pytest.fixture
def cso(world) -> Organisation:
    return OrganisationFactory(country=world.kg, kind="cso", name_ru="ОО «Сезим»")


@pytest.fixture
def make(world):
    """A GBV-coalition commitment of the world's home organisation, made by `actor`."""

    def create(actor=None, **fields):
        values = {"country": world.kg, "made_by": world.home_org,
                  "framework": "generation_equality", "action_coalition": "gbv",
                  "action_area": "gbv-services", "title_ru": "Кризисные центры в каждой области",
                  "text_ru": "Открыть кризисные центры во всех областях",
                  "made_on": datetime.date(2021, 6, 30),
                  "target_date": datetime.date(2026, 12, 31), **fields}
        return services.commitment_create(actor=actor or world.users["coordinator"], **values)

    return create
