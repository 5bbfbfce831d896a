"""Organisations: natasha's ORG spans corrected by rules, the registry's gazetteer and known bodies.

Candidates come from NER, government-body heads with their genitive tail, «…» names after a kind
word, known names and acronyms, acronyms followed by a country, news agencies in datelines and the
media a news item cites; overlaps are resolved longest first, aliases a document defines and
acronyms found once as a body are then found everywhere, and each mention is linked to the registry
or proposed in its nominative form.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from dataclasses import dataclass

from razdel import tokenize

from .acronyms import BODIES, COUNTRIES, COUNTRY_ACRONYMS
from .facts import Organisation
from .gazetteer import Gazetteer, OrganisationEntry
from .nlp import Analysis, Token, models
from .people import POSITIONS

# One level of nesting is enough for «Структура «ООН-Женщины»» and «ОФ «Сезим»».
_QUOTE = re.compile(r"«(?:[^«»\n]|«[^«»\n]*»){1,150}»|[\"“„][^\"“”„\n]{1,120}[\"”“]")
_ACRONYM = re.compile(r"^(?=(?:\w*[A-ZА-ЯЁӨҮҢҚҒҰӘІҺ]){2})[A-ZА-ЯЁӨҮҢҚҒҰӘІҺ][\w-]*$")
_DEFINITION = re.compile(r"\(\s*(?:далее\s*(?:по тексту\s*)?[-–—:]?\s*)?[«\"“]?"
                         r"([^()«»\"“”\n]{2,60}?)[»\"”]?\s*\)")
_COUNTRY_SUFFIX = re.compile(r"\s+(?:Кыргызской Республики|Кыргызской Республике|Республики (?:Казахстан|"
                             r"Таджикистан|Узбекистан)|КР|РК|РТ|РУз|Кыргызстана|Казахстана)$")
# The pieces of an NER span between a spaced dash and brackets.
_PARTS = re.compile(r"(?:[^()\s]|\s(?![-–—]\s))+")
# «сообщает Kazpravda.kz», «передаёт 24.kg»: the medium a news item cites.
_SOURCE = re.compile(r"\b(?:сообщает|сообщают|передает|передаёт|пишет|информирует)\s+"
                     r"([A-ZА-ЯЁ][\w-]*\.(?:kz|kg|uz|tj|ru|com|media|info|org)|\d+\.(?:kg|kz|uz|tj)|[A-Z][\w-]+)")
# «Минкультуры РК», «Минтруда», «Минздрав»: the short names of ministries, with their country.
_MINISTRY = re.compile(r"\bМин(?:здрав|юст|фин|труд|обр|культур|эконом|нацэконом|сельхоз|энерго|транс|цифр|"
                       r"просвещ|соц|иностран|оборон|спорт|туризм|информ|эколог|чс|вод|строй|промторг)[а-яё]*"
                       r"(?:\s(?:КР|РК|РТ|РУз|РФ)(?!\w)|\s(?:Кыргызстана|Казахстана|Таджикистана|Узбекистана)\b)?")
# «айыл окмоту Нариман»: a village council takes its village's name after it; not a district's
# adjective («Ак-Талинского»), nor a first name that a surname follows (the head's name).
_VILLAGE_BODY = re.compile(r"\b[Аа]йыл\s+окмоту(?:су)?\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\b"
                           r"(?<!ского)(?<!ской)(?!\s+[А-ЯЁ])")
# «ДУШАНБЕ, 05.02.25 …»: a dateline's city in capitals, with its date after it, not a body.
_DATELINE_CITY = re.compile(r"(?m)^[ \t]*[А-ЯЁ][А-ЯЁ-]{2,}(?![\w-])(?=\s*[,.–—-]\s[^\n\d]{0,12}\d)")
_DIGIT = re.compile(r"\d")
_EDGE = " \u00a0,.;:-–—\"”"
# A news agency in a dateline: «Бишкек, 14.03.24 /Кабар/.», «Ташкент, 2023-05-18 (УзА)»,
# «Астана. 3 марта. КАЗИНФОРМ –».
_DATELINE = re.compile(r"(?m)^[ \t]*[А-ЯЁA-Z][\w-]+[.,][^\n/()]{0,30}?\d[^\n/()]{0,30}?"
                       r"(?:[/(]\s*(?P<a>[А-ЯЁA-Z][^/()\n]{1,30}?)\s*[/)]|(?P<b>[А-ЯЁA-Z]{4,})\s+[-–—])")
_COUNTRY_AFTER = re.compile(r"\s(?:КР|РК|РТ|РУз|РФ)(?!\w)")
_WORD = re.compile(r"\w")

# Lemmas of the nouns that head a body's name («Министерство труда…», «Национальная комиссия…»).
_HEADS = frozenset((
    "министерство", "комитет", "комиссия", "агентство", "служба", "департамент", "управление", "совет",
    "парламент", "правительство", "акимат", "мэрия", "кенеш", "фонд", "ассоциация", "альянс", "центр",
    "офис", "представительство", "институт", "университет", "ассамблея", "организация", "структура",
    "аппарат", "администрация", "прокуратура", "суд", "палата", "инспекция", "союз", "банк", "академия",
    "объединение", "пресс-служба", "кабинет", "сеть", "коалиция", "миссия", "посольство", "бюро",
    "мажилис", "сенат", "консорциум", "партия", "движение", "омбудсмен", "кеңес", "хукумат", "хокимият",
    "маслихат", "джамоат", "кенгаш", "госагентство", "госкомитет",
))
# Heads that are common nouns as often as names: at the start of a sentence, with nothing proper
# after them, they are not a body.
_COMMON_HEADS = frozenset((
    "центр", "организация", "представительство", "структура", "служба", "институт", "фонд", "союз",
    "управление", "совет", "сеть", "движение", "объединение", "аппарат", "палата", "миссия", "кабинет",
    "бюро", "офис", "коалиция", "банк", "администрация",
))
# Kind words that make the «…» name after them an organisation (or a project or programme).
_ORG_KINDS = _HEADS | frozenset((
    "проект", "программа", "инициатива", "оф", "оо", "оюл", "ооо", "осоо", "тоо", "ао", "оао", "зао",
    "нко", "ано", "пф", "учреждение", "компания", "сеть", "клуб", "холдинг", "корпорация",
    "группа", "клиника", "больница", "лицей", "гимназия", "колледж", "кооператив", "предприятие",
    "издание", "газета", "портал", "телеканал", "радио", "платформа", "общество",
    "школа",
))
_PROJECT_KINDS = frozenset(("проект", "программа", "инициатива"))
# Kind words whose «…» is a document, an event or a slogan, never an organisation.
_NOT_ORG_KINDS = frozenset((
    "консультация", "резолюция", "закон", "стратегия", "кампания", "тренинг", "семинар", "конференция",
    "форум", "акция", "конкурс", "фестиваль", "премия", "книга", "фильм", "доклад", "руководство",
    "постановление", "указ", "концепция", "план", "приказ", "решение", "положение", "тема", "лозунг",
    "слоган", "девиз", "встреча", "круглый", "стол", "сессия", "марафон", "флешмоб", "выставка",
    "номинация", "курс", "модуль", "пособие", "исследование", "отчет", "отчёт", "заседание", "диалог",
    "брошюра", "буклет", "видеоролик", "ролик", "статья", "рубрика", "пресс-релиз",
))
# Adjectives before a head that do not belong to the name («новый центр», «этот фонд»).
_NOT_NAME_ADJ = frozenset((
    "новый", "данный", "этот", "весь", "другой", "который", "каждый", "такой", "наш", "свой", "ряд",
))
# Words that end a body's name: the country it belongs to.
_COUNTRY_WORDS = frozenset(("республика", "кыргызстан", "казахстан", "таджикистан", "узбекистан",))
# Heads of an office abroad, named with where it sits.
_OFFICES = frozenset(("представительство", "посольство", "офис", "миссия", "бюро"))
_COUNTRY_NAMES = frozenset((
    "таджикистан", "кыргызстан", "казахстан", "узбекистан", "туркменистан", "киргизия", "россия",
    "монголия", "афганистан", "германия", "франция", "китай", "япония",
))
# A place's name follows these in any case: «Республики Казахстан», «города Шымкент».
_PLACE_KINDS = frozenset(("республика", "город", "область", "район"))
_DISTRICTS = frozenset(("район", "область", "город", "округ"))
# «в Кыргызской Республике» is where a body works, not part of its name: the span stops before «в».
_TAIL_PREPOSITIONS = frozenset({"по", "при", "против"})
_NOT_A_FIELD = frozenset((
    "итог", "результат", "случай", "мера", "слово", "данные", "повод", "линия", "причина", "инициатива",
    "приглашение", "оценка", "информация", "отношение", "сравнение", "состояние", "время", "просьба",
    "поручение", "завершение", "окончание", "возможность", "адрес", "телефон", "место",
))
_OBLIQUE = frozenset({"Gen", "Dat", "Loc", "Ins"})
_NAME_POS = frozenset({"NOUN", "PROPN", "ADJ", "X"})
_JUNK = frozenset({"об этом", "этом", "сми", "нпо", "нко", "оо", "нно", "го"})
# Legal codes («УК РК», «КоАП»): acronyms, but of laws, not of bodies.
_CODES = frozenset({"ук", "гк", "коап", "упк", "гпк", "нк", "тк", "зк", "апк", "бк", "упэк"})
# «пресс-служба Национальной комиссии …»: the voice of a body; the body starts after it.
_VOICE = re.compile(r"(?i)^(?:пресс-служб|пресс-центр)\w*\s+(?=\S)")
_MAX_TAIL = 25
_ALIAS = 3  # the priority of an alias a document defines


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    source: str
    organisation_id: int | None = None
    canonical: str = ""
    priority: int = 0  # on equal length, the higher wins (a registry match over a guess)


@dataclass
class _Doc:
    """What every rule looks up about the text, computed once."""

    text: str
    quotes: list[tuple[int, int]]
    quote_at: dict[int, int]  # start of a «…» → its end
    in_person: set[int]  # starts of the tokens inside natasha's PER spans
    known: dict[int, int]  # start of a known name (registry or built-in) → its end
    known_ending: dict[int, int]  # end of a known name → its start


def find_organisations(analysis: Analysis, *, gazetteer: Gazetteer) -> list[Organisation]:
    text = analysis.text
    if not text.strip():
        return []
    quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    people = [(s.start, s.end) for s in analysis.ner if s.type == "PER"]
    lexicon = _lexicon(gazetteer)
    known = [c for unit in analysis.units for c in _lexicon_matches(unit.tokens, lexicon)]
    doc = _Doc(text, quotes, dict(quotes), _inside(analysis, people), {c.start: c.end for c in known},
               {c.end: c.start for c in known})
    cands = list(known)
    for unit in analysis.units:
        cands += _head_matches(unit.tokens, doc)
        cands += _quoted_matches(unit.tokens, doc)
        cands += _acronym_matches(unit.tokens, lexicon)
    cands += _ner_matches(analysis, doc)
    cands += [_Cand(m.start(g), m.end(g), "rule")
              for m in _DATELINE.finditer(text) for g in "ab" if m.group(g)]
    cands += [_Cand(m.start(1), m.end(1), "rule") for m in _SOURCE.finditer(text)]
    cands += [_Cand(m.start(), m.end(), "rule") for m in _MINISTRY.finditer(text)]
    cands += [_Cand(m.start(), m.end(), "rule", priority=1) for m in _VILLAGE_BODY.finditer(text)]
    chosen = _resolve(_without_merged(cands))
    chosen = _resolve(chosen + _alias_matches(text, chosen, lexicon))
    chosen = _resolve(chosen + _repeats(analysis, chosen))
    cands.sort(key=lambda c: c.start)
    cities = {m.start() for m in _DATELINE_CITY.finditer(text)} - doc.known.keys()
    found = [_finish(c, cands, analysis) for c in chosen
             if c.start not in cities and not _junk(text[c.start:c.end], c, people)]
    return sorted(found, key=lambda o: (o.start, o.end))


_LAST: tuple = (None, [])  # the last analysis and its units' starts: one assignment, so thread-safe


@functools.lru_cache(maxsize=50_000)
def _known(word: str) -> bool:
    return models().vocab.word_is_known(word)


def _unit_at(analysis: Analysis, offset: int):
    """The unit holding offset, by bisection (Analysis.unit_at walks every unit)."""
    global _LAST
    cached, starts = _LAST
    if cached is not analysis:
        starts = [u.start for u in analysis.units]
        _LAST = (analysis, starts)
    i = bisect.bisect_right(starts, offset) - 1
    return analysis.units[i] if i >= 0 and offset < analysis.units[i].end else None


def _quote_around(quotes, offset: int) -> tuple[int, int] | None:
    """The «…» that strictly contains offset; quotes are sorted and never overlap."""
    i = bisect.bisect_left(quotes, (offset,)) - 1
    return quotes[i] if i >= 0 and quotes[i][0] < offset < quotes[i][1] else None


def _inside(analysis: Analysis, spans) -> set[int]:
    starts = set()
    for s, e in spans:
        unit = _unit_at(analysis, s)
        starts |= {t.start for t in (unit.tokens if unit else ()) if s <= t.start < e}
    return starts


# ---- the lexicon: the registry's names plus the known bodies, as lemma sequences ----

@dataclass(frozen=True)
class _Entry:
    organisation_id: int | None
    canonical: str
    acronym: bool
    keys: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


class _Lexicon:
    def __init__(self, entries: tuple[OrganisationEntry, ...]):
        self.acronyms: dict[str, _Entry] = {}
        # First word's lemma or first three letters → second word's first four letters → names.
        self.by_first: dict[str, dict[str, list[_Entry]]] = {}
        names = [(spelling, None, canonical) for canonical, spellings in BODIES.items()
                 for spelling in spellings]
        for entry in entries:
            full = {entry.canonical, *entry.names}
            # «…миграции КР» or «…миграции» in the text: the name without its country matches too,
            # and the rule for bodies adds the country back to the span.
            full |= {_COUNTRY_SUFFIX.sub("", name) for name in full}
            names += [(name, entry.organisation_id, entry.canonical) for name in sorted(full)]
            names += [(name, entry.organisation_id, entry.canonical) for name in entry.acronyms]
        names = [n for n in names if _WORD.search(n[0])]
        for (name, oid, canonical), tokens in zip(names, _tag([n[0] for n in names]), strict=True):
            self._add(name, oid, canonical, [t for t in tokens if not _is_quote(t.text)])

    def _add(self, name: str, oid: int | None, canonical: str, tokens: list[Token]):
        if not tokens:
            return
        acronym = bool(_ACRONYM.match(tokens[0].text))
        entry = _Entry(oid, canonical, acronym, tuple(_key(t) for t in tokens),
                       tuple(_lower(t) for t in tokens))
        if acronym and (oid is not None or name.lower() not in self.acronyms):
            self.acronyms[name.lower()] = entry
        second = entry.words[1][:4] if len(entry.words) > 1 else ""
        for first in {entry.keys[0], entry.words[0][:3]}:
            self.by_first.setdefault(first, {}).setdefault(second, []).append(entry)

    def candidates(self, key: str, text: str, following: str) -> list[_Entry]:
        """Names that may start at a word (its lemma and lower-case text) that following comes after:
        a registry entry before a built-in body, then the longest name first."""
        found = {id(e): e for first in (key, text[:3]) for second in (following[:4], "")
                 for e in self.by_first.get(first, {}).get(second, ())}
        return sorted(found.values(), key=lambda e: (e.organisation_id is None, -len(e.keys)))


def _tag(names: list[str]) -> list[list[Token]]:
    """Tokens with lemmas for each name. A registry name is written in its normal form, so the
    dictionary's first reading is its lemma; natasha's tagger would cost seconds on a registry."""
    return [[Token(0, 0, t.text, lemma=_normal(t.text)) for t in tokenize(name)] for name in names]


@functools.lru_cache(maxsize=50_000)
def _normal(word: str) -> str:
    parses = models().vocab.parse(word) if word[:1].isalpha() else []
    return parses[0].normal if parses else word.lower()


def _lexicon(gazetteer: Gazetteer) -> _Lexicon:
    entries = tuple(gazetteer.organisations)
    try:
        return _lexicon_of(entries)
    except TypeError:  # an entry built with lists instead of tuples cannot be a cache key
        return _Lexicon(entries)


@functools.lru_cache(maxsize=4)
def _lexicon_of(entries: tuple[OrganisationEntry, ...]) -> _Lexicon:
    # Keyed on the entries themselves, so a gazetteer rebuilt from the same registry is not
    # analysed again.
    return _Lexicon(entries)


def _is_quote(text: str) -> bool:
    return len(text) == 1 and text in "«»\"“”„"


def _key(token: Token) -> str:
    # natasha lemmatises acronyms badly («ЮНФПА» → «юнфп»), so they are compared as written.
    if _ACRONYM.match(token.text) or token.pos in ("X", "PUNCT"):
        return token.text.lower()
    return token.lemma or token.text.lower()


def _lower(token: Token) -> str:
    """The word in lower case; an acronym marked, so that only its whole spelling matches."""
    return "\0" + token.text.lower() if _ACRONYM.match(token.text) else token.text.lower()


def _same_word(key: str, text: str, entry_key: str, entry_word: str) -> bool:
    """key and text (lower-cased) of a word in the document against a word of a known name."""
    if key == entry_key:
        return True
    # When the lemmas differ, inflection still only changes the last few letters of a word; an
    # acronym is never matched by its first letters («ЕС» is not «ЕСКАТО»).
    if text[:4] != entry_word[:4] or text.startswith("\0"):
        return False
    common = len(os.path.commonprefix([text, entry_word]))
    return common >= max(len(text), len(entry_word)) - 3


def _lexicon_matches(tokens, lexicon: _Lexicon) -> list[_Cand]:
    words = [t for t in tokens if not _is_quote(t.text)]
    keys, texts = [_key(t) for t in words], [_lower(t) for t in words]
    found = []
    i = 0
    while i < len(words):
        following = texts[i + 1] if i + 1 < len(words) else ""
        entry = next((e for e in lexicon.candidates(keys[i], texts[i], following)
                      if _matches(words, keys, texts, i, e)), None)
        if entry is None:
            i += 1
            continue
        n = len(entry.keys)
        source = ("gazetteer" if entry.organisation_id is not None
                  else "acronym" if entry.acronym else "rule")
        found.append(_Cand(words[i].start, words[i + n - 1].end, source, entry.organisation_id,
                           entry.canonical, 2 if entry.organisation_id is not None else 1))
        i += n
    return found


def _matches(words: list[Token], keys, texts, i: int, entry: _Entry) -> bool:
    n = len(entry.keys)
    if i + n > len(words) or not all(
            _same_word(keys[i + j], texts[i + j], entry.keys[j], entry.words[j]) for j in range(n)):
        return False
    # A one-word name is not a longer word it starts («Сенат» is not «Сенаторы»).
    if n == 1 and not entry.acronym and keys[i] != entry.keys[0] and len(texts[i]) - len(entry.words[0]) > 2:
        return False
    # An acronym matches only as written in capitals: «ес» or «мот» in lower case are words.
    return not (entry.acronym and n == 1) or bool(_ACRONYM.match(words[i].text))


# ---- government bodies: a head noun with its adjectives and its genitive / prepositional tail ----

def _head_matches(tokens, doc: _Doc) -> list[_Cand]:
    found = []
    for i, token in enumerate(tokens):
        if token.lemma not in _HEADS:
            continue
        first = _left_adjectives(tokens, i, capital=True)
        last = _tail(tokens, i, doc)
        if first == last == i:
            continue  # «Министерство» alone refers back to a body named before; the NER may keep it
        # In lower case a plural head is a kind of body («маслихатов области»), a press office is the
        # voice of the body after it; a singular head needs a proper name after it.
        if first == i and token.text.islower() and (token.feats.get("Number") == "Plur" or _VOICE.match(
                token.text + " x") or not _proper_follows(tokens, i)):
            continue
        if first == i == 0 and token.lemma in _COMMON_HEADS and not _proper_inside(tokens[1:last + 1]):
            continue  # «Центр города был украшен», «Служба поддержки работает»: a sentence's capital
        # «Жогорку Кенешем Кыргызской Республики»: a known name that ends at the head starts the span.
        start = min(tokens[first].start, doc.known_ending.get(token.end, token.start))
        last = _office_place(tokens, i, last)
        found.append(_Cand(start, _close_quote(start, tokens[last].end, doc.quotes), "rule"))
    return found


def _office_place(tokens, i: int, last: int) -> int:
    """«Программный офис ОБСЕ в Бишкеке», «Посольство Великобритании в Кыргызской Республике»: an
    office abroad is named with the city it sits in, an embassy also with the country."""
    head = tokens[i].lemma
    if head not in _OFFICES or last + 2 >= len(tokens) or tokens[last + 1].text.lower() != "в":
        return last
    place = tokens[last + 2]
    if not place.text[:1].isupper() or place.feats.get("Case") != "Loc" or _ACRONYM.match(place.text):
        return last
    nxt = tokens[last + 3] if last + 3 < len(tokens) else None
    # «в Кыргызской Республике», «в Республике Казахстан»: a country in two words.
    two_words = nxt is not None and ((place.pos == "ADJ" and nxt.lemma == "республика") or (
        place.lemma == "республика" and nxt.text[:1].isupper()))
    if two_words:
        return last + 3 if head == "посольство" else last
    country = place.lemma in _COUNTRY_WORDS or place.lemma in _COUNTRY_NAMES
    return last + 2 if head == "посольство" or not country else last

def _proper_follows(tokens, i: int) -> bool:
    # A lower-case head is a name only with a proper name right after it («мэрии г. Бишкек»,
    # «акимата Бостандыкского района», «центр «Ак-Журок»»), not «министерства и ведомства» or
    # «агентств ООН».
    nxt = tokens[i + 1]
    if nxt.lemma in _HEADS:
        return False  # «пресс-службы Министерства юстиции»: the body is the capitalised one
    if nxt.lemma == "город" and i + 2 < len(tokens):
        nxt = tokens[i + 2]  # «мэрия города Ош»
    return nxt.text in ("«", "г") or (nxt.text[:1].isupper() and not _ACRONYM.match(nxt.text))


def _proper_inside(tokens) -> bool:
    return any(t.text[:1].isupper() or t.text in "«\"" for t in tokens)


def _left_adjectives(tokens, i: int, *, capital: bool) -> int:
    """Index of the first adjective agreeing with tokens[i] right before it: «Национальная комиссия»."""
    first = i
    case = tokens[i].feats.get("Case")
    while (first > 0 and first > i - 4 and tokens[first - 1].pos == "ADJ"
           and tokens[first - 1].lemma not in _NOT_NAME_ADJ
           and _agree(tokens[first - 1].feats.get("Case"), case)):
        first -= 1
    # Before a body's head a lower-case adjective belongs to the name only when a capital starts it,
    # otherwise «ведущие международные организации» would be a name; before a «…» name it does
    # («кризисный центр «Ак-Журок»»).
    while capital and first < i and not tokens[first].text[:1].isupper():
        first += 1
    return first


def _agree(case: str | None, head_case: str | None) -> bool:
    # natasha often tells the nominative from the accusative differently for two neighbours.
    return case is None or case == head_case or {case, head_case} == {"Nom", "Acc"}


def _tail(tokens, i: int, doc: _Doc) -> int:
    """Index of the last token of the name headed by tokens[i]."""
    last, j, allowed, country = i, i + 1, {"Gen"}, False
    while j < len(tokens) and j - i <= _MAX_TAIL:
        t = tokens[j]
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        if t.start in doc.in_person and t.start not in doc.known:
            break  # a known body («Мажилиса») stays a body even where NER runs a name over it
        inner_end = doc.quote_at.get(t.start) or doc.known.get(t.start)
        if inner_end is not None and not country:
            # A «…» name or a known name inside this one: «Сената Олий Мажлиса».
            while j + 1 < len(tokens) and tokens[j + 1].start < inner_end:
                j += 1
            last, j = j, j + 1
        elif _city(tokens, j):
            last, j = j + 2, j + 3
        elif t.pos == "PROPN" and t.text[:1].isupper() and tokens[j - 1].lemma in _PLACE_KINDS:
            # «Республики Казахстан», «города Шымкент»: a place's name in any case after its kind.
            last, j, country = j, j + 1, tokens[j - 1].lemma == "республика"
        elif not country and (_ACRONYM.match(t.text) or (_oblique(t, allowed, nxt) and _not_a_name(t))):
            last, j = j, j + 1
            # «Республики Казахстан»: the country's name follows «Республика».
            country = (t.text in COUNTRY_ACRONYMS or t.lemma in _COUNTRY_WORDS) and not (
                t.lemma in _PLACE_KINDS and nxt is not None and nxt.pos == "PROPN" and nxt.text[:1].isupper())
        elif nxt is None:
            break
        elif t.text.lower() in _TAIL_PREPOSITIONS and _after_preposition(
                t.text.lower(), nxt, country and not _country_first(tokens, i, j)):
            allowed, country = _OBLIQUE, False
            j += 1
        elif not country and _joins(tokens, j, allowed):
            j += 1
        else:
            break
    return last


def _country_first(tokens, i: int, j: int) -> bool:
    """The country came right after the head, before the preposition at j: «Агентство Республики
    Казахстан по делам …», «Комитет КР по делам молодёжи»."""
    between = tokens[i + 1:j]
    return 0 < len(between) <= 2 and (between[0].text in COUNTRY_ACRONYMS or between[0].lemma == "республика")


def _not_a_name(t: Token) -> bool:
    """A capitalised word in a body's name is a known word («Президенте», «Парламента»), not the
    name of a person NER missed («Комитета Гулноза»)."""
    return not t.text[:1].isupper() or _known(t.text)


def _city(tokens, j: int) -> bool:
    """«г. Бишкек» after «мэрия» or «Акимат»."""
    return (tokens[j].text == "г" and j + 2 < len(tokens) and tokens[j + 1].text == "."
            and tokens[j + 2].text[:1].isupper())


def _joins(tokens, j: int, allowed) -> bool:
    """«и» or a list comma inside a name, not between two bodies («… и Министерства юстиции»)."""
    t, nxt = tokens[j], tokens[j + 1]
    if nxt.lemma in _HEADS and (nxt.text[:1].isupper() or t.text == ","):
        return False
    after = tokens[j + 2] if j + 2 < len(tokens) else None
    if t.text.lower() == "и":
        # Words joined inside a name are lower-case («труда и социальной защиты»); a capital after
        # «и» starts the next body («…здравоохранения и Азиатского банка развития»).
        return nxt.text[:1].islower() and _oblique(nxt, allowed, after)
    # «Министерство труда, социального обеспечения и миграции»: a comma inside a name is a list
    # that an «и» closes a few words on.
    return t.text == "," and _oblique(nxt, {"Gen"}, after) and any(
        w.text.lower() == "и" for w in tokens[j + 1:j + 6])


def _oblique(t: Token, allowed, nxt: Token | None) -> bool:
    case = t.feats.get("Case")
    if t.pos not in _NAME_POS or not t.text[:1].isalpha():
        return False
    # natasha leaves some compound adjectives without a case («семейно-демографической политике»);
    # such a word belongs to the name only before a noun in the right case («Комитет намерен» not).
    return case in allowed or (case is None and t.pos == "ADJ" and t.text.islower() and nxt is not None
                               and nxt.pos == "NOUN" and nxt.feats.get("Case") in allowed)


def _after_preposition(word: str, nxt: Token, country: bool) -> bool:
    # country: the name already ended with its country; right after the head the country may still
    # be followed by the body's field («Агентство Республики Казахстан по делам госслужбы»).
    if word == "при":
        return not country and nxt.text[:1].isupper()  # «при Президенте РК», not «при поддержке»
    # «по делам женщин» names a field; «по итогам года» or «по словам» does not.
    return not country and nxt.pos in _NAME_POS and nxt.lemma not in _NOT_A_FIELD


def _close_quote(start: int, end: int, quotes) -> int:
    """The end of a span that cuts a «…» name short: the end of that name."""
    quote = _quote_around(quotes, end)
    if quote is None:
        return end
    # A span that starts inside the quotes keeps to their inside.
    return quote[1] if quote[0] >= start else min(end, quote[1] - 1)


# ---- «…» names after a kind word ----

def _quoted_matches(tokens, doc: _Doc) -> list[_Cand]:
    found = []
    for i, token in enumerate(tokens):
        end = doc.quote_at.get(token.start)
        if end is None or _law_title(doc.text[token.start:end]):
            continue
        # The kind word may come a few words earlier: «Инициатива ЕС-ООН «Луч света»», but not past
        # a document: «проекту Закона «О …»».
        k = i - 1
        while k > 0 and k > i - 4 and _skippable(tokens[k]):
            k -= 1
        if k >= 0 and not _kind_word(tokens[k]):
            k = i - 1  # no kind word: an acronym right before the quotes may still be one
        if k >= 0 and (_kind_word(tokens[k]) or _kind_acronym(tokens[k])):
            # «кризисный центр «Ак-Журок»» keeps its adjective, «государственной программы «…»» not.
            first = _left_adjectives(tokens, k, capital=tokens[k].lemma in _PROJECT_KINDS)
            found.append(_Cand(tokens[first].start, end, "quoted"))
    return found


def _skippable(token: Token) -> bool:
    return not _kind_word(token) and token.lemma not in _NOT_ORG_KINDS and bool(
        _ACRONYM.match(token.text) or (token.feats.get("Case") == "Gen" and token.text[:1].isupper()))


def _kind_word(token: Token) -> bool:
    return token.lemma in _ORG_KINDS or token.text.lower() in _ORG_KINDS


def _kind_acronym(token: Token) -> bool:
    # An acronym right before «…» is a legal form or an agency's kind: ОФ «Сезим», АМИТ «Ховар».
    return bool(_ACRONYM.match(token.text)) and token.text not in COUNTRY_ACRONYMS


def _quote_kind(start: int, analysis: Analysis) -> str:
    """The lemma of the word right before the «…» that starts at start, or ""."""
    unit = _unit_at(analysis, start)
    if unit is None:
        return ""
    before = [t for t in unit.tokens if t.end <= start]
    return before[-1].lemma if before else ""


# ---- natasha's ORG spans, corrected ----

def _ner_matches(analysis: Analysis, doc: _Doc) -> list[_Cand]:
    found = []
    text = doc.text
    for span in analysis.ner:
        if span.type != "ORG":
            continue
        start, end = span.start, _close_quote(span.start, span.end, doc.quotes)
        inside = _quote_around(doc.quotes, start)
        if inside is not None:
            if _quote_kind(inside[0], analysis) in _NOT_ORG_KINDS or _law_title(text[inside[0]:inside[1]]):
                continue  # a document or an event named in quotes
            start, end = inside[0], max(end, inside[1])
        end = _before_person(analysis, start, end)
        # «Минкультуры РК»: the country acronym NER left out belongs to the body.
        country = _COUNTRY_AFTER.match(text, end)
        end = country.end() if country else end
        # «Уполномоченным органом – МТСОиМ КР», «Детского фонда ООН (ЮНИСЕФ)»: two mentions.
        for part in _PARTS.finditer(text[start:end]):
            s, e = _trim(text, start + part.start(), start + part.end())
            s = _skip_function_words(analysis, s, e)
            # A signature line «Пресс-служба МТСОМ КР» is the office itself; in running text
            # «сообщает пресс-служба Комиссии» names the body after it.
            voice = _VOICE.match(text, s, e)
            s = voice.end() if voice and text[s].islower() else s
            if e > s and not _common_words(analysis, s, e):
                found.append(_Cand(s, e, "ner", priority=-1))
    return found


_FUNCTION_POS = frozenset(("VERB", "AUX", "ADV", "ADP", "CCONJ", "SCONJ", "PART", "PRON", "DET"))


def _skip_function_words(analysis: Analysis, start: int, end: int) -> int:
    """«Создана Национальная комиссия …»: NER starts a body with the verb before it."""
    unit = _unit_at(analysis, start)
    for t in unit.tokens if unit else ():
        if t.start < start:
            continue
        if t.end > end or t.pos not in _FUNCTION_POS:
            break
        start = t.end
        while start < end and analysis.text[start].isspace():
            start += 1
    return start


def _before_person(analysis: Analysis, start: int, end: int) -> int:
    """«Комитета Гулноза Саидзода»: NER runs a body into the name of its head that follows it. A
    capitalised nominative after an oblique word is such a name (not «Республики Казахстан»)."""
    unit = _unit_at(analysis, start)
    tokens = [t for t in unit.tokens if start <= t.start and t.end <= end] if unit else []
    for prev, t in zip(tokens, tokens[1:], strict=False):
        if (t.feats.get("Case") == "Nom" and prev.feats.get("Case") in _OBLIQUE and t.text[:1].isupper()
                and not _ACRONYM.match(t.text) and t.lemma not in _HEADS and prev.lemma != "республика"
                and "«" not in analysis.text[start:t.start]):
            return prev.end
    return end


def _common_words(analysis: Analysis, start: int, end: int) -> bool:
    """«Расширенное заседание», «Пресс-релиз»: NER tags a headline's common nouns as an ORG."""
    unit = _unit_at(analysis, start)
    tokens = [t for t in unit.tokens if start <= t.start and t.end <= end] if unit else []
    nouns = [t for t in tokens if t.pos in ("NOUN", "PROPN")]
    if any(t.lemma in _NOT_ORG_KINDS or t.lemma in POSITIONS for t in nouns[:1]):
        return True  # «Расширенное заседание», «Постоянного координатора»: an event or a position
    # A lone «Министерство» or «Комитет» refers back to a body named before.
    if len(tokens) != 1 or tokens[0].pos not in ("NOUN", "PROPN"):
        return False
    word = tokens[0]
    return word.lemma in _HEADS or (word.pos == "NOUN" and _known(word.text))


