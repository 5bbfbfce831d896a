"""Words the report builder shares: the fallback marker, numbers, dates, attributed runs."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.analytics.charts import format_number
from tendik.core.i18n import localized

from .document import Run


def fallback_marks() -> dict[str, str]:
    return {"ru": _("[на русском языке]"), "ky": _("[на кыргызском языке]"),
            "kk": _("[на казахском языке]"), "en": _("[на английском языке]")}


def text_runs(instance, field: str, language: str, *, bold: bool = False) -> list[Run]:
    """The field in the report's language; else the Russian text (or any there is), in italics
    and followed by a marker naming its language, so a reader sees it was not translated."""
    text = localized(instance, field, language)
    if not text.is_fallback or not text.text:
        return [Run(text.text, bold=bold)]
    return [Run(f"{text.text} {fallback_marks()[text.language]}", bold=bold, fallback=True)]


def plain(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)


def number(value) -> str:
    return format_number(value)


# Dates as the region writes them in every language (Django's kk and en formats put the month
# first, which a reader in Bishkek or Astana takes for the day).
def day(value: datetime.date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else "—"


def local_day(value: datetime.datetime | None) -> str:
    return day(timezone.localtime(value).date()) if value else "—"


def moment(value: datetime.datetime | None) -> str:
    return f"{timezone.localtime(value):%d.%m.%Y %H:%M}" if value else "—"


def share(part: int, whole: int) -> float | None:
    """A percentage 0–100 with one decimal, or None when there is nothing to divide."""
    return round(100 * part / whole, 1) if whole else None
