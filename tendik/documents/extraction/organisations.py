"""Organisations: natasha's ORG spans corrected by rules, the registry's gazetteer and known bodies.

Candidates come from five places (NER, government-body heads with their genitive tail, «…» names
after a kind word, known names and acronyms, acronyms followed by a country); overlaps are resolved
longest first, then each mention is linked to the registry or proposed in its nominative form.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

from razdel import tokenize

from .acronyms import BODIES, COUNTRIES, COUNTRY_ACRONYMS
from .facts import Organisation
from .gazetteer import Gazetteer, OrganisationEntry
from .nlp import Analysis, Token, models

# One level of nesting is enough for «Структура «ООН-Женщины»» and «ОФ «Сезим»».
_QUOTE = re.compile(r"«(?:[^«»\n]|«[^«»\n]*»){1,150}»|[\"“„][^\"“”„\n]{1,120}[\"”“]")
_ACRONYM = re.compile(r"^(?=(?:\w*[A-ZА-ЯЁӨҮҢҚҒҰӘІҺ]){2})[A-ZА-ЯЁӨҮҢҚҒҰӘІҺ][\w-]*$")
_DEFINITION = re.compile(r"\(\s*(?:далее\s*(?:по тексту\s*)?[-–—:]?\s*)?[«\"“]?"
                         r"([^()«»\"“”\n]{2,60}?)[»\"”]?\s*\)")
_COUNTRY_SUFFIX = re.compile(r"\s+(?:Кыргызской Республики|Кыргызской Республике|Республики (?:Казахстан|"
                             r"Таджикистан|Узбекистан)|КР|РК|РТ|РУз|Кыргызстана|Казахстана)$")
_DASH = re.compile(r"\s+[-–—]\s+")
_WORD = re.compile(r"\w")

# Lemmas of the nouns that head a body's name («Министерство труда…», «Национальная комиссия…»).
_HEADS = frozenset((
    "министерство", "комитет", "комиссия", "агентство", "служба", "департамент", "управление", "совет",
    "парламент", "правительство", "акимат", "мэрия", "кенеш", "фонд", "ассоциация", "альянс", "центр",
    "офис", "представительство", "институт", "университет", "ассамблея", "организация", "структура",
    "аппарат", "администрация", "прокуратура", "суд", "палата", "инспекция", "союз", "банк", "академия",
    "коалиция", "объединение", "миссия", "посольство", "бюро", "мажилис", "сенат", "консорциум",
    "партия", "движение", "омбудсмен", "кеңес",
))
# Kind words that make the «…» name after them an organisation (or a project or programme).
_ORG_KINDS = _HEADS | frozenset((
    "проект", "программа", "инициатива", "оф", "оо", "оюл", "ооо", "осоо", "тоо", "ао", "оао", "зао",
    "нко", "ано", "пф", "учреждение", "компания", "сеть", "клуб", "холдинг", "корпорация",
    "группа", "клиника", "больница", "лицей", "гимназия", "колледж", "кооператив", "предприятие",
    "издание", "газета", "портал", "телеканал", "радио", "отель", "гостиница", "платформа", "общество",
    "школа",
))
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
_TAIL_PREPOSITIONS = frozenset({"по", "при", "в"})
_OBLIQUE = frozenset({"Gen", "Dat", "Loc", "Ins"})
_NAME_POS = frozenset({"NOUN", "PROPN", "ADJ", "X"})
_JUNK = frozenset({"об этом", "этом", "сми"})
_MAX_TAIL = 25


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    source: str
    organisation_id: int | None = None
    canonical: str = ""
    priority: int = 0  # on equal length, the higher wins (a registry match over a guess)


def find_organisations(analysis: Analysis, *, gazetteer: Gazetteer) -> list[Organisation]:
    text = analysis.text
    if not text.strip():
        return []
    quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    people = [(s.start, s.end) for s in analysis.ner if s.type == "PER"]
    places = frozenset(s.start for s in analysis.ner if s.type == "LOC")
    lexicon = _lexicon(gazetteer)
    cands = []
    for unit in analysis.units:
        tokens = unit.tokens
        cands += _lexicon_matches(tokens, lexicon)
        cands += _head_matches(tokens, quotes, people, places, text)
        cands += _quoted_matches(tokens, quotes, text)
        cands += _acronym_matches(tokens, lexicon)
    cands += _ner_matches(analysis, quotes, text)
    chosen = _resolve(cands)
    chosen = _resolve(chosen + _alias_matches(text, chosen, lexicon))
    found = [_finish(c, cands, analysis) for c in chosen if not _junk(text[c.start:c.end], c, people)]
    return sorted(found, key=lambda o: (o.start, o.end))


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
        self.by_first: dict[str, list[_Entry]] = {}
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
                       tuple(t.text.lower() for t in tokens))
        if acronym and (oid is not None or name.lower() not in self.acronyms):
            self.acronyms[name.lower()] = entry
        self.by_first.setdefault(entry.keys[0], []).append(entry)
        self.by_first.setdefault(entry.words[0][:3], []).append(entry)

    def candidates(self, token: Token) -> list[_Entry]:
        # A registry entry goes before a built-in body, then the longest name first.
        found = {id(e): e for e in self.by_first.get(_key(token), []) + self.by_first.get(
            token.text.lower()[:3], [])}
        return sorted(found.values(), key=lambda e: (e.organisation_id is None, -len(e.keys)))


def _tag(names: list[str]) -> list[list[Token]]:
    """Tokens with lemmas for each name: natasha's tagger over all of them at once, without NER."""
    m = models()
    words = [[t.text for t in tokenize(name)] for name in names]
    return [[Token(0, 0, w, t.pos, t.feats, m.lemma(w, t.pos, tuple(sorted(t.feats.items()))))
             for w, t in zip(ws, markup.tokens, strict=True)]
            for ws, markup in zip(words, m.morph.map(words), strict=True)]


