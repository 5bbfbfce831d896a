"""The plan as the annex table of a resolution (DOCX that opens in Word and LibreOffice)."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from tendik.core.xlsx import xml_text

from .matrix_format import HEADERS, format_deadline, format_financing, format_indicator

ANNEX_COLUMNS = HEADERS[:7]
WIDTHS_CM = [1.4, 7.0, 2.6, 4.2, 4.2, 3.6, 4.2]


def _cell(cell, text: str, bold: bool = False) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(xml_text(text))
    run.bold = bold
    run.font.size = Pt(9)


def matrix_docx(plan, areas) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    if plan.act_number:
        annex = document.add_paragraph(xml_text(f"Приложение к {plan.act_type} от "
                                                f"{plan.act_date:%d.%m.%Y} № {plan.act_number}"
                                                if plan.act_date else plan.act_type))
        annex.alignment = 2
    document.add_heading(xml_text(plan.title_ru), level=1)
    table = document.add_table(rows=1, cols=len(ANNEX_COLUMNS))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, ANNEX_COLUMNS, strict=True):
        _cell(cell, label, bold=True)
    for area in areas:
        _merged_row(table, f"{area.code}. {area.title_ru}", bold=True)
        for objective in area.shown_objectives:
            _merged_row(table, f"{objective.code}. {objective.title_ru}", bold=False)
            for measure in objective.shown_measures:
                executors = [measure.lead_executor, *measure.co_executors.all()]
                values = [measure.code, measure.title_ru, format_deadline(measure),
                          "; ".join(o.name_ru for o in executors),
                          "\n".join(format_indicator(i) for i in measure.indicators.all()),
                          format_financing(measure.budget_lines.all()),
                          measure.expected_result_ru]
                for cell, value in zip(table.add_row().cells, values, strict=True):
                    _cell(cell, value)
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_CM, strict=True):
            cell.width = Cm(width)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _merged_row(table, text: str, bold: bool) -> None:
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    _cell(merged, text, bold=bold)
