"""The public rows of an indicator: reported values of published periods only, official values
winning over reported ones, small cells suppressed (with secondary suppression), constant
queries."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tendik.opendata.models import SourceFile, StatValue
from tendik.opendata.published import (
    SMALL,
    Row,
    indicator_rows,
    plain_number,
    shown_rows,
    suppress_small_cells,
)
from tendik.plans.models import Indicator
from tendik.reporting import services as reporting_services

from .fixtures_public import observe, public_fixture, publish, settle  # noqa: F401

pytestmark = pytest.mark.django_db


def _table(rows):
    return {(r.year, r.key): (r.text, r.source, r.suppressed) for r in rows}


def official(indicator, year: int, text: str, key: str = "", unit: str = "", series: str = ""):
    source = SourceFile.objects.create(country=indicator.country, name="indicator.csv",
                                       sha256="0" * 64, format="opensdg_csv",
                                       imported_at=timezone.now())
    return StatValue.objects.create(indicator=indicator, year=year, text=text,
                                    value=Decimal(text), disaggregation=key, unit=unit,
                                    series=series, source=source)


def test_reported_rows_are_yearly_totals_and_each_code_of_published_periods_only(public):
    assert _table(indicator_rows(public.share)) == {
        (2022, ""): ("24.5", "reported", False), (2023, ""): ("28", "reported", False)}
    assert indicator_rows(public.hidden) == []


def test_a_small_cell_is_suppressed_with_the_next_smallest_of_its_breakdown(public):
    rows = _table(indicator_rows(public.violence))
    assert rows == {
        (2022, ""): ("12", "reported", False),
        (2022, "sex=F"): (SMALL, "reported", True), (2022, "sex=M"): (SMALL, "reported", True),
        (2023, ""): ("20", "reported", False),
        (2023, "sex=F"): ("14", "reported", False), (2023, "sex=M"): ("6", "reported", False)}
    assert all(r.value is None for r in indicator_rows(public.violence) if r.suppressed)


def test_an_official_value_wins_over_the_reported_one_and_reported_rows_take_its_unit(public):
    official(public.share, 2022, "25.10", unit="PT")
    official(public.share, 2021, "20.0", unit="PT")
    rows = indicator_rows(public.share)
    assert [(r.year, r.unit, r.text, r.source) for r in rows] == [
        (2021, "PT", "20.0", "official"), (2022, "PT", "25.10", "official"),
        (2023, "PT", "28", "reported")]


def test_secondary_suppression_covers_every_dimension_of_a_multi_dimensional_key():
    def row(key: dict, value: str) -> Row:
        return Row(year=2020, series="", unit="", codes=key, value=Decimal(value), text=value,
                   source="official")

    rows = [row({}, "40"), row({"sex": "F"}, "22"), row({"sex": "M"}, "18"),
            row({"sex": "F", "urban_rural": "U"}, "2"), row({"sex": "F", "urban_rural": "R"}, "20"),
            row({"sex": "M", "urban_rural": "U"}, "10"), row({"sex": "M", "urban_rural": "R"}, "8")]
    hidden = {r.key for r in suppress_small_cells(rows) if r.suppressed}
    # F·U is small; F·R goes with it (sex=F row), M·U goes too (urban_rural=U across sexes);
    # then M has a lone hidden cell, so M·R goes as well.
    assert hidden == {"sex=F|urban_rural=U", "sex=F|urban_rural=R", "sex=M|urban_rural=U",
                      "sex=M|urban_rural=R"}
    assert {r.key for r in shown_rows(suppress_small_cells(rows))} == {"", "sex=F", "sex=M"}


def test_a_withdrawn_publication_takes_its_values_off_the_rows(world, public):
    reporting_services.period_withdraw(actor=world.users["coordinator"],
                                       period=public.periods[2023])
    assert _table(indicator_rows(public.share)) == {(2022, ""): ("24.5", "reported", False)}


def test_numbers_are_written_without_trailing_zeros_or_exponents():
    assert [plain_number(Decimal(v)) for v in ("12.5000", "100", "1E+2", "0.00420", "-0.0")] == [
        "12.5", "100", "100", "0.0042", "0"]


def test_the_rows_take_the_same_number_of_queries_whatever_the_data(world, public):
    def queries() -> int:
        cache.clear()
        indicator = Indicator.objects.get(pk=public.violence.pk)
        with CaptureQueriesContext(connection) as captured:
            indicator_rows(indicator)
        return len(captured)

    before = queries()
    for year in (2022, 2023):
        for value in ("1", "2", "3"):
            official(public.violence, year - 10, value, key=f"sex={'F' if value == '1' else 'M'}",
                     series=f"S{value}")
    settle(public.periods[2024].reports.get(organisation=world.home_org), "accepted")
    observe(public.periods[2024].reports.get(organisation=world.home_org), public.violence, "30")
    publish(public.periods[2024])
    assert queries() == before
