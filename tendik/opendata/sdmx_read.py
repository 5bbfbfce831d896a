"""Reading SDMX-ML 2.1 data with its structure definition (sdmx1) into the import's source rows:
one row per observation, the key's dimensions as cells, TIME_PERIOD as the year, OBS_VALUE as
the value text, SERIES as the series and UNIT_MEASURE (attribute or dimension) as the unit."""

import functools
import io
import re
from pathlib import Path

import sdmx
from django.utils.translation import gettext as _

from .models import SourceFormat
from .opensdg_csv import Labels, SourceRow, SourceTable, problem

DATA_ROOTS = {"StructureSpecificData", "StructureSpecificTimeSeriesData", "GenericData",
              "GenericTimeSeriesData"}
# Not breakdowns of a value: how often and for whom it is reported.
IGNORED = {"FREQ", "REPORTING_TYPE"}
TIME, SERIES, UNIT = "TIME_PERIOD", "SERIES", "UNIT_MEASURE"
_ROOT = re.compile(rb"<(?![?!])(?:[\w.-]+:)?([\w.-]+)[\s>/]")
_REF = re.compile(r"<(?:[\w.-]+:)?Ref\b[^>]*\bid=\"([^\"]+)\"")


def message_kind(content: bytes) -> str | None:
    """"data" or "structure" for an SDMX-ML message, judged by its root element; else None."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return None
    head = re.sub(rb"<!--.*?-->", b"", head, flags=re.DOTALL)
    match = _ROOT.search(head)
    if match is None:
        return None
    root = match.group(1).decode("ascii", "replace")
    if root in DATA_ROOTS:
        return "data"
    return "structure" if root == "Structure" else None


def find_structure(path: Path, explicit: Path | None = None) -> Path | None:
    """The structure message to read data with: the one given, else any in the data's folder
    or its parent."""
    if explicit is not None:
        return explicit
    folder = path if path.is_dir() else path.parent
    for place in (folder, folder.parent):
        for candidate in sorted(place.glob("*.xml")):
            with candidate.open("rb") as handle:
                if message_kind(handle.read(4096)) == "structure":
                    return candidate
    return None


@functools.lru_cache(maxsize=8)
def _structure(path: Path, stamp: int):
    """A structure message parsed once per file version: every data file of a folder shares it."""
    return sdmx.read_sdmx(path)


def _structure_of(content: bytes, structure_path: Path):
    message = _structure(structure_path, structure_path.stat().st_mtime_ns)
    refs = _REF.findall(content[:8192].decode("utf-8", "replace"))
    for ref in refs:
        if ref in message.structure:
            return message.structure[ref]
        if ref in getattr(message, "dataflow", {}):
            return message.dataflow[ref].structure
    return next(iter(message.structure.values()), None)


def read_sdmx_data(content: bytes, structure_path: Path | None) -> SourceTable:
    table = SourceTable(format=SourceFormat.SDMX_ML)
    if structure_path is None:
        table.errors.append(problem("", "", _(
            "Нет структуры SDMX (DSD): укажите её (--structure) или положите рядом с данными.")))
        return table
    try:
        dsd = _structure_of(content, structure_path)
        message = sdmx.read_sdmx(io.BytesIO(content), format="XML", structure=dsd)
    except Exception as error:  # noqa: BLE001 — a foreign file: any parser failure is the file's
        table.errors.append(problem("", "", _("Файл SDMX-ML не прочитан: %(error)s")
                                    % {"error": str(error)[:300]}))
        return table
    for data_set in message.data:
        _read_data_set(data_set, table)
    return table


def _text(value) -> str:
    value = getattr(value, "value", value)
    return str(getattr(value, "id", value) if value is not None else "").strip()


def _remember(labels: Labels, concept: str, key_value) -> None:
    """The code list names a value's code has in the structure (ru, en, ky, kk)."""
    code = getattr(key_value, "value", None)
    name = getattr(code, "name", None)
    if name is not None and getattr(code, "id", None) and name.localizations:
        labels.values.setdefault(concept, {}).setdefault(code.id, dict(name.localizations))


def _read_data_set(data_set, table: SourceTable) -> None:
    data_set_unit = _text(data_set.attrib.get(UNIT))
    series_keys = {}
    for number, observation in enumerate(data_set.obs, start=1):
        series_key = observation.series_key
        position = series_keys.setdefault(id(series_key), len(series_keys) + 1)
        values = {**(series_key.values if series_key is not None else {}),
                  **(observation.dimension.values if observation.dimension is not None else {})}
        attributes = {**(series_key.attrib if series_key is not None else {}),
                      **observation.attached_attribute}
        row = SourceRow(row=_("серия %(series)s, наблюдение %(obs)s")
                        % {"series": position, "obs": number},
                        year=_text(values.get(TIME)), value=_text(observation.value),
                        series=_text(values.get(SERIES)),
                        unit=_text(values.get(UNIT) or attributes.get(UNIT)) or data_set_unit)
        for concept, key_value in values.items():
            if concept in (TIME, SERIES, UNIT) or concept in IGNORED:
                continue
            if concept not in table.dimensions:
                table.dimensions.append(concept)
                _name_dimension(table.labels, concept, key_value)
            row.cells[concept] = _text(key_value)
            _remember(table.labels, concept, key_value)
        if SERIES in values and not table.labels.title:
            series = getattr(values[SERIES], "value", None)
            if getattr(series, "name", None) is not None:
                table.labels.title = dict(series.name.localizations)
        table.rows.append(row)


def _name_dimension(labels: Labels, concept: str, key_value) -> None:
    identity = getattr(getattr(key_value, "value_for", None), "concept_identity", None)
    name = getattr(identity, "name", None)
    if name is not None and name.localizations:
        labels.dimensions[concept] = dict(name.localizations)
