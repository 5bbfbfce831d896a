"""An indicator's public rows as files: Open SDG CSV, JSON and XLSX (SDMX-ML in `sdmx_write`).

Every format writes the same rows, `published.shown_rows`: suppressed small cells are left out.
Dimension columns are named as the country's source files named them (the saved
`DimensionMapping`, e.g. «SEX»), else by our code upper-cased; their cells hold our codes, which
the importer maps back to the same values, so export → import → export gives the same file.
"""

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from tendik.core.i18n import localized
from tendik.core.xlsx import FORMULA_PREFIXES, xml_text
from tendik.plans.models import Dimension, DimensionValue, Indicator

from .models import DimensionMapping
from .published import Row, indicator_rows, shown_rows

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SDMX_TYPE = "application/vnd.sdmx.structurespecificdata+xml; version=2.1"


def licence() -> dict:
    return {"id": settings.TENDIK_OPEN_DATA_LICENCE, "url": settings.TENDIK_OPEN_DATA_LICENCE_URL}


@dataclass
class Table:
    """The rows of one indicator with what every format needs to name them."""

    indicator: Indicator
    rows: list[Row]
    dimensions: list[Dimension]  # those the rows use, in our order
    headers: dict[str, str]  # our dimension code → column name
    values: dict[tuple[str, str], DimensionValue]  # (dimension, code) → value

    @property
    def has_series(self) -> bool:
        return any(row.series for row in self.rows)

    @property
    def has_unit(self) -> bool:
        return any(row.unit for row in self.rows)

    def columns(self) -> list[str]:
        return (["Year"] + (["SERIES"] if self.has_series else [])
                + (["UNIT_MEASURE"] if self.has_unit else [])
                + [self.headers[d.code] for d in self.dimensions] + ["Value"])

    def cells(self, row: Row) -> list:
        return ([row.year] + ([row.series] if self.has_series else [])
                + ([row.unit] if self.has_unit else [])
                + [row.codes.get(d.code, "") for d in self.dimensions])

    def label(self, dimension: str, code: str) -> str:
        value = self.values.get((dimension, code))
        return localized(value, "label").text if value is not None else code


def dimension_headers(country, codes) -> dict[str, str]:
    """Column name per dimension: the source's own name when a mapping came from one (a name
    other than our code wins over one equal to it), else our code upper-cased."""
    headers = {code: code.upper() for code in codes}
    mappings = DimensionMapping.objects.filter(country=country, dimension__code__in=codes).values_list(
        "dimension__code", "source")
    chosen: dict[str, tuple] = {}
    for code, source in mappings:
        rank = (source.upper() == code.upper(), source)
        if code not in chosen or rank < chosen[code]:
            chosen[code] = rank
    headers.update({code: rank[1] for code, rank in chosen.items()})
    return headers


def table_of(indicator: Indicator, rows: list[Row] | None = None) -> Table:
    """The shown rows of an indicator with their dimensions, column names and labels."""
    rows = shown_rows(indicator_rows(indicator) if rows is None else rows)
    used = {(d, c) for row in rows for d, c in row.codes.items()}
    codes = {d for d, _c in used}
    values = {(v.dimension.code, v.code): v for v in DimensionValue.objects.filter(
        dimension__code__in=codes).select_related("dimension") if (v.dimension.code, v.code) in used}
    dimensions = list(Dimension.objects.filter(code__in=codes).order_by("pk"))
    return Table(indicator=indicator, rows=rows, dimensions=dimensions,
                 headers=dimension_headers(indicator.country, codes), values=values)


# ---------------------------------------------------------------- Open SDG CSV