def _lexicon(gazetteer: Gazetteer) -> _Lexicon:
    return _lexicon_of(tuple(gazetteer.organisations))


@functools.lru_cache(maxsize=4)
def _lexicon_of(entries: tuple[OrganisationEntry, ...]) -> _Lexicon:
    # Keyed on the entries themselves, so a gazetteer rebuilt from the same registry is not
    # analysed again.
    return _Lexicon(entries)


def _is_quote(text: str) -> bool:
    return text in "«»\"“”„"


def _key(token: Token) -> str:
    # natasha lemmatises acronyms badly («ЮНФПА» → «юнфп»), so they are compared as written.
    if _ACRONYM.match(token.text) or token.pos in ("X", "PUNCT"):
        return token.text.lower()
    return token.lemma or token.text.lower()


def _same_word(token: Token, key: str, word: str) -> bool:
    if _key(token) == key:
        return True
    # When the lemmas differ, inflection still only changes the last few letters of a word.
    text = token.text.lower()
    common = len(os.path.commonprefix([text, word]))
    return common >= 4 and common >= max(len(text), len(word)) - 3 and not _ACRONYM.match(token.text)


def _lexicon_matches(tokens, lexicon: _Lexicon) -> list[_Cand]:
    words = [t for t in tokens if not _is_quote(t.text)]
    found = []
    i = 0
    while i < len(words):
        entry = next((e for e in lexicon.candidates(words[i]) if _matches(words, i, e)), None)
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


def _matches(words: list[Token], i: int, entry: _Entry) -> bool:
    n = len(entry.keys)
    if i + n > len(words) or not all(
            _same_word(words[i + j], entry.keys[j], entry.words[j]) for j in range(n)):
        return False
    # An acronym matches only as written in capitals: «ес» or «мот» in lower case are words.
    return not (entry.acronym and n == 1) or bool(_ACRONYM.match(words[i].text))


# ---- government bodies: a head noun with its adjectives and its genitive / prepositional tail ----

def _head_matches(tokens, quotes, people, places, text) -> list[_Cand]:
    found = []
    for i, token in enumerate(tokens):
        if token.lemma not in _HEADS:
            continue
        first = _left_adjectives(tokens, i)
        last = _tail(tokens, i, quotes, people, places)
        if first == i and token.text.islower():
            # A lower-case head is a name only with a proper name right after it («мэрии г. Бишкек»,
            # «акимата Бостандыкского района»), not «министерства и ведомства».
            if last == i or not (tokens[i + 1].text[:1].isupper() or tokens[i + 1].text in "«г"):
                continue
        elif first == i == last == 0:
            continue  # a capitalised first word of a sentence («Управление рисками…»)
        start = tokens[first].start
        found.append(_Cand(start, _close_quote(start, tokens[last].end, quotes), "rule"))
    return found


