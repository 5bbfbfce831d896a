import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendik.partners.money.rates import WINDOW, MissingRate, RateTable, UsedRate, date_ranges
from tendik.partners.tests.factories import ExchangeRateFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 3)  # a Thursday


def _rates(day=DAY, **pairs):
    """pairs: KGS_USD="87.5" means 87.5 KGS for one USD on `day`."""
    for pair, rate in pairs.items():
        base, currency = pair.split("_")
        ExchangeRateFactory(date=day, base=base, currency=currency, rate=Decimal(rate))


def test_the_same_currency_needs_no_rate():
    converted = RateTable(["USD"], [DAY], to="USD").convert(Decimal("10.50"), "USD", "USD", DAY)
    assert converted.amount == Decimal("10.50") and converted.rates == ()


def test_a_currency_into_its_base_uses_that_banks_rate():
    _rates(KGS_USD="87.5")
    converted = RateTable(["USD"], [DAY], to="KGS").convert(Decimal("100"), "USD", "KGS", DAY)
    assert converted.amount == Decimal("8750")
    assert converted.rates == (UsedRate("USD", "KGS", DAY, Decimal("87.5")),)


def test_the_base_into_a_currency_divides_by_the_rate():
    _rates(KGS_USD="80")
    table = RateTable(["USD"], [DAY], to="USD")
    assert table.convert(Decimal("800"), "KGS", "USD", DAY).amount == 10


def test_a_cross_rate_goes_through_the_base_and_shows_both_rates():
    _rates(KGS_EUR="100", KGS_USD="80")
    converted = RateTable(["EUR", "USD"], [DAY], to="USD").convert(Decimal("8"), "EUR", "USD", DAY)
    assert converted.amount == Decimal("10")
    assert {r.currency for r in converted.rates} == {"EUR", "USD"}


def test_tenge_into_som_uses_the_inverse_of_the_kazakh_table_when_kyrgyz_has_none():
    _rates(KZT_KGS="5")  # 5 tenge for one som
    converted = RateTable(["KZT"], [DAY], to="KGS").convert(Decimal("50"), "KZT", "KGS", DAY)
    assert converted.amount == Decimal("10")
    assert converted.rates == (UsedRate("KGS", "KZT", DAY, Decimal("5")),)


def test_the_kyrgyz_table_of_tenge_is_preferred_for_som():
    _rates(KZT_KGS="5", KGS_KZT="0.19")
    table = RateTable(["KZT"], [DAY], to="KGS")
    assert table.convert(Decimal("100"), "KZT", "KGS", DAY).amount == 19


def test_a_kazakh_plan_prefers_the_tenge_for_a_cross_rate():
    _rates(KGS_EUR="100", KGS_USD="80", KZT_EUR="600", KZT_USD="500")
    table = RateTable(["EUR", "USD"], [DAY], to="USD", bases=("KZT",))
    converted = table.convert(Decimal("5"), "EUR", "USD", DAY)
    assert converted.amount == Decimal("6")
    assert {r.base for r in converted.rates} == {"KZT"}


def test_the_latest_rate_before_a_weekend_day_is_used():
    friday, sunday = datetime.date(2026, 11, 27), datetime.date(2026, 11, 29)
    _rates(friday, KGS_USD="87")
    _rates(datetime.date(2026, 11, 30), KGS_USD="99")  # Monday's rate is not known on Sunday
    converted = RateTable(["USD"], [sunday], to="KGS").convert(Decimal("1"), "USD", "KGS", sunday)
    assert converted.amount == 87 and converted.rates[0].date == friday


def test_a_rate_fourteen_days_old_is_used_and_fifteen_is_too_old():
    _rates(DAY - WINDOW, KGS_USD="87")
    assert RateTable(["USD"], [DAY], to="KGS").convert(Decimal("1"), "USD", "KGS", DAY).amount == 87
    later = DAY + datetime.timedelta(days=1)
    with pytest.raises(MissingRate) as caught:
        RateTable(["USD"], [later], to="KGS").convert(Decimal("1"), "USD", "KGS", later)
    assert str(caught.value) == "Нет официального курса USD к KGS на 04.12.2026"


