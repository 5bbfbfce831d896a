"""Months of the monthly form: a form's month is the first day of it, written «YYYY-MM»."""

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.errors import field_error

_MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_month(value) -> datetime.date:
    """A date or «YYYY-MM» as the month's first day, else a 400 naming `month`."""
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    match = _MONTH.fullmatch(str(value or "").strip())
    if match and 1 <= int(match.group(2)) <= 12 and int(match.group(1)) >= 1900:
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)
    raise field_error("month", _("Месяц указывается как ГГГГ-ММ, например 2026-03."))


def month_key(month: datetime.date) -> str:
    return f"{month:%Y-%m}"


def current_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def months_since(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every month from `first` to `last`, newest first."""
    months, month = [], last.replace(day=1)
    while month >= first.replace(day=1):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return months
