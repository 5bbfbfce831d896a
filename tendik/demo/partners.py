"""The demo's partners: exchange rates, projects, meetings with their agreements, commitments.

Written by the Tendik team for the demo from the seeds' public facts (a minister receiving UN
Women's representative, Kazakhstan's Deputy Prime Minister meeting UN Women, the Spotlight
consultation on the Coalition of Action against gender-based violence, the EU-funded «ДаткАйым»
project). Everything goes through the partners' services and is dated relative to the day of
loading; loading again changes nothing.

The exchange rates are generated, not official: a smooth deterministic curve per currency in the
ranges the national banks published, stored with a source that says so.
"""

import datetime
import hashlib
import math
from decimal import Decimal

from tendik.partners.models import ExchangeRate

RATE_SOURCE = "демонстрационные данные (не официальные курсы)"
RATE_YEARS = 6
# A fixed origin, so a day's rate does not depend on the day the demo is loaded.
RATE_ORIGIN = datetime.date(2020, 1, 1)
# Per series: centre, swing around it, the swing's period in days, its phase, daily noise (share).
CURVES = {
    "USD/KGS": (Decimal("87.5"), 0.9, 1100, 0.4, 0.0004),
    "EUR/KGS": (Decimal("98"), 3.0, 800, 1.9, 0.0015),
    "RUB/KGS": (Decimal("1.025"), 0.07, 650, 3.1, 0.003),
    "USD/KZT": (Decimal("490"), 18.0, 950, 5.2, 0.001),
}


def _noise(series: str, day: datetime.date) -> float:
    """A number in [-1, 1] fixed by the series and the day (no random state to seed)."""
    digest = hashlib.blake2b(f"{series}:{day.isoformat()}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") / 0xFFFFFFFF * 2 - 1


def _curve(series: str, day: datetime.date) -> float:
    centre, swing, period, phase, noise = CURVES[series]
    days = (day - RATE_ORIGIN).days
    level = float(centre) + swing * math.sin(2 * math.pi * days / period + phase)
    return level * (1 + noise * _noise(series, day))


def _day_rates(day: datetime.date) -> list[tuple[str, str, Decimal]]:
    """(base, currency, rate) of one day. The Kazakh table is derived from the Kyrgyz one through
    USD, so cross rates agree whichever table a conversion goes through."""
    usd, eur, rub = (_curve(s, day) for s in ("USD/KGS", "EUR/KGS", "RUB/KGS"))
    usd_kzt = _curve("USD/KZT", day)
    kzt = usd / usd_kzt  # KGS for one tenge
    four, two = Decimal("0.0001"), Decimal("0.01")
    return [
        ("KGS", "USD", Decimal(usd).quantize(four)), ("KGS", "EUR", Decimal(eur).quantize(four)),
        ("KGS", "RUB", Decimal(rub).quantize(four)), ("KGS", "KZT", Decimal(kzt).quantize(four)),
        ("KZT", "USD", Decimal(usd_kzt).quantize(two)),
        ("KZT", "EUR", Decimal(eur / kzt).quantize(two)),
        ("KZT", "RUB", Decimal(rub / kzt).quantize(two)),
        ("KZT", "KGS", Decimal(1 / kzt).quantize(two)),
    ]


def demo_rates(today: datetime.date) -> list[dict]:
    """Rows for the rate import: every business day from six years back to today."""
    start = today.replace(year=today.year - RATE_YEARS, day=min(today.day, 28))
    rows = []
    for offset in range((today - start).days + 1):
        day = start + datetime.timedelta(days=offset)
        if day.weekday() < 5:
            rows += [{"date": day.isoformat(), "base": base, "currency": currency,
                      "rate": str(rate)} for base, currency, rate in _day_rates(day)]
    return rows


def _rates_missing(rows: list[dict]) -> list[dict]:
    """Only days with no rate yet: a real rate imported earlier is never replaced by a demo one."""
    first = min(row["date"] for row in rows)
    have = {(base, currency, day.isoformat()) for base, currency, day in
            ExchangeRate.objects.filter(date__gte=first).values_list("base", "currency", "date")}
    return [row for row in rows if (row["base"], row["currency"], row["date"]) not in have]
