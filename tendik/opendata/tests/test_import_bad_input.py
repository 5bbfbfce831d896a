"""Bad input: each error names the file, row and column, and nothing from that file is imported,
while the other files of the folder still are."""

import shutil

import pytest

from tendik.core.errors import DomainError
from tendik.opendata import importing
from tendik.opendata.importing import opensdg_import
from tendik.opendata.models import DimensionMapping, SourceFile, StatValue, ValueMapping
from tendik.plans.models import DimensionValue, Indicator

from .conftest import KG, write_csv

pytestmark = pytest.mark.django_db

GOOD = "Year,Value\n2020,1.5\n"


def import_beside_a_good_file(country, folder, name: str, content: bytes | str) -> list[dict]:
    """Import a folder holding the bad file and a good one: the good one must still import."""
    write_csv(folder, "indicator_5-1-1.csv", GOOD)
    (folder / name).write_bytes(content.encode() if isinstance(content, str) else content)
    result = opensdg_import(actor=None, country=country, path=folder)
    assert StatValue.objects.filter(indicator__code="5.1.1").count() == 1
    assert not StatValue.objects.exclude(indicator__code="5.1.1").exists()
    assert not Indicator.objects.exclude(code="5.1.1").exists()
    assert {error["file"] for error in result.errors} == {name}
    return result.errors


@pytest.mark.parametrize("header,missing", [("Year,SEX", "Value"), ("SEX,Value", "Year")])
def test_a_csv_without_year_or_value_is_refused(kz, tmp_path, header, missing):
    errors = import_beside_a_good_file(kz, tmp_path, "indicator_5-2-2.csv", f"{header}\n2020,F\n")
    assert errors == [{"file": "indicator_5-2-2.csv", "row": 1, "column": missing,
                       "message": f"Нет столбца «{missing}»."}]


def test_a_non_numeric_value_is_refused_naming_its_row(kz, tmp_path):
    errors = import_beside_a_good_file(kz, tmp_path, "indicator_5-2-2.csv",
                                       "Year,SEX,Value\n2019,F,1\n2020,F,n/a%\n")
    assert [(e["row"], e["column"]) for e in errors] == [(3, "Value")]
    assert "не число" in errors[0]["message"]
    # The value the file's first row added to our code lists went with it.
    assert not ValueMapping.objects.exists() and not DimensionMapping.objects.exists()


def test_a_year_range_is_refused(kz, tmp_path):
    errors = import_beside_a_good_file(kz, tmp_path, "indicator_5-2-2.csv", "Year,Value\n2020-2021,3\n")
    assert [(e["row"], e["column"]) for e in errors] == [(2, "Year")]
    assert "2020-2021" in errors[0]["message"]


@pytest.mark.parametrize("text", ["1_000", "NaN0", "Infinity", "1,5", "0x10"])
def test_what_python_might_read_as_a_number_is_still_refused(kz, tmp_path, text):
    errors = import_beside_a_good_file(kz, tmp_path, "indicator_5-2-2.csv", f'Year,Value\n2020,"{text}"\n')
    assert [(e["row"], e["column"]) for e in errors] == [(2, "Value")]


def test_a_cell_longer_than_a_mapping_can_hold_is_refused(kz, tmp_path):
    errors = import_beside_a_good_file(kz, tmp_path, "indicator_5-2-2.csv",
                                       f"Year,SEX,Value\n2020,{'x' * 300},1\n")
    assert [(e["row"], e["column"]) for e in errors] == [(2, "SEX")]


def test_a_value_more_precise_than_we_store_is_refused(kz, tmp_path):
    errors = import_beside_a_good_file(kz, tmp_path, "indicator_5-2-2.csv",
                                       "Year,Value\n2020,1.123456789\n2021,12345678901234567\n")
    assert [(e["row"], e["column"]) for e in errors] == [(2, "Value"), (3, "Value")]


