import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tendik.core.errors import DomainError
from tendik.reporting import services
from tendik.reporting.xlsx_bulk import (
    ACTIVITIES_SHEET,
    PROGRESS_SHEET,
    VALUES_SHEET,
    report_template,
)

from .factories import open_period

pytestmark = pytest.mark.django_db
INJECTION = '=HYPERLINK("http://evil.example","нажмите")'


def _filled(report, indicator, edit=None) -> bytes:
    book = load_workbook(io.BytesIO(report_template(report)))
    progress = book[PROGRESS_SHEET]
    progress["E2"], progress["F2"] = "completed", INJECTION
    values = book[VALUES_SHEET]
    for row in range(2, values.max_row + 1):
        if values.cell(row, 1).value == indicator.pk:
            values.cell(row, 6).value = {"": 72, "sex=F": 52, "sex=M": 20}[
                values.cell(row, 4).value or ""]
    activities = book[ACTIVITIES_SHEET]
    activities.append(["training", "Тренинг для ОГВ", "2023-04-10", "2023-04-12", "Бишкек",
                       "civil_servants", 52, 18, 72, report.progress.first().measure.code])
    if edit:
        edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_upload_saves_everything_and_again_changes_nothing(world):
    _, _, report, indicator, _ = open_period(world)
    focal = world.users["focal_point"]
    content = _filled(report, indicator)
    counts = services.report_upload_xlsx(actor=focal, report=report, content=content)
    assert counts == {"progress": 1, "values": 3, "activities": 1}
    assert report.observations.get(disaggregation="sex=F").value == 52
    assert report.activities.get().participants_total == 72
    again = services.report_upload_xlsx(actor=focal, report=report, content=content)
    assert again == {"progress": 0, "values": 0, "activities": 0}


def test_formula_text_is_stored_as_text_and_exported_safely(world):
    _, _, report, indicator, _ = open_period(world)
    services.report_upload_xlsx(actor=world.users["focal_point"], report=report,
                                content=_filled(report, indicator))
    progress = report.progress.order_by("measure__code").first()
    assert progress.narrative_ru == INJECTION
    cell = load_workbook(io.BytesIO(report_template(report)))[PROGRESS_SHEET]["F2"]
    assert cell.value == INJECTION and cell.data_type == "s" and cell.quotePrefix


def test_one_bad_cell_saves_nothing_and_names_sheet_row_column(world):
    _, _, report, indicator, _ = open_period(world)

    def break_it(book):
        book[ACTIVITIES_SHEET]["H2"] = 60  # 52 women + 60 men > 72 total

    with pytest.raises(DomainError) as error:
        services.report_upload_xlsx(actor=world.users["focal_point"], report=report,
                                    content=_filled(report, indicator, break_it))
    located = error.value.errors[0]
    assert (located["sheet"], located["row"], located["column"]) == (
        ACTIVITIES_SHEET, 2, "participants_total")
    report.refresh_from_db()
    assert not report.observations.exists() and not report.activities.exists()
    assert report.progress.filter(status="completed").count() == 0


def test_bad_values_and_missing_sheets(world):
    _, _, report, indicator, _ = open_period(world)

    def percent(book):
        sheet = book[VALUES_SHEET]
        for row in range(2, sheet.max_row + 1):
            if sheet.cell(row, 2).value == "И-1.1":
                sheet.cell(row, 6).value = 130

    with pytest.raises(DomainError) as error:
        services.report_upload_xlsx(actor=world.users["focal_point"], report=report,
                                    content=_filled(report, indicator, percent))
    assert error.value.errors[0]["sheet"] == VALUES_SHEET
    assert "от 0 до 100" in error.value.errors[0]["message"]

    def drop(book):
        del book[ACTIVITIES_SHEET]

    with pytest.raises(DomainError) as error:
        services.report_upload_xlsx(actor=world.users["focal_point"], report=report,
                                    content=_filled(report, indicator, drop))
    assert error.value.errors[0]["sheet"] == ACTIVITIES_SHEET


def test_template_and_upload_api_are_scoped(world):
    _, _, report, indicator, other_focal = open_period(world)
    focal = world.client("focal_point")
    template = focal.get(reverse("report-template", args=[report.pk]))
    assert template.status_code == 200
    content = _filled(report, indicator)
    uploaded = focal.post(reverse("report-upload", args=[report.pk]),
                          {"file": SimpleUploadedFile("r.xlsx", content)})
    assert uploaded.status_code == 200 and uploaded.json()["saved"]["values"] == 3
    stranger = Client()
    stranger.force_login(other_focal)
    assert stranger.get(reverse("report-template", args=[report.pk])).status_code == 404
    assert stranger.post(reverse("report-upload", args=[report.pk]),
                         {"file": SimpleUploadedFile("r.xlsx", content)}).status_code == 404
    bad = focal.post(reverse("report-upload", args=[report.pk]),
                     {"file": SimpleUploadedFile("r.xlsx", b"not a workbook")})
    assert bad.status_code == 400
