"""The open-data CSV contract: columns, one row per territory and month, «<5», no 1–4, and no
hidden cell recoverable from the others in its row."""

import csv
import io

import pytest

from tendik.committees.counts import COUNT_KEYS

from .attacker import recover
from .conftest import SECRET

pytestmark = pytest.mark.django_db
URL = "/open-data/family-violence.csv"


def _read(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")  # like the other open-data CSV files
    return list(csv.DictReader(io.StringIO(text)))


def test_columns_are_the_place_the_month_and_every_count_key(scenario, client):
    response = client.get(URL, {"country": "KG"})
    header = response.content.decode().splitlines()[0].split(",")
    assert header == ["country", "level", "territory_code", "territory_name", "month",
                      *COUNT_KEYS]
    assert "attachment" in response["Content-Disposition"]


def test_one_row_per_region_and_month_with_hidden_cells_as_less_than_five(scenario, client):
    rows = _read(client.get(URL, {"country": "KG"}))
    assert [(r["territory_code"], r["month"], r["level"]) for r in rows] == [
        ("KG-R1", "2025-01", "region"), ("KG-R2", "2025-01", "region"),
        ("KG-R2", "2025-02", "region")]
    assert rows[0]["appeals_total"] == "40" and rows[0]["country"] == "KG"
    assert rows[2]["appeals_total"] == "<5"


@pytest.mark.parametrize("level", ["region", "district"])
def test_no_cell_is_small_and_no_hidden_cell_is_recoverable(scenario, client, level):
    rows = _read(client.get(URL, {"country": "KG", "level": level, "year": "2025"}))
    assert rows
    for row in rows:
        cells = {key: None if row[key] == "<5" else int(row[key]) for key in COUNT_KEYS}
        assert all(value is None or not 1 <= value <= 4 for value in cells.values()), row
        assert all(value is None or value < SECRET for value in cells.values())
        assert recover(cells) == {}, row


def test_the_district_file_merges_small_districts(scenario, client):
    rows = _read(client.get(URL, {"country": "KG", "level": "district"}))
    codes = {(r["territory_code"], r["territory_name"]) for r in rows}
    assert ("KG-R1-other", "другие районы: Чуйская область") in codes
    assert not {code for code, _name in codes} & {"KG-R1-D2", "KG-R1-D3"}


def test_a_year_without_forms_is_a_header_only(scenario, client):
    assert _read(client.get(URL, {"country": "KG", "year": "2024"})) == []


@pytest.mark.parametrize("query", [{}, {"country": "XX"}, {"country": "K'G"}])
def test_a_missing_or_unknown_country_is_a_400_naming_it(scenario, client, query):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith("country:")


def test_a_bad_level_or_year_is_a_400_naming_it(scenario, client):
    assert client.get(URL, {"country": "KG", "level": "municipality"}).content.decode(
    ).startswith("level:")
    assert client.get(URL, {"country": "KG", "year": "abc"}).content.decode(
    ).startswith("year:")
