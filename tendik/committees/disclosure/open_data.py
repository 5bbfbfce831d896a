"""The family-violence figures as open data: one CSV row per territory and month, a column per
count (`counts.COUNT_KEYS`), suppressed cells as «<5». Written like the other open-data CSV
files (`tendik.opendata.exporting.csv_bytes`): UTF-8 without a BOM, "\\n" line ends."""

import csv
import io

from ..counts import COUNT_KEYS
from .figures import FigureRow
from .suppression import suppressed_label

CSV_TYPE = "text/csv; charset=utf-8"
HEADER = ("country", "level", "territory_code", "territory_name", "month", *COUNT_KEYS)


def figures_csv(country_code: str, rows: list[FigureRow], threshold: int) -> bytes:
    hidden = suppressed_label(threshold)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([country_code, row.level, row.territory_code, row.territory_name,
                         f"{row.month:%Y-%m}",
                         *(hidden if value is None else value for value in row.values)])
    return buffer.getvalue().encode("utf-8")


def csv_name(country_code: str, level: str, year: int | None) -> str:
    return f"family-violence-{country_code}-{level}{f'-{year}' if year else ''}.csv"
