"""Converting money with the stored official rates (`ExchangeRate`: `rate` units of `base` for one
unit of `currency` on `date`).

A `RateTable` reads, in one query, the rates of the currencies it is given around the dates it is
given; `convert` then works in memory. The rate used is the latest one published on or before the
day, at most `WINDOW` days older (banks publish none on weekends and holidays). Anything else is a
`MissingRate` naming the currency and the day: a missing rate is never taken as 1 or 0.
"""

import datetime
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.partners.models import ExchangeRate, RateBase

WINDOW = datetime.timedelta(days=14)
BASES = tuple(RateBase.values)  # KGS, KZT
# Beyond this many separate date ranges one range covering them all is read instead.
MAX_RANGES = 50


@dataclass(frozen=True, order=True)
class UsedRate:
    """One official rate a figure used: `rate` units of `base` for 1 `currency` on `date`."""

    currency: str
    base: str
    date: datetime.date
    rate: Decimal

    def as_dict(self) -> dict:
        return {"currency": self.currency, "base": self.base, "date": self.date,
                "rate": self.rate}


@dataclass(frozen=True)
class Converted:
    amount: Decimal
    rates: tuple[UsedRate, ...] = ()


class MissingRate(DomainError):
    """No official rate of `currency` in `base` published in the WINDOW before `on`: a 409."""

    def __init__(self, currency: str, base: str, on: datetime.date):
        super().__init__(_("Нет официального курса %(currency)s к %(base)s на %(date)s")
                         % {"currency": currency, "base": base, "date": f"{on:%d.%m.%Y}"},
                         code="conflict")
        self.currency, self.base, self.on = currency, base, on


def date_ranges(dates: Iterable[datetime.date]) -> list[tuple[datetime.date, datetime.date]]:
    """The date ranges whose rates can serve `dates`: each day and the WINDOW before it, with
    overlapping ranges merged."""
    ranges: list[tuple[datetime.date, datetime.date]] = []
    for day in sorted(set(dates)):
        if ranges and day - WINDOW <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day - WINDOW, day))
    if len(ranges) > MAX_RANGES:
        return [(ranges[0][0], ranges[-1][1])]
    return ranges


class RateTable:
    """The rates needed to convert `currencies` into `to` on `dates`, read in one query.
    `bases` is the order of preference for cross rates: a Kazakh plan prefers the tenge."""

    def __init__(self, currencies: Iterable[str], dates: Iterable[datetime.date], *, to: str,
                 bases: tuple[str, ...] = BASES):
        self.bases = tuple(bases) + tuple(b for b in BASES if b not in bases)
        self._series: dict[tuple[str, str], tuple[list, list]] = {}
        pairs = {pair for currency in set(currencies) | {to} for base in self._route(currency, to)
                 for pair in _pairs(currency, base)}
        ranges = date_ranges(dates)
        if not ranges or not pairs:
            return
        window, wanted = Q(), Q()
        for start, end in ranges:
            window |= Q(date__range=(start, end))
        for base in {base for base, _currency in pairs}:
            wanted |= Q(base=base, currency__in=[c for b, c in pairs if b == base])
        rows = (ExchangeRate.objects.filter(window).filter(wanted)
                .order_by("base", "currency", "date")
                .values_list("base", "currency", "date", "rate"))
        for base, currency, day, rate in rows:
            dates_, rates_ = self._series.setdefault((base, currency), ([], []))
            dates_.append(day)
            rates_.append(rate)

    def rate(self, currency: str, base: str, on: datetime.date) -> UsedRate | None:
        """The rate of `currency` in `base` published last on or before `on`, within WINDOW."""
        series = self._series.get((base, currency))
        if series is None:
            return None
        index = bisect_right(series[0], on) - 1
        if index < 0 or series[0][index] < on - WINDOW:
            return None
        return UsedRate(currency, base, series[0][index], series[1][index])

    def _price(self, currency: str, base: str, on) -> tuple[Decimal, tuple[UsedRate, ...]] | None:
        """Units of `base` for one `currency`: 1 for the base itself; the base's own table;
        or, for the other base, the inverse of that base's table (KZT in KGS = 1 / KGS in KZT)."""
        if currency == base:
            return Decimal(1), ()
        direct = self.rate(currency, base, on)
        if direct is not None:
            return direct.rate, (direct,)
        if currency in BASES:
            inverse = self.rate(base, currency, on)
            if inverse is not None:
                return Decimal(1) / inverse.rate, (inverse,)
        return None

    def convert(self, amount: Decimal, currency: str, to: str, on: datetime.date) -> Converted:
        """`amount` of `currency` in `to` on `on`, through the first base that has both rates;
        the error names the rate missing in the first base tried. `to` is normally the table's
        own; another target works when its rates happen to be loaded."""
        if currency == to:
            return Converted(Decimal(amount))
        missing = None
        for base in self._route(currency, to):
            source, target = self._price(currency, base, on), self._price(to, base, on)
            if source is not None and target is not None:
                return Converted(Decimal(amount) * source[0] / target[0], source[1] + target[1])
            missing = missing or MissingRate(currency if source is None else to, base, on)
        raise missing

    def _route(self, currency: str, to: str) -> list[str]:
        """The bases to try: one of the two currencies itself first (one rate, not two), in the
        table's order whichever way the money goes, so that there and back uses the same rate;
        then the preferred base. The other bank's table is not searched for a cross rate."""
        first = [b for b in self.bases if b in (currency, to)]
        return list(dict.fromkeys(first + [self.bases[0]]))


def _pairs(currency: str, base: str) -> list[tuple[str, str]]:
    """The (base, currency) rows that can price `currency` in `base`: its own, or the inverse
    of the other base's table."""
    if currency == base:
        return []
    return [(base, currency)] + ([(currency, base)] if currency in BASES else [])
