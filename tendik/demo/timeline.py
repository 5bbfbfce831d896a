"""Dates of the demo, anchored to the day it is loaded.

The fixtures are written as seen from FIXTURE_YEAR. Loaded in another year, every year in them moves
by the same offset, so the story stays the same: the previous NAP is closed, the current one is in
force with last year accepted, the current half-year is open and due in the future.
"""

import datetime
import re
from dataclasses import dataclass

FIXTURE_YEAR = 2026
DUE_AFTER_END = datetime.timedelta(days=20)
YEAR_IN_TEXT = re.compile(r"\b(20\d\d)\b")


def _replace_year(day: datetime.date, year: int) -> datetime.date:
    # 29 February has no twin in most years.
    return day.replace(year=year, day=min(day.day, 28) if day.month == 2 else day.day)


@dataclass(frozen=True)
class Timeline:
    today: datetime.date

    @property
    def offset(self) -> int:
        return self.today.year - FIXTURE_YEAR

    def year(self, year: int) -> int:
        return year + self.offset

    def date(self, day: datetime.date | None) -> datetime.date | None:
        return _replace_year(day, day.year + self.offset) if day else None

    def text(self, text: str) -> str:
        """Years written in a title ("на 2025–2027 годы") move with the dates."""
        return YEAR_IN_TEXT.sub(lambda m: str(int(m.group(1)) + self.offset), text)

    def current_half(self) -> tuple[datetime.date, datetime.date]:
        if self.today.month <= 6:
            return datetime.date(self.today.year, 1, 1), datetime.date(self.today.year, 6, 30)
        return datetime.date(self.today.year, 7, 1), datetime.date(self.today.year, 12, 31)

    def previous_half(self) -> tuple[datetime.date, datetime.date]:
        start, _end = self.current_half()
        end = start - datetime.timedelta(days=1)
        return datetime.date(end.year, 1 if end.month == 6 else 7, 1), end

    def due(self, end: datetime.date) -> datetime.date:
        """Twenty days after the end; a period already over is due before today, so it can be late."""
        due = end + DUE_AFTER_END
        if end < self.today <= due:
            return self.today - datetime.timedelta(days=1)
        return due


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