def test_a_missing_rate_names_currency_base_and_date_and_is_a_conflict():
    _rates(KGS_USD="87")
    with pytest.raises(MissingRate) as caught:
        RateTable(["EUR"], [DAY], to="KGS").convert(Decimal("1"), "EUR", "KGS", DAY)
    assert caught.value.code == "conflict"
    assert str(caught.value) == "Нет официального курса EUR к KGS на 03.12.2026"


def test_a_cross_rate_missing_its_target_names_the_target():
    _rates(KGS_EUR="100")
    with pytest.raises(MissingRate, match="USD к KGS на 03.12.2026"):
        RateTable(["EUR", "USD"], [DAY], to="USD").convert(Decimal("1"), "EUR", "USD", DAY)


def test_a_future_rate_is_never_used_for_an_earlier_day():
    _rates(DAY + datetime.timedelta(days=1), KGS_USD="87")
    with pytest.raises(MissingRate):
        RateTable(["USD"], [DAY], to="KGS").convert(Decimal("1"), "USD", "KGS", DAY)


def test_the_table_reads_its_rates_in_one_query(django_assert_num_queries):
    _rates(KGS_USD="87", KGS_EUR="95")
    days = [DAY, datetime.date(2025, 1, 10), datetime.date(2024, 6, 1)]
    with django_assert_num_queries(1):
        table = RateTable(["USD", "EUR"], days, to="USD")
        table.convert(Decimal("1"), "EUR", "USD", DAY)


def test_only_the_windows_before_the_dates_asked_for_are_read():
    _rates(DAY - datetime.timedelta(days=40), KGS_USD="70")
    _rates(DAY - datetime.timedelta(days=20), KGS_USD="80")
    _rates(DAY, KGS_USD="90")
    table = RateTable(["USD"], [DAY - datetime.timedelta(days=40), DAY], to="KGS")
    assert table._series[("KGS", "USD")][1] == [Decimal("70"), Decimal("90")]


def test_only_the_pairs_on_the_way_to_the_target_are_read():
    _rates(KGS_USD="87", KGS_EUR="95", KGS_RUB="1.1", KZT_USD="470", KZT_KGS="5.4")
    table = RateTable(["USD"], [DAY], to="EUR")
    assert set(table._series) == {("KGS", "USD"), ("KGS", "EUR")}


def test_a_cross_rate_is_not_looked_for_in_the_other_banks_table():
    _rates(KZT_EUR="600", KZT_USD="500")
    with pytest.raises(MissingRate, match="EUR к KGS"):
        RateTable(["EUR"], [DAY], to="USD").convert(Decimal("1"), "EUR", "USD", DAY)


def test_close_dates_share_one_range_and_far_ones_do_not():
    a, b, c = DAY, DAY + datetime.timedelta(days=10), DAY + datetime.timedelta(days=100)
    assert date_ranges([c, a, b, a]) == [(a - WINDOW, b), (c - WINDOW, c)]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amount=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e12"), places=2),
       pair=st.sampled_from([("USD", "EUR"), ("EUR", "KZT"), ("KZT", "KGS"), ("KGS", "USD"),
                             ("RUB", "KZT"), ("KGS", "KZT")]),
       rates=st.lists(st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("100000"),
                                  places=4), min_size=5, max_size=5))
def test_converting_there_and_back_gives_the_amount_back(amount, pair, rates):
    table = RateTable([], [], to="KGS")
    table._series = {(base, currency): ([DAY], [rate]) for (base, currency), rate in zip(
        [("KGS", "USD"), ("KGS", "EUR"), ("KGS", "RUB"), ("KGS", "KZT"), ("KZT", "KGS")],
        rates, strict=True)}
    there = table.convert(amount, pair[0], pair[1], DAY)
    back = table.convert(there.amount, pair[1], pair[0], DAY)
    assert abs(back.amount - amount) <= amount * Decimal("1e-20")
