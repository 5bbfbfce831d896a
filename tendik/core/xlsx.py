"""Safe XLSX reading and writing shared by every import and export."""

import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
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


def _refuse(message: str, code: str = "bad_type", **params) -> DomainError:
    return DomainError(message % params if params else message, code=code)


# What a streaming count looks for. Tags are counted by their start, with or without a namespace
# prefix (bytes.count is fast); a longer name with the same start (`<col` for `<c`) only makes a
# count higher, never hides a tag. Row and cell numbers come from every ` r="A12"` attribute.
_TAG_STARTS = (b"<", b":")
_REFERENCE = re.compile(rb'\sr="([A-Z]{0,4})(\d{1,9})"')
_DIMENSION = re.compile(
    rb'dimension\b[^>]{0,200}?\bref="[A-Z]{0,4}\d{0,9}:?([A-Z]{1,4})(\d{1,9})"')
_CHUNK = 1024 * 1024


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _scan(archive: zipfile.ZipFile, name: str):
    """Yield a member in pieces that each end just after a `>`: every pattern above lies inside
    one tag, so each match falls wholly within one piece and is counted once."""
    tail = b""
    with archive.open(name) as member:
        while chunk := member.read(_CHUNK):
            buffer = tail + chunk
            cut = buffer.rfind(b">") + 1
            yield buffer[:cut]
            tail = buffer[cut:]
    yield tail


def _check_archive(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > settings.TENDIK_XLSX_MAX_MEMBERS:
        raise _refuse(_("Файл XLSX отклонён: в архиве слишком много частей (%(count)s)."),
                      count=len(members))
    unpacked = sum(member.file_size for member in members)
    if unpacked > settings.TENDIK_XLSX_MAX_UNPACKED_BYTES:
        raise _refuse(_("Файл XLSX отклонён: в распакованном виде он больше %(limit)s МБ."),
                      code="too_large", limit=settings.TENDIK_XLSX_MAX_UNPACKED_BYTES // 2**20)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 2**20 and ratio > settings.TENDIK_XLSX_MAX_RATIO:
            raise _refuse(_("Файл XLSX отклонён: часть «%(name)s» сжата подозрительно сильно."),
                          name=member.filename[:100])
    if "xl/workbook.xml" not in archive.namelist():
        raise _refuse(_("Это не файл XLSX: в архиве нет книги Excel."))


def _check_part(archive: zipfile.ZipFile, name: str) -> None:
    """Count strings, rows and columns, declared or real, in any part: a sheet or string table
    can sit at any path the workbook points to, and the reader pads every row up to the largest
    row and column number it meets."""
    strings = rows = cells = max_row = max_column = 0
    for piece in _scan(archive, name):
        strings += _count_tags(piece, b"si")
        rows += _count_tags(piece, b"row")  # rows and cells without a number count too
        cells += _count_tags(piece, b"c")
        references = _REFERENCE.findall(piece) + _DIMENSION.findall(piece)
        if references:
            max_row = max(max_row, max(int(number) for _letters, number in references))
            letters = max({letters for letters, _number in references}, key=lambda x: (len(x), x))
            max_column = max(max_column, _column_number(letters))
        _check_size(strings, max(rows, max_row), max_column, cells)


def _count_tags(piece: bytes, name: bytes) -> int:
    return sum(piece.count(start + name) for start in _TAG_STARTS)


def _check_size(strings: int, max_row: int, max_column: int, cells: int) -> None:
    if strings > settings.TENDIK_XLSX_MAX_STRINGS:
        raise _refuse(_("Файл XLSX отклонён: в нём больше %(limit)s строк текста."),
                      limit=settings.TENDIK_XLSX_MAX_STRINGS)
    if max_row > settings.TENDIK_XLSX_MAX_ROWS:
        raise _refuse(_("Файл XLSX отклонён: на листе больше %(limit)s строк."),
                      limit=settings.TENDIK_XLSX_MAX_ROWS)
    if max_column > settings.TENDIK_XLSX_MAX_COLUMNS:
        raise _refuse(_("Файл XLSX отклонён: на листе больше %(limit)s столбцов."),
                      limit=settings.TENDIK_XLSX_MAX_COLUMNS)
    if max(max_row * max_column, cells) > settings.TENDIK_XLSX_MAX_CELLS:
        raise _refuse(_("Файл XLSX отклонён: на листе больше %(limit)s ячеек."),
                      limit=settings.TENDIK_XLSX_MAX_CELLS)


def check_workbook(content: bytes) -> None:
    """Refuse a zip or XML bomb before openpyxl unpacks anything: sizes, ratio and counts."""
    check_upload_size(len(content))
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise _refuse(_("Это не файл XLSX. Сохраните таблицу в формате Excel (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_archive(archive)
            for name in archive.namelist():
                _check_part(archive, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError,
            RuntimeError, ValueError) as exc:
        raise _refuse(_("Не удалось прочитать XLSX: %(error)s"), error=exc) from exc


def read_workbook(content: bytes):
    """Open an uploaded workbook, refusing anything that is not really XLSX or is a bomb.

    Formulas are read as their text (data_only=False): imports keep such text as plain text,
    and every export writes it back escaped.
    """
    check_workbook(content)
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError,
            SyntaxError) as exc:
        raise _refuse(_("Не удалось прочитать XLSX: %(error)s"), error=exc) from exc


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


def xml_text(value):
    """Text without the control characters XML cannot hold (a stored name may carry one); other
    values unchanged. Every XLSX and DOCX export writes through this."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def write_row(sheet, values: list) -> None:
    """Append a row; text that a spreadsheet would run as a formula stays plain text."""
    sheet.append([xml_text(value) for value in values])
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
