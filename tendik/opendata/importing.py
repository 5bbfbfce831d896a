"""Importing Open SDG CSV and SDMX-ML files into official values, one savepoint per file: a file
with any error is refused whole, naming file, row and column, and the others still import.
Values are kept exactly as found; importing the same files again changes nothing."""

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pycountry
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.audit import AuditAction, audit_log
from tendik.core.errors import DomainError
from tendik.core.permissions import ensure_manages_country
from tendik.core.services import model_update
from tendik.plans.models import Dimension, DimensionValue, Indicator, Unit
from tendik.plans.services import indicator_create

from .mapping import VALUE_LENGTH, Mapper
from .models import OnConflict, SourceFile, SourceFormat, StatValue, ValueMapping
from .opensdg_csv import (
    SourceRow,
    SourceTable,
    decode,
    indicator_code,
    is_sdg_code,
    problem,
    read_csv,
    read_labels,
    same_code,
    translations_dir,
)
from .sdmx_read import find_structure, message_kind, read_sdmx_data

MAX_BYTES = 50 * 1024 * 1024
# SDMX's total and not-applicable codes, and the word some sites write instead of a blank cell.
TOTALS = {"_t", "_z", "total", "всего", "итого"}
MISSING = {"", "nan", "na", "..", "-"}
YEAR = re.compile(r"[0-9]{4}")
NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
INTEGER_DIGITS, DECIMAL_PLACES = 16, 8  # StatValue.value: Decimal(24, 8)
FIELD_LENGTHS = {name: StatValue._meta.get_field(name).max_length for name in ("series", "unit")}
NAME_LENGTH = Indicator._meta.get_field("name_ru").max_length


@dataclass
class ImportResult:
    """The counts of one import: indicators touched, values read, and what became of the
    stored values; errors and warnings name file, row and column."""

    indicators: set = field(default_factory=set)
    observations: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"indicators": len(self.indicators), "observations": self.observations,
                "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "errors": self.errors, "warnings": self.warnings}


class _Refused(Exception):
    """A file's errors: its savepoint is rolled back."""

    def __init__(self, errors: list[dict]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass
class _Context:
    actor: object
    country: object
    on_conflict: str
    structure: Path | None
    result: ImportResult


@transaction.atomic
def opensdg_import(*, actor, country, path: Path, on_conflict: str = OnConflict.REFUSE,
                   structure: Path | None = None) -> ImportResult:
    """Import an Open SDG data folder (or site root), an SDMX-ML folder, or one file of either
    kind (told by content). Structure messages found among the files are skipped."""
    ensure_manages_country(actor, country)
    if on_conflict not in OnConflict.values:
        raise DomainError(_("Неизвестный выбор при противоречивых строках: %(value)s.")
                          % {"value": on_conflict},
                          errors=[{"field": "on_conflict", "message": ", ".join(OnConflict.values)}])
    path = Path(path)
    if not path.exists():
        raise DomainError(_("Нет такого файла или папки: %(path)s.") % {"path": path},
                          code="not_found", errors=[{"file": str(path), "message": _("не найдено")}])
    context = _Context(actor, country, on_conflict, structure, ImportResult())
    files = _files(path)
    if not files:
        context.result.warnings.append({"file": str(path), **problem("", "", _(
            "В папке нет файлов CSV или XML."))})
    for file in files:
        _import_file(file, context, name=str(file.relative_to(path)) if path.is_dir() else file.name)
    return context.result


def _files(path: Path) -> list[Path]:
    """One file as given; in a folder (or an Open SDG site's `data/`), its CSV and XML files."""
    if path.is_file():
        return [path]
    folder = path / "data" if (path / "data").is_dir() else path
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in (".csv", ".xml") and not p.name.startswith("."))


def _import_file(file: Path, context: _Context, *, name: str) -> None:
    result = context.result
    try:
        with transaction.atomic():
            outcome = _read_and_store(file, context, name)
    except _Refused as refused:
        result.errors += [{"file": name, **error} for error in refused.errors]
        return
    except DomainError as error:  # a rule of ours broken by the file's content
        result.errors.append({"file": name, **problem("", "", error.message)})
        return
    if outcome is not None:
        indicator, counts, warnings = outcome
        if indicator is not None:
            result.indicators.add(indicator)
        for key, count in counts.items():
            setattr(result, key, getattr(result, key) + count)
        result.warnings += [{"file": name, **warning} for warning in warnings]


