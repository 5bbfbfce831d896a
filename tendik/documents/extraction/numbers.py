"""Numbers as Russian writes them: «1 200», «1,5», «3-х», «35 миллионов», «двести сорок», «трое».

Values are exact (Decimal inside), returned as int when whole so that «1,2 млн» is 1200000, not
1199999.9999.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")
# «3-х», «16-ти», «7-ми»: a cardinal with its case ending; «5-й», «3-го» are ordinals and never match.
CASED_DIGITS = re.compile(r"^(\d+)-(?:х|ти|и|ми|ью|мя|ех|ух)$")
RANGE = re.compile(r"^(\d+)[-–—](\d+)$")
# A group of three digits continuing «1 200 000»; only the last may carry a decimal part.
THOUSANDS_GROUP = re.compile(r"^\d{3}(?:[.,]\d+)?$")
GROUP_GAPS = frozenset({" ", "\u00a0", "\u202f", "\u2009"})

_UNITS = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100,
    "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600,
    "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
    "оба": 2, "обе": 2, "полтора": Decimal("1.5"), "полторы": Decimal("1.5"),
    # Collective numerals: «трое детей».
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7, "восьмеро": 8,
    "девятеро": 9, "десятеро": 10,
}
_SCALES = {"тысяча": 1000, "миллион": 10**6, "миллиард": 10**9, "триллион": 10**12}
MULTIPLIER = re.compile(
    r"^(?:тыс|тысяч(?:[аиуе]|ами|ам)?|млн|миллион\w*|млрд|миллиард\w*|трлн|триллион\w*)$", re.IGNORECASE)


def as_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def digits_value(text: str) -> Decimal | None:
    """«70», «1,5», «2.5», «3-х» → their value; anything else → None."""
    cased = CASED_DIGITS.match(text)
    if cased:
        text = cased.group(1)
    if not DIGITS.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def multiplier_value(word: str) -> int | None:
    """«тыс», «тысяч» → 1000, «млн», «миллионов» → 10**6, «млрд» → 10**9, «трлн» → 10**12."""
    if not MULTIPLIER.match(word):
        return None
    low = word.lower()
    if low.startswith("тыс"):
        return 1000
    if low.startswith(("млн", "миллион")):
        return 10**6
    if low.startswith(("трлн", "триллион")):
        return 10**12
    return 10**9


def word_value(lemma: str) -> Decimal | int | None:
    """A cardinal number word's lemma («семь», «двести») → its value; scales are not words here."""
    return _UNITS.get(lemma)


def scale_value(lemma: str) -> int | None:
    return _SCALES.get(lemma)


def combine_words(values: list) -> Decimal | None:
    """«двести сорок пять» → 245, «две тысячи пятьсот» → 2500. Parts must fall in size, as spoken;
    «пять шесть» is not one number, so None."""
    total = Decimal(0)
    current = Decimal(0)
    last = None
    for value, is_scale in values:
        if is_scale:
            if current == 0:
                return None
            total += current * value
            current, last = Decimal(0), None
            continue
        # Only a round part may be followed: «сто двадцать», never «семнадцать три».
        if last is not None and (last % 10 or _digits(value) >= _digits(last)):
            return None
        current += Decimal(value)
        last = value
    result = total + current
    return result if result > 0 else None


def _digits(value) -> int:
    return len(str(int(value)))
