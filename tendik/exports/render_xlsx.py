"""The national report as XLSX: a title sheet, then one sheet per section, blocks top to bottom.

Numbers stay numbers and a percent is a real spreadsheet percent (the fraction with a "0.0%"
format), so a reader can sort, sum and chart the tables; the spreadsheet shows it in the
reader's own locale. Every row goes through core.xlsx.write_row, which keeps formula-looking
text as text. Figures are not embedded: a picture would float over the cells, and the figure's
description already says its numbers in words.
"""

import io
import re
import zipfile
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from tendik.core.xlsx import write_row, xml_text

from .document import Document, Figure, Heading, Paragraph, Section, Table

# Nothing volatile goes into the file: the same Document gives the same bytes.
FIXED_TIME = datetime(2000, 1, 1)
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_LENGTH = 31
PERCENT_FORMAT = "0.0%"
MIN_WIDTH, MAX_WIDTH = 8, 60
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
NOTE = Font(italic=True, color="666666")
CELL = Alignment(wrap_text=True, vertical="top")


def render_xlsx(document: Document) -> bytes:
    book = Workbook()
    taken: set[str] = set()
    _title_sheet(book.active, document, taken)
    for section in document.sections:
        _section_sheet(book.create_sheet(sheet_title(section.title, taken)), section)
    book.properties.created = book.properties.modified = FIXED_TIME
    return _save(book)


def sheet_title(title: str, taken: set[str]) -> str:
    """A valid sheet name, unique among `taken` (compared as Excel does, ignoring case)."""
    base = SHEET_TITLE_FORBIDDEN.sub("", xml_text(title)).strip().strip("'")
    base = base[:SHEET_TITLE_LENGTH].rstrip() or str(len(taken) + 1)
    name, number = base, 1
    while name.lower() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[:SHEET_TITLE_LENGTH - len(suffix)].rstrip() + suffix
    taken.add(name.lower())
    return name


def _title_sheet(sheet, document: Document, taken: set[str]) -> None:
    sheet.title = sheet_title(document.title, taken)
    _styled_row(sheet, [document.title], TITLE)
    for line in document.title_lines:
        write_row(sheet, [line])
    sheet.append([])
    for label, value in document.facts:
        write_row(sheet, [label, value])
        sheet.cell(sheet.max_row, 1).font = BOLD
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = MAX_WIDTH


def _section_sheet(sheet, section: Section) -> None:
    _styled_row(sheet, [section.title], TITLE)
    widths: dict[int, int] = {}
    header_rows = []
    for block in section.blocks:
        if isinstance(block, Heading):
            _styled_row(sheet, [block.text], BOLD)
        elif isinstance(block, Paragraph):
            _styled_row(sheet, [_text(block.runs)], NOTE if block.style == "note" else None)
        elif isinstance(block, Figure):
            _styled_row(sheet, [block.title, block.description], None)
        elif isinstance(block, Table):
            header_rows.append(_table(sheet, block, widths))
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = width
    # With several tables a frozen header would be the wrong one under most rows.
    if len(header_rows) == 1:
        sheet.freeze_panes = f"A{header_rows[0] + 1}"


def _table(sheet, table: Table, widths: dict[int, int]) -> int:
    """Write the table; return its header's row number. `widths` grows to fit its columns."""
    if table.caption:
        _styled_row(sheet, [table.caption], BOLD)
    header = _styled_row(sheet, [column.label for column in table.columns], BOLD)
    for cell in sheet[header]:
        cell.alignment = CELL
    kinds = [column.kind for column in table.columns]
    for values in table.rows:
        write_row(sheet, [_value(value, kind) for value, kind in zip(values, kinds, strict=False)])
        for cell, kind in zip(sheet[sheet.max_row], kinds, strict=False):
            cell.alignment = CELL
            if kind == "percent":
                cell.number_format = PERCENT_FORMAT
    if table.total_row and table.rows:
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
    sheet.append([])
    for index, column in enumerate(table.columns, start=1):
        cells = [row[index - 1] for row in table.rows if index <= len(row)]
        longest = max(_width(value) for value in [column.label, *cells])
        widths[index] = max(widths.get(index, MIN_WIDTH), min(MAX_WIDTH, longest + 2))
    return header


def _styled_row(sheet, values: list, font: Font | None) -> int:
    write_row(sheet, values)
    row = sheet.max_row
    if font:
        for cell in sheet[row]:
            cell.font = font
    return row


def _value(value, kind: str):
    if isinstance(value, list):
        return _text(value)
    if kind == "percent" and isinstance(value, int | float | Decimal):
        # Through the decimal text: 73.9 becomes 0.739, not 0.7390000000000001.
        return Decimal(str(value)) / 100
    return value


def _text(runs) -> str:
    return "".join(run.text for run in runs)


def _width(value) -> int:
    """Characters a column needs for the value: the longest line, a wrapped cell stops at MAX_WIDTH."""
    if value is None:
        return 0
    text = _text(value) if isinstance(value, list) else str(value)
    return max(len(line) for line in text.splitlines() or [""])


def _save(book: Workbook) -> bytes:
    """The workbook's bytes with every zip member stamped FIXED_TIME, not the moment of writing.

    Not book.save(): it stamps the modification time with now."""
    written = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(written, "w")).save()  # stored: compressed once, below
    stamped = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(stamped, "w") as target:
        for member in source.infolist():
            target.writestr(zipfile.ZipInfo(member.filename, FIXED_TIME.timetuple()[:6]),
                            source.read(member), compress_type=zipfile.ZIP_DEFLATED)
    return stamped.getvalue()
