import pytest
from django.utils import translation

from tendik.core.errors import DomainError
from tendik.partners.money.currencies import (
    REPORTING_CURRENCIES,
    currency_check,
    currency_choices,
    currency_label,
    currency_name,
)


def test_a_lower_case_code_comes_back_upper_case():
    assert currency_check(" usd ") == "USD"


@pytest.mark.parametrize("raw", ["XYZ", "US", "", None, "ДОЛ"])
def test_an_unknown_code_is_refused_naming_it_on_the_callers_field(raw):
    with pytest.raises(DomainError) as caught:
        currency_check(raw, field="budget_lines.0.currency")
    assert caught.value.code == "invalid"
    assert f"«{raw or ''}»" in str(caught.value)
    assert caught.value.errors[0]["field"] == "budget_lines.0.currency"


def test_the_field_is_currency_unless_the_caller_names_another():
    with pytest.raises(DomainError) as caught:
        currency_check("ABC")
    assert caught.value.errors == [{"field": "currency", "message": "нет такой валюты"}]


def test_names_are_russian_for_russian_readers_and_english_for_english_ones():
    assert currency_name("USD", "ru") == "Доллар США"
    assert currency_name("USD", "en") == "US Dollar"


def test_kyrgyz_and_kazakh_readers_see_the_russian_name_iso_codes_has_no_translation():
    assert currency_name("EUR", "ky") == "Евро"
    assert currency_name("KZT", "kk") == currency_name("KZT", "ru")


def test_the_label_follows_the_active_language():
    with translation.override("ru"):
        assert currency_label("usd") == "USD — Доллар США"


def test_the_reporting_currencies_are_the_four_of_the_issue_in_that_order():
    assert REPORTING_CURRENCIES == ("KGS", "KZT", "USD", "EUR")
    assert [code for code, _label in currency_choices(REPORTING_CURRENCIES, "ru")] == list(
        REPORTING_CURRENCIES)


def test_all_iso_currencies_are_offered_when_no_list_is_given():
    codes = [code for code, _label in currency_choices(language="en")]
    assert {"KGS", "KZT", "USD", "EUR", "RUB", "CNY"} <= set(codes)
    assert codes == sorted(codes)