def _read_table(file: Path, context: _Context) -> tuple[SourceTable | None, bytes]:
    """The file's rows, by what it contains; no table for a structure message (not data)."""
    if file.stat().st_size > MAX_BYTES:
        raise _Refused([problem("", "", _("Файл больше %(size)s МБ.") % {"size": MAX_BYTES >> 20})])
    content = file.read_bytes()
    kind = message_kind(content)
    if kind == "structure":
        return None, content
    if kind == "data":
        return read_sdmx_data(content, find_structure(file, context.structure)), content
    text = decode(content)
    if text is not None and ("\x00" in text or text.lstrip().startswith("<")):
        raise _Refused([problem("", "", _("Это не CSV Open SDG и не SDMX-ML."))])
    return read_csv(content), content


def _read_and_store(file: Path, context: _Context, name: str):
    table, content = _read_table(file, context)
    if table is None:
        return None
    code = indicator_code(file.name)
    if code is None:
        table.errors.append(problem("", "", _(
            "По имени файла не понять индикатор: ожидается «indicator_5-5-2.csv» или «5.5.2.xml».")))
    if table.errors:
        raise _Refused(table.errors)
    if table.format == SourceFormat.OPENSDG_CSV:
        table.labels = read_labels(translations_dir(file.parent), table.dimensions, code)
    mapper = Mapper(country=context.country, actor=context.actor)
    found, read = _values(table, mapper, context.country)
    values = _collapse(found, context.on_conflict, table)
    if not values:  # a header-only file, or only blank values: no indicator to make or touch
        return None, {}, table.warnings + mapper.warnings
    indicator = _indicator(code, table, values, context)
    warnings = table.warnings + mapper.warnings
    source = SourceFile(country=context.country, name=name[:255], format=table.format,
                        sha256=hashlib.sha256(content).hexdigest(), on_conflict=context.on_conflict,
                        warnings=warnings)
    counts = _store(indicator, values, source, context.actor)
    return indicator.pk, {"observations": read, **counts}, warnings


@dataclass
class _Found:
    row: int | str
    text: str
    value: Decimal


def _columns(table: SourceTable) -> dict[str, str]:
    """The names of the year, value, series and unit columns, for messages."""
    if table.format == SourceFormat.SDMX_ML:
        return {"year": "TIME_PERIOD", "value": "OBS_VALUE", "series": "SERIES", "unit": "UNIT_MEASURE"}
    return {"year": "Year", "value": "Value", "series": "Series", "unit": "Units", **table.names}


def _values(table: SourceTable, mapper: Mapper, country) -> tuple[dict[tuple, list[_Found]], int]:
    """Every row checked and keyed in our dimensions: (year, series, unit, disaggregation) → the
    values found for it, in file order; and how many values were read."""
    columns, errors, found, read = _columns(table), [], {}, 0
    own_area = _area_codes(country.code)
    for row in table.rows:
        if row.value.casefold() in MISSING:
            table.warnings.append(problem(row.row, columns["value"], _("Нет значения: строка пропущена.")))
            continue
        read += 1
        problems = _check(row, columns)
        key = _key(row, mapper, table, own_area, problems)
        if problems:
            errors += problems
            continue
        found.setdefault(key, []).append(_Found(row.row, row.value, Decimal(row.value)))
    if errors:
        raise _Refused(errors)
    return found, read


def _check(row: SourceRow, columns: dict[str, str]) -> list[dict]:
    problems = []
    if not YEAR.fullmatch(row.year):
        problems.append(problem(row.row, columns["year"], _(
            "Год «%(year)s»: нужен год из четырёх цифр.") % {"year": row.year}))
    message = _number_problem(row.value)
    if message:
        problems.append(problem(row.row, columns["value"], message))
    for name, limit in FIELD_LENGTHS.items():
        if len(getattr(row, name)) > limit:
            problems.append(problem(row.row, columns[name], _(
                "Длиннее %(limit)s знаков.") % {"limit": limit}))
    return problems


