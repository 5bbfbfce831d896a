"""A small period of a controlled indicator cannot be had by subtraction from its year."""

import datetime

from tendik.portal.indicator_page import _secondary_suppressed


def _series(values: list, year: int = 2023) -> list[dict]:
    ends = [datetime.date(year, month, 28) for month in (3, 6, 9, 12)]
    return [{"period_end": end, "value": value} for end, value in zip(ends, values, strict=False)]


def test_one_small_quarter_hides_the_next_smallest_of_its_year():
    assert [p["value"] for p in _secondary_suppressed(_series([3, 12, 10, 15]))] == [
        3, 12, None, 15]


def test_two_small_quarters_or_none_hide_nothing_more():
    assert [p["value"] for p in _secondary_suppressed(_series([3, 4, 10, 15]))] == [3, 4, 10, 15]
    assert [p["value"] for p in _secondary_suppressed(_series([30, 40, 10, 15]))] == [
        30, 40, 10, 15]


def test_years_are_apart_and_a_lone_small_year_hides_nothing_else():
    series = _series([2]) + _series([3, 9], year=2024)
    assert [p["value"] for p in _secondary_suppressed(series)] == [2, 3, None]
