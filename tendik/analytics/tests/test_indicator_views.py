"""The indicator page and its downloads: numbers shown, errors beside fields, scope, weight."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tendik.testing.matrix import assert_matrix, expect

from .test_indicators import build_figures


@pytest.fixture
def figures(world):
    return build_figures(world)


def _page(indicator, query: str = "") -> str:
    return reverse("analytics:indicator", args=[indicator.pk]) + (f"?{query}" if query else "")


def _download(indicator, fmt: str, query: str = "") -> str:
    return reverse("analytics:indicator_download", args=[indicator.pk, fmt]) + (
        f"?{query}" if query else "")


def test_the_page_shows_the_figure_its_status_and_a_table_for_every_chart(world, figures):
    indicator = figures[1]
    response = world.client("coordinator").get(_page(indicator))
    assert response.status_code == 200
    html = response.content.decode()
    assert "И-2.1" in html and "на пути к цели" in html and "Open SDG" in html
    # Values and gender gap, each drawn wide and narrow (for phones); small multiples by sex.
    assert html.count("<svg") == 5 and html.count('class="chart-narrow"') == 2
    assert html.count("<caption>") == 4  # values, baseline and targets, gender gap, by sex
    assert "Учтены принятые отчёты: 3 из 5" in html
    assert '<th scope="row">2023</th><td>42</td><td>2</td>' in html
    assert 'download.csv' in html and 'download.xlsx' in html
    assert len(response.content) < 200_000, len(response.content)


def test_a_chosen_breakdown_keeps_only_its_multiples(world, figures):
    html = world.client("coordinator").get(_page(figures[1], "breakdown=sex")).content.decode()
    assert "table-by-sex" in html


@pytest.mark.parametrize(("query", "field"), [
    ("breakdown=age_group", "breakdown"), ("period_from=soon", "period_from")])
def test_bad_parameters_show_the_error_beside_the_field(world, figures, query, field):
    response = world.client("coordinator").get(_page(figures[1], query))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="field-error"' in html and 'role="alert"' in html
    assert f'id="id_{field}"' in html


def test_a_range_without_data_is_an_honest_empty_state(world, figures):
    response = world.client("coordinator").get(_page(figures[1], "period_to=2020"))
    assert response.status_code == 200
    assert "нет учтённых значений" in response.content.decode()


def test_include_submitted_is_offered_to_coordinators_only(world, figures):
    indicator = figures[1]
    assert 'name="include"' in world.client("coordinator").get(_page(indicator)).content.decode()
    focal = world.client("focal_point").get(_page(indicator, "include=submitted"))
    assert 'name="include"' not in focal.content.decode()
    assert '<th scope="row">2023</th><td>30</td><td>1</td>' in focal.content.decode()


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_holds_exactly_the_tables_shown(world, figures):
    indicator = figures[1]
    response = world.client("coordinator").get(_download(indicator, "csv", "include=submitted"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = _csv_rows(response.content)
    assert rows[0][0].startswith("И-2.1")
    assert rows[1] == ["Учтены принятые отчёты: 3 из 5, и отчёты на проверке: 1."]
    start = rows.index(["Период", "Значение", "Учтено отчётов"])
    assert rows[start + 1:start + 3] == [["2022", "20,0", "1"], ["2023", "50,0", "3"]]
    sex = rows.index(["Период", "женщины", "мужчины"])
    assert rows[sex + 1:sex + 3] == [["2022", "12,0", "8,0"], ["2023", "29,0", "21,0"]]


def test_the_xlsx_holds_the_same_rows_as_numbers(world, figures):
    indicator = figures[1]
    response = world.client("coordinator").get(_download(indicator, "xlsx"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows)
                 if r[:3] == ["Период", "Значение", "Учтено отчётов"])
    assert rows[start + 1][:3] == ["2022", 20.0, 1] and rows[start + 2][:3] == ["2023", 42.0, 2]
    gap = next(i for i, r in enumerate(rows) if r and r[0] == "Гендерный разрыв по периодам")
    assert rows[gap + 2][:5] == ["2022", 12.0, 8.0, 4.0, 1.5]


def test_downloads_follow_the_language_of_the_reader(world, figures):
    response = world.client("coordinator").get(_download(figures[1], "csv", "lang=en"))
    rows = _csv_rows(response.content)
    assert any(row[:2] == ["2023", "42.0"] for row in rows)


def test_a_bad_download_parameter_is_400_and_an_unknown_format_404(world, figures):
    client = world.client("coordinator")
    assert client.get(_download(figures[1], "csv", "breakdown=age_group")).status_code == 400
    assert client.get(_download(figures[1], "pdf")).status_code == 404


def test_who_may_open_the_page_and_the_downloads(world, figures):
    indicator = figures[1]
    for url in (_page(indicator), _download(indicator, "csv"), _download(indicator, "xlsx")):
        assert_matrix(world, "GET", url, expect(200, anonymous=302, coordinator_kz=404))
    assert_matrix(world, "GET", reverse("analytics:indicator", args=[999999]),
                  expect(404, anonymous=302))


def test_the_page_reads_in_constant_queries(world, figures, django_assert_max_num_queries):
    client = world.client("coordinator")
    client.get(_page(figures[1]))
    with django_assert_max_num_queries(16):
        assert client.get(_page(figures[1], "breakdown=sex")).status_code == 200
