"""Open SDG CSV as files are found: a BOM, quoted headers, CRLF, `Value` not last, trailing empty
columns, header-only files, `Units`/`Series` columns, labels instead of codes, our own export's
column names; and a property: however a file is written, the same values are read."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendik.opendata.importing import opensdg_import
from tendik.opendata.models import ValueMapping
from tendik.opendata.opensdg_csv import indicator_code, read_csv
from tendik.plans.models import Dimension, Indicator

from .conftest import write_csv

pytestmark = pytest.mark.django_db


def stored(indicator_code: str = "5.2.2") -> set[tuple]:
    from tendik.opendata.models import StatValue

    return set(StatValue.objects.filter(indicator__code=indicator_code)
               .values_list("year", "series", "unit", "disaggregation", "text"))


def test_a_bom_quoted_headers_crlf_value_not_last_and_trailing_empty_columns(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-2-2.csv",
              '\ufeff"Year","Value","SEX","Units",,\r\n2020,"41.5 ",F,PT,,\r\n2020,40,,PT,\r\n')
    result = opensdg_import(actor=None, country=kz, path=tmp_path)
    assert result.errors == []
    assert stored() == {(2020, "", "PT", "sex=F", "41.5"), (2020, "", "PT", "", "40")}


def test_columns_that_are_no_breakdown_are_left_out_with_a_warning(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-2-2.csv", "Year,GeoCode,OBS_STATUS,Value\n2020,E12000001,A,5\n")
    result = opensdg_import(actor=None, country=kz, path=tmp_path)
    assert stored() == {(2020, "", "", "", "5")}
    assert [(w["row"], w["column"]) for w in result.warnings] == [(1, "GeoCode"), (1, "OBS_STATUS")]


def test_a_header_only_file_gives_no_values_and_no_error(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-1-1.csv", "Year,Value\n")
    result = opensdg_import(actor=None, country=kz, path=tmp_path)
    assert result.as_dict() == {"indicators": 0, "observations": 0, "created": 0, "updated": 0,
                                "unchanged": 0, "errors": [], "warnings": []}
    assert not Indicator.objects.exists()


def test_series_and_units_are_kept_apart_from_the_dimensions(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-2-2.csv",
              "Year,Series,Units,Value\n2020,VIOL_A,PT,3\n2020,VIOL_B,PT,4\n")
    opensdg_import(actor=None, country=kz, path=tmp_path)
    assert stored() == {(2020, "VIOL_A", "PT", "", "3"), (2020, "VIOL_B", "PT", "", "4")}
    assert Indicator.objects.get().unit == "percent"


def test_labels_instead_of_codes_land_on_our_codes(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-2-2.csv",
              "Year,Sex,Urbanisation,Value\n2020,Female,Urban,1\n2020,мужчины,Село,2\n2020,WOMEN,,3\n")
    result = opensdg_import(actor=None, country=kz, path=tmp_path)
    assert result.errors == [] and result.warnings == []
    assert stored() == {(2020, "", "", "sex=F|urban_rural=U", "1"),
                        (2020, "", "", "sex=M|urban_rural=R", "2"), (2020, "", "", "sex=F", "3")}
    assert not ValueMapping.objects.filter(created_by_import=True).exists()


def test_a_label_that_matches_nothing_becomes_a_new_recorded_value(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-2-2.csv",
              "Year,Type of violence,Value\n2020,Физическое,1\n2020,Sexual,2\n")
    result = opensdg_import(actor=None, country=kz, path=tmp_path)
    dimension = Dimension.objects.get(code="type_of_violence")
    codes = dict(dimension.values.values_list("label_ru", "code"))
    assert codes["Sexual"] == "Sexual" and codes["Физическое"].startswith("V")
    assert stored() == {(2020, "", "", f"type_of_violence={codes['Физическое']}", "1"),
                        (2020, "", "", "type_of_violence=Sexual", "2")}
    assert ValueMapping.objects.filter(created_by_import=True).count() == 2
    assert len(result.warnings) == 3  # the dimension and its two values


def test_our_own_exports_column_names_map_to_our_dimensions(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-2-2.csv", "Year,sex,age_group,Value\n2021,F,Y15T17,2.5\n")
    opensdg_import(actor=None, country=kz, path=tmp_path)
    assert stored() == {(2021, "", "", "age_group=Y15T17|sex=F", "2.5")}


def test_totals_written_as_codes_are_totals(kz, tmp_path):
    write_csv(tmp_path, "indicator_5-2-2.csv",
              "Year,SEX,REF_AREA,Value\n2020,_T,KZ,9\n2021,_Z,KAZ,8\n2022,,398,7\n2023,F,KZAKM,6\n"
              "2024,Total,,5\n")
    opensdg_import(actor=None, country=kz, path=tmp_path)
    assert stored() == {(2020, "", "", "", "9"), (2021, "", "", "", "8"), (2022, "", "", "", "7"),
                        (2023, "", "", "ref_area=KZAKM|sex=F", "6"), (2024, "", "", "", "5")}


def test_a_site_that_writes_labels_series_units_and_geocodes(kz, tmp_path):
    """As the UK's and other Open SDG sites write their files."""
    write_csv(tmp_path, "indicator_5-5-1.csv",
              "Year,Series,Units,Sex,Age,Region,GeoCode,Value\n"
              "2020,Employment rate,Percentage (%),Female,16 to 24,North East,E12000001,55.2\n"
              "2020,Employment rate,Percentage (%),,,,,60.1\n")
    result = opensdg_import(actor=None, country=kz, path=tmp_path)
    assert result.errors == []
    assert stored("5.5.1") == {
        (2020, "Employment rate", "Percentage (%)", "age_group=16_TO_24|region=NORTH_EAST|sex=F", "55.2"),
        (2020, "Employment rate", "Percentage (%)", "", "60.1")}
    assert Indicator.objects.get().unit == "percent"