def _number_problem(text: str) -> str | None:
    if not NUMBER.fullmatch(text):  # Decimal() alone also takes «1_000», «NaN» and «Infinity»
        return _("«%(value)s» — не число.") % {"value": text[:40]}
    number = Decimal(text)
    exponent = number.as_tuple().exponent
    digits = len(number.as_tuple().digits) + exponent
    if len(text) > StatValue._meta.get_field("text").max_length or digits > INTEGER_DIGITS or (
            exponent < -DECIMAL_PLACES and number != number.quantize(Decimal(1).scaleb(-DECIMAL_PLACES))):
        return _("«%(value)s»: точнее 8 знаков после запятой или длиннее 16 цифр до неё — "
                 "сохранить без потерь нельзя.") % {"value": text[:40]}
    return None


def _area_codes(code: str) -> set[str]:
    """The codes a source may give the whole country as REF_AREA: ISO alpha-2 and alpha-3, and
    the UN M49 number the SDG databases use."""
    country = pycountry.countries.get(alpha_2=code)
    return {code, country.alpha_3, country.numeric, country.numeric.lstrip("0")} if country else {code}


def _key(row: SourceRow, mapper: Mapper, table: SourceTable, own_area: set[str],
         problems: list) -> tuple:
    """(year, series, unit, disaggregation): the source's cells in our codes, "" = total."""
    parts = {}
    for column, cell in row.cells.items():
        if cell.casefold() in TOTALS or (column.upper() == "REF_AREA" and cell.upper() in own_area):
            continue
        if len(cell) > VALUE_LENGTH:
            problems.append(problem(row.row, column, _("Длиннее %(limit)s знаков.")
                                    % {"limit": VALUE_LENGTH}))
            continue
        mapping = mapper.dimension(column, table.labels)
        if mapping.dimension is None:  # the operator said: not a breakdown
            continue
        code = mapper.value(mapping, cell, table.labels, row.row).code
        if parts.get(mapping.dimension.code, code) != code:
            problems.append(problem(row.row, column, _(
                "Два столбца дают разрезу «%(dimension)s» разные значения.")
                % {"dimension": mapping.dimension.code}))
        parts[mapping.dimension.code] = code
    disaggregation = "|".join(f"{k}={v}" for k, v in sorted(parts.items()))
    if len(disaggregation) > 255:
        problems.append(problem(row.row, "", _("Слишком много разрезов в одной строке.")))
    return row.year, row.series, row.unit, disaggregation


def _describe(key: tuple) -> str:
    year, series, unit, disaggregation = key
    return ", ".join(part for part in (year, series, unit, disaggregation or _("итого")) if part)


def _collapse(found: dict[tuple, list[_Found]], on_conflict: str, table: SourceTable) -> dict:
    """One value per key: identical repeats collapse with a warning; different values refuse
    the file unless the operator chose the first or the last."""
    values, errors, column = {}, [], _columns(table)["value"]
    for key, items in found.items():
        distinct = {item.value for item in items}
        rows = ", ".join(str(item.row) for item in items)
        if len(items) > 1 and len(distinct) == 1:
            table.warnings.append(problem(items[1].row, column, _(
                "Повтор строк %(rows)s (%(key)s): оставлено одно значение.")
                % {"rows": rows, "key": _describe(key)}))
        elif len(distinct) > 1:
            texts = ", ".join(item.text for item in items)
            if on_conflict == OnConflict.REFUSE:
                errors.append(problem(items[0].row, column, _(
                    "Строки %(rows)s (%(key)s) дают разные значения: %(values)s. Выберите "
                    "первое или последнее (--on-conflict=first|last).")
                    % {"rows": rows, "key": _describe(key), "values": texts}))
                continue
            table.warnings.append(problem(items[0].row, column, _(
                "Строки %(rows)s (%(key)s) дают разные значения: %(values)s; взято %(choice)s.")
                % {"rows": rows, "key": _describe(key), "values": texts,
                   "choice": OnConflict(on_conflict).label}))
        values[key] = items[-1] if on_conflict == OnConflict.LAST else items[0]
    if errors:
        raise _Refused(errors)
    return values