def _left_adjectives(tokens, i: int) -> int:
    first = i
    case = tokens[i].feats.get("Case")
    while (first > 0 and first > i - 4 and tokens[first - 1].pos in ("ADJ", "PROPN")
           and tokens[first - 1].lemma not in _NOT_NAME_ADJ
           and tokens[first - 1].feats.get("Case") in (case, None)
           and (tokens[first - 1].text[:1].isupper() or tokens[first - 1].pos == "ADJ")):
        first -= 1
    # A lower-case adjective only belongs to a name that a capital letter starts («Национальная
    # комиссия»), otherwise «ведущие международные организации» would be a name.
    while first < i and not tokens[first].text[:1].isupper():
        first += 1
    return first


def _tail(tokens, i: int, quotes, people, places) -> int:
    """Index of the last token of the name headed by tokens[i]."""
    last, j, allowed, country = i, i + 1, {"Gen"}, False
    while j < len(tokens) and j - i <= _MAX_TAIL:
        t = tokens[j]
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        if any(s <= t.start < e for s, e in people):
            break
        quote = next((e for s, e in quotes if s == t.start), None)
        if quote is not None and not country:
            while j + 1 < len(tokens) and tokens[j + 1].start < quote:
                j += 1
            last, j = j, j + 1
        elif _city(tokens, j):
            last, j = j + 2, j + 3
        elif t.pos == "PROPN" and t.text[:1].isupper() and tokens[j - 1].lemma == "республика":
            last, j, country = j, j + 1, True
        elif not country and (_ACRONYM.match(t.text) or _oblique(t, allowed)):
            last, j = j, j + 1
            # «Республики Казахстан»: the country's name follows «Республика».
            country = (t.text in COUNTRY_ACRONYMS or t.lemma in _COUNTRY_WORDS) and not (
                t.lemma == "республика" and nxt is not None and nxt.pos == "PROPN" and nxt.text[:1].isupper())
        elif nxt is None:
            break
        elif t.text.lower() in _TAIL_PREPOSITIONS and _after_preposition(t.text.lower(), nxt, country,
                                                                         places):
            allowed, country = _OBLIQUE, False
            j += 1
        elif not country and _joins(tokens, j, allowed):
            j += 1
        else:
            break
    return last


def _city(tokens, j: int) -> bool:
    """«г. Бишкек» after «мэрия» or «Акимат»."""
    return (tokens[j].text == "г" and j + 2 < len(tokens) and tokens[j + 1].text == "."
            and tokens[j + 2].text[:1].isupper())


def _joins(tokens, j: int, allowed) -> bool:
    """«и» or a list comma inside a name, not between two bodies («… и Министерства юстиции»)."""
    t, nxt = tokens[j], tokens[j + 1]
    if nxt.lemma in _HEADS and (nxt.text[:1].isupper() or t.text == ","):
        return False
    if t.text.lower() == "и":
        return _oblique(nxt, allowed)
    # «Министерство труда, социального обеспечения и миграции»: a comma inside a name is a list
    # that an «и» closes a few words on.
    return t.text == "," and _oblique(nxt, {"Gen"}) and any(
        w.text.lower() == "и" for w in tokens[j + 1:j + 6])


def _oblique(t: Token, allowed) -> bool:
    case = t.feats.get("Case")
    # natasha leaves some compound adjectives without a case («семейно-демографической»).
    return t.pos in _NAME_POS and t.text[:1].isalpha() and (
        case in allowed or (case is None and t.pos == "ADJ" and t.text.islower()))


def _after_preposition(word: str, nxt: Token, country: bool, places) -> bool:
    # «в» only brings in a place («в Кыргызской Республике», «в Чуйской области»), not «в Коалиции»;
    # after the country only such a place may follow.
    if word == "в":
        return nxt.start in places
    if word == "при":
        return not country and nxt.text[:1].isupper()  # «при Президенте РК», not «при поддержке»
    return not country and nxt.pos in _NAME_POS


