"""Exports of an indicator's public rows: Open SDG CSV, JSON, XLSX, SDMX-ML; the round trip
through the importer; small cells and unpublished values in none of them."""

import csv
import io
import json

import openpyxl
import pytest
import sdmx
from django.utils import translation

from tendik.opendata.archive import country_files
from tendik.opendata.exporting import csv_bytes, json_document, table_of, xlsx_bytes
from tendik.opendata.importing import opensdg_import
from tendik.opendata.models import SourceFile, StatValue
from tendik.opendata.sdmx_write import data_bytes, structure_bytes
from tendik.opendata.selectors import published_indicators
from tendik.plans.models import Indicator
from tendik.reporting.models import Observation
from tendik.territories.services import country_ensure

from .conftest import write_csv
from .fixtures_public import public_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_open_sdg_csv_has_year_dimensions_and_value_with_blank_for_totals(public):
    assert csv_bytes(table_of(public.violence)).decode() == (
        "Year,SEX,Value\n2022,,12\n2023,,20\n2023,F,14\n2023,M,6\n")
    assert csv_bytes(table_of(public.share)) == b"Year,Value\n2022,24.5\n2023,28\n"


def test_csv_names_a_dimension_as_the_source_did_and_keeps_values_as_found(tmp_path, kz):
    folder = tmp_path / "in"
    folder.mkdir()
    write_csv(folder, "indicator_9-9-9.csv", "\ufeffYear,Units,Sex,Value\n"
              "2020,PT,,40.10\n2020,PT,F,41.50\n2021,PT,,1e1\n")
    opensdg_import(actor=None, country=kz, path=folder)
    indicator = published_indicators(kz).get(code="9.9.9")
    assert csv_bytes(table_of(indicator)).decode() == (
        "Year,UNIT_MEASURE,Sex,Value\n2020,PT,,40.10\n2021,PT,,1e1\n2020,PT,F,41.50\n")


def test_json_has_codes_labels_in_the_language_metadata_licence_and_source(public):
    with translation.override("en"):
        document = json_document(table_of(public.violence))
    assert document["indicator"]["title"] == "People who sought help"
    assert document["licence"] == {"id": "CC-BY-4.0",
                                   "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert document["dimensions"] == [{"code": "sex", "column": "SEX", "label": "Sex"}]
    assert document["rows"][2] == {
        "year": 2023, "series": "", "unit": "", "value": 14.0, "text": "14",
        "source": "reported",
        "dimensions": [{"dimension": "sex", "code": "F", "label": "women"}]}


def test_xlsx_has_numbers_as_numbers_and_an_about_sheet_with_the_licence(public):
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(table_of(public.violence))))
    assert book.sheetnames == ["data", "about"]
    rows = list(book["data"].values)
    assert rows[0] == ("Year", "SEX", "Value", "source")
    assert rows[1] == (2022, None, 12, "reported")
    about = {row[0]: row[1] for row in book["about"].values}
    assert about["Лицензия"].startswith("CC-BY-4.0 https://creativecommons.org/")


def _read_sdmx(tmp_path, table) -> dict:
    structure, data = tmp_path / "structure.xml", tmp_path / "data.xml"
    structure.write_bytes(structure_bytes([table]))
    data.write_bytes(data_bytes(table))
    dsd = next(iter(sdmx.read_sdmx(structure).structure.values()))
    message = sdmx.read_sdmx(data, structure=dsd)
    return {(tuple(sorted((k, str(v.value)) for k, v in obs.series_key.values.items())),
             str(obs.dimension.values["TIME_PERIOD"].value)): str(obs.value)
            for obs in message.data[0].obs}


def test_sdmx_data_is_read_back_by_sdmx1_with_its_structure(tmp_path, public):
    observations = _read_sdmx(tmp_path, table_of(public.violence))
    assert observations == {
        ((("REF_AREA", "KG"), ("SEX", "_T")), "2022"): "12",
        ((("REF_AREA", "KG"), ("SEX", "_T")), "2023"): "20",
        ((("REF_AREA", "KG"), ("SEX", "F")), "2023"): "14",
        ((("REF_AREA", "KG"), ("SEX", "M")), "2023"): "6"}


