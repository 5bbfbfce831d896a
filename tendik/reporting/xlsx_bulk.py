"""The report's XLSX template (measures, indicator grids, activities) and reading it back.

Reading checks every sheet, row and column before anything is written; the service then applies
only what changed, so uploading the same file twice changes nothing.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tendik.core.xlsx import Column, cell_text, sheet_rows, write_row
from tendik.plans.models import Indicator

from .models import ActivityKind, Audience, MeasureProgress, ProgressStatus
from .validation import breakdown_keys, code_lists, parse_key

PROGRESS_SHEET, VALUES_SHEET, ACTIVITIES_SHEET = "Мероприятия", "Индикаторы", "Проведённые"
PROGRESS_COLUMNS = [Column("measure", "ID мероприятия", True), Column("code", "Код"),
                    Column("title", "Мероприятие"), Column("version", "Версия", True),
                    Column("status", "Статус"), Column("narrative_ru", "Что сделано"),
                    Column("spent_amount", "Израсходовано"), Column("spent_currency", "Валюта"),
                    Column("reason", "Причина")]
VALUE_COLUMNS = [Column("indicator", "ID индикатора", True), Column("code", "Код"),
                 Column("name", "Индикатор"), Column("key", "Разрез (код)"),
                 Column("label", "Разрез"), Column("value", "Значение"),
                 Column("override_reason", "Причина расхождения с итогом")]
ACTIVITY_COLUMNS = [Column("kind", "Вид", True), Column("title", "Название", True),
                    Column("start", "Начало", True), Column("end", "Окончание", True),
                    Column("venue", "Место"), Column("audiences", "Аудитория"),
                    Column("participants_women", "Женщин"), Column("participants_men", "Мужчин"),
                    Column("participants_total", "Всего"),
                    Column("measures", "Мероприятия плана (коды)")]


def report_template(report) -> bytes:
    book = Workbook()
    book.remove(book.active)
    progress = MeasureProgress.objects.filter(report=report).select_related("measure") \
        .order_by("measure__code")
    _sheet(book, PROGRESS_SHEET, PROGRESS_COLUMNS, [
        [p.measure_id, p.measure.code, p.measure.title_ru, p.version, p.status, p.narrative_ru,
         p.spent_amount, p.spent_currency, p.reason] for p in progress])
    current = {(o.indicator_id, o.disaggregation): o for o in report.observations.all()}
    rows = []
    for indicator in Indicator.objects.filter(measures__progress__report=report).distinct() \
            .prefetch_related("dimensions__values").order_by("code"):
        labels = {f"{d.code}={v.code}": v.label_ru for d in indicator.dimensions.all()
                  for v in d.values.all()}
        for key in breakdown_keys(code_lists(indicator)):
            observation = current.get((indicator.pk, key))
            rows.append([indicator.pk, indicator.code, indicator.name_ru, key,
                         ", ".join(labels.get(p, p) for p in key.split("|")) if key else "итого",
                         observation.value if observation else None,
                         observation.override_reason if observation else ""])
    _sheet(book, VALUES_SHEET, VALUE_COLUMNS, rows)
    _sheet(book, ACTIVITIES_SHEET, ACTIVITY_COLUMNS, [
        [a.kind, a.title, a.start, a.end, a.venue, a.audiences, a.participants_women,
         a.participants_men, a.participants_total, "; ".join(m.code for m in a.measures.all())]
        for a in report.activities.prefetch_related("measures")])
    info = book.create_sheet("Справка")
    for line in [f"{report.organisation} — {report.period}",
                 f"observations_version={report.observations_version}",
                 f"activities_version={report.activities_version}",
                 "Статусы: " + ", ".join(ProgressStatus.values),
                 "Виды мероприятий: " + ", ".join(ActivityKind.values),
                 "Аудитория: " + ", ".join(Audience.values)]:
        write_row(info, [line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book, title, columns, rows) -> None:
    sheet = book.create_sheet(title)
    write_row(sheet, [c.label for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        write_row(sheet, row)


def _versions(book) -> dict[str, int]:
    if "Справка" not in book.sheetnames:
        return {}
    found = {}
    for (value,) in book["Справка"].iter_rows(values_only=True, max_col=1):
        name, _sep, number = cell_text(value).partition("=")
        if number.isdigit():
            found[name] = int(number)
    return found


def read_report_workbook(book, report) -> tuple[dict, list[dict]]:
    """Everything the file says, as service input, and every error with sheet, row and column."""
    errors: list[dict] = []
    missing = [s for s in (PROGRESS_SHEET, VALUES_SHEET, ACTIVITIES_SHEET)
               if s not in book.sheetnames]
    if missing:
        return {}, [{"sheet": s, "row": 1, "column": "",
                     "message": _("нет листа «%(sheet)s»") % {"sheet": s}} for s in missing]
    versions = _versions(book)
    progress = {p.measure_id: p for p in report.progress.all()}
    measures_by_code = {m.code: m.pk for m in report.plan.measures.all()}
    result = {"progress": [], "values": [], "activities": [],
              "observations_version": versions.get("observations_version"),
              "activities_version": versions.get("activities_version")}
    for number, row in sheet_rows(book, PROGRESS_SHEET, PROGRESS_COLUMNS, errors):
        def error(column, message, number=number):
            errors.append({"sheet": PROGRESS_SHEET, "row": number, "column": column,
                           "message": message})
        measure_id = int(row["measure"]) if row["measure"].isdigit() else None
        if measure_id not in progress:
            error("ID мероприятия", _("мероприятия %(id)s нет в этом отчёте") % {
                "id": row["measure"]})
            continue
        if row.get("status") and row["status"] not in ProgressStatus.values:
            error("Статус", _("неизвестный статус «%(value)s»") % {"value": row["status"]})
        result["progress"].append({"measure": measure_id, "version": int(row["version"] or 0),
                                   **{k: row.get(k, "") for k in (
                                       "status", "narrative_ru", "spent_amount",
                                       "spent_currency", "reason")}})
    for number, row in sheet_rows(book, VALUES_SHEET, VALUE_COLUMNS, errors):
        if row.get("value", "") == "":
            continue
        if not row["indicator"].isdigit():
            errors.append({"sheet": VALUES_SHEET, "row": number, "column": "ID индикатора",
                           "message": _("неверный ID индикатора")})
            continue
        result["values"].append({"row": number, "indicator": int(row["indicator"]),
                                 "disaggregation": parse_key(row.get("key", "")),
                                 "value": row["value"],
                                 "override_reason": row.get("override_reason", "")})
    for number, row in sheet_rows(book, ACTIVITIES_SHEET, ACTIVITY_COLUMNS, errors):
        codes = [c.strip() for c in row.get("measures", "").replace(",", ";").split(";")
                 if c.strip()]
        unknown = [c for c in codes if c not in measures_by_code]
        if unknown:
            errors.append({"sheet": ACTIVITIES_SHEET, "row": number,
                           "column": "Мероприятия плана (коды)",
                           "message": _("нет мероприятий с кодами %(codes)s") % {
                               "codes": ", ".join(unknown)}})
        if row["kind"] not in ActivityKind.values:
            errors.append({"sheet": ACTIVITIES_SHEET, "row": number, "column": "Вид",
                           "message": _("неизвестный вид «%(value)s»") % {"value": row["kind"]}})
        result["activities"].append({
            "row": number, "kind": row["kind"], "title": row["title"],
            "start": row["start"][:10], "end": row["end"][:10], "venue": row.get("venue", ""),
            "audiences": row.get("audiences", ""),
            **{k: row.get(k) or 0 for k in ("participants_women", "participants_men",
                                            "participants_total")},
            "organisers": [report.organisation_id],
            "measures": [measures_by_code[c] for c in codes if c in measures_by_code]})
    return result, errors
