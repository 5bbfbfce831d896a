"""Content typed by users is stored once per language; these helpers pick the right one."""

from dataclasses import dataclass

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("ru", "ky", "kk", "en")
SOURCE_LANGUAGE = "ru"


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