def _values(content: bytes) -> list[str]:
    return [row["Value"] for row in csv.DictReader(io.StringIO(content.decode()))]


def test_small_cells_and_unpublished_values_are_in_no_format(tmp_path, public):
    table = table_of(public.violence)
    assert "3" not in _values(csv_bytes(table)) and "9" not in _values(csv_bytes(table))
    assert "12" in _values(csv_bytes(table))
    assert {row["text"] for row in json_document(table)["rows"]} == {"12", "20", "14", "6"}
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(table)))
    assert sorted(row[-2] for row in list(book["data"].values)[1:]) == [6, 12, 14, 20]
    assert sorted(_read_sdmx(tmp_path, table).values()) == ["12", "14", "20", "6"]
    everything = b"".join(csv_bytes(table_of(i)) + json.dumps(json_document(table_of(i))).encode()
                          for i in published_indicators(public.plan.country))
    assert not any(value.encode() in everything for value in ("777", "778", "779", "881"))
    assert public.hidden not in published_indicators(public.plan.country)


def _files(folder) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_export_import_export_gives_the_same_bytes(tmp_path, kz_imported, kz):
    first = _files_of(kz, tmp_path / "first")
    uz = country_ensure(code="UZ")[0]
    result = opensdg_import(actor=None, country=uz, path=tmp_path / "first")
    assert not result.errors
    assert _files_of(uz, tmp_path / "second") == first
    assert len(first) == published_indicators(kz).count() >= 10


def _files_of(country, folder) -> dict[str, bytes]:
    country_files(country, folder)
    return _files(folder)


def test_sdmx_export_imports_back_with_the_same_values(tmp_path, public, world):
    # The importer reads the indicator from the file name, in the SDG form «5.2.91.xml».
    Indicator.objects.filter(pk=public.violence.pk).update(code="5.2.91")
    Indicator.objects.filter(pk=public.share.pk).update(code="5.5.91")
    country_files(world.kg, tmp_path / "sdmx", sdmx=True)
    for path in (tmp_path / "sdmx").glob("*.csv"):
        path.unlink()
    uz = country_ensure(code="UZ")[0]
    result = opensdg_import(actor=None, country=uz, path=tmp_path / "sdmx")
    assert not result.errors, result.errors
    again = {i.code: _values(csv_bytes(table_of(i))) for i in published_indicators(uz)}
    assert again == {"5.2.91": ["12", "20", "14", "6"], "5.5.91": ["24.5", "28"]}


def test_an_indicator_with_only_small_cells_exports_its_header_alone(tmp_path, world, public):
    Observation.objects.filter(indicator=public.violence).update(value=2)
    table = table_of(public.violence)
    assert csv_bytes(table) == b"Year,Value\n"
    assert json_document(table)["rows"] == [] and _read_sdmx(tmp_path, table) == {}


def test_the_kg_sdmx_files_round_trip_through_our_sdmx_export(tmp_path, kg_imported, kg_country):
    """KG's SDMX-ML imported, exported as SDMX-ML with its structure, the official values
    removed and our files imported in their place: the same Open SDG CSV files come out."""
    country_files(kg_country, tmp_path / "sdmx", sdmx=True)
    first = {path.name: path.read_bytes() for path in (tmp_path / "sdmx").glob("*.csv")}
    for name in first:
        (tmp_path / "sdmx" / name).unlink()
    StatValue.objects.filter(indicator__country=kg_country).delete()
    SourceFile.objects.filter(country=kg_country).delete()
    result = opensdg_import(actor=None, country=kg_country, path=tmp_path / "sdmx")
    assert not result.errors, result.errors[:3]
    assert _files_of(kg_country, tmp_path / "again") == first
