"""Everything public about one indicator, as yearly rows: the official statistics imported from
Open SDG and SDMX files, and the values reported in published periods (the anonymous user's
scope, so nothing unpublished can get in). Pages, downloads and the all-data ZIP read these rows.

Small cells (`Indicator.disclosure_control`, counts of persons affected by family violence): a
value below 5 is `suppressed`. Its value is dropped here (None), so no caller can print it: the
portal shows «<5», downloads leave the row out; aggregates of 5 and more stay.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import prefetch_related_objects

from tendik.analytics.basis import Basis
from tendik.analytics.indicators import indicator_figure, yearly_points
from tendik.plans.models import Indicator
from tendik.reporting.models import ReportingPeriod
from tendik.reporting.validation import disaggregation_key, parse_key

from .models import StatValue
from .selectors import PUBLIC

SMALL_CELL = 5
SMALL = "<5"
OFFICIAL, REPORTED = "official", "reported"


@dataclass(frozen=True)
class Row:
    year: int
    series: str
    unit: str
    codes: dict  # {our dimension code: our value code}; empty for the total
    value: Decimal | None  # None when suppressed
    text: str  # as found (official) or without trailing zeros (reported); «<5» when suppressed
    source: str  # OFFICIAL or REPORTED
    suppressed: bool = False

    @property
    def key(self) -> str:
        return disaggregation_key(self.codes)

    @property
    def sort_key(self) -> tuple:
        return (self.series, self.unit, self.key, self.year)


def plain_number(value: Decimal) -> str:
    """«12.5», «100», «0.0042»: no exponent, no trailing zeros."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def indicator_rows(indicator: Indicator) -> list[Row]:
    """The public rows of an indicator, sorted by (series, unit, key, year), in constant queries.

    An official value wins over a reported one for the same (year, series, unit, key). Reported
    rows take the official values' series and unit when those have exactly one pair (so the two
    meet), else none."""
    prefetch_related_objects([indicator], "dimensions__values", "targets")
    official = [Row(year=v.year, series=v.series, unit=v.unit, codes=parse_key(v.disaggregation),
                    value=v.value, text=v.text, source=OFFICIAL)
                for v in StatValue.objects.filter(indicator=indicator).order_by()]
    pairs = {(row.series, row.unit) for row in official}
    series, unit = pairs.pop() if len(pairs) == 1 else ("", "")
    rows = {(r.year, r.series, r.unit, r.key): r for r in _reported(indicator, series, unit)}
    rows.update({(r.year, r.series, r.unit, r.key): r for r in official})
    ordered = sorted(rows.values(), key=lambda r: r.sort_key)
    return suppress_small_cells(ordered) if indicator.disclosure_control else ordered


def _reported(indicator: Indicator, series: str, unit: str) -> list[Row]:
    """Yearly totals and, one dimension at a time, each code's yearly value."""
    figure = indicator_figure(Basis(user=PUBLIC, plan=None), indicator)
    if not figure["series"]:
        return []
    starts = dict(ReportingPeriod.objects.filter(
        pk__in=[p["period"] for p in figure["series"]]).values_list("pk", "start"))

    def yearly(values: list) -> dict[int, float]:
        points = [{"value": value, "period_start": starts[p["period"]],
                   "period_end": p["period_end"]} for p, value in zip(figure["series"], values,
                                                                      strict=True)]
        return yearly_points(points, indicator.aggregation)

    def rows(values: list, codes: dict) -> list[Row]:
        return [_reported_row(year, value, series, unit, codes)
                for year, value in yearly(values).items()]

    found = rows([p["value"] for p in figure["series"]], {})
    for breakdown in figure["breakdowns"]:
        for code in breakdown["series"]:
            found += rows(code["values"], {breakdown["dimension"]: code["code"]})
    return found


def _reported_row(year: int, value: float, series: str, unit: str, codes: dict) -> Row:
    number = Decimal(str(round(value, 4)))
    return Row(year=year, series=series, unit=unit, codes=codes, value=number,
               text=plain_number(number), source=REPORTED)


def suppress_small_cells(rows: list[Row]) -> list[Row]:
    """Primary suppression: a value below 5 is suppressed.

    Secondary suppression: breakdown cells that differ in one dimension only (same year, series,
    unit and other codes) add up to their parent; if exactly one of them is suppressed, it could
    be recovered by subtracting the others from the parent (shown here, or published elsewhere),
    so the next smallest cell of that group is suppressed too. Repeated until no group has a
    lone suppressed cell (a newly suppressed cell may leave another group with one)."""
    result = [_suppressed(r) if r.value is not None and r.value < SMALL_CELL else r for r in rows]
    changed = True
    while changed:
        changed = False
        for members in _groups(result).values():
            hidden = [i for i in members if result[i].suppressed]
            shown = sorted((i for i in members if not result[i].suppressed),
                           key=lambda i: result[i].value)
            if len(hidden) == 1 and shown:
                result[shown[0]] = _suppressed(result[shown[0]])
                changed = True
    return result


def _suppressed(row: Row) -> Row:
    return replace(row, value=None, text=SMALL, suppressed=True)


def _groups(rows: list[Row]) -> dict[tuple, list[int]]:
    """Row indexes by (year, series, unit, dimension, the other codes): cells of one breakdown."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        for dimension in row.codes:
            rest = {d: c for d, c in row.codes.items() if d != dimension}
            groups[(row.year, row.series, row.unit, dimension, disaggregation_key(rest))].append(
                index)
    return groups


def shown_rows(rows: list[Row]) -> list[Row]:
    """What a download writes: every row but the suppressed ones."""
    return [row for row in rows if not row.suppressed]

