"""The government matrix (XLSX) in and out: reading checks every row before anything is written."""

import difflib
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from tendik.core.xlsx import cell_text, write_row
from tendik.organisations.selectors import organisation_name_index

from .matrix_format import (
    HEADERS,
    MEASURE_CODE,
    REQUIRED_HEADERS,
    format_deadline,
    format_financing,
    format_indicator,
    parse_deadline,
    parse_financing,
    parse_heading,
    parse_indicator,
    split_list,
)

HEADING_FILL = PatternFill("solid", fgColor="DDE6F0")
MAX_HEADER_SCAN = 10


@dataclass
class MatrixMeasure:
    row: int
    code: str
    fields: dict
    relations: dict = field(default_factory=dict)
    indicators: list = field(default_factory=list)


@dataclass
class MatrixObjective:
    row: int
    code: str
    title: str
    measures: list = field(default_factory=list)


@dataclass
class MatrixArea:
    row: int
    code: str
    title: str
    objectives: list = field(default_factory=list)


@dataclass
class MatrixContext:
    """What the reader matches names and codes against."""

    organisations: list
    territories: dict
    frameworks: dict
    indicators: dict


class MatrixReader:
    def __init__(self, book, context: MatrixContext):
        self.sheet = book.worksheets[0]
        self.context = context
        self.errors: list[dict] = []
        self.areas: list[MatrixArea] = []
        self.codes: dict[str, int] = {}
        self.names = organisation_name_index(context.organisations)

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append({"row": row, "column": column, "message": message})

    def read(self) -> list[MatrixArea]:
        rows = list(self.sheet.iter_rows(values_only=True))
        header_index = self._header(rows)
        if header_index is None:
            return []
        for offset, values in enumerate(rows[header_index + 1:], start=header_index + 2):
            cells = [cell_text(v) for v in values[:len(HEADERS)]]
            cells += [""] * (len(HEADERS) - len(cells))
            if any(cells):
                self._row(offset, cells)
        if not self.areas and not self.errors:
            self.error(header_index + 2, HEADERS[0], _("в таблице нет ни одного мероприятия"))
        return self.areas

    def _header(self, rows) -> int | None:
        for index, values in enumerate(rows[:MAX_HEADER_SCAN]):
            labels = [cell_text(v).lower() for v in values]
            if labels and labels[0] == "№":
                missing = [h for h in REQUIRED_HEADERS if h.lower() not in labels]
                for name in missing:
                    self.error(index + 1, name, _("нет обязательного столбца «%(name)s»")
                               % {"name": name})
                wrong_order = [h for i, h in enumerate(REQUIRED_HEADERS)
                               if h.lower() in labels and labels.index(h.lower()) != i]
                for name in wrong_order:
                    self.error(index + 1, name, _("столбец «%(name)s» стоит не на своём месте")
                               % {"name": name})
                return None if missing or wrong_order else index
        self.error(1, HEADERS[0], _("не найдена строка заголовков (первая ячейка «№»)"))
        return None

    def _row(self, number: int, cells: list[str]) -> None:
        code = cells[0]
        if MEASURE_CODE.match(code):
            self._measure(number, cells)
        elif not any(cells[1:]) and parse_heading(code):
            self._heading(number, *parse_heading(code))
        else:
            self.error(number, HEADERS[0], _("не понятно, что это за строка: «%(code)s» (ожидается "
                                             "заголовок «1. …», «1.1. …» или мероприятие 1.1.1)")
                       % {"code": code[:60]})

    def _unique(self, number: int, code: str) -> bool:
        if code in self.codes:
            self.error(number, HEADERS[0], _("код %(code)s повторяется (строка %(row)s)")
                       % {"code": code, "row": self.codes[code]})
            return False
        self.codes[code] = number
        return True

    def _heading(self, number: int, code: str, title: str) -> None:
        if not self._unique(number, code):
            return
        if "." not in code:
            self.areas.append(MatrixArea(number, code, title))
            return
        area = self.areas[-1] if self.areas else None
        if area is None or not code.startswith(area.code + "."):
            self.error(number, HEADERS[0],
                       _("задача %(code)s стоит не под своим направлением (%(area)s)")
                       % {"code": code, "area": area.code if area else "—"})
            return
        area.objectives.append(MatrixObjective(number, code, title))

    def _measure(self, number: int, cells: list[str]) -> None:
        code = cells[0]
        objective = self.areas[-1].objectives[-1] if self.areas and self.areas[-1].objectives \
            else None
        if objective is None or code.rsplit(".", 1)[0] != objective.code:
            self.error(number, HEADERS[0],
                       _("мероприятие %(code)s стоит не под своей задачей (%(objective)s): "
                         "структура заголовков нарушена") % {
                           "code": code, "objective": objective.code if objective else "—"})
            return
        if not self._unique(number, code):
            return
        measure = MatrixMeasure(number, code, {"title_ru": cells[1],
                                               "expected_result_ru": cells[6]})
        if not cells[1]:
            self.error(number, HEADERS[1], _("не указано название мероприятия"))
        self._cell(number, 2, lambda: measure.fields.update(parse_deadline(cells[2])))
        executors = self._organisations(number, 3, cells[3])
        if not executors and not any(e["row"] == number and e["column"] == HEADERS[3]
                                     for e in self.errors):
            self.error(number, HEADERS[3], _("не указан ответственный исполнитель"))
        measure.fields["lead_executor"] = executors[0] if executors else None
        measure.relations["co_executors"] = executors[1:]
        measure.relations["partners"] = self._organisations(number, 7, cells[7])
        measure.relations["territories"] = self._lookup(number, 8, cells[8],
                                                        self.context.territories,
                                                        _("неизвестный код территории"))
        measure.relations["frameworks"] = self._lookup(number, 9, cells[9],
                                                       self.context.frameworks,
                                                       _("неизвестное обязательство"))
        self._cell(number, 5, lambda: measure.relations.update(
            budget_lines=parse_financing(cells[5])))
        measure.indicators = self._indicators(number, cells[4])
        objective.measures.append(measure)

    def _cell(self, number: int, column: int, action) -> None:
        try:
            action()
        except ValueError as exc:
            self.error(number, HEADERS[column], str(exc))

    def _organisations(self, number: int, column: int, text: str) -> list:
        found = []
        for name in split_list(text):
            name = name.replace("(по согласованию)", "").strip()
            organisation = self.names.get(name.lower())
            if organisation is None:
                self.error(number, HEADERS[column], self._unknown_organisation(name))
            elif organisation not in found:
                found.append(organisation)
        return found

    def _unknown_organisation(self, name: str) -> str:
        close = difflib.get_close_matches(name.lower(), list(self.names), n=1, cutoff=0.5)
        message = _("неизвестный исполнитель «%(name)s»") % {"name": name}
        if close:
            organisation = self.names[close[0]]
            hint = organisation.acronym or organisation.name_ru
            message += " — " + _("возможно, «%(hint)s»?") % {"hint": hint}
        return message

    def _lookup(self, number: int, column: int, text: str, known: dict, message: str) -> list:
        found = []
        for code in split_list(text.replace(",", ";")):
            if code in known:
                found.append(known[code])
            else:
                self.error(number, HEADERS[column], f"{message} «{code}»")
        return found

    def _indicators(self, number: int, text: str) -> list[tuple[str, str]]:
        found = []
        for line in split_list(text):
            code, name = parse_indicator(line)
            if code not in self.context.indicators and not name:
                self.error(number, HEADERS[4], _("неизвестный индикатор «%(code)s»: укажите "
                                                 "«код — название», чтобы создать его")
                           % {"code": code})
            found.append((code, name))
        return found