def _indicator(code: str, table: SourceTable, values: dict, context: _Context) -> Indicator:
    """The country's indicator of this code, else its only one with this SDG code, else a new
    one. Dimensions are set only on an indicator the import creates: an existing one's report
    forms stay as they are."""
    indicators = Indicator.objects.filter(country=context.country)
    indicator = indicators.filter(code=code).first() or next(
        (i for i in indicators.only("id", "code") if same_code(i.code, code)), None)
    if indicator is not None:
        indicator = indicators.get(pk=indicator.pk)
    else:
        same_sdg = list(indicators.filter(sdg_code=code)[:2])
        indicator = same_sdg[0] if len(same_sdg) == 1 else None
    used = {part.split("=")[0] for key in values for part in key[3].split("|") if part}
    if indicator is not None:
        beyond = used - set(indicator.dimensions.values_list("code", flat=True))
        if beyond:
            table.warnings.append(problem("", "", _(
                "У индикатора %(code)s нет разрезов %(dimensions)s: значения сохранены, "
                "формы отчёта не изменены.") % {"code": indicator.code,
                                                "dimensions": ", ".join(sorted(beyond))}))
        return indicator
    names = {f"name_{language}": title[:NAME_LENGTH] for language, title in table.labels.title.items()
             if language in ("ru", "ky", "kk", "en") and title}
    names.setdefault("name_ru", names.get("name_en") or code)
    percent = any(_is_percent(key[2]) for key in values)
    return indicator_create(
        actor=context.actor, country=context.country, code=code,
        sdg_code=code if is_sdg_code(code) else "",
        unit=Unit.PERCENT if percent else Unit.NUMBER,
        dimensions=list(Dimension.objects.filter(code__in=used)), **names)


def _is_percent(unit: str) -> bool:
    """SDMX's PT, or a unit label that says per cent («Percentage (%)», «процент»)."""
    unit = unit.casefold()
    return unit == "pt" or "%" in unit or "percent" in unit or "процент" in unit


def _store(indicator: Indicator, values: dict, source: SourceFile, actor) -> dict:
    """Create what is new and update what changed; when nothing changed, nothing is written
    (not even the file's row), so a re-import leaves no trace."""
    existing = {(str(v.year), v.series, v.unit, v.disaggregation): v
                for v in StatValue.objects.filter(indicator=indicator)}
    new, changed = [], []
    for key, item in values.items():
        current = existing.get(key)
        if current is None:
            new.append(StatValue(indicator=indicator, year=int(key[0]), series=key[1], unit=key[2],
                                 disaggregation=key[3], value=item.value, text=item.text))
        elif current.text != item.text or current.value != item.value:
            current.text, current.value = item.text, item.value
            changed.append(current)
    counts = {"created": len(new), "updated": len(changed),
              "unchanged": len(values) - len(new) - len(changed)}
    if new or changed:
        source.imported_at, source.values = timezone.now(), len(new) + len(changed)
        if actor is not None and actor.is_authenticated:
            source.created_by = source.updated_by = actor
        source.save()
        for row in new + changed:
            row.source = source
        StatValue.objects.bulk_create(new, batch_size=500)
        StatValue.objects.bulk_update(changed, ["value", "text", "source"], batch_size=500)
        # The trail's form, {field: {old, new}}: what the file brought, field by field.
        audit_log(actor=actor, instance=source, action=AuditAction.IMPORT, changes={
            name: {"old": None, "new": value}
            for name, value in {"indicator": indicator.code, **counts}.items()})
    return counts


@transaction.atomic
def value_mapping_update(*, actor, mapping_value_id: int, value_id: int) -> ValueMapping:
    """Map a source value to another of our values of the same dimension. Values already
    imported keep their key; the change applies from the next import of the source's files."""
    mapping_value_id, value_id = _id(mapping_value_id, "mapping_value"), _id(value_id, "value_id")
    row = ValueMapping.objects.select_for_update().filter(pk=mapping_value_id).first()
    if row is None:
        raise DomainError(_("Соответствие значений не найдено."), code="not_found")
    mapping = row.mapping
    ensure_manages_country(actor, mapping.country)
    value = DimensionValue.objects.filter(pk=value_id).first()
    if value is None:
        raise DomainError(_("Значение разреза не найдено."), code="not_found")
    if value.dimension_id != mapping.dimension_id:
        raise DomainError(_("Значение другого разреза."), errors=[
            {"field": "value_id", "message": _("Выберите значение разреза «%(dimension)s».")
             % {"dimension": mapping.dimension.code if mapping.dimension else "—"}}])
    model_update(instance=row, data={"value": value, "created_by_import": False}, actor=actor)
    return row


def _id(raw, field: str) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise DomainError(_("Не указано значение."), errors=[
            {"field": field, "message": _("ожидается идентификатор")}]) from None