def test_trailing_zeros_beyond_eight_places_lose_nothing_and_are_kept(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-2-2.csv", "Year,Value\n2020,0.1000000000\n")
    assert opensdg_import(actor=None, country=kz, path=tmp_path).errors == []
    assert StatValue.objects.get().text == "0.1000000000"


def test_conflicting_rows_are_refused_with_their_rows(kz, tmp_path):
    errors = import_beside_a_good_file(kz, tmp_path, "indicator_5-2-2.csv",
                                       "Year,SEX,Value\n2020,F,40.0\n2020,M,3\n2020,F,41.5\n")
    assert [(e["row"], e["column"]) for e in errors] == [(2, "Value")]
    assert "2, 4" in errors[0]["message"] and "sex=F" in errors[0]["message"]


@pytest.mark.parametrize("choice,kept", [("first", "40.0"), ("last", "41.5")])
def test_conflicting_rows_import_with_the_operators_choice(kz, tmp_path, choice, kept):
    write_csv(tmp_path, "indicator_5-2-2.csv", "Year,Value\n2020,40.0\n2020,41.5\n")
    result = opensdg_import(actor=None, country=kz, path=tmp_path, on_conflict=choice)
    assert result.errors == [] and StatValue.objects.get().text == kept
    assert SourceFile.objects.get().on_conflict == choice


def test_identical_rows_collapse_with_a_warning_even_with_a_trailing_space(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-2-2.csv", "Year,Value\n2020,41.5 \n2020,41.5\n")
    result = opensdg_import(actor=None, country=kz, path=tmp_path)
    assert result.errors == [] and result.created == 1 and result.observations == 2
    assert [(w["row"], w["column"]) for w in result.warnings] == [(3, "Value")]


def test_a_blank_value_skips_its_row_with_a_warning(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-2-2.csv", "Year,Value\n2019,\n2020,7\n")
    result = opensdg_import(actor=None, country=kz, path=tmp_path)
    assert result.errors == [] and result.created == 1
    assert result.warnings[0]["row"] == 2


def test_an_sdmx_file_without_its_structure_is_refused(kg_country, tmp_path):
    errors = import_beside_a_good_file(kg_country, tmp_path, "5.4.1.xml",
                                       (KG / "data" / "5.4.1.xml").read_bytes())
    assert errors and "структуры" in errors[0]["message"]


def test_an_sdmx_file_reads_with_the_structure_given(kg_country, tmp_path):
    shutil.copy(KG / "data" / "5.5.2.xml", tmp_path / "5.5.2.xml")
    result = opensdg_import(actor=None, country=kg_country, path=tmp_path / "5.5.2.xml",
                            structure=KG / "SDG_DSD.KG_1.8.xml")
    assert result.errors == [] and result.created == 18


def test_an_sdmx_year_that_is_not_a_year_names_its_observation(kg_country, tmp_path):
    content = (KG / "data" / "5.5.2.xml").read_text(encoding="utf-8")
    content = content.replace('TIME_PERIOD="2009"', 'TIME_PERIOD="2009-Q1"', 1)
    (tmp_path / "5.5.2.xml").write_text(content, encoding="utf-8")
    result = opensdg_import(actor=None, country=kg_country, path=tmp_path / "5.5.2.xml",
                            structure=KG / "SDG_DSD.KG_1.8.xml")
    assert [(e["row"], e["column"]) for e in result.errors] == [("серия 1, наблюдение 3", "TIME_PERIOD")]
    assert not StatValue.objects.exists()


def test_a_file_that_is_neither_csv_nor_sdmx_is_refused(kz, tmp_path):
    errors = import_beside_a_good_file(kz, tmp_path, "indicator_5-2-2.csv", "<html><body>404</body></html>")
    assert "не CSV" in errors[0]["message"]


def test_a_file_in_another_encoding_is_refused(kz, tmp_path):
    errors = import_beside_a_good_file(kz, tmp_path, "indicator_5-2-2.csv",
                                       "Year,SEX,Value\n2020,Женщины,1\n".encode("cp1251"))
    assert errors[0]["row"] == 1 and "UTF-8" in errors[0]["message"]


def test_a_file_name_that_names_no_indicator_is_refused(kz, tmp_path):
    errors = import_beside_a_good_file(kz, tmp_path, "data.csv", GOOD)
    assert "имени файла" in errors[0]["message"]


def test_a_file_over_the_size_limit_is_refused(kz, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "MAX_BYTES", 10)
    write_csv(tmp_path, "indicator_5-2-2.csv", "Year,Value\n2020,1.5\n")
    result = opensdg_import(actor=None, country=kz, path=tmp_path)
    assert "МБ" in result.errors[0]["message"] and not StatValue.objects.exists()


def test_cells_beyond_the_header_are_refused(kz, tmp_path):
    errors = import_beside_a_good_file(kz, tmp_path, "indicator_5-2-2.csv", "Year,Value\n2020,1,oops\n")
    assert [(e["row"], e["column"]) for e in errors] == [(2, "#3")]


def test_an_empty_folder_imports_nothing_and_says_so(kz, tmp_path):
    result = opensdg_import(actor=None, country=kz, path=tmp_path)
    assert result.errors == [] and result.created == 0
    assert "нет файлов" in result.warnings[0]["message"]


def test_a_missing_path_is_a_404(kz, tmp_path):
    with pytest.raises(DomainError) as raised:
        opensdg_import(actor=None, country=kz, path=tmp_path / "nothing")
    assert raised.value.code == "not_found"


def test_an_unknown_conflict_choice_is_a_400(kz, tmp_path):
    with pytest.raises(DomainError) as raised:
        opensdg_import(actor=None, country=kz, path=tmp_path, on_conflict="average")
    assert raised.value.errors[0]["field"] == "on_conflict"


def test_no_new_value_survives_a_refused_file(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-2-2.csv", "Year,REF_AREA,Value\n2020,KZAKM,1\n2020,KZAKT,x\n")
    opensdg_import(actor=None, country=kz, path=tmp_path)
    assert not DimensionValue.objects.filter(code="KZAKM").exists()
