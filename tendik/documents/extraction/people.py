"""People and their positions: natasha's PER spans, initials and Central Asian names NER misses,
and the role phrase right before the name («Министр иностранных дел Кыргызской Республики Руслан
Казакбаев») or right after it («Окоева Гульмира Качкыновна, зав.отделом …»)."""

from __future__ import annotations

import bisect
import re

from .facts import Organisation, Person
from .nlp import Analysis, Token, models

_UPPER = "А-ЯЁA-ZӨҮҢҚҒҰӘІҺ"
_LOWER = "а-яёa-zөүңқғұәіһї"
_SURNAME = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
# «У.Жамсран», «Р. Казакбаев», «А.Б. Иванова»; «Иванова А.Б.» with both initials, since a single
# letter and a point after a word is too often an abbreviation.
_INITIALS = re.compile(rf"(?<![\w.])[{_UPPER}]\.\s?(?:[{_UPPER}]\.\s?)?{_SURNAME}"
                       rf"|(?<![\w.]){_SURNAME}\s[{_UPPER}]\.\s?[{_UPPER}]\.(?!\s?{_SURNAME})")
# Kyrgyz, Kazakh and Uzbek patronymic words: «Нурлан уулу», «Айгуль Сыдык кызы».
_PATRONYMIC = frozenset(("уулу", "кызы", "улы", "ұлы", "қызы", "угли", "ўғли", "кизи", "қизи", "оглы"))
# Lemmas of the nouns a position starts with.
POSITIONS = frozenset((
    "министр", "вице-министр", "замминистра", "заместитель", "председатель", "сопредседатель", "глава",
    "руководитель", "директор", "представитель", "представительница", "посол", "координатор",
    "эксперт", "специалист", "депутат", "аким", "мэр", "президент", "вице-президент", "премьер-министр",
    "вице-премьер", "советник", "начальник", "заведующий", "заведующая", "зав", "секретарь",
    "генсек", "член", "омбудсмен", "уполномоченный", "торага", "төраға", "спикер", "вице-спикер",
    "инспектор", "педагог", "учитель", "врач", "юрист", "психолог", "консультант", "менеджер",
    "ассистент", "сотрудник", "активист", "лидер", "основатель", "учредитель", "ректор", "декан",
    "профессор", "журналист", "консул", "атташе", "модератор", "тренер", "администратор",
    "исполнительный", "министра", "хоким", "раис", "акима", "омбудсман", "статс-секретарь", "госсекретарь",
))
_MAX_ROLE = 45
# Small words inside a position: «эксперт из Монголии», «посол Германии в Кыргызской Республике».
_ROLE_LINKS = frozenset(("и", "по", "при", "в", "от", "из"))
# «университета имени М. Ауэзова»: a name inside a body's name.
_NAMED_AFTER = re.compile(r"(?:\bим\.|\bимени)\s*$")
_PLACE_WORDS = frozenset(("город", "г", "село", "область", "район", "аймак", "поселок", "посёлок", "аул"))
_TURKIC = re.compile("[өүңқғұәіһӨҮҢҚҒҰӘІҺ]")


def find_people(analysis: Analysis, *, organisations: list[Organisation]) -> list[Person]:
    text = analysis.text
    org_spans = [(o.start, o.end) for o in organisations]
    quoted = [(o.start + o.text.index("«"), o.end) for o in organisations if "«" in o.text]
    found = []
    org_spans.sort()
    org_starts = [s for s, _ in org_spans]
    unit_starts = [u.start for u in analysis.units]
    ner: dict[int, list] = {}
    for span in analysis.ner:
        ner.setdefault(bisect.bisect_right(unit_starts, span.start) - 1, []).append(span)
    for number, unit in enumerate(analysis.units):
        tokens = unit.tokens
        # Only the bodies in this unit: organisations never overlap, so their ends are sorted too.
        first_org = bisect.bisect_left(org_starts, unit.start)
        unit_orgs = org_spans[first_org:bisect.bisect_left(org_starts, unit.end)]
        named = _names(unit, ner.get(number, []), unit_orgs)
        # A role never runs over another name: «Глава кенеша А. Б. и мэр города В. Г.».
        others = {t.start for t in tokens for s, e, _ in named if s <= t.start < e}
        for start, end, sure in named:
            if any(s <= start and end <= e for s, e in quoted):
                continue  # «Фонд «Мээрим»»: a name inside a body's quoted name is not a person
            first = next((i for i, t in enumerate(tokens) if t.start >= start), None)
            if first is None:
                continue
            last = max((i for i, t in enumerate(tokens) if t.end <= end), default=first)
            role = (_role_before(tokens, first, unit_orgs, others)
                    or _role_after(tokens, last, unit_orgs, others))
            if role is None and not sure:
                continue  # a capitalised pair with no position before or after it is not a name
            found.append(_person(text, start, end, role, organisations))
    return sorted(found, key=lambda p: p.start)


