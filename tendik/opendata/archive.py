"""A country's all-data ZIP: one Open SDG CSV per published indicator, a data dictionary (every
column, dimension and code with its labels in ru/ky/kk/en, units, sources), a Frictionless
`datapackage.json` and a README with the licence. Small cells are left out as in every download."""

import csv
import io
import json
import zipfile
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tendik.core.i18n import CONTENT_LANGUAGES, localized
from tendik.territories.models import Territory

from . import sdmx_write
from .exporting import Table, csv_bytes, csv_name, licence, table_of, with_open_sdg_ids
from .selectors import published_indicators

FOLDER = "data/"
# What the fixed columns hold, for the dictionary and the README.
COLUMNS = {
    "Year": gettext_lazy("Год"),
    "SERIES": gettext_lazy("Серия (код ряда данных в источнике)"),
    "UNIT_MEASURE": gettext_lazy("Единица измерения (код)"),
    "Value": gettext_lazy("Значение; пустая ячейка разреза — итог по нему"),
}
DICTIONARY_HEADER = ["file", "kind", "column", "code", *(f"label_{lang}" for lang in
                                                          CONTENT_LANGUAGES), "unit", "source"]


def _every_language(text) -> list[str]:
    labels = []
    for language in CONTENT_LANGUAGES:
        with translation.override(language):
            labels.append(str(text))
    return labels


def _labels(instance, field: str) -> list[str]:
    return [getattr(instance, f"{field}_{language}", "") or "" for language in CONTENT_LANGUAGES]


def _dictionary_rows(table: Table) -> list[list]:
    indicator, name = table.indicator, csv_name(table.indicator)
    rows = [[name, "indicator", "", indicator.code, *_labels(indicator, "name"),
             indicator.get_unit_display(), indicator.data_source]]
    for column in table.columns():
        if column in COLUMNS:
            rows.append([name, "column", column, "", *_every_language(COLUMNS[column]), "", ""])
    for dimension in table.dimensions:
        header = table.headers[dimension.code]
        rows.append([name, "dimension", header, dimension.code, *_labels(dimension, "name"),
                     "", ""])
        rows += [[name, "code", header, code, *_labels(value, "label"), "", ""]
                 for (of, code), value in sorted(table.values.items()) if of == dimension.code]
    return rows


def _csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _field_type(column: str) -> str:
    return {"Year": "integer", "Value": "number"}.get(column, "string")


def _datapackage(country: Territory, tables: list[Table], generated) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": f"tendik-{country.code.lower()}",
        "title": str(country),
        "created": generated.isoformat(),
        "licenses": [{"name": licence()["id"], "path": licence()["url"]}],
        "resources": [{
            "name": csv_name(t.indicator)[:-4].lower(), "path": FOLDER + csv_name(t.indicator),
            "title": f"{t.indicator.code} {t.indicator.name}", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [{"name": c, "type": _field_type(c)} for c in t.columns()]},
        } for t in tables],
    }


def _readme(country: Territory, tables: list[Table], generated) -> bytes:
    lines = []
    for language in CONTENT_LANGUAGES:
        with translation.override(language):
            lines += [
                _("Открытые данные: %(country)s") % {
                    "country": localized(country, "name", language).text or country.code},
                _("Сформировано: %(date)s") % {"date": generated.strftime("%Y-%m-%d %H:%M")},
                _("Лицензия: %(id)s, %(url)s") % licence(),
                _("Издатель: %(publisher)s") % {"publisher": settings.TENDIK_OPEN_DATA_PUBLISHER},
                _("Индикаторов: %(count)s. Файлы data/indicator_*.csv — в форме Open SDG "
                  "(Year, разрезы, Value; пустая ячейка разреза — итог); data_dictionary.csv "
                  "описывает каждый столбец, разрез и код; datapackage.json — то же для "
                  "программ. Значения меньше 5 числа пострадавших от семейного насилия не "
                  "публикуются.") % {"count": len(tables)},
                ""]
    return "\n".join(lines).encode("utf-8")


def archive_bytes(country: Territory, progress: Callable[[int], None] | None = None) -> tuple[
        bytes, int]:
    """The ZIP's bytes and the number of indicators in it."""
    indicators = with_open_sdg_ids(list(published_indicators(country).prefetch_related(
        "dimensions__values", "targets")), country)
    generated = timezone.localtime()
    tables, dictionary = [], [DICTIONARY_HEADER]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, indicator in enumerate(indicators, start=1):
            table = table_of(indicator)
            tables.append(table)
            archive.writestr(FOLDER + csv_name(indicator), csv_bytes(table))
            dictionary += _dictionary_rows(table)
            if progress is not None:
                progress(int(90 * number / len(indicators)))
        archive.writestr("data_dictionary.csv", _csv(dictionary))
        archive.writestr("datapackage.json", json.dumps(
            _datapackage(country, tables, generated), ensure_ascii=False, indent=1))
        archive.writestr("README.txt", _readme(country, tables, generated))
        archive.writestr("LICENSE.txt", f"{licence()['id']}\n{licence()['url']}\n")
    return buffer.getvalue(), len(indicators)


def country_files(country, folder, *, sdmx: bool = False) -> list:
    """Write one Open SDG CSV per published indicator of the country into `folder` (and, with
    `sdmx`, its SDMX-ML data and one structure message): the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written, tables = [], []
    for indicator in with_open_sdg_ids(list(published_indicators(country).prefetch_related(
            "dimensions__values", "targets")), country):
        table = table_of(indicator)
        tables.append(table)
        path = folder / csv_name(indicator)
        path.write_bytes(csv_bytes(table))
        written.append(path)
        if sdmx:
            path = folder / (csv_name(indicator)[:-4] + ".xml")
            path.write_bytes(sdmx_write.data_bytes(table))
            written.append(path)
    if sdmx and tables:
        path = folder / "structure.xml"
        path.write_bytes(sdmx_write.structure_bytes(tables))
        written.append(path)
    return written
