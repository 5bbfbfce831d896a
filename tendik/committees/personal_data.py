"""A scanner for personal data in the monthly form's comment: phone numbers, dates of birth and
people's names. Tendik holds no personal data about survivors, so a comment with any of these is
refused. The reasons name WHAT was found and never repeat it (logs and errors must not echo it).

Rules over the plain text, with natasha's person names (the same reading as documents use):
- a phone: 7–12 digits in groups separated by spaces, dashes or brackets, as Kyrgyz and Kazakh
  numbers are written (+996 555 123 456, 0 555 12-34-56, 8 (701) 123-45-67, 0555123456). A number
  grouped in thousands (1 200 000) is an amount, not a phone, unless it starts with «+»;
- a date of birth: «г.р.» after a year, or a full date, or a year, next to «рожд…», «родил…»,
  «д.р.» or «born», when the year is at least ten years ago (a recent date is an event's);
- a name: what natasha's NER and the documents' people rules call a person («Айгуль Асанова»);
  a lone common word the NER mislabels («Комитет», «Модератором») is not one, nor a lone word
  the dictionary does not know as a name (a village: «Тамчы»).
"""

import re

from django.utils import timezone
from django.utils.translation import gettext as _

PHONE = "phone"
BIRTH_DATE = "birth_date"
NAME = "name"

_PHONE = re.compile(r"(?<![\w+.,/])(\+?\d(?:[ \-()]{0,2}\d){6,14})(?![\w.,/]?\d)")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?: \d{3})+")
_MONTH = (r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
          r"[а-яё]*")
_FULL_DATE = (rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-](?P<y1>(?:19|20)\d\d)"
              rf"|\d{{1,2}}\s+{_MONTH}\s+(?P<y2>(?:19|20)\d\d))")
_BIRTH_WORD = r"(?:рожд[а-яё]*\.?|родил|д\.\s?р\.|born|туулган|туған)"
_NEAR = r"[^.;\n]{0,25}?"
_BIRTH = re.compile(
    rf"{_BIRTH_WORD}{_NEAR}(?:{_FULL_DATE}|(?P<y3>(?:19|20)\d\d))"
    rf"|(?:{_FULL_DATE.replace('y1', 'y4').replace('y2', 'y5')}"
    rf"|(?P<y6>(?:19|20)\d\d))\s*(?:г\.?|года)?{_NEAR}{_BIRTH_WORD}"
    rf"|(?P<y7>(?:19|20)\d\d)\s*г\.\s?р\.", re.IGNORECASE)
# Ten years back: a date of a recent month is an event («заявление 12.03.2026»), not a birth.
MIN_AGE_YEARS = 10


def _messages() -> dict[str, str]:
    return {PHONE: _("похоже на номер телефона"), BIRTH_DATE: _("похоже на дату рождения"),
            NAME: _("похоже на имя человека")}


def _has_phone(text: str) -> bool:
    for match in _PHONE.finditer(text):
        number = match.group(1)
        digits = sum(char.isdigit() for char in number)
        if 7 <= digits <= 12 and (number.startswith("+") or not _THOUSANDS.fullmatch(number)):
            return True
    return False


def _has_birth_date(text: str) -> bool:
    last = timezone.localdate().year - MIN_AGE_YEARS
    for match in _BIRTH.finditer(text):
        year = next(int(value) for value in match.groupdict().values() if value)
        if year <= last:
            return True
    return False


def _has_name(text: str) -> bool:
    from tendik.documents.extraction.nlp import Token, analyse
    from tendik.documents.extraction.people import _dictionary_name, find_people

    for person in find_people(analyse(text), organisations=[]):
        words = person.name.split()
        # One word alone is a name only if the dictionary knows it as one: village names
        # («Тамчы») are unknown words that the NER also tags as people.
        if len(words) > 1 or _dictionary_name(Token(person.start, person.end, person.name)):
            return True
    return False


def personal_data_findings(text: str) -> list[str]:
    """Why `text` looks like it holds personal data: a message per kind found (none: clean)."""
    text = (text or "").strip()
    if not text:
        return []
    messages = _messages()
    found = [kind for kind, check in ((PHONE, _has_phone), (BIRTH_DATE, _has_birth_date),
                                      (NAME, _has_name)) if check(text)]
    return [messages[kind] for kind in found]
