"""Writes of the money area: importing the national banks' official rate tables."""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from tendik.core.audit import AuditAction, audit_log
from tendik.core.errors import DomainError
from tendik.core.permissions import is_manager
from tendik.opendata.opensdg_csv import decode
from tendik.partners.models import ExchangeRate, RateBase

from .currencies import currency_check

MAX_BYTES = 5 * 1024 * 1024  # ten years of daily rates for eight pairs is about 1 MB
MAX_ERRORS = 20  # enough to fix a file; more would bury the first ones
COLUMNS = ("date", "currency", "rate", "base")
RATE = ExchangeRate._meta.get_field("rate")
QUANTUM = Decimal(1).scaleb(-RATE.decimal_places)
LARGEST = Decimal(10) ** (RATE.max_digits - RATE.decimal_places)
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")  # ISO, and as the national banks print dates
SOURCE_LENGTH = ExchangeRate._meta.get_field("source").max_length


@dataclass
class RatesImported:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict:
        return {"read": self.read, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged}


class _Row:
    """One line of the table, checked; `problems` collects what is wrong, by column."""

    def __init__(self, number: int, cells: dict):
        self.number, self.problems = number, []
        self.day = self._check("date", cells, _date)
        self.currency = self._check("currency", cells, currency_check)
        self.base = self._check("base", cells, _base)
        nominal = self._check("nominal", cells, _nominal) if cells.get("nominal") else 1
        rate = self._check("rate", cells, _rate)
        self.rate = None
        if rate is not None and nominal is not None:
            self.rate = self._check("rate", {"rate": (rate, nominal)}, _per_unit)
        if self.currency and self.currency == self.base:
            self._problem("currency", _("валюта совпадает с базовой"))

    def _check(self, column: str, cells: dict, parse):
        try:
            return parse(cells.get(column))
        except (DomainError, ValueError, InvalidOperation) as error:
            message = error.errors[0]["message"] if getattr(error, "errors", None) else (
                _("неверное значение «%(value)s»") % {"value": cells.get(column) or ""})
            self._problem(column, message)
            return None

    def _problem(self, column: str, message: str) -> None:
        self.problems.append({
            "field": "file", "row": self.number, "column": column,
            "message": _("Строка %(row)s, столбец «%(column)s»: %(message)s") % {
                "row": self.number, "column": column, "message": message}})

    @property
    def key(self) -> tuple:
        return self.base, self.currency, self.day


def _date(raw) -> datetime.date:
    text = (raw or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise DomainError(text, errors=[{"message": _(
        "дата «%(value)s» не в виде ГГГГ-ММ-ДД или ДД.ММ.ГГГГ") % {"value": text}}])


def _base(raw) -> str:
    code = (raw or "").strip().upper()
    if code not in RateBase.values:
        raise DomainError(code, errors=[{"message": _(
            "базовая валюта — KGS или KZT, а не «%(value)s»") % {"value": raw or ""}}])
    return code


def _number(raw) -> Decimal:
    """Banks that separate columns by «;» write decimals with a comma: «89,4512»."""
    return Decimal((raw or "").strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))


def _rate(raw) -> Decimal:
    value = _number(raw)
    if not value.is_finite() or value <= 0 or value >= LARGEST:
        raise ValueError(raw)
    return value


def _nominal(raw) -> int:
    value = _number(raw)
    if value != value.to_integral_value() or value < 1:
        raise ValueError(raw)
    return int(value)


def _per_unit(pair: tuple[Decimal, int]) -> Decimal:
    """The rate for one unit: «100 KZT = 19,45 KGS» is stored as 0.1945 KGS for one KZT."""
    rate = (pair[0] / pair[1]).quantize(QUANTUM)
    if rate <= 0:
        raise DomainError("", errors=[{"message": _("курс за единицу округляется до нуля")}])
    return rate


