"""Round trip: what Tendik exports in Open SDG and SDMX-ML form imports back to the same values,
and exporting those again writes the same files."""

import io

import pytest
from django.core.management import call_command

from tendik.opendata.importing import opensdg_import
from tendik.territories.services import country_ensure

pytestmark = pytest.mark.django_db


def export(country: str, folder, *options) -> dict[str, bytes]:
    call_command("export_opensdg", "--country", country, str(folder), *options, stdout=io.StringIO())
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.suffix == ".csv"}


def test_reimporting_our_own_csv_and_sdmx_export_changes_nothing(kz_imported, kz, tmp_path):
    export("KZ", tmp_path, "--sdmx")
    result = opensdg_import(actor=None, country=kz, path=tmp_path)
    assert result.errors == []
    # Each value twice, once from the CSV and once from the SDMX-ML file.
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2 * kz_imported.created)


def test_export_import_export_into_another_country_writes_the_same_files(kz_imported, tmp_path):
    first = export("KZ", tmp_path / "kz")
    uzbekistan, _ = country_ensure(code="UZ")
    result = opensdg_import(actor=None, country=uzbekistan, path=tmp_path / "kz")
    assert result.errors == [] and result.created == kz_imported.created
    assert export("UZ", tmp_path / "uz") == first
