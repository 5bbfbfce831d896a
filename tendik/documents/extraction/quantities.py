"""Quantities: «более 70 сотрудников государственных органов», «во всех 7 регионах», «1,5 млн долларов».

Each quantity is a number (digits, groups, decimals, «тыс./млн», number words) with the counted thing
after it, read from the tokens of one unit; report tables that name the thing first («женщин – 19»)
are read too. A number without a counted thing is not a quantity (unless a scale makes it an amount:
«почти 200 тысяч»): that alone drops page numbers, widget figures, times and most codes. Years,
dates, ages, document numbers, names and labels («депутат 5 созыва») are dropped by the rules below.

Qualifiers: «более/свыше/больше» and also «не менее» are ">" (at-least counts as more-than, since
the reviewer only needs to know the figure is a floor); «менее/меньше/не более/до» are "<";
«почти 100» is "<" too (just under 100); «около/порядка/примерно» are "≈"; «все/всех» before the
number is "all"; «довести до 30%» is "=", a target rather than a ceiling. A range «20–30 человек»,
«от 20 до 30» keeps its lower bound with ">".

The span runs from the qualifier (or the number) to the head noun; the complement after it is kept
apart. The unit is the head noun's lemma, a currency («сом», «тенге», «доллар»), or «процент».
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from . import numbers
from .facts import DateFact, Quantity
from .nlp import Analysis, Token, models

_QUALIFIERS = {
    "более": ">", "свыше": ">", "больше": ">", "сверх": ">",
    "около": "≈", "порядка": "≈", "примерно": "≈", "приблизительно": "≈", "ориентировочно": "≈",
    "менее": "<", "меньше": "<", "почти": "<", "до": "<",
}
_OVER_PREPOSITIONS = frozenset({"в", "во", "на", "по", "для", "из", "с", "со", "к", "за"})
_ADVERB_QUALIFIERS = frozenset({"чем", "почти", "примерно", "приблизительно", "ориентировочно"})
_NEGATED = {"более": "<", "больше": "<", "менее": ">", "меньше": ">"}
_ALL = frozenset({"все", "всех", "всем", "всеми"})
_COMPARATIVES = frozenset({"более", "больше", "менее", "меньше"})
# Nouns and signs that make the next number a name or a code: «резолюция 1325», «ЦУР 5», «№ 12».
_DESIGNATORS = frozenset({
    "№", "n", "резолюция", "постановление", "приказ", "закон", "статья", "пункт", "подпункт", "цель",
    "цур", "задача", "глава", "раздел", "часть", "слайд", "страница", "рисунок", "таблица",
    "приложение", "указ", "решение", "протокол", "номер", "версия", "том", "выпуск", "мера",
    "индикатор", "показатель", "этап", "модуль", "сессия", "телефон", "факс", "дом", "кабинет",
    "офис", "конвенция", "рекомендация", "абзац", "параграф", "форма",
})
_ABBREVIATIONS = frozenset({"ст", "п", "пп", "стр", "с", "рис", "табл", "тел", "д", "кв", "ул", "гл",
                            "разд", "прил", "ч", "каб", "вып"})
_MONTHS = frozenset({"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                     "сентябрь", "октябрь", "ноябрь", "декабрь"})
# Not counted things: «в 2 раза», «2021 г.».
_NOT_UNITS = frozenset({"раз", "г", "гг"})
_MEASURES = frozenset({"процент", "процентный пункт", "гектар", "километр", "килограмм", "тонна", "литр",
                       "метр", "балл", "час", "год", "месяц", "день", "неделя"})
_THOUSANDS_MARK = re.compile(r"^\d{1,3}[.,]\d{3}$")
_POPULATION = frozenset({"население", "житель", "человек", "женщина", "мужчина", "ребенок", "девочка"})
_AGE_WORDS = frozenset({"возраст", "старше", "младше", "моложе", "до", "от"})
_CURRENCY_CODES = {
    "$": "доллар", "usd": "доллар", "долл": "доллар", "дол": "доллар", "€": "евро", "eur": "евро",
    "₸": "тенге", "kzt": "тенге", "kgs": "сом", "uzs": "сум", "tjs": "сомони", "₽": "рубль",
    "rub": "рубль", "руб": "рубль",
}
_CURRENCY_WORDS = (
    (re.compile(r"^сом(?:а|у|ом|е|ы|ов|ам|ами|ах)?$"), "сом"),
    (re.compile(r"^сомони$"), "сомони"),
    (re.compile(r"^тенге$"), "тенге"),
    (re.compile(r"^доллар\w*$"), "доллар"),
    (re.compile(r"^евро$"), "евро"),
    (re.compile(r"^рубл(?:ь|я|ю|ем|е|и|ей|ям|ями|ях)$"), "рубль"),
    # The Uzbek sum; «сумма» (with two м) never matches.
    (re.compile(r"^сум(?:а|ов|ы|ам|ами|ах)?$"), "сум"),
)
_PREFIX_CURRENCY = frozenset({"$", "€", "₸", "₽", "usd", "eur", "kzt", "kgs", "uzs", "tjs"})
# Prepositions that say what or whose («по защите от насилия», «для женщин»); «в», «на», «с»
# mostly say where, when or with whom, which is not the counted thing.
_COMPLEMENT_PREPOSITIONS = frozenset({"по", "для", "из", "от", "без"})
_COMPLEMENT_POS = frozenset({"NOUN", "ADJ", "PROPN", "DET"})
_COMPLEMENT_MAX = 8
_ACRONYM = re.compile(r"^[А-ЯЁA-Z]{2,6}$")
_VERB_LEMMA = re.compile(r"(?:ть|ться|ти|чь|чься)$")
# «(87 ж., 33 м.)» in participant counts: women and men.
_UNIT_ABBREVIATIONS = {"чел": "человек", "га": "гектар", "км": "километр", "кг": "килограмм",
                       "ед": "единица", "шт": "штука", "тг": "тенге", "ж": "женщина", "жен": "женщина",
                       "м": "мужчина", "муж": "мужчина", "п": "процентный пункт"}
_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
# Verbs of change: «до N» after them is where a figure got to.
_CHANGE_VERBS = ("довест", "довод", "увелич", "повыс", "повыша", "сократ", "сокращ", "сниз", "снижа",
                 "вырас", "возрас", "уменьш", "дорас", "достич", "достига", "расшир", "подня")
_DASHES = frozenset({"-", "–", "—"})
# «Пекин+25», «Шаг 2»: numbers inside a short «…» are part of a name.
_SHORT_QUOTE = re.compile(r"«[^«»\n]{1,60}»")
_NUMBER_ONLY = re.compile(r"^[\d\s.,:;%\-–—•●▪◦*()/+]+$")
# «16 дней активизма» is the name of the campaign, not a count of days.
_CAMPAIGN_DAYS = frozenset({"активизм", "активность", "борьба", "против"})


@dataclass(frozen=True)
class _Number:
    first: int  # first token of the number (or of a currency sign before it)
    last: int  # last token: the digits, or the multiplier «млн» and its dot
    value: Decimal
    is_range: bool = False
    currency: str = ""
    year_like: bool = False
    cased: bool = False  # «90-х»


def find_quantities(analysis: Analysis, *, dates: list[DateFact]) -> list[Quantity]:
    date_spans = [(d.start, d.end) for d in dates]
    found = []
    for unit in analysis.units:
        # A line that is only a figure («89.11» of a currency widget, a page number) counts nothing.
        if not unit.tokens or _NUMBER_ONLY.match(unit.text):
            continue
        quoted = [(m.start() + unit.start, m.end() + unit.start) for m in _SHORT_QUOTE.finditer(unit.text)]
        found.extend(_in_unit(analysis.text, unit.tokens, date_spans + quoted))
    return sorted(found, key=lambda q: (q.start, q.end))


def _in_unit(text: str, tokens: tuple[Token, ...], blocked: list[tuple[int, int]]) -> list[Quantity]:
    found = []
    i = 0
    while i < len(tokens):
        number = _number_at(text, tokens, i)
        if number is None:
            i += 1
            continue
        quantity = None
        if not _excluded(text, tokens, number, blocked):
            quantity = _quantity(text, tokens, number)
        if quantity:
            found.append(quantity)
        i = number.last + 1
    return found


def _number_at(text: str, tokens: tuple[Token, ...], i: int) -> _Number | None:
    value = numbers.digits_value(tokens[i].text)
    if value is not None:
        return _digit_number(text, tokens, i, value)
    if numbers.RANGE.match(tokens[i].text):
        low, high = (int(g) for g in numbers.RANGE.match(tokens[i].text).groups())
        if low < high:
            return _with_multiplier(text, tokens, _Number(i, i, Decimal(low), is_range=True))
        return None
    return _word_number(tokens, i)


def _digit_number(text: str, tokens, i: int, value: Decimal) -> _Number:
    last = i
    raw = tokens[i].text
    # «1 200 000»: groups of three digits after one space belong to the same number.
    if re.fullmatch(r"\d{1,3}", raw):
        while (last + 1 < len(tokens) and numbers.THOUSANDS_GROUP.match(tokens[last + 1].text)
               and text[tokens[last].end:tokens[last + 1].start] in numbers.GROUP_GAPS
               and re.fullmatch(r"\d+", tokens[last].text)):
            last += 1
            raw += tokens[last].text
        value = numbers.digits_value(raw)
    # «2 000» written in groups is never a year.
    number = _Number(i, last, value, cased=bool(numbers.CASED_DIGITS.match(raw)),
                     year_like=bool(re.fullmatch(r"(?:19|20)\d\d", tokens[i].text)))
    # «20 – 30 человек» written with spaces around the dash.
    if (last + 2 < len(tokens) and tokens[last + 1].text in _DASHES
            and numbers.DIGITS.match(tokens[last + 2].text)
            and value < numbers.digits_value(tokens[last + 2].text)):
        number = _Number(i, last + 2, value, is_range=True, year_like=number.year_like)
    # «от 20 до 30 человек».
    elif (i > 0 and tokens[i - 1].text.lower() == "от" and last + 2 < len(tokens)
          and tokens[last + 1].text.lower() == "до" and numbers.DIGITS.match(tokens[last + 2].text)):
        number = _Number(i - 1, last + 2, value, is_range=True, year_like=number.year_like)
    number = _with_multiplier(text, tokens, number)
    return _with_prefix_currency(tokens, number)


def _with_multiplier(text: str, tokens, number: _Number) -> _Number:
    nxt = number.last + 1
    if nxt >= len(tokens):
        return number
    scale = numbers.multiplier_value(tokens[nxt].text)
    if scale is None:
        return number
    value, last = number.value * scale, nxt
    # «2 млн 500 тыс. сомов»: a smaller scale may follow.
    rest = last + 2 if last + 1 < len(tokens) and tokens[last + 1].text == "." else last + 1
    if rest + 1 < len(tokens) and re.fullmatch(r"\d{1,3}", tokens[rest].text):
        smaller = numbers.multiplier_value(tokens[rest + 1].text)
        if smaller and smaller < scale:
            value, last = value + int(tokens[rest].text) * smaller, rest + 1
    # The dot of «тыс.» joins the span only when the counted thing follows it (`_head` steps over it).
    return _Number(number.first, last, value, number.is_range, number.currency)


def _with_prefix_currency(tokens, number: _Number) -> _Number:
    """«$1.2 млн», «USD 500»: the sign before the number is its unit."""
    before = number.first - 1
    if before >= 0 and tokens[before].text.lower() in _PREFIX_CURRENCY:
        return _Number(before, number.last, number.value, number.is_range,
                       _CURRENCY_CODES[tokens[before].text.lower()], cased=number.cased)
    return number


def _word_number(tokens, i: int) -> _Number | None:
    lone = _lone_scale(tokens[i])
    if lone:
        return _Number(i, i, Decimal(lone))
    parts = []
    last = i
    while last < len(tokens):
        lemma = _numeral_lemma(tokens[last])
        value = numbers.word_value(lemma)
        scale = numbers.scale_value(lemma)
        if value is not None:
            parts.append((value, False))
        elif scale is not None and parts:
            parts.append((scale, True))
        else:
            break
        last += 1
    # A lone «один» is an article more often than a count («в одном из районов»).
    if not parts or parts == [(1, False)]:
        return None
    value = numbers.combine_words(parts)
    return _Number(i, last - 1, value) if value is not None else None


def _lone_scale(token: Token) -> int | None:
    """«около тысячи женщин», «более сотни волонтеров»: one thousand, one hundred. The plural
    («тысячи семей», «сотни людей») is vague and counts nothing."""
    if token.feats.get("Number") != "Sing" or token.pos != "NOUN":
        return None
    return {"сотня": 100}.get(token.lemma) or numbers.scale_value(token.lemma)


def _numeral_lemma(token: Token) -> str:
    if token.pos == "VERB" or not token.text.isalpha():
        return ""
    if token.pos == "NUM" and numbers.word_value(token.lemma) is None:
        return _pymorphy_lemma(token.text.lower(), "NUM")
    return token.lemma


@functools.lru_cache(maxsize=20_000)
def _pymorphy_lemma(word: str, pos: str) -> str:
    for form in models().vocab.parse(word):
        if form.pos == pos:
            return form.normal.lower()
    return ""


def _excluded(text: str, tokens, number: _Number, blocked) -> bool:
    start, end = tokens[number.first].start, tokens[number.last].end
    if any(s < end and start < e for s, e in blocked):
        return True
    before = number.first - 1
    after = number.last + 1
    if before >= 0:
        prev = tokens[before]
        # «G20», «v2.0», «Пекин+25», phone numbers «+996 …».
        if prev.text == "+" or (prev.end == start and prev.text[-1].isalpha() and not number.currency):
            return True
        if _designator(tokens, before):
            return True
        if prev.text == ":" and prev.start == start - 1 and before > 0 and tokens[before - 1].text.isdigit():
            return True
    if after < len(tokens) and tokens[after].text == ":" and tokens[after].start == end:
        return True  # «10:00»
    # List numbering «1.» / «2)» opens the unit.
    return number.first == 0 and after < len(tokens) and tokens[after].text in (".", ")")


def _designator(tokens, before: int) -> bool:
    prev = tokens[before]
    if prev.text == "." and before > 0:
        return tokens[before - 1].text.lower() in _ABBREVIATIONS
    return prev.text.lower() in _DESIGNATORS or prev.lemma in _DESIGNATORS


def _quantity(text: str, tokens, number: _Number) -> Quantity | None:
    qualifier, first = _qualifier(tokens, number)
    head_from = number.last + 1
    # «45 и более участников», «100 с лишним человек».
    pair = " ".join(t.text.lower() for t in tokens[head_from:head_from + 2])
    if pair in ("и более", "и больше", "и свыше", "с лишним"):
        qualifier, head_from = ">", head_from + 2
    # «$48 тыс.»: the sign before the number is the unit, whatever noun follows.
    head = (number.last, number.currency) if number.currency else _head(tokens, head_from)
    if head is None and numbers.multiplier_value(tokens[number.last].text):
        head = (number.last, "")  # «из них почти 200 тысяч»: a scale makes it an amount on its own
    if head is None:
        return _named_before(text, tokens, number, first)
    index, unit = head
    index, unit = _kyrgyz_unit(tokens, index, unit)
    if not _countable(tokens, number, index, unit, qualifier):
        return None
    start, end = tokens[first].start, tokens[index].end
    return Quantity(start=start, end=end, text=text[start:end], qualifier=qualifier,
                    value=numbers.as_number(_thousands(tokens, number, unit)), unit=unit,
                    complement=_complement(text, tokens, index + 1))


def _thousands(tokens, number: _Number, unit: str) -> Decimal:
    """«1.500 человек», «2,500 учителей»: a mark before three digits separates thousands when what is
    counted cannot come in fractions; «1,500 км» and «2,125%» stay decimals."""
    raw = tokens[number.first].text
    if number.first != number.last or unit in _MEASURES or _currency(unit) or not _THOUSANDS_MARK.match(raw):
        return number.value
    return number.value * 1000


def _named_before(text: str, tokens, number: _Number, first: int) -> Quantity | None:
    """«женщин – 19, мужчин – 13», «участников: 45»: report tables name the counted thing first."""
    sign = first - 1
    if first != number.first or sign < 1 or tokens[sign].text not in _DASHES | {":"}:
        return None
    noun = tokens[sign - 1]
    # Only a genitive plural («женщин», «обращений») counts; «Результаты: 5» numbers a heading.
    if noun.pos != "NOUN" or (noun.feats.get("Case"), noun.feats.get("Number")) != ("Gen", "Plur"):
        return None
    if number.year_like:
        return None
    start, end = noun.start, tokens[number.last].end
    return Quantity(start=start, end=end, text=text[start:end], qualifier="=",
                    value=numbers.as_number(number.value), unit=_noun_lemma(noun))


def _kyrgyz_unit(tokens, index: int, unit: str) -> tuple[int, str]:
    """«12 айыл окмоту», «в 40 айыл аймаках»: Kyrgyz local governments, one name of two words."""
    first = index if tokens[index].text.lower() == "айыл" else index - 1
    if first < 0 or first + 1 >= len(tokens) or tokens[first].text.lower() != "айыл":
        return index, unit
    second = tokens[first + 1].text.lower()
    for stem, name in (("окмот", "айыл окмоту"), ("аймак", "айыл аймак")):
        if second.startswith(stem):
            return first + 1, name
    return index, unit


def _qualifier(tokens, number: _Number) -> tuple[str, int]:
    default = (">", number.first) if number.is_range else ("=", number.first)
    p = number.first - 1
    if p < 0:
        return default
    low = tokens[p].text.lower()
    if low in _ALL:
        return "all", p
    # «более чем в 30 странах», «почти в 20 школах», «примерно на 40 мест»: the qualifier reaches over
    # the preposition.
    if low in _OVER_PREPOSITIONS and p > 0 and tokens[p - 1].text.lower() in _ADVERB_QUALIFIERS:
        p, low = p - 1, tokens[p - 1].text.lower()
    if low == "чем":
        if p == 0 or tokens[p - 1].text.lower() not in _COMPARATIVES:
            return default
        p, low = p - 1, tokens[p - 1].text.lower()
    if low not in _QUALIFIERS:
        return default
    if low == "до" and _target(tokens, p):
        return "=", number.first
    if low in _NEGATED and p > 0 and tokens[p - 1].text.lower() == "не":
        return _NEGATED[low], p - 1
    return _QUALIFIERS[low], p


def _target(tokens, p: int) -> bool:
    """«с 20 до 45 человек», «довести долю женщин до 30%», «выросло до 60»: the figure reached, not a
    ceiling. The verb of change may stand a few words before «до»."""
    if p > 0 and numbers.DIGITS.match(tokens[p - 1].text):
        return True
    return any(t.pos == "VERB" and t.lemma.startswith(_CHANGE_VERBS) for t in tokens[max(0, p - 6):p])


def _head(tokens, j: int) -> tuple[int, str] | None:
    """The counted thing: the first noun after the number, over adjectives, «из» and numerals."""
    if j + 1 < len(tokens) and tokens[j].text in _DASHES and _plural_nominative(tokens[j + 1]):
        return j + 1, _noun_lemma(tokens[j + 1])  # «из них 25 – женщины»
    participle = None
    for k in range(j, min(j + 5, len(tokens))):
        token = tokens[k]
        found = _head_at(token)
        if found:
            return k, found
        if _participle(token) and participle is None:
            participle = k
        elif not _skippable(tokens, k):
            break
    # «40 обучающихся.»: a participle with no noun after it is the counted thing itself.
    if participle is not None and tokens[participle].feats.get("Number") == "Plur":
        word = _substantive(tokens[participle].text.lower())
        return (participle, word) if word else None
    return None


def _plural_nominative(token: Token) -> bool:
    """«женщины» after «19 –»; the tagger often reads it as a genitive singular, so ask pymorphy too."""
    if token.pos != "NOUN":
        return False
    if (token.feats.get("Case"), token.feats.get("Number")) == ("Nom", "Plur"):
        return True
    return _can_be_plural_nominative(token.text.lower())


@functools.lru_cache(maxsize=20_000)
def _can_be_plural_nominative(word: str) -> bool:
    return any(form.pos == "NOUN" and form.feats.get("Case") == "Nom" and form.feats.get("Number") == "Plur"
               for form in models().vocab.parse(word))


def _skippable(tokens, k: int) -> bool:
    """Adjectives, «таких», «из» (of «3 из 7 областей»), numerals and the dot of «тыс.»."""
    token = tokens[k]
    if token.text == ".":
        return k > 0 and tokens[k - 1].text.lower() in ("тыс", "млн", "млрд", "трлн")
    if token.text.lower() == "из":
        return k + 1 < len(tokens) and tokens[k + 1].pos == "NUM"
    return token.pos in ("ADJ", "NUM", "DET")


def _head_at(token: Token) -> str:
    if token.text == "%":
        return "процент"
    currency = _currency(token.text)
    if currency:
        return currency
    if token.text.lower() in _UNIT_ABBREVIATIONS:
        return _UNIT_ABBREVIATIONS[token.text.lower()]
    if not _CYRILLIC.search(token.text):
        return ""  # «5G», «3 D»: a Latin letter after a number is a name
    if token.pos == "NOUN":
        return _noun_lemma(token)
    if token.pos == "PROPN" and _ACRONYM.match(token.text):
        return token.text.lower()  # «14 ОМСУ», «12 НПО»
    if token.pos in ("X", "PROPN"):
        # «7 Кризисных Центров», «в 3 Областях»: capitalised common nouns the tagger takes for names.
        return _common_noun(token.text.lower())
    return ""


@functools.lru_cache(maxsize=20_000)
def _known(word: str) -> bool:
    return models().vocab.word_is_known(word)


@functools.lru_cache(maxsize=20_000)
def _common_noun(word: str) -> str:
    if not _known(word):
        return ""
    form = models().vocab.parse(word)[0]
    if form.pos != "NOUN" or _NAME_GRAMMEMES & set(form.tag.grammemes):
        return ""
    return form.normal.lower()


def _participle(token: Token) -> bool:
    """A full participle («обученных»), which acts as an adjective; «созданы» is a predicate."""
    feats = token.feats
    return token.pos == "VERB" and feats.get("VerbForm") == "Part" and feats.get("Variant") != "Short"


def _noun_lemma(token: Token) -> str:
    if token.lemma == "люди":
        return "человек"
    if token.text.lower() in _UNIT_ABBREVIATIONS:
        return _UNIT_ABBREVIATIONS[token.text.lower()]
    # «учащихся», «пострадавших» are participles used as nouns: the tagger gives the verb
    # («учиться»), the counted thing is «учащийся».
    if _VERB_LEMMA.search(token.lemma):
        return _substantive(token.text.lower()) or token.lemma
    return token.lemma


@functools.lru_cache(maxsize=5_000)
def _substantive(word: str) -> str:
    for form in models().vocab.parse(word):
        if form.pos == "VERB" and form.feats.get("VerbForm") == "Part":
            inflected = form.inflect({"Sing", "Nom", "Masc"})
            return inflected.word if inflected else ""
    return ""


def _currency(word: str) -> str:
    low = word.lower()
    if low in _CURRENCY_CODES:
        return _CURRENCY_CODES[low]
    for pattern, lemma in _CURRENCY_WORDS:
        if pattern.match(low):
            return lemma
    return ""


def _countable(tokens, number: _Number, index: int, unit: str, qualifier: str) -> bool:
    """Whether number + noun counts something, rather than naming a year, a date or an age."""
    if unit in _MONTHS or unit in _NOT_UNITS:
        return False
    if unit == "год":
        # «2021 года», «90-х годов» are years; «до 18 лет», «в возрасте 15 лет», «16–24 лет»,
        # «средний возраст – 34 года» are ages.
        before = tokens[number.first - 1] if number.first > 0 else None
        aged = before is not None and (before.lemma in _AGE_WORDS or before.text.lower() in _AGE_WORDS)
        aged = aged or any(t.lemma == "возраст" for t in tokens[max(0, number.first - 4):number.first])
        return number.value < 1000 and not (number.cased or number.is_range or aged or qualifier == "<")
    if _per_capita(tokens, number, unit):
        return False
    if unit == "день" and index + 1 < len(tokens) and tokens[index + 1].lemma in _CAMPAIGN_DAYS:
        return False
    if unit == "час" and number.first > 0 and tokens[number.first - 1].text.lower() in ("в", "к", "до", "с"):
        return False  # «в 15 часов» is a time of day; «за 6 часов» a duration
    head = tokens[index]
    if unit == "место" and head.feats.get("Number") == "Sing":
        return False  # «заняла 1 место» is a rank; «25 мест» a capacity
    if unit in ("класс", "курс") and number.is_range:
        return False  # «учащихся 9–11 классов» are grades
    if number.year_like:
        # «в 2020 Правительство…»: a year before a noun; only a genitive plural is counted by it.
        return head.feats.get("Case") == "Gen" and head.feats.get("Number") == "Plur"
    return not _labels(tokens, number, index, unit)


def _labels(tokens, number: _Number, index: int, unit: str) -> bool:
    """«3 этаж», «депутат 5 созыва», «ЦУР 5 Гендерное равенство»: the noun does not agree as a
    count's would, so the number labels it. A count ending in one takes a singular («21 школа»), two
    to four a genitive singular or a plural, five and up a plural. Indeclinable currencies,
    «человек» (its genitive plural looks singular), decimals, «млн» and «19 – женщины» (a subject,
    not governed by the number) are left alone.
    """
    head = tokens[index]
    if head.pos != "NOUN" or unit == "человек" or _currency(head.text) or number.is_range:
        return False
    if tokens[index - 1].text in _DASHES:
        return False
    if "-" in head.text or head.text.lower() in _UNIT_ABBREVIATIONS or not _known(head.text.lower()):
        return False  # the tagger guesses the number of «женщин-лидеров», «га», «окмоту» badly
    if numbers.multiplier_value(tokens[number.last].text) or number.value != int(number.value):
        return False
    case, count = head.feats.get("Case"), head.feats.get("Number")
    last_two = int(number.value) % 100
    if last_two % 10 == 1 and last_two != 11:
        return False
    if 2 <= last_two % 10 <= 4 and not 12 <= last_two <= 14:
        return count == "Sing" and case != "Gen"
    return count == "Sing"


def _per_capita(tokens, number: _Number, unit: str) -> bool:
    """«на 100 тыс. населения», «на 1000 женщин»: the base of a rate, not a count."""
    if number.first == 0 or tokens[number.first - 1].text.lower() != "на":
        return False
    return unit in _POPULATION and str(int(number.value)).rstrip("0") == "1"


def _complement(text: str, tokens, k: int) -> str:
    """Whose or what: «сотрудников [государственных органов]», «комитетов [по защите от насилия]»."""
    if k >= len(tokens) or not _opens_complement(tokens[k]):
        return ""
    last = None
    j = k
    while j < len(tokens) and j - k < _COMPLEMENT_MAX:
        token = tokens[j]
        if _in_complement(token):
            last = j
        elif not _joins(tokens, j):
            break
        j += 1
    while last is not None and last >= k and tokens[last].pos == "ADP":
        last -= 1  # a preposition whose object is cut off says nothing
    if last is None or last < k:
        return ""
    return text[tokens[k].start:tokens[last].end]


def _in_complement(token: Token) -> bool:
    if token.pos == "ADP":
        return token.text.lower() in _COMPLEMENT_PREPOSITIONS
    return (token.pos in _COMPLEMENT_POS or _participle(token)) and not token.text[0].isdigit()


def _joins(tokens, j: int) -> bool:
    """«министерств и ведомств» is one complement; «Центральной Азии и Афганистане» is not."""
    if tokens[j].text.lower() not in ("и", "или") or j + 1 >= len(tokens):
        return False
    after = tokens[j + 1]
    case = tokens[j - 1].feats.get("Case")
    return after.pos in ("NOUN", "ADJ", "PROPN") and (case is None or after.feats.get("Case", case) == case)


def _opens_complement(token: Token) -> bool:
    if token.pos == "ADP":
        return token.text.lower() in _COMPLEMENT_PREPOSITIONS
    if token.pos in ("NOUN", "ADJ", "DET") or _participle(token):
        return token.feats.get("Case") == "Gen"
    return token.pos == "PROPN" and token.feats.get("Case", "Gen") == "Gen"
