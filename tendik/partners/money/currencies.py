"""Currencies by ISO 4217 code, from pycountry (the iso-codes project), never typed by hand.
Names come in the reader's language; iso-codes translates currency names into Russian but not
into Kyrgyz or Kazakh, so those readers see the Russian name, and English readers the original."""

import gettext
from functools import lru_cache

import pycountry
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError

REPORTING_CURRENCIES = ("KGS", "KZT", "USD", "EUR")


@lru_cache(maxsize=4)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso4217", pycountry.LOCALES_DIR, languages=[language],
                               fallback=True)


def is_currency_code(raw: str) -> bool:
    return len(raw or "") == 3 and pycountry.currencies.get(alpha_3=raw.upper()) is not None


def currency_check(code: str, *, field: str = "currency") -> str:
    """The upper-case ISO 4217 code, or a 400 on `field` naming the value that is not one."""
    clean = (code or "").strip().upper()
    if not is_currency_code(clean):
        raise DomainError(_("«%(code)s» — не код валюты ISO 4217 (три латинские буквы, "
                            "например KGS)") % {"code": code or ""},
                          errors=[{"field": field, "message": _("нет такой валюты")}])
    return clean


def currency_name(code: str, language: str | None = None) -> str:
    """The currency's name in `language` (default: the active one), else Russian, else English."""
    currency = pycountry.currencies.get(alpha_3=currency_check(code))
    language = (language or get_language() or "ru").split("-")[0]
    if language == "en":
        return currency.name
    for candidate in (language, "ru"):
        translated = _catalogue(candidate).gettext(currency.name)
        if translated != currency.name:
            return translated
    return currency.name


def currency_label(code: str, language: str | None = None) -> str:
    """«USD — Доллар США»: the code first, as people search and sort by it."""
    return f"{code.upper()} — {currency_name(code, language)}"


def currency_choices(codes=None, language: str | None = None) -> list[tuple[str, str]]:
    """(code, label) pairs for a select; every ISO 4217 currency unless `codes` narrows it."""
    codes = codes or sorted(currency.alpha_3 for currency in pycountry.currencies)
    return [(code, currency_label(code, language)) for code in codes]
