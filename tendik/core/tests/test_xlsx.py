"""Uploaded spreadsheets: every kind of zip or XML bomb is refused quickly, before parsing."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tendik.core.errors import DomainError
from tendik.core.xlsx import check_workbook, read_workbook
from tendik.reporting import services
from tendik.reporting.tests.factories import open_period
from tendik.reporting.xlsx_bulk import report_template

pytestmark = pytest.mark.django_db
QUICK = 1.0  # seconds: each bomb must be refused well within this
STRINGS_PART = "xl/sharedStrings.xml"
STRINGS_TYPE = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
STRINGS_LINK = ('<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
                'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
                '</Relationships>')
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?>'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def _rebuild(content: bytes, replace: dict[str, bytes], stored: bool = False,
             extra: int = 0) -> bytes:
    """The same workbook with some parts replaced (and `extra` empty parts added). A string
    table is registered, as Excel does, so that openpyxl really reads it."""
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(io.BytesIO(content)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if STRINGS_PART in replace and STRINGS_PART not in source.namelist():
                data = _register_strings(name, data)
            if name not in replace:
                target.writestr(name, data)
        for name, data in replace.items():
            target.writestr(name, data, compress_type=method)
        for number in range(extra):
            target.writestr(f"xl/media/empty{number}.bin", b"")
    return out.getvalue()


def _register_strings(name: str, data: bytes) -> bytes:
    if name == "[Content_Types].xml":
        return data.decode().replace("</Types>", STRINGS_TYPE).encode()
    if name == "xl/_rels/workbook.xml.rels":
        return data.decode().replace("</Relationships>", STRINGS_LINK).encode()
    return data


def _strings(count: int) -> bytes:
    return (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
            b'uniqueCount="1">' + b"<si><t>a</t></si>" * count + b"</sst>")


def _sheet(body: bytes, dimension: bytes = b"A1") -> bytes:
    return SHEET_HEAD + b'<dimension ref="' + dimension + b'"/><sheetData>' + body \
        + b"</sheetData></worksheet>"


BOMBS = {
    # The finding's own bomb: 9 million tiny shared strings, about 400 KB packed.
    "shared strings, 9 million": lambda base: _rebuild(
        base, {STRINGS_PART: _strings(9_000_000)}),
    # Under the size limit, stored uncompressed so only the string count can catch it.
    "shared strings, stored": lambda base: _rebuild(
        base, {STRINGS_PART: _strings(250_000)}, stored=True),
    "rows, real": lambda base: _rebuild(base, {"xl/worksheets/sheet1.xml": _sheet(b"".join(
        b'<row r="%d"/>' % number for number in range(1, 60_001)))}, stored=True),
    "rows, one far row": lambda base: _rebuild(
        base, {"xl/worksheets/sheet1.xml": _sheet(b'<row r="1048576"/>')}),
    "cells without numbers": lambda base: _rebuild(base, {"xl/worksheets/sheet1.xml": _sheet(
        b"<row>" + b"<c/>" * 1_100_000 + b"</row>")}, stored=True),
    "columns, declared": lambda base: _rebuild(
        base, {"xl/worksheets/sheet1.xml": _sheet(b"", dimension=b"A1:XFD1")}),
    "cells, declared": lambda base: _rebuild(
        base, {"xl/worksheets/sheet1.xml": _sheet(b"", dimension=b"A1:KZ20000")}),
    "highly compressed part": lambda base: _rebuild(
        base, {"xl/styles.xml": b"<styleSheet>" + b" " * 10_000_000 + b"</styleSheet>"}),
    "unpacked size": lambda base: _rebuild(
        base, {"xl/styles.xml": b"<styleSheet>" + b" " * 60_000_000 + b"</styleSheet>"}),
    "too many parts": lambda base: _rebuild(base, {}, extra=600),
    "not a zip": lambda base: b"PK\x03\x04 not really a zip" + b"x" * 1000,
}


@pytest.fixture
def upload_target(world):
    _, _, report, _, _ = open_period(world)
    return report, report_template(report)


def test_a_real_report_template_passes_the_checks(upload_target):
    _, template = upload_target
    check_workbook(template)
    assert read_workbook(template).sheetnames


@pytest.mark.parametrize("kind", list(BOMBS))
def test_every_kind_of_bomb_is_refused_quickly_by_the_service(upload_target, world, kind):
    report, template = upload_target
    bomb = BOMBS[kind](template)
    assert len(bomb) < 20 * 2**20
    started = time.process_time()  # CPU time: other jobs on the machine do not count
    with pytest.raises(DomainError) as error:
        services.report_upload_xlsx(actor=world.users["focal_point"], report=report, content=bomb)
    assert time.process_time() - started < QUICK
    assert error.value.code in {"bad_type", "too_large"}


@pytest.mark.parametrize(("kind", "status"), [("shared strings, 9 million", 413),
                                              ("shared strings, stored", 400),
                                              ("rows, one far row", 400),
                                              ("highly compressed part", 400),
                                              ("not a zip", 400)])
def test_the_upload_endpoint_refuses_bombs_with_a_clear_error(upload_target, world, kind, status):
    report, template = upload_target
    bomb = BOMBS[kind](template)
    url, client = reverse("report-upload", args=[report.pk]), world.client("focal_point")
    started = time.process_time()
    response = client.post(url, {"file": SimpleUploadedFile("r.xlsx", bomb)})
    assert time.process_time() - started < QUICK
    assert response.status_code == status
    assert "XLSX" in response.json()["detail"]


def test_the_directory_import_uses_the_same_checks(world):
    from tendik.organisations.services import directory_import_xlsx

    base = report_template(open_period(world)[2])
    with pytest.raises(DomainError, match="строк текста"):
        directory_import_xlsx(actor=world.users["coordinator"],
                              content=BOMBS["shared strings, stored"](base))
