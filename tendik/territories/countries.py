"""Countries by ISO 3166-1 alpha-2 code, named in ru/ky/kk/en from pycountry's translations
(the iso-codes project, maintained by Debian), never typed by hand. The official name
(«Республика Казахстан») is preferred where it is translated, the short name otherwise."""

import gettext
from functools import lru_cache

import pycountry
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError

LANGUAGES = ("ru", "ky", "kk")


@lru_cache(maxsize=4)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language],
                               fallback=True)


def is_country_code(raw: str) -> bool:
    return len(raw or "") == 2 and pycountry.countries.get(alpha_2=raw.upper()) is not None


def country_code(raw: str) -> str:
    """The upper-case alpha-2 code, or a 400 naming the value when it is not ISO 3166-1."""
    code = (raw or "").strip().upper()
    if not is_country_code(code):
        raise DomainError(_("«%(code)s» — не код страны ISO 3166-1 (две латинские буквы, "
                            "например KG)") % {"code": raw},
                          errors=[{"field": "country", "message": _("нет такой страны")}])
    return code


def country_names(code: str) -> dict[str, str]:
    """{"name_ru", "name_ky", "name_kk", "name_en"} for an ISO 3166-1 alpha-2 code."""
    country = pycountry.countries.get(alpha_2=country_code(code))
    names = {"name_en": getattr(country, "official_name", None) or country.name}
    for language in LANGUAGES:
        names[f"name_{language}"] = _translated(language, country)
    return names


def _translated(language: str, country) -> str:
    """An untranslated name comes back in English: it is left empty, so the page falls back
    visibly instead of showing English as if it were Kyrgyz."""
    catalogue = _catalogue(language)
    for name in (getattr(country, "official_name", None), country.name):
        if name and catalogue.gettext(name) != name:
            return catalogue.gettext(name)
    return ""