def test_sdmx_csv_and_semicolons_read_like_open_sdg(kg_country, tmp_path):
    write_csv(tmp_path, "5.5.2.csv",
              "DATAFLOW;FREQ;SERIES;REF_AREA;SEX;TIME_PERIOD;OBS_VALUE;UNIT_MEASURE;OBS_STATUS\r\n"
              "KG_NSC:DF_SDG_KG(1.8);A;IC_GEN_MGTL;KG;_T;2020;37.9;PT;A\r\n"
              "KG_NSC:DF_SDG_KG(1.8);A;IC_GEN_MGTL;KG;F;2021;x;PT;A\r\n")
    result = opensdg_import(actor=None, country=kg_country, path=tmp_path)
    assert [(e["row"], e["column"]) for e in result.errors] == [(3, "OBS_VALUE")]
    write_csv(tmp_path, "5.5.2.csv",
              "TIME_PERIOD;OBS_VALUE;SERIES;UNIT_MEASURE;SEX\n2020;37.9;IC_GEN_MGTL;PT;F\n")
    assert opensdg_import(actor=None, country=kg_country, path=tmp_path).errors == []
    assert stored("5.5.2") == {(2020, "IC_GEN_MGTL", "PT", "sex=F", "37.9")}


@pytest.mark.parametrize("name,code", [("indicator_5-5-2.csv", "5.5.2"), ("5.b.1.xml", "5.b.1"),
                                       ("indicator_5-2-1-1.csv", "5.2.1.1"), ("data.csv", None)])
def test_the_indicator_comes_from_the_file_name(name, code):
    assert indicator_code(name) == code


ROWS = [{"Year": "2020", "SEX": "F", "Value": "41.5"}, {"Year": "2020", "SEX": "", "Value": "40"},
        {"Year": "2021", "SEX": "M", "Value": "-0.25"}]


def _write(columns: list[str], quoting: int, bom: bool, crlf: bool, trailing: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=quoting, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(columns + [""] * trailing)
    for row in ROWS:
        writer.writerow([row[c] for c in columns] + [""] * trailing)
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(columns=st.permutations(["Year", "SEX", "Value"]),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
       bom=st.booleans(), crlf=st.booleans(), trailing=st.integers(0, 3))
def test_any_column_order_quoting_bom_or_trailing_columns_read_the_same_values(
        columns, quoting, bom, crlf, trailing):
    table = read_csv(_write(list(columns), quoting, bom, crlf, trailing))
    assert table.errors == []
    assert [(r.year, r.value, r.cells) for r in table.rows] == [
        ("2020", "41.5", {"SEX": "F"}), ("2020", "40", {}), ("2021", "-0.25", {"SEX": "M"})]


def test_a_national_code_in_the_file_name_finds_its_indicator_with_dots_read_as_dashes(kz, tmp_path):
    """Our own export names «И-1.1» `indicator_И-1-1.csv`; importing it lands on «И-1.1»."""
    from tendik.plans.services import indicator_create

    ours = indicator_create(actor=None, country=kz, code="И-1.1", name_ru="Доля женщин")
    write_csv(tmp_path, "indicator_И-1-1.csv", "Year,Value\n2021,12.5\n")
    result = opensdg_import(actor=None, country=kz, path=tmp_path)
    assert result.errors == [] and stored("И-1.1") == {(2021, "", "", "", "12.5")}
    assert Indicator.objects.get() == ours


def test_a_national_code_without_an_indicator_becomes_one_as_written(kz, tmp_path):
    write_csv(tmp_path, "indicator_ФН-2.csv", "Year,Value\n2021,3\n")
    assert opensdg_import(actor=None, country=kz, path=tmp_path).errors == []
    created = Indicator.objects.get()
    assert (created.code, created.sdg_code) == ("ФН-2", "")


@pytest.mark.parametrize("name,code", [("indicator_5-5-2.csv", "5.5.2"), ("5.b.1.xml", "5.b.1"),
                                       ("indicator_И-1-1.csv", "И-1-1"), ("data.csv", None),
                                       ("indicator_.csv", None)])
def test_the_indicator_code_of_a_file_name(name, code):
    assert indicator_code(name) == code
