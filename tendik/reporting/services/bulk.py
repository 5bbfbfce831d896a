"""Bulk entry: a filled-in XLSX template applied through the section services."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.core.xlsx import read_workbook

from ..models import Report
from ..selectors import activities_document, progress_document
from ..validation import disaggregation_key
from ..xlsx_bulk import ACTIVITIES_SHEET, PROGRESS_SHEET, VALUES_SHEET, read_report_workbook
from .common import lock_for_write
from .sections import activities_save, observations_save, progress_save


def _same_progress(current: dict, wanted: dict) -> bool:
    def norm(name, value):
        if name == "spent_amount":
            return None if value in (None, "") else Decimal(str(value)).normalize()
        return (value or "").strip() if isinstance(value, str) or value is None else value
    return all(norm(k, current.get(k)) == norm(k, v) for k, v in wanted.items())


def _located(exc: DomainError, sheet: str, rows: list[int]) -> DomainError:
    """Errors of a section service, re-addressed to the sheet and row they came from."""
    errors = []
    for error in exc.errors or [{"message": str(exc)}]:
        index = error.get("row")
        row = rows[index - 1] if isinstance(index, int) and 0 < index <= len(rows) else None
        errors.append({"sheet": sheet, "row": row, "column": error.get("column", ""),
                       "message": error["message"]})
    return DomainError(_("Файл не загружен: ошибок — %(count)s. Ничего не сохранено.") % {
        "count": len(errors)}, code="invalid", errors=errors)


@transaction.atomic
def report_upload_xlsx(*, actor, report: Report, content: bytes) -> dict:
    """Apply a filled-in template: all of it or nothing; unchanged rows are left alone."""
    report = lock_for_write(actor, report)
    data, errors = read_report_workbook(read_workbook(content), report)
    if errors:
        raise DomainError(_("Файл не загружен: ошибок — %(count)s. Ничего не сохранено.") % {
            "count": len(errors)}, errors=errors)
    counts = {"progress": 0, "values": 0, "activities": 0}
    current = {p.measure_id: p for p in report.progress.all()}
    for number, row in enumerate(data["progress"], start=2):
        wanted = {k: row[k] for k in ("status", "narrative_ru", "spent_amount", "spent_currency",
                                      "reason")}
        wanted["spent_amount"] = wanted["spent_amount"] or None
        if _same_progress(progress_document(current[row["measure"]]), wanted):
            continue
        try:
            progress_save(actor=actor, report=report, measure_id=row["measure"],
                          version=row["version"], data=wanted)
        except DomainError as exc:
            raise _located(exc, PROGRESS_SHEET, [number]) from exc
        counts["progress"] += 1
    existing = {(o.indicator_id, o.disaggregation): (o.value, o.override_reason)
                for o in report.observations.all()}
    values = data["values"]
    wanted_values = {(v["indicator"], disaggregation_key(v["disaggregation"])):
                     (Decimal(str(v["value"]).replace(",", ".")) if _is_number(v["value"])
                      else v["value"], v["override_reason"]) for v in values}
    touched = {key[0] for key in wanted_values}
    if wanted_values != {k: v for k, v in existing.items() if k[0] in touched}:
        try:
            observations_save(actor=actor, report=report,
                              version=data["observations_version"] or report.observations_version,
                              values=values)
        except DomainError as exc:
            raise _located(exc, VALUES_SHEET, [v["row"] for v in values]) from exc
        counts["values"] = len(values)
    activities = data["activities"]
    if _activity_keys(activities) != _activity_keys(activities_document(report)["activities"]):
        try:
            activities_save(actor=actor, report=report,
                            version=data["activities_version"] or report.activities_version,
                            activities=activities)
        except DomainError as exc:
            raise _located(exc, ACTIVITIES_SHEET, [a["row"] for a in activities]) from exc
        counts["activities"] = len(activities)
    return counts


def _is_number(text) -> bool:
    try:
        Decimal(str(text).replace(",", "."))
    except ArithmeticError:
        return False
    return True


def _activity_keys(activities: list[dict]) -> list[tuple]:
    return sorted((str(a["kind"]), str(a["title"]), str(a["start"])[:10], str(a["end"])[:10],
                   int(a.get("participants_women") or 0), int(a.get("participants_men") or 0),
                   int(a.get("participants_total") or 0), tuple(sorted(a.get("measures") or [])))
                  for a in activities)