def _close_quote(start: int, end: int, quotes) -> int:
    """The end of a span that cuts a «…» name short: the end of that name."""
    for s, e in quotes:
        if s < end < e:
            # A span that starts inside the quotes keeps to their inside.
            return e if s >= start else min(end, e - 1)
    return end


# ---- «…» names after a kind word ----

def _quoted_matches(tokens, quotes, text) -> list[_Cand]:
    found = []
    for i, token in enumerate(tokens):
        quote = next(((s, e) for s, e in quotes if s == token.start), None)
        if quote is None:
            continue
        # The kind word may come a few words earlier: «Инициатива ЕС-ООН «Луч света»».
        k = i - 1
        while k >= 0 and k > i - 4 and not _kind(tokens[k]) and (_ACRONYM.match(tokens[k].text) or (
                tokens[k].feats.get("Case") == "Gen" and tokens[k].text[:1].isupper())):
            k -= 1
        if k >= 0 and _kind(tokens[k]):
            first = _left_adjectives(tokens, k) if tokens[k].text[:1].isupper() else k
            found.append(_Cand(tokens[first].start, quote[1], "quoted"))
    return found


def _kind(token: Token) -> bool:
    return token.lemma in _ORG_KINDS or token.text.lower() in _ORG_KINDS


def _quote_kind(start: int, analysis: Analysis) -> str:
    """The lemma of the word right before the «…» that starts at start, or ""."""
    unit = analysis.unit_at(start)
    if unit is None:
        return ""
    before = [t for t in unit.tokens if t.end <= start]
    return before[-1].lemma if before else ""


# ---- natasha's ORG spans, corrected ----

def _ner_matches(analysis: Analysis, quotes, text) -> list[_Cand]:
    found = []
    for span in analysis.ner:
        if span.type != "ORG":
            continue
        start, end = span.start, _close_quote(span.start, span.end, quotes)
        inside = next(((s, e) for s, e in quotes if s < start < e), None)
        if inside is not None:
            if _quote_kind(inside[0], analysis) in _NOT_ORG_KINDS or _law_title(text[inside[0]:inside[1]]):
                continue  # a document or an event named in quotes
            # A bare «…» name is the words inside the quotes, like an alias defined in them.
            start, end = inside[0] + 1, max(end, inside[1] - 1)
        end = _trim_end(text, start, end)
        # «Уполномоченным органом – МТСОиМ КР»: two names a dash joins are two mentions.
        for part in _DASH.split(text[start:end]) if end > start else ():
            part_start = text.index(part, start)
            if part.strip() and not _common_words(analysis, part_start, part_start + len(part)):
                found.append(_Cand(part_start, part_start + len(part), "ner", priority=-1))
    return found


def _common_words(analysis: Analysis, start: int, end: int) -> bool:
    """«Расширенное заседание», «Пресс-релиз»: NER tags a headline's common nouns as an ORG."""
    unit = analysis.unit_at(start)
    tokens = [t for t in unit.tokens if start <= t.start and t.end <= end] if unit else []
    nouns = [t for t in tokens if t.pos in ("NOUN", "PROPN")]
    if any(t.lemma in _NOT_ORG_KINDS for t in nouns[:1]):
        return True
    return len(tokens) == 1 and tokens[0].pos == "NOUN" and tokens[0].lemma not in _HEADS and (
        models().vocab.word_is_known(tokens[0].text))


def _law_title(quoted: str) -> bool:
    return bool(re.match(r"^[«\"“]\s*Об?\s", quoted))


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,.;:-–—»\"”" and text[start:end].count("«") < text[
            start:end].count("»") + (text[end - 1] != "»"):
        end -= 1
    return end


# ---- acronyms a country acronym follows, and aliases a document defines ----

def _acronym_matches(tokens, lexicon: _Lexicon) -> list[_Cand]:
    found = []
    for i in range(len(tokens) - 1):
        t, nxt = tokens[i], tokens[i + 1]
        if (_ACRONYM.match(t.text) and t.text not in COUNTRY_ACRONYMS and nxt.text in COUNTRY_ACRONYMS
                and nxt.start - t.end <= 1):
            acronyms = lexicon.acronyms
            entry = acronyms.get(f"{t.text} {nxt.text}".lower()) or acronyms.get(t.text.lower())
            found.append(_Cand(t.start, nxt.end, "acronym", entry.organisation_id if entry else None,
                               entry.canonical if entry else "", 1))
    return found


