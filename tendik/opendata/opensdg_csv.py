"""Reading an Open SDG CSV file into source rows, as real files are found: a BOM, quoted or
unquoted headers, CRLF, `Value` anywhere, trailing empty columns and cells, header-only files.
Also the rows' shape that every reader (this one and `sdmx_read`) gives to the import."""

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from .models import SourceFormat

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LANGUAGES = ("ru", "ky", "kk", "en")
# Open SDG's own columns, matched case-insensitively; SDMX-CSV's names read the same way.
ROLES = {"year": "year", "time_period": "year", "value": "value", "obs_value": "value",
         "units": "unit", "unit_measure": "unit", "series": "series"}
# Not breakdowns: how a value was observed, where to draw it or which message holds it, never
# part of its key.
IGNORED_COLUMNS = {"geocode", "freq", "reporting_type", "obs_status", "observation status",
                   "unit_mult", "unit multiplier", "nature", "comment_obs", "time_detail",
                   "source_detail", "upper_bound", "lower_bound", "dataflow", "structure",
                   "structure_id", "action"}
DELIMITERS = ",;\t"


@dataclass
class SourceRow:
    """One value as found: where it is (a CSV line, an SDMX observation), its texts and its
    breakdown in the source's own dimensions ("" = total)."""

    row: int | str
    year: str
    value: str
    series: str = ""
    unit: str = ""
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class Labels:
    """Names the source gives: its dimensions' and values' labels per language, and the
    indicator's title."""

    dimensions: dict[str, dict[str, str]] = field(default_factory=dict)
    values: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    title: dict[str, str] = field(default_factory=dict)


@dataclass
class SourceTable:
    """What a reader gives: rows, the source's dimensions, and the problems found on the way
    ({"row", "column", "message"}; errors refuse the file, warnings do not)."""

    format: str
    rows: list[SourceRow] = field(default_factory=list)
    dimensions: list[str] = field(default_factory=list)
    # The header's own name of the year, value, unit and series columns, for messages.
    names: dict[str, str] = field(default_factory=dict)
    labels: Labels = field(default_factory=Labels)
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)


def problem(row, column: str, message: str) -> dict:
    return {"row": row, "column": column, "message": str(message)}


def decode(content: bytes) -> str | None:
    """UTF-8 (with or without a BOM) or UTF-16 with its BOM; None for anything else."""
    encoding = "utf-16" if content[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        return content.decode(encoding)
    except UnicodeDecodeError:
        return None


def read_csv(content: bytes) -> SourceTable:
    table = SourceTable(format=SourceFormat.OPENSDG_CSV)
    text = decode(content)
    if text is None:
        table.errors.append(problem(1, "", _("Файл не в кодировке UTF-8: сохраните его как UTF-8.")))
        return table
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)  # Open SDG writes commas; some sites do not
    lines = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in next(lines, [])]
    roles = _column_roles(header, table)
    if table.errors:
        return table
    for cells in lines:  # the line number where the row ends: the header is row 1
        if any(cell.strip() for cell in cells):
            _read_row(lines.line_num, cells, header, roles, table)
    return table


def _column_roles(header: list[str], table: SourceTable) -> list[str]:
    """Each column's part: year, value, unit, series, a dimension, ignored, or empty."""
    roles = []
    for name in header:
        key = name.casefold()
        if not name:
            roles.append("")
        elif key in ROLES:
            roles.append(ROLES[key])
            table.names.setdefault(ROLES[key], name)
        elif key in IGNORED_COLUMNS:
            roles.append("ignored")
            table.warnings.append(problem(1, name, _("Столбец не разрез значения: пропущен.")))
        else:
            roles.append("dimension")
            table.dimensions.append(name)
    for needed, column in (("year", "Year"), ("value", "Value")):
        if needed not in roles:
            table.errors.append(problem(1, column, _("Нет столбца «%(column)s».") % {"column": column}))
    for name in {n for n in header if n and header.count(n) > 1}:
        table.errors.append(problem(1, name, _("Столбец «%(column)s» повторяется.") % {"column": name}))
    return roles


def _read_row(number: int, cells: list[str], header: list[str], roles: list[str],
              table: SourceTable) -> None:
    row = SourceRow(row=number, year="", value="")
    for position, cell in enumerate(cells):
        cell = cell.strip()
        role = roles[position] if position < len(roles) else ""
        if not role:
            if cell:  # a value under no header: the row does not fit the file's columns
                table.errors.append(problem(number, f"#{position + 1}", _(
                    "Значение «%(value)s» в столбце без заголовка.") % {"value": cell[:40]}))
            continue
        if role in ("year", "value", "unit", "series"):
            setattr(row, role, cell)
        elif role == "dimension" and cell:
            row.cells[header[position]] = cell
    table.rows.append(row)


def indicator_code(file_name: str) -> str | None:
    """`indicator_5-5-2.csv` → "5.5.2", `5.b.1.xml` → "5.b.1"; a national code after the
    `indicator_` prefix stays as written (`indicator_И-1-1.csv` → "И-1-1": Open SDG writes its
    dots as dashes, so `importing` matches it to «И-1.1» by `same_code`). None when the name
    is no code."""
    stem = Path(file_name).stem
    prefixed = re.match(r"indicator_", stem, flags=re.IGNORECASE)
    stem = stem[prefixed.end():] if prefixed else stem
    code = stem.replace("-", ".").replace("_", ".")
    if is_sdg_code(code):
        return code
    return stem if prefixed and re.fullmatch(r"[^\s/\\]{1,32}", stem) else None


def is_sdg_code(code: str) -> bool:
    return re.fullmatch(r"[0-9]{1,2}(\.[0-9a-zA-Z]{1,3}){1,4}", code) is not None


def same_code(ours: str, theirs: str) -> bool:
    """Codes equal once dots and dashes are read alike (Open SDG file names use dashes)."""
    return ours.replace(".", "-").casefold() == theirs.replace(".", "-").casefold()


def translations_dir(path: Path) -> Path | None:
    """An Open SDG site's `translations/` in the folder or beside it (beside `data/`)."""
    for folder in (path, path.parent):
        if (folder / "translations").is_dir():
            return folder / "translations"
    return None


def _yaml(path: Path) -> dict:
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    return dict(_yaml_parsed(path, stamp))


@functools.lru_cache(maxsize=256)
def _yaml_parsed(path: Path, stamp: int) -> dict:
    """Parsed once per file version: a folder's files share one site's translations."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_LOADER)  # noqa: S506 — CSafeLoader is the safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return {str(k): str(v).strip() for k, v in data.items()} if isinstance(data, dict) else {}


def read_labels(translations: Path | None, dimensions: list[str], indicator: str) -> Labels:
    """Labels of an Open SDG site's translations: `<lang>/<DIMENSION>.yml` ({code: label, and
    the dimension's own name under its key}) and `<lang>/global_indicators.yml` ("5-5-2-title")."""
    labels = Labels()
    if translations is None:
        return labels
    title_key = f"{indicator.replace('.', '-')}-title"
    for language in LANGUAGES:
        folder = translations / language
        for dimension in dimensions:
            entries = _yaml(folder / f"{dimension}.yml")
            if dimension in entries:
                labels.dimensions.setdefault(dimension, {})[language] = entries.pop(dimension)
            for code, label in entries.items():
                labels.values.setdefault(dimension, {}).setdefault(code, {})[language] = label
        title = _yaml(folder / "global_indicators.yml").get(title_key) if indicator else None
        if title:
            labels.title[language] = title
    return labels
