"""Safe XLSX reading and writing shared by every import and export."""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from .errors import DomainError

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False


def check_upload_size(size: int) -> None:
    limit = settings.TENDIK_MAX_UPLOAD_BYTES
    if size > limit:
        raise DomainError(
            _("Файл слишком большой: %(size)s МБ, допускается не более %(limit)s МБ")
            % {"size": round(size / 1024 / 1024, 1), "limit": limit // 1024 // 1024},
            code="too_large",
        )


def read_workbook(content: bytes):
    """Open an uploaded workbook, refusing anything that is not really XLSX."""
    check_upload_size(len(content))
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise DomainError(_("Это не файл XLSX. Сохраните таблицу в формате Excel (.xlsx)."),
                          code="bad_type")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise DomainError(_("Это не файл XLSX: в архиве нет книги Excel."),
                                  code="bad_type")
        return load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise DomainError(_("Не удалось прочитать XLSX: %(error)s") % {"error": exc},
                          code="bad_type") from exc


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def sheet_rows(book, sheet_name: str, columns: list[Column], errors: list[dict]):
    """Yield (row number, {key: text}) for a sheet; record missing columns in `errors`."""
    sheet = book[sheet_name]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    labels = {cell_text(value).lower(): index for index, value in enumerate(header)}
    positions = {}
    for column in columns:
        index = labels.get(column.label.lower(), labels.get(column.key.lower()))
        if index is None and column.required:
            errors.append({"sheet": sheet_name, "row": 1, "column": column.label,
                           "message": _("нет обязательного столбца «%(column)s»")
                           % {"column": column.label}})
        if index is not None:
            positions[column.key] = index
    if any(error["row"] == 1 and error["sheet"] == sheet_name for error in errors):
        return
    for number, values in enumerate(rows, start=2):
        row = {key: cell_text(values[i]) if i < len(values) else "" for key, i in positions.items()}
        if any(row.values()):
            yield number, row


def write_row(sheet, values: list) -> None:
    """Append a row; text that a spreadsheet would run as a formula stays plain text."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
            cell.data_type = "s"
            cell.quotePrefix = True


def build_workbook(sheets: list[tuple[str, list[Column], list[list]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, columns, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append([column.label for column in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            write_row(sheet, row)
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(
                12, min(60, len(column.label) + 4)
            )
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
