"""Places: territory names of the gazetteer, natasha's LOC spans and sets such as «во всех 7 регионах».

Gazetteer names are matched on lemmas, so «в Чуйской области» finds «Чуйская область» and «Ошской обл.»
finds it too; a LOC span the gazetteer does not know is still a place, without a territory.
"""

from __future__ import annotations

import bisect
import functools
import re

from razdel import tokenize

from .facts import Place
from .gazetteer import Gazetteer, PlaceEntry
from .nlp import Analysis, Token, Unit, models

# Abbreviations that stand for a whole word of a territory's name.
_ABBREVIATIONS = {"обл": "область", "р-н": "район", "р-на": "район", "р-не": "район", "респ": "республика"}
# Words that introduce a name but are rarely part of the gazetteer's entry («г. Бишкек», «город Ош»).
_PREFIXES = {"г", "город", "с", "село", "пгт", "п", "поселок", "посёлок"}

_NUMBER_WORDS = {"двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5, "шести": 6,
                 "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10, "одиннадцати": 11, "двенадцати": 12,
                 "четырнадцати": 14, "семнадцати": 17}
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_SET_NOUN = r"(?P<noun>регион|област|район|город)\w*"
# «во всех 7 регионах», «всех областях», «из семи областей», «в 5 регионах страны»: «все» or a count
# after a preposition, then a territory noun; the preposition stays out of the span.
_SET = re.compile(
    rf"(?<!\w)(?P<prep>(?:во|в|из|для|на|по|от)\s+)?(?P<span>(?P<all>всех|все|всем)?\s*(?:{_COUNT}\s+)?{_SET_NOUN})",
    re.IGNORECASE)
_CAPITAL_DATELINE = re.compile(r"^[^\w\n]{0,4}(?P<city>[А-ЯЁ]{3,}(?:-[А-ЯЁ]{2,})?)\s*[–—-]\s", re.MULTILINE)
_RUSSIAN_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_SET_NAMES = {"регион": ("region", "регионы"), "област": ("region", "области"),
              "район": ("district", "районы"), "город": ("city", "города")}


def find_places(analysis: Analysis, *, gazetteer: Gazetteer) -> list[Place]:
    taken = _Taken(_gazetteer_places(analysis, gazetteer))
    for more in (_sets(analysis.text), _capital_datelines(analysis.text), _ner_places(analysis)):
        for place in more:
            taken.add(place)
    return taken.places


class _Taken:
    """Places that do not overlap, in order, so a new candidate is checked by bisection."""

    def __init__(self, places: list[Place]):
        self.places = sorted(places, key=lambda p: p.start)
        self.starts = [p.start for p in self.places]

    def add(self, place: Place) -> None:
        at = bisect.bisect_left(self.starts, place.end)
        if at and self.places[at - 1].end > place.start:
            return
        self.places.insert(at, place)
        self.starts.insert(at, place.start)


@functools.lru_cache(maxsize=20_000)
def _forms(word: str) -> frozenset[str]:
    """Every normal form a name's word may have: its own spelling and each pymorphy parse's lemma."""
    lower = word.lower().replace("ё", "е")
    lower = _ABBREVIATIONS.get(lower, lower)
    if not _RUSSIAN_WORD.fullmatch(lower):
        # pymorphy2 raises on letters unicodedata cannot name; only Russian words inflect anyway.
        return frozenset({lower})
    return frozenset({lower} | {p.normal_form.replace("ё", "е") for p in models().vocab.parse(lower)})


def _token_forms(token: Token) -> set[str]:
    lower = token.text.lower().replace("ё", "е")
    return {_ABBREVIATIONS.get(lower, lower), token.lemma.replace("ё", "е")}


def _name_words(name: str) -> tuple[str, ...]:
    words = [t.text for t in tokenize(name) if any(ch.isalnum() for ch in t.text)]
    while len(words) > 1 and words[0].lower() in _PREFIXES:
        words.pop(0)
    return tuple(words)


def _index(gazetteer: Gazetteer) -> dict[str, list[tuple[tuple[frozenset[str], ...], PlaceEntry]]]:
    """Names by each form of their first word, longest first, so «Чуйская область» beats «Чуй»."""
    index: dict[str, list] = {}
    for entry in gazetteer.places:
        for name in {entry.canonical, *entry.names}:
            words = _name_words(name)
            if not words:
                continue
            pattern = tuple(_forms(w) for w in words)
            for form in pattern[0]:
                index.setdefault(form, []).append((pattern, entry))
    for candidates in index.values():
        candidates.sort(key=lambda c: -len(c[0]))
    return index