def _alias_matches(text: str, chosen: list[_Cand], lexicon: _Lexicon) -> list[_Cand]:
    """«Министерство здравоохранения КР (далее – «МЗ КР»)»: the alias names the same body later."""
    found = []
    ends = {c.end: c for c in chosen}
    for m in _DEFINITION.finditer(text):
        alias = m.group(1).strip()
        full = ends.get(m.start()) or ends.get(m.start() - 1)
        defined = "далее" in m.group(0)[:8]
        if full is None or not (defined or _ACRONYM.match(alias.split()[0])) or len(alias.split()) > 4:
            continue
        entry = lexicon.acronyms.get(alias.lower())
        oid = full.organisation_id or (entry.organisation_id if entry else None)
        canonical = full.canonical or (entry.canonical if entry else "") or text[full.start:full.end]
        pattern = re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)" if _ACRONYM.match(alias.split()[0])
                             else rf"(?<!\w){re.escape(alias[:-2])}\w*", re.IGNORECASE if not _ACRONYM.match(
                                 alias.split()[0]) else 0)
        for later in pattern.finditer(text, m.start(1)):
            found.append(_Cand(later.start(), later.end(), "acronym", oid, canonical, 3))
    return found


# ---- choosing and finishing ----

def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Longest first; a shorter candidate that overlaps a chosen one is dropped."""
    chosen: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(set(cands), key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if all(c.end <= s or c.start >= e for s, e in taken):
            chosen.append(c)
            taken.append((c.start, c.end))
    return chosen


def _junk(mention: str, cand: _Cand, people) -> bool:
    words = mention.split()
    stripped = mention.strip("«»\"“” ")
    if not _WORD.search(mention) or stripped.lower() in COUNTRIES or mention.lower() in _JUNK:
        return True
    if len(words) == 1 and mention.islower():
        return True
    return cand.source == "ner" and any(s <= cand.start and cand.end <= e for s, e in people)


def _finish(c: _Cand, cands: list[_Cand], analysis: Analysis) -> Organisation:
    text = analysis.text[c.start:c.end]
    oid, canonical, source = c.organisation_id, c.canonical, c.source
    if oid is None:
        # A longer span that starts with a registry name («…миграции КР» for «…миграции») is that body.
        inner = next((o for o in cands if o.organisation_id is not None and o.start == c.start
                      and o.end <= c.end), None)
        if inner is not None:
            oid, canonical, source = inner.organisation_id, inner.canonical, "gazetteer"
    if not canonical:
        # The same words found as a known body or an alias carry its name.
        canonical = next((o.canonical for o in cands if o.canonical and c.start <= o.start
                          and o.end <= c.end and o.end - o.start >= (c.end - c.start) * 0.6), "")
    if not canonical:
        canonical = _nominative(analysis, c.start, c.end)
    return Organisation(c.start, c.end, text, oid, source, canonical)


def _nominative(analysis: Analysis, start: int, end: int) -> str:
    """The mention with its head noun and the adjectives before it put in the nominative."""
    unit = analysis.unit_at(start)
    text = analysis.text[start:end]
    if unit is None:
        return text
    tokens = [t for t in unit.tokens if start <= t.start and t.end <= end]
    parts = []
    for t in tokens:
        word = t.text
        if t.pos in ("ADJ", "NOUN", "PROPN") and not _ACRONYM.match(word):
            word = _inflect_nominative(word, t.feats.get("Case"), t.feats.get("Number"))
        parts.append((t.start - start, t.end - start, word))
        if t.pos in ("NOUN", "PROPN"):
            break
    for s, e, word in reversed(parts):
        text = text[:s] + word + text[e:]
    return text


def _inflect_nominative(word: str, case: str | None, number: str | None) -> str:
    if case in (None, "Nom") or not models().vocab.word_is_known(word):
        return word  # a guessed paradigm would mangle «Жогорку» or «Сезим»
    for parse in models().vocab.parse(word):
        if parse.feats.get("Case") == case and parse.feats.get("Number", number) == number:
            form = parse.inflect({"Nom"})
            if form is None:
                return word
            return form.word[:1].upper() + form.word[1:] if word[:1].isupper() else form.word
    return word