def _law_title(quoted: str) -> bool:
    return bool(re.match(r"^[«\"“]\s*Об?\s", quoted))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces, dashes and punctuation around it; a closing quote stays when it
    closes a quote inside the span."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE + "»" and not (
            text[end - 1] == "»" and text.count("«", start, end) >= text.count("»", start, end)):
        end -= 1
    return start, end


# ---- acronyms a country acronym follows, and aliases a document defines ----

def _acronym_matches(tokens, lexicon: _Lexicon) -> list[_Cand]:
    found = []
    for i in range(len(tokens) - 1):
        t, nxt = tokens[i], tokens[i + 1]
        # «МТСОиМ КР», and «СБ ООН» for the UN's own bodies.
        if (_ACRONYM.match(t.text) and t.text not in COUNTRY_ACRONYMS and t.text != "ООН"
                and nxt.text in COUNTRY_ACRONYMS | {"ООН"} and nxt.start - t.end <= 1):
            acronyms = lexicon.acronyms
            entry = acronyms.get(f"{t.text} {nxt.text}".lower()) or acronyms.get(t.text.lower())
            found.append(_Cand(t.start, nxt.end, "acronym", entry.organisation_id if entry else None,
                               entry.canonical if entry else "", 1))
        # «ОВД Ошского района», «ИДН Каракольского ГОВД»: a local office with its district.
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        if (_ACRONYM.match(t.text) and t.text not in COUNTRY_ACRONYMS and after is not None
                and nxt.pos == "ADJ" and nxt.text[:1].isupper() and nxt.feats.get("Case") == "Gen"
                and (after.lemma in _DISTRICTS or _ACRONYM.match(after.text))):
            found.append(_Cand(t.start, after.end, "acronym", priority=1))
    return found


