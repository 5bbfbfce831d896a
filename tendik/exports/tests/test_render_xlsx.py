"""The XLSX renderer: a sheet per section, numbers as numbers, formula-looking text as text."""

import io
import time
import zipfile

import pytest
from openpyxl import load_workbook

from tendik.exports.render_xlsx import render_xlsx, sheet_title
from tendik.exports.tests.opener import (
    libreoffice_to_pdf,
    needs_libreoffice,
    needs_poppler,
    pdf_text,
)
from tendik.exports.tests.samples import FORMULA_LIKE, report_of_300_measures, sample_document

SECTIONS = ["1. Основные показатели", "2. Выполнение мероприятий", "3. Мероприятия и охват",
            "4. Пустой раздел"]


@pytest.fixture(scope="module")
def content():
    return render_xlsx(sample_document())


@pytest.fixture(scope="module")
def book(content):
    return load_workbook(io.BytesIO(content))


def _row(sheet, first: str) -> tuple:
    return next(row for row in sheet.iter_rows() if row[0].value == first)


def test_a_title_sheet_then_a_sheet_per_section(book):
    assert book.sheetnames == ["Национальный доклад о реализаци", *SECTIONS]
    title = book.worksheets[0]
    assert title["A1"].value == "Национальный доклад о реализации НПД"
    assert [cell.value for cell in _row(title, "Утверждён")] == [
        "Утверждён", "постановлением Кабинета министров № 123 от 01.03.2022"]


def test_blocks_go_top_to_bottom(book):
    summary = [row[0] for row in book["1. Основные показатели"].iter_rows(values_only=True)]
    assert summary == ["1. Основные показатели", "Учтены принятые отчёты: 37 из 56.",
                       "Мероприятия по статусу", "Методика: статус по последнему принятому отчёту."]
    measures = book["2. Выполнение мероприятий"]
    assert measures["A2"].value == "2.1. Расширение экономических возможностей женщин"
    assert measures["A2"].font.b
    assert measures["A3"].value == "Таблица 1. Мероприятия направления 1"
    assert measures["E4"].value == "Информация о выполнении" and measures["E4"].font.b
    assert measures["E5"].value == ("МВД (2023): обучено 74 сотрудника. МТСОМ (2023): "
                                    "Описание на русском [текст только на русском]")
    assert measures["E5"].alignment.wrap_text


def test_numbers_are_numbers_and_a_percent_is_a_fraction(book):
    training = _row(book["3. Мероприятия и охват"], "Тренинг")
    assert [cell.value for cell in training[:4]] == ["Тренинг", 12, 340, 120]
    assert all(cell.data_type == "n" for cell in training[1:])
    assert training[4].value == pytest.approx(0.739)
    assert training[4].number_format == "0.0%"
    total = _row(book["3. Мероприятия и охват"], "Итого")
    assert total[4].value == pytest.approx(0.737) and total[0].font.b


def test_formula_looking_text_stays_text(book):
    sheet = book["3. Мероприятия и охват"]
    for text in FORMULA_LIKE:
        assert _row(sheet, text)[0].data_type == "s"
    assert not [cell for sheet in book for row in sheet.iter_rows() for cell in row
                if cell.data_type == "f"]


def test_none_is_an_empty_cell(book):
    assert _row(book["3. Мероприятия и охват"], FORMULA_LIKE[0])[4].value is None


def test_the_header_is_frozen_only_under_a_single_table(book):
    assert book["2. Выполнение мероприятий"].freeze_panes == "A5"
    assert book["3. Мероприятия и охват"].freeze_panes == "A3"
    assert book["1. Основные показатели"].freeze_panes is None


def test_sheet_titles_are_valid_and_unique():
    taken: set[str] = set()
    assert sheet_title("Итоги: [2023/2024]*?\\", taken) == "Итоги 20232024"
    assert sheet_title("итоги 20232024", taken) == "итоги 20232024 (2)"
    long = "Мероприятия и охват по видам мероприятий"
    assert sheet_title(long, taken) == long[:31]
    assert sheet_title(long, taken) == long[:27] + " (2)"
    assert sheet_title("[]", taken) == "5"


def test_the_same_document_gives_the_same_bytes(content):
    assert render_xlsx(sample_document()) == content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert {member.date_time for member in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in archive.read("docProps/core.xml")


@needs_libreoffice()
@needs_poppler
def test_it_opens_in_libreoffice(content, tmp_path):
    text = pdf_text(libreoffice_to_pdf(content, "xlsx", tmp_path), tmp_path)
    assert "2. Выполнение мероприятий" in text


def test_300_measures_in_time():
    document = report_of_300_measures()
    started = time.process_time()  # CPU time: other jobs on the machine do not count
    content = render_xlsx(document)
    elapsed = time.process_time() - started
    print(f"XLSX of 300 measures: {elapsed:.2f} s of CPU, {len(content)} bytes")
    assert elapsed < 10
    assert load_workbook(io.BytesIO(content))["2. Выполнение мероприятий"].max_row == 304