def csv_bytes(table: Table) -> bytes:
    """Open SDG's form: UTF-8 without BOM, "\\n" line ends, a blank dimension cell = total."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns())
    for row in table.rows:
        writer.writerow(table.cells(row) + [row.text])
    return buffer.getvalue().encode("utf-8")


def open_sdg_ids(country) -> dict[int, str]:
    """The name each indicator of the country is filed under, as Open SDG names files by SDG
    indicator: one linked to an SDG code that no other indicator of the country shares or holds
    as its own code is filed under it (the NAP's «И-4.3» as `indicator_5-5-2.csv`, as on the
    national SDG platform, and the importer brings it back to «И-4.3»); others keep their code."""
    rows = list(Indicator.objects.filter(country=country).values_list("pk", "code", "sdg_code"))
    codes = Counter(code for _pk, code, _sdg in rows)
    linked = Counter(sdg for _pk, _code, sdg in rows if sdg)
    return {pk: sdg if sdg and linked[sdg] == 1 and (code == sdg or not codes[sdg]) else code
            for pk, code, sdg in rows}


def with_open_sdg_ids(indicators: list[Indicator], country) -> list[Indicator]:
    ids = open_sdg_ids(country)
    for indicator in indicators:
        indicator.open_sdg_id = ids.get(indicator.pk, indicator.code)
    return indicators


def csv_name(indicator: Indicator) -> str:
    code = getattr(indicator, "open_sdg_id", None)
    if code is None:
        code = open_sdg_ids(indicator.country).get(indicator.pk, indicator.code)
    return f"indicator_{code.replace('.', '-')}.csv"


# ---------------------------------------------------------------- JSON

def indicator_meta(indicator: Indicator) -> dict:
    return {"code": indicator.code, "title": indicator.name,
            "description": localized(indicator, "definition").text,
            "country": indicator.country.code, "sdg_code": indicator.sdg_code,
            "unit": indicator.unit, "unit_label": str(indicator.get_unit_display()),
            "data_source": indicator.data_source}


def json_document(table: Table) -> dict:
    """Rows with codes and labels in the active language, the columns, metadata, licence."""
    return {
        "indicator": indicator_meta(table.indicator),
        "licence": licence(),
        "publisher": settings.TENDIK_OPEN_DATA_PUBLISHER,
        "dimensions": [{"code": d.code, "column": table.headers[d.code],
                        "label": localized(d, "name").text} for d in table.dimensions],
        "rows": [{"year": row.year, "series": row.series, "unit": row.unit,
                  "dimensions": [{"dimension": d, "code": c, "label": table.label(d, c)}
                                 for d, c in sorted(row.codes.items())],
                  "value": float(row.value), "text": row.text, "source": row.source}
                 for row in table.rows],
    }


def json_bytes(table: Table) -> bytes:
    return json.dumps(json_document(table), ensure_ascii=False, indent=1).encode("utf-8")


# ---------------------------------------------------------------- XLSX

def _cell(sheet, value):
    """A write-only cell; text a spreadsheet would run as a formula stays text."""
    cell = WriteOnlyCell(sheet, value=xml_text(value))
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
    return cell


def _append(sheet, values: list) -> None:
    sheet.append([_cell(sheet, value) for value in values])


def xlsx_bytes(table: Table) -> bytes:
    """A «data» sheet (numbers as numbers, the source of each row) and an «about» sheet with
    the indicator, licence, publisher, source and the date it was generated."""
    book = Workbook(write_only=True)
    data = book.create_sheet("data")
    _append(data, table.columns() + ["source"])
    for row in table.rows:
        _append(data, table.cells(row) + [row.value, row.source])
    about = book.create_sheet("about")
    indicator = table.indicator
    for label, value in (
            (_("Индикатор"), f"{indicator.code} {indicator.name}"),
            (_("Страна"), indicator.country.code),
            (_("Определение"), localized(indicator, "definition").text),
            (_("Источник данных"), indicator.data_source),
            (_("Лицензия"), f"{settings.TENDIK_OPEN_DATA_LICENCE} "
                             f"{settings.TENDIK_OPEN_DATA_LICENCE_URL}"),
            (_("Издатель"), settings.TENDIK_OPEN_DATA_PUBLISHER),
            (_("Сформировано"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
            (_("Источник строки"), _("official — официальная статистика; reported — данные "
                                     "опубликованных отчётов"))):
        _append(about, [label, value])
    for dimension in table.dimensions:
        for (code_of, code), value in sorted(table.values.items()):
            if code_of == dimension.code:
                _append(about, [table.headers[dimension.code], code,
                                localized(value, "label").text])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- the catalogue (DCAT-style)

DISTRIBUTIONS = (("CSV", "csv", CSV_TYPE), ("JSON", "json", JSON_TYPE), ("XLSX", "xlsx", XLSX_TYPE),
                 ("SDMX-ML", "xml", SDMX_TYPE))


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def catalogue_document(*, indicators, dates: dict, archives: list, absolute, urls) -> dict:
    """The catalogue: title, description, publisher, licence, issued, modified and a dataset per
    published indicator with its distributions (absolute URLs); `archives` are the countries'
    built all-data ZIPs. `urls.indicator(indicator, ext)` and `urls.archive(country)` give paths."""
    datasets = []
    for indicator in indicators:
        issued, modified = dates.get(indicator.pk, (None, None))
        datasets.append({
            "code": indicator.code, "title": indicator.name,
            "description": localized(indicator, "definition").text,
            "country": indicator.country.code, "sdg_code": indicator.sdg_code,
            "issued": _iso(issued), "modified": _iso(modified), "licence": licence()["url"],
            "distributions": [{"format": name, "mediaType": media,
                               "url": absolute(urls.indicator(indicator, ext))}
                              for name, ext, media in DISTRIBUTIONS]})
    moments = [d for pair in dates.values() for d in pair if d is not None]
    return {
        "title": _("Открытые данные о выполнении национальных планов действий по гендерному "
                   "равенству"),
        "description": _("Опубликованные значения индикаторов (принятые отчёты опубликованных "
                         "периодов) и официальная статистика (Open SDG, SDMX)."),
        "publisher": {"name": settings.TENDIK_OPEN_DATA_PUBLISHER},
        "licence": licence(),
        "issued": _iso(min(moments, default=None)), "modified": _iso(max(moments, default=None)),
        "dataset": datasets,
        "distribution": [{"format": "ZIP", "mediaType": "application/zip",
                          "country": archive.country.code, "byteSize": archive.size,
                          "modified": _iso(archive.built_at),
                          "url": absolute(urls.archive(archive.country))}
                         for archive in archives],
    }