def _alias_matches(text: str, chosen: list[_Cand], lexicon: _Lexicon) -> list[_Cand]:
    """«Министерство здравоохранения КР (далее – «МЗ КР»)»: the alias names the same body later."""
    found = []
    ends = {c.end: c for c in chosen}
    defined_already = set()
    for m in _DEFINITION.finditer(text):
        alias = m.group(1).strip()
        if alias in defined_already:
            continue
        full = ends.get(m.start()) or ends.get(m.start() - 1)
        defined = "далее" in m.group(0)[:8]
        if full is None or not (defined or _ACRONYM.match(alias.split()[0])) or len(alias.split()) > 4:
            continue
        entry = lexicon.acronyms.get(alias.lower())
        oid = full.organisation_id or (entry.organisation_id if entry else None)
        canonical = full.canonical or (entry.canonical if entry else "") or text[full.start:full.end]
        # An acronym as written; a word alias («(далее – Комиссия)») in any case ending, but with its
        # capital, so «комиссии» in lower case stays a common noun.
        pattern = re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)" if _ACRONYM.match(alias.split()[0])
                             else rf"(?<!\w){re.escape(alias[:-2])}\w*")
        defined_already.add(alias)
        for later in pattern.finditer(text, m.start(1)):
            found.append(_Cand(later.start(), later.end(), "acronym", oid, canonical, _ALIAS))
    return found