def _gazetteer_places(analysis: Analysis, gazetteer: Gazetteer) -> list[Place]:
    if not gazetteer.places:
        return []
    index = _index(gazetteer)
    found = []
    for unit in analysis.units:
        words = [t for t in unit.tokens if any(ch.isalnum() for ch in t.text)]
        i = 0
        while i < len(words):
            match = _match_at(words, i, index)
            if match is None:
                i += 1
                continue
            length, entry = match
            start, end = words[i].start, words[i + length - 1].end
            if analysis.text[end:end + 1] == "." and words[i + length - 1].text.lower() in _ABBREVIATIONS:
                end += 1
            found.append(Place(start, end, analysis.text[start:end], entry.territory_id,
                               entry.canonical, entry.level))
            i += length
    return found


def _match_at(words: list[Token], i: int, index) -> tuple[int, PlaceEntry] | None:
    for form in _token_forms(words[i]):
        for pattern, entry in index.get(form, ()):
            # A one-word name must be capitalised: a district «Центральный» is not «центральный».
            if len(pattern) == 1 and not words[i].text[:1].isupper():
                continue
            if i + len(pattern) <= len(words) and all(
                    _token_forms(words[i + k]) & pattern[k] for k in range(1, len(pattern))):
                return len(pattern), entry
    return None


def _sets(text: str) -> list[Place]:
    places = []
    for m in _SET.finditer(text):
        if not (m.group("all") or (m.group("count") and m.group("prep"))):
            continue
        start, end = m.start("span") + len(m.group("span")) - len(m.group("span").lstrip()), m.end()
        noun = m.group("noun").lower()
        level, name = next(v for k, v in _SET_NAMES.items() if noun.startswith(k))
        places.append(Place(start, end, text[start:end], None, name, level, _count(m.group("count"))))
    return places


def _capital_datelines(text: str) -> list[Place]:
    """«АЛМАТЫ – Сегодня…»: natasha misses a city in capitals at the head of a news item."""
    places = []
    for m in _CAPITAL_DATELINE.finditer(text):
        start, end = m.span("city")
        name = "-".join(part.capitalize() for part in m.group("city").split("-"))
        places.append(Place(start, end, m.group("city"), None, name))
    return places


def _count(value: str | None) -> int | None:
    if not value:
        return None
    return int(value) if value.isdigit() else _NUMBER_WORDS[value.lower()]


def _ner_places(analysis: Analysis) -> list[Place]:
    starts = [unit.start for unit in analysis.units]
    places = []
    for span in analysis.ner:
        if span.type == "LOC":
            unit = analysis.units[bisect.bisect_right(starts, span.start) - 1]
            name = _nominative(unit, span.start, span.end)
            places.append(Place(span.start, span.end, span.text, None, name))
    return places


def _nominative(unit: Unit, start: int, end: int) -> str:
    """«в Кыргызской Республике» → «Кыргызская Республика»: words up to the head noun go to the
    nominative, the rest («Республики Казахстан») keeps its case."""
    tokens = [t for t in unit.tokens if start <= t.start and t.end <= end]
    words, head_seen = [], False
    for token in tokens:
        word = _ABBREVIATIONS.get(token.text.lower(), token.text)
        if not head_seen and token.pos in {"ADJ", "NOUN", "PROPN"}:
            word = _inflect_nominative(word, token.feats.get("Number", "Sing"))
            head_seen = token.pos != "ADJ"
        words.append(word)
    return " ".join(words) if words else unit.text[start - unit.start:end - unit.start]


@functools.lru_cache(maxsize=20_000)
def _inflect_nominative(word: str, number: str) -> str:
    """The word in the nominative, keeping its number («Республики» in the singular → «Республика»)."""
    if not _RUSSIAN_WORD.fullmatch(word):
        return word
    for parse in models().vocab.parse(word):
        if parse.feats.get("Number", number) != number:
            continue
        inflected = parse.inflect({"Nom"})
        if inflected is not None:
            new = inflected.word
            return new[:1].upper() + new[1:] if word[:1].isupper() else new
    return word
