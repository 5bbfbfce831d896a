"""Content typed by users is stored once per language; these helpers pick the right one."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language

# The interface languages are the content languages: one list, in settings.LANGUAGES.
CONTENT_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
SOURCE_LANGUAGE = CONTENT_LANGUAGES[0]


def per_language(*prefixes: str) -> list[str]:
    """The column names of four-language fields: per_language("name") → name_ru, name_ky, …"""
    return [f"{prefix}_{language}" for prefix in prefixes for language in CONTENT_LANGUAGES]


@dataclass(frozen=True)
class LocalizedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def current_language() -> str:
    language = (get_language() or SOURCE_LANGUAGE).split("-")[0]
    return language if language in CONTENT_LANGUAGES else SOURCE_LANGUAGE


def localized(instance, field: str, language: str | None = None) -> LocalizedText:
    """The text in the asked language, else Russian, else any language that has it.

    `instance` is a model instance or a dict with the same `<field>_<language>` keys.
    """
    wanted = language or current_language()
    read = instance.get if isinstance(instance, dict) else lambda name, default: getattr(
        instance, name, default)
    for candidate in (wanted, SOURCE_LANGUAGE, *CONTENT_LANGUAGES):
        text = read(f"{field}_{candidate}", "") or ""
        if text:
            return LocalizedText(text, candidate, candidate != wanted)
    return LocalizedText("", wanted, True)



def texts_of(instance, *prefixes: str) -> dict[str, str]:
    """Every language's text of the named fields: {"title_ru": …, "title_ky": …, …}."""
    return {name: getattr(instance, name) for name in per_language(*prefixes)}


class QueryLanguageMiddleware:
    """`?lang=en` chooses the language of one request (API clients, shared links).

    Placed after LocaleMiddleware, which has already read the cookie and Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wanted = request.GET.get("lang", "")
        if wanted not in CONTENT_LANGUAGES:
            return self.get_response(request)
        with translation.override(wanted):
            request.LANGUAGE_CODE = wanted
            response = self.get_response(request)
        response.headers["Content-Language"] = wanted
        return response