def _person(text: str, start: int, end: int, role, organisations) -> Person:
    if role is None:
        return Person(start, end, text[start:end])
    role_start, role_end = role
    linked = next((o.organisation_id for o in organisations if o.organisation_id is not None
                   and role_start <= o.start and o.end <= role_end), None)
    return Person(start, end, text[start:end], text[role_start:role_end], role_start, role_end, linked)


# ---- names ----

def _names(unit, ner, org_spans) -> list[tuple[int, int, bool]]:
    """(start, end, sure) of every name in the unit, given natasha's spans in it: NER's and initials
    are sure; a run of name-like words is a name only next to a position. On overlaps the surer,
    then the longer wins."""
    tokens = unit.tokens
    places = [(s.start, s.end) for s in ner if s.type == "LOC"]
    spans = []
    for span in ner:
        if span.type == "PER" and not _lone_word(unit, span):
            start = _after_place(tokens, _after_position(tokens, span.start, span.end), span.end)
            if start >= span.end or _in(start, org_spans):
                continue  # «Уполномоченный Олий Мажлиса»: a position and a body, no name
            # NER tags a surname before the first name as a place («Ахметова Динара Сериковна»).
            if start == span.start:
                start = _extend_left(tokens, start, org_spans, {s for s, _ in places})
            spans.append((0, start, _extend(tokens, span.end, org_spans + places), True))
    for m in _INITIALS.finditer(unit.text):
        if not _NAMED_AFTER.search(unit.text, 0, m.start()):
            spans.append((1, unit.start + m.start(), unit.start + m.end(), True))
    spans += [(2, s, e, False) for s, e in _capitalised_runs(tokens, org_spans + places)]
    chosen = []
    for _, start, end, sure in sorted(spans, key=lambda s: (s[0], -(s[2] - s[1]), s[1])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, sure))
    return chosen


def _lone_word(unit, span) -> bool:
    """NER tags a lone capitalised word as a person: «Модератором», «Астана», a Kyrgyz word opening
    a headline. A lone surname the dictionary does not know («Жамсран») stays."""
    inside = [t for t in unit.tokens if span.start <= t.start < span.end]
    if len(inside) != 1:
        return False
    word = inside[0].text
    first = models().vocab.parse(word)[0]
    if "Geox" in _grammemes(first):
        return True
    if models().vocab.word_is_known(word):
        return not {"Name", "Surn", "Patr"} & _grammemes(first)
    # A line in Kyrgyz or Kazakh inside a Russian document: its words are not Russian names.
    return _TURKIC.search(unit.text) is not None or (unit.kind == "heading" and inside[0] is unit.tokens[0])


def _grammemes(parse) -> set[str]:
    return set(str(parse.tag).replace(" ", ",").split(","))


def _extend(tokens, end: int, org_spans) -> int:
    """NER cuts off a patronymic word («Нурлан уулу») or a last surname («Джерен Гювен Гюрес»)."""
    following = [t for t in tokens if t.start >= end]
    for t in following[:2]:
        if t.text.lower() in _PATRONYMIC or (_name_like(t) and not _in(t.start, org_spans)):
            end = t.end
        else:
            break
    return end


def _after_position(tokens, start: int, end: int) -> int:
    """NER starts a name with the position before it («Уполномоченный Олий Мажлиса»)."""
    inside = [t for t in tokens if start <= t.start < end]
    while inside and _is_position(inside[0]):
        inside.pop(0)
    return inside[0].start if inside else end


def _after_place(tokens, start: int, end: int) -> int:
    """«акима города Шымкент Ерлан Сейтов»: NER starts the name with the place that a word like
    «города» announces; the name starts after it."""
    before = [t for t in tokens if t.end <= start]
    inside = [t for t in tokens if start <= t.start < end]
    # «области Х. Бозоров»: an initial is not a place's name.
    if before and len(inside) >= 3 and before[-1].lemma in _PLACE_WORDS and len(inside[0].text) > 1:
        return inside[1].start
    return start


def _extend_left(tokens, start: int, avoid, places) -> int:
    """NER leaves out a surname before the first name («Ахметова Динара Сериковна») or a first name
    it does not know («Хилолбї Курбонзода»)."""
    before = [t for t in tokens if t.end <= start]
    if not before or _in(before[-1].start, avoid) or _is_position(before[-1]):
        return start
    word = before[-1]
    # NER tags such a surname as a place; a real place before the name («города Шымкент Ерлан …»)
    # is not one the dictionary calls a surname.
    if word.start in places and not _dictionary_name(word):
        return start
    return word.start if _name_like(word) else start


def _name_like(t: Token) -> bool:
    """A capitalised word that is a first name, a surname or a word the dictionary does not know."""
    if not t.text[:1].isupper() or not t.text.isalpha() or t.text.isupper() or len(t.text) < 2:
        return False
    parses = models().vocab.parse(t.text)[:2]
    if any("Geox" in _grammemes(p) for p in parses):
        return False
    return _dictionary_name(t) or not models().vocab.word_is_known(t.text)


