"""Reading the Open Admin Data format (JSON lists, the hierarchy JSON, the flat CSV) into records.

Only parsing happens here; checking the records against each other and the database, and
writing them, is `services.territory_import`.
"""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from tendik.core.errors import DomainError

LEVELS = {1: "region", 2: "district", 3: "municipality"}
HIERARCHY_KEYS = [("district", 2), ("settlement", 3)]
# The "local" name is in the state language of the country the code belongs to.
LOCAL_LANGUAGE = {"KG": "ky", "KZ": "kk"}
KNOWN_FILES = ["all-region.json", "all-district.json", "all-settlement.json", "hierarchy.json",
               "all-flat.csv"]


@dataclass(frozen=True)
class TerritoryRecord:
    code: str
    level: str
    parent_code: str | None
    names: tuple[tuple[str, str], ...]
    source: str

    @property
    def country_code(self) -> str:
        return self.code[:2].upper()

    def name_fields(self) -> dict[str, str]:
        return {f"name_{language}": text for language, text in self.names if text}


def _names(local: str, english: str, code: str) -> tuple[tuple[str, str], ...]:
    language = LOCAL_LANGUAGE.get(code[:2].upper(), "ru")
    return ((language, (local or "").strip()), ("en", (english or "").strip()))


def _level(raw, where: str) -> str:
    try:
        return LEVELS[int(raw)]
    except (TypeError, ValueError, KeyError):
        raise DomainError(
            _("%(where)s: неизвестный уровень «%(level)s» (ожидается 1, 2 или 3)")
            % {"where": where, "level": raw}
        ) from None


def _from_json_record(item: dict, where: str) -> TerritoryRecord:
    if not isinstance(item, dict) or not item.get("id"):
        raise DomainError(_("%(where)s: у записи нет поля «id»") % {"where": where})
    code = str(item["id"]).strip()
    name = item.get("name") or {}
    parent = item.get("parent") or {}
    return TerritoryRecord(
        code=code,
        level=_level(item.get("level"), where),
        parent_code=(parent.get("id") or None) if isinstance(parent, dict) else None,
        names=_names(name.get("local", ""), name.get("en", ""), code),
        source=where,
    )


def _from_hierarchy(data: dict, filename: str) -> list[TerritoryRecord]:
    records: list[TerritoryRecord] = []

    def walk(node: dict, level: int, parent_code: str | None, where: str) -> None:
        code = str(node.get("id") or "").strip()
        if not code:
            raise DomainError(_("%(where)s: у записи нет поля «id»") % {"where": where})
        name = node.get("name") or {}
        records.append(TerritoryRecord(code, LEVELS[level], parent_code,
                                       _names(name.get("local", ""), name.get("en", ""), code),
                                       where))
        for key, child_level in HIERARCHY_KEYS:
            for index, child in enumerate(node.get(key) or [], start=1):
                if child_level == level + 1:
                    walk(child, child_level, code, f"{where} → {key}[{index}]")

    for index, region in enumerate(data.get("data") or [], start=1):
        walk(region, 1, None, f"{filename}: data[{index}]")
    return records


def parse_json(text: str, filename: str) -> list[TerritoryRecord]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DomainError(
            _("%(file)s: это не JSON (строка %(line)s: %(error)s)")
            % {"file": filename, "line": exc.lineno, "error": exc.msg}
        ) from None
    if isinstance(data, dict) and "data" in data:
        return _from_hierarchy(data, filename)
    if isinstance(data, list):
        return [_from_json_record(item, f"{filename}: {_('запись')} {index}")
                for index, item in enumerate(data, start=1)]
    raise DomainError(_("%(file)s: ожидается список записей или иерархия") % {"file": filename})


def parse_csv(text: str, filename: str) -> list[TerritoryRecord]:
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    required = {"id", "level", "name.local", "name.en", "parent.id"}
    missing = required - set(reader.fieldnames or [])
    if missing:
        raise DomainError(
            _("%(file)s: нет столбцов: %(columns)s")
            % {"file": filename, "columns": ", ".join(sorted(missing))}
        )
    records = []
    for row_number, row in enumerate(reader, start=2):
        where = f"{filename}: {_('строка')} {row_number}"
        code = (row.get("id") or "").strip()
        if not code:
            raise DomainError(_("%(where)s, столбец id: пустой код") % {"where": where})
        records.append(TerritoryRecord(
            code=code,
            level=_level(row.get("level"), where),
            parent_code=(row.get("parent.id") or "").strip() or None,
            names=_names(row.get("name.local", ""), row.get("name.en", ""), code),
            source=where,
        ))
    return records


def parse_bytes(content: bytes, filename: str) -> list[TerritoryRecord]:
    parser = {".csv": parse_csv, ".json": parse_json}.get(Path(filename).suffix.lower())
    if parser is None:
        raise DomainError(
            _("%(file)s: поддерживаются файлы .json и .csv формата Open Admin Data")
            % {"file": filename}
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(_("%(file)s: файл не в кодировке UTF-8") % {"file": filename}) from None
    return parser(text, filename)


def parse_path(path: Path) -> list[TerritoryRecord]:
    """A file, or a folder: every known Open Admin Data file in it, merged."""
    if path.is_dir():
        files = [path / name for name in KNOWN_FILES if (path / name).exists()]
        if not files:
            raise DomainError(
                _("В папке %(path)s нет файлов Open Admin Data (%(names)s)")
                % {"path": path, "names": ", ".join(KNOWN_FILES)}
            )
    elif path.exists():
        files = [path]
    else:
        raise DomainError(_("Файл не найден: %(path)s") % {"path": path})
    return [record for file in files for record in parse_bytes(file.read_bytes(), file.name)]