def _repeats(analysis: Analysis, chosen: list[_Cand]) -> list[_Cand]:
    """An acronym once found as a body («МТСОиМ КР», or tagged by NER) is that body everywhere."""
    text = analysis.text
    names = {}
    for c in chosen:
        first = text[c.start:c.end].split()[0] if c.end > c.start else ""
        if _ACRONYM.match(first) and first not in COUNTRY_ACRONYMS:
            names.setdefault(first, c)
    found = []
    for token in analysis.tokens():
        c = names.get(token.text)
        if c is not None:
            found.append(_Cand(token.start, token.end, "acronym", c.organisation_id, c.canonical, -2))
    return found


# ---- choosing and finishing ----

def _without_merged(cands: list[_Cand]) -> list[_Cand]:
    """NER runs two bodies into one span («акимата г. Астаны и ОФ «Шанырак»»); when the rules found
    two or more names inside it, they win over it."""
    rules = sorted((c for c in cands if c.source != "ner"), key=lambda c: c.start)
    starts = [c.start for c in rules]

    def merged(c: _Cand) -> bool:
        inside = [o for o in rules[bisect.bisect_left(starts, c.start):bisect.bisect_left(starts, c.end)]
                  if o.end <= c.end]
        return len(_resolve(inside)) >= 2

    return [c for c in cands if c.source != "ner" or not merged(c)]


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Longest first; a shorter candidate that overlaps a chosen one is dropped. An alias the
    document defines goes before everything: «(далее – «МЗ КР»)» names the body as written."""
    chosen: list[_Cand] = []
    starts: list[int] = []  # chosen spans, sorted, never overlapping
    ends: list[int] = []
    for c in sorted(set(cands), key=lambda c: (c.priority < _ALIAS, c.start - c.end, -c.priority, c.start)):
        i = bisect.bisect_left(starts, c.end)  # chosen spans starting before c ends
        if i and ends[i - 1] > c.start:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    return chosen


def _junk(mention: str, cand: _Cand, people) -> bool:
    words = mention.split()
    stripped = mention.strip("«»\"“” ")
    if not _WORD.search(mention) or stripped.lower() in COUNTRIES or mention.lower() in _JUNK:
        return True
    if words[0].lower() in _CODES and (len(words) == 1 or words[1] in COUNTRY_ACRONYMS):
        return True
    if len(words) == 1 and mention.islower() and not _DIGIT.search(mention):  # not «24.kg»
        return True
    return cand.source == "ner" and any(s <= cand.start and cand.end <= e for s, e in people)


def _finish(c: _Cand, cands: list[_Cand], analysis: Analysis) -> Organisation:
    """cands are sorted by start."""
    text = analysis.text
    lo = bisect.bisect_left(cands, c.start, key=lambda o: o.start)
    inside = [o for o in cands[lo:bisect.bisect_left(cands, c.end, key=lambda o: o.start)] if o.end <= c.end]
    start, end = c.start, c.end
    if c.priority != _ALIAS and text[start - 1:start] == "«" and text[end:end + 1] == "»":
        start, end = start - 1, end + 1  # a bare «…» name is written with its quotes: «БУУ Аялдар»
    oid, canonical, source = c.organisation_id, c.canonical, c.source
    if oid is None:
        # A longer span that starts with a registry name («…миграции КР» for «…миграции») is that body.
        inner = next((o for o in inside if o.organisation_id is not None and o.start == c.start), None)
        if inner is not None:
            oid, canonical, source = inner.organisation_id, inner.canonical, "gazetteer"
    if not canonical:
        # The same words found as a known body or an alias carry its name.
        canonical = next((o.canonical for o in inside if o.canonical
                          and o.end - o.start >= (c.end - c.start) * 0.6), "")
    canonical = canonical or _nominative(analysis, start, end)
    return Organisation(start, end, text[start:end], oid, source, canonical)


def _nominative(analysis: Analysis, start: int, end: int) -> str:
    """The mention with its head noun and the adjectives before it put in the nominative."""
    unit = _unit_at(analysis, start)
    text = analysis.text[start:end]
    if unit is None:
        return text
    tokens = [t for t in unit.tokens if start <= t.start and t.end <= end]
    head = next((i for i, t in enumerate(tokens) if t.lemma in _HEADS), None)
    if head is None:
        head = next((i for i, t in enumerate(tokens) if t.pos in ("NOUN", "PROPN")), None)
    if head is None:
        return text
    # The adjectives take the head noun's gender: «Государственном агентстве» → «Государственное».
    noun = tokens[head]
    number = noun.feats.get("Number")
    agree = "Plur" if number == "Plur" else noun.feats.get("Gender", "")
    parts = []
    for t in tokens[:head + 1]:
        if t.pos in ("ADJ", "NOUN", "PROPN") and not _ACRONYM.match(t.text):
            word = _inflect_nominative(t.text, t.feats.get("Case"), number, "" if t is noun else agree)
            parts.append((t.start - start, t.end - start, word))
    for s, e, word in reversed(parts):
        text = text[:s] + word + text[e:]
    return text


@functools.lru_cache(maxsize=20_000)
def _inflect_nominative(word: str, case: str | None, number: str | None, agree: str) -> str:
    if case in (None, "Nom") or not _known(word):
        return word  # a guessed paradigm would mangle «Жогорку» or «Сезим»
    for parse in models().vocab.parse(word):
        if parse.feats.get("Case") == case and parse.feats.get("Number", number) == number:
            form = parse.inflect({"Nom", agree} - {""})
            if form is None:
                return word
            return form.word[:1].upper() + form.word[1:] if word[:1].isupper() else form.word
    return word