def matrix_workbook(plan, areas) -> bytes:
    """The plan as the annex matrix of a government resolution."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Матрица"
    write_row(sheet, [plan.title_ru])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.cell(1, 1).font = Font(bold=True, size=13)
    write_row(sheet, HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for area in areas:
        _heading_row(sheet, f"{area.code}. {area.title_ru}", bold=True)
        for objective in area.shown_objectives:
            _heading_row(sheet, f"{objective.code}. {objective.title_ru}", bold=False)
            for measure in objective.shown_measures:
                executors = [measure.lead_executor, *measure.co_executors.all()]
                write_row(sheet, [
                    measure.code, measure.title_ru, format_deadline(measure),
                    ";\n".join(o.name_ru for o in executors),
                    ";\n".join(format_indicator(i) for i in measure.indicators.all()),
                    format_financing(measure.budget_lines.all()), measure.expected_result_ru,
                    ";\n".join(o.name_ru for o in measure.partners.all()),
                    "; ".join(t.code for t in measure.territories.all()),
                    "; ".join(f.key for f in measure.frameworks.all()),
                ])
    widths = [9, 60, 16, 40, 40, 32, 40, 30, 20, 24]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(2, index).column_letter].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _heading_row(sheet, text: str, bold: bool) -> None:
    write_row(sheet, [text])
    row = sheet.max_row
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
    sheet.cell(row, 1).font = Font(bold=bold)
    sheet.cell(row, 1).fill = HEADING_FILL