def _dictionary_name(t: Token) -> bool:
    return any({"Name", "Surn", "Patr"} & _grammemes(p) for p in models().vocab.parse(t.text)[:2])


def _capitalised_runs(tokens, org_spans) -> list[tuple[int, int]]:
    """Two or three name-like words in a row outside any organisation: «Хилолбї Курбонзода». They are
    kept only when a position comes right before or after them."""
    runs, i = [], 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and j - i < 3 and _name_like(tokens[j]) and not _in(tokens[j].start, org_spans):
            j += 1
        if j - i >= 2:
            runs.append((tokens[i].start, tokens[j - 1].end))
        i = max(j, i + 1)
    return runs


def _in(offset: int, spans) -> bool:
    return any(s <= offset < e for s, e in spans)


# ---- roles ----

def _is_position(t: Token) -> bool:
    return t.lemma in POSITIONS or t.text.lower().rstrip(".") in POSITIONS


def _role_before(tokens, first: int, org_spans, others) -> tuple[int, int] | None:
    """The position phrase that runs up to the name: back from the name while the words can belong
    to a position («заместителя Премьер-министра - министра …, председателя Национальной комиссии
    … при Президенте РК»); the role starts at the earliest position noun in that stretch."""
    start = None
    k = first - 1
    while k >= 0 and first - k <= _MAX_ROLE and tokens[k].start not in others and _role_word(
            tokens, k, org_spans):
        # A plural («представители гражданского общества и депутат …») is a group, not this person.
        if _is_position(tokens[k]) and tokens[k].feats.get("Number") != "Plur":
            start = k
        k -= 1
    if start is None:
        return None
    start = _adjectives_before(tokens, start)
    return tokens[start].start, _trimmed_end(tokens, start, first - 1)


def _role_word(tokens, k: int, org_spans) -> bool:
    t = tokens[k]
    if _in(t.start, org_spans) or t.text in "«»\"-–—()" or t.text.lower() in _ROLE_LINKS:
        return True
    if t.text == ",":
        # A comma inside a role joins two positions («министра культуры РК, председателя Комиссии»)
        # or lists inside a body's name («министр труда, социального обеспечения и миграции»).
        nxt, prev = tokens[k + 1], tokens[k - 1] if k else t
        return _is_position(nxt) or (nxt.text.islower() and nxt.feats.get("Case") == "Gen" == prev.feats.get(
            "Case"))
    if t.text == ".":
        return k > 0 and tokens[k - 1].text.lower() == "зав"  # «зав.отделом»
    return t.pos in ("NOUN", "PROPN", "ADJ", "X") and not t.text[:1].isdigit()


def _adjectives_before(tokens, k: int) -> int:
    # «Постоянный координатор ООН», «социальный педагог»: the adjective belongs to the position.
    while k > 0 and tokens[k - 1].pos == "ADJ" and tokens[k - 1].feats.get("Case") == tokens[k].feats.get(
            "Case"):
        k -= 1
    return k


def _role_after(tokens, last: int, org_spans, others) -> tuple[int, int] | None:
    """«Окоева Гульмира Качкыновна, зав.отделом … КР»: a comma or a dash, then a position up to the
    next stop."""
    k = last + 1
    while k < len(tokens) and set(tokens[k].text) <= {"*", "_"}:
        k += 1  # «**Окоева Гульмира Качкыновна**, зав.отделом …»: markdown emphasis
    if k >= len(tokens) or tokens[k].text not in (",", "–", "—", "-"):
        return None
    start = k + 1
    j = start
    while j < len(tokens) and tokens[j].pos == "ADJ":
        j += 1
    if j >= len(tokens) or not _is_position(tokens[j]):
        return None
    end = j
    while end + 1 < len(tokens) and tokens[end + 1].start not in others and _after_word(
            tokens, end + 1, org_spans):
        end += 1
    if end + 1 < len(tokens) and tokens[end + 1].start in others:
        return None  # «А. Б., посол Германии В. Г.»: the position runs up to the next name, it is its own
    return tokens[start].start, _trimmed_end(tokens, start, end)


def _after_word(tokens, k: int, org_spans) -> bool:
    t = tokens[k]
    if _in(t.start, org_spans):
        return True
    if t.text == ".":
        return tokens[k - 1].text.lower() == "зав"
    if t.text in ("№", "«", "»") or t.text.isdigit() and tokens[k - 1].text == "№":
        return True
    return t.pos in ("NOUN", "PROPN", "ADJ", "X", "ADP", "CCONJ") and t.text not in (",", ";")


def _trimmed_end(tokens, start: int, end: int) -> int:
    while end > start and tokens[end].text in ",-–—:;":
        end -= 1
    return tokens[end].end