def read_rate_rows(content: bytes) -> list[dict]:
    """The CSV as one dict per line, keyed by the lower-case column names; a file that cannot
    be read raises with the row and column named."""
    if len(content) > MAX_BYTES:
        raise DomainError(_("Файл больше %(mb)s МБ.") % {"mb": MAX_BYTES // (1024 * 1024)},
                          code="too_large",
                          errors=[{"field": "file", "message": _("слишком большой файл")}])
    text = decode(content)
    if text is None:
        raise _refused([_file_problem(_("Файл не в кодировке UTF-8: сохраните его как UTF-8."))])
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    lines = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip().lower() for name in next(lines, [])]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise _refused([_file_problem(_("Строка 1: нет столбцов %(columns)s (нужны %(all)s).") % {
            "columns": ", ".join(missing), "all": ", ".join(COLUMNS)})])
    return [dict(zip(header, cells, strict=False)) for cells in lines
            if any(cell.strip() for cell in cells)]


def _file_problem(message: str) -> dict:
    return {"field": "file", "row": 1, "column": "", "message": message}


def _refused(problems: list[dict]) -> DomainError:
    detail = problems[0]["message"] if len(problems) == 1 else _(
        "В файле ошибок: %(count)s. Ничего не импортировано.") % {"count": len(problems)}
    return DomainError(detail, errors=problems[:MAX_ERRORS])


def _checked(rows: Iterable[dict]) -> list[_Row]:
    """Every row checked; any problem refuses the whole table. Rows are numbered as in the file
    (the header is row 1). The same rate twice is harmless; two rates for one day are not."""
    checked, problems, seen = [], [], {}
    for number, cells in enumerate(rows, start=2):
        row = _Row(number, {str(k).strip().lower(): str(v or "") for k, v in cells.items()})
        first = seen.get(row.key)
        if not row.problems and first is not None and first.rate != row.rate:
            row._problem("rate", _("другой курс на ту же дату уже в строке %(row)s")
                         % {"row": first.number})
        problems += row.problems
        if not row.problems:
            seen.setdefault(row.key, row)
            checked.append(row)
    if problems:
        raise _refused(problems)
    if not checked:
        raise _refused([_file_problem(_("В файле нет ни одного курса."))])
    return checked


@transaction.atomic
def exchange_rates_import(*, actor, rows: Iterable[dict] | None = None,
                          file: bytes | None = None, source: str = "") -> RatesImported:
    """Import a rate table (`rows`, or the CSV bytes `file`) whole or not at all. A rate already
    stored for the same base, currency and date is updated only when it differs, so importing
    the same table again writes nothing, not even an audit row."""
    if actor is not None and not is_manager(actor):
        raise DomainError(_("Курсы загружают координаторы и администраторы."), code="forbidden")
    if (rows is None) == (file is None):
        raise DomainError(_("Нужен файл с курсами."), errors=[{"field": "file",
                                                                "message": _("выберите файл")}])
    source = (source or "").strip()[:SOURCE_LENGTH]
    table = {row.key: row for row in _checked(read_rate_rows(file) if file is not None else rows)}
    result = RatesImported(read=len(table))
    new, changed = _store(table, source, result)
    if new or changed:
        audit_log(actor=actor, instance=(new + changed)[0], action=AuditAction.IMPORT, changes={
            name: {"old": None, "new": value}
            for name, value in {**result.as_dict(), "source": source, "period": _period(table),
                                "currencies": _pairs(table)}.items()})
    return result


def _store(table: dict, source: str, result: RatesImported) -> tuple[list, list]:
    days = [key[2] for key in table]
    existing = {(r.base, r.currency, r.date): r for r in ExchangeRate.objects.filter(
        date__range=(min(days), max(days)),
        currency__in={key[1] for key in table}, base__in={key[0] for key in table})}
    new, changed = [], []
    for key, row in table.items():
        stored = existing.get(key)
        if stored is None:
            new.append(ExchangeRate(base=row.base, currency=row.currency, date=row.day,
                                    rate=row.rate, source=source))
        elif stored.rate != row.rate:
            stored.rate, stored.source = row.rate, source
            changed.append(stored)
    ExchangeRate.objects.bulk_create(new, batch_size=1000)
    ExchangeRate.objects.bulk_update(changed, ["rate", "source"], batch_size=1000)
    result.created, result.updated = len(new), len(changed)
    result.unchanged = len(table) - len(new) - len(changed)
    return new, changed


def _period(table: dict) -> str:
    days = sorted(key[2] for key in table)
    return f"{days[0]:%d.%m.%Y}–{days[-1]:%d.%m.%Y}"


def _pairs(table: dict) -> str:
    return ", ".join(sorted({f"{currency}/{base}" for base, currency, _day in table}))
