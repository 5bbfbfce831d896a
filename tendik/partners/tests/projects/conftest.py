import datetime
from decimal import Decimal

import pytest

from tendik.partners.projects import services
from tendik.testing.factories import OrganisationFactory


@pytest.fixture
def donor(world):
    """An international donor (no country), like UN Women."""
    return OrganisationFactory(country=None, kind="international", name_ru="ООН-Женщины")


def project_data(world, donor, **overrides) -> dict:
    data = {
        "country": "KG", "title_ru": "Право на жизнь без насилия",
        "period_start": datetime.date(2024, 1, 1), "period_end": datetime.date(2026, 12, 31),
        "partners": [{"organisation": donor.pk, "role": "donor"},
                     {"organisation": world.home_org.pk, "role": "counterpart"}],
        "budget": [{"year": 2024, "amount": Decimal("100000"), "currency": "USD",
                    "source": "donor"},
                   {"year": 2025, "amount": "250000.50", "currency": "kgs",
                    "source": "republican"}],
    }
    data.update(overrides)
    return data


def make_project(world, donor, actor="coordinator", **overrides):
    return services.project_create(actor=world.users[actor],
                                   **project_data(world, donor, **overrides))
