"""Open data worlds: the Open SDG and SDMX files of the fixtures (MIT, see
fixtures/opensdg/ATTRIBUTION.md), imported as the command imports them."""

from pathlib import Path

import pytest

from tendik.opendata.importing import opensdg_import
from tendik.territories.services import country_ensure

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "opensdg"
KZ = FIXTURES / "kz"
KG = FIXTURES / "kg"


def write_csv(folder: Path, name: str, text: str, *, encoding: str = "utf-8") -> Path:
    """A CSV file in a folder of its own, as an operator would hand it over."""
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def kz(db):
    return country_ensure(code="KZ")[0]


@pytest.fixture
def kg_country(db):
    return country_ensure(code="KG")[0]


@pytest.fixture
def kz_imported(kz):
    """The KZ goal-5 folder imported, its conflicting 5.5.2 rows resolved by the first value."""
    return opensdg_import(actor=None, country=kz, path=KZ, on_conflict="first")


@pytest.fixture
def kg_imported(kg_country):
    """The KG SDMX-ML folder imported with its structure definition."""
    return opensdg_import(actor=None, country=kg_country, path=KG / "data")
