"""Commitments: sentences in which an actor binds itself to a future action.

«выразили намерение…», «договорились…», «обязуется…», «будет распространять…», «планирует провести…»,
an order with its task («поручил Кабинету Министров разработать…»).
A call on someone else («призвал уделить внимание») or a forecast («это позволит…») is not one.
"""

from __future__ import annotations

import bisect

from .facts import Commitment
from .nlp import Analysis, NerSpan, Token, Unit

# Words that commit whoever says them, in any tense: «выразили намерение», «достигнута договоренность».
_PROMISES = {
    "намерение", "намереваться", "намерен", "договориться", "договоренность", "договорённость",
    "обязаться", "обязываться", "планировать", "планироваться", "запланировать", "готовность",
    "пообещать", "обещать", "условиться", "намеренный",
}
# «обязательства» commit only when someone takes them on («взяли на себя обязательства»); «исполнение
# обязательств» reports on old ones.
_TAKE = {"взять", "брать", "принять", "принимать"}
# Future-tense verbs that only forecast or describe: «это позволит», «проект станет», «они смогут».
_FORECASTS = {
    "быть", "являться", "стать", "позволить", "способствовать", "помочь", "мочь", "составить",
    "зависеть", "требоваться", "оказаться", "продлиться", "длиться", "понадобиться", "появиться", "смочь",
}
# Participles that describe rather than plan: «будет направлено на…», «будет посвящён…».
_DESCRIPTIONS = {"направить", "посвятить", "связать", "основать", "обусловить", "рассчитать"}
# A happening announced for later is a plan without a named actor: «в регионах пройдут мероприятия».
_HAPPENINGS = {"пройти", "состояться", "стартовать", "открыться", "начаться", "продолжиться"}
# Calls and recommendations bind someone else.
_CALLS = {"призвать", "призывать", "рекомендовать", "предложить", "предлагать", "необходимо", "нужно",
          "следует", "следовать", "надо", "попросить", "просить"}
# An order binds the body it is given to: «поручил Кабинету Министров разработать».
_INSTRUCTIONS = {"поручить", "поручать"}
_FUTURE_AUX = {"будет", "будут", "буду", "будем", "будете", "будешь"}
# Subjects that act though natasha tags them as plain nouns: «Стороны договорились», «Министерство продолжит».
_ACTORS = {
    "сторона", "правительство", "министерство", "партнер", "партнёр", "проект", "организация",
    "агентство", "комитет", "комиссия", "структура", "мы", "они", "участник", "кабинет", "совет",
    "ведомство", "акимат", "мэрия", "парламент", "страна", "государство", "офис", "фонд", "программа",
    "инициатива", "центр", "министр", "президент", "руководство", "кенеш", "мажилис",
}


def find_commitments(analysis: Analysis) -> list[Commitment]:
    found = []
    # natasha's spans come unit by unit, so in order: each unit finds its own by bisection.
    starts = [span.start for span in analysis.ner]
    for unit in analysis.units:
        spans = analysis.ner[bisect.bisect_left(starts, unit.start):bisect.bisect_left(starts, unit.end)]
        cue = _cue(unit.tokens, _named(unit, spans))
        if cue is None:
            continue
        actor = _actor(analysis.text, unit, spans, cue)
        found.append(Commitment(unit.start, unit.end, analysis.text[unit.start:unit.end], actor))
    return found


def _named(unit: Unit, spans: list[NerSpan]) -> frozenset[int]:
    """Starts of the unit's words inside natasha's spans: a body, a person or a country («Европейский
    союз», «Казахстан») acts."""
    return frozenset(t.start for t in unit.tokens if any(s.start <= t.start < s.end for s in spans))


def _cue(tokens: tuple[Token, ...], named: frozenset[int]) -> int | None:
    """Index of the word that makes the sentence a commitment, or None."""
    if any(t.lemma in _CALLS for t in tokens):
        return None
    for i, token in enumerate(tokens):
        if token.lemma in _INSTRUCTIONS and _infinitive_within(tokens, i):
            return i  # «поручили Кабинету Министров до 1 марта разработать…»: an order with its task
        if token.lemma in _PROMISES or (
                token.lemma == "обязательство" and any(t.lemma in _TAKE for t in tokens[max(0, i - 4):i])):
            return i
        if token.text.lower() in _FUTURE_AUX and _passive_follows(tokens, i):
            return i
        if token.text.lower() in _FUTURE_AUX and _infinitive_follows(tokens, i):
            # «чему будут способствовать стороны»: the subject may follow; «это будет…» has none.
            return i if _has_actor(tokens, named) else None
        if token.pos == "VERB" and token.feats.get("Tense") == "Fut" and token.lemma not in _FORECASTS and (
                not _in_relative_clause(tokens, i)) and (
                token.lemma in _HAPPENINGS or _has_actor(tokens, named)):
            return i
    return None


def _infinitive_within(tokens: tuple[Token, ...], i: int) -> bool:
    """The task of an order, after its addressee and deadline: within a dozen words, before a stop."""
    for token in tokens[i + 1:i + 13]:
        if token.feats.get("VerbForm") == "Inf":
            return True
        if token.text in {".", ";"}:
            return False
    return False


def _in_relative_clause(tokens: tuple[Token, ...], i: int) -> bool:
    """«онлайн-курс, который стартует 1 ноября» describes a thing, the clause's subject; «действия,
    которые члены Коалиции предпримут» still has an actor of its own."""
    for token in reversed(tokens[:i]):
        if token.lemma == "который":
            return token.feats.get("Case") == "Nom"
        if token.pos == "PUNCT":
            return False
    return False


def _infinitive_follows(tokens: tuple[Token, ...], i: int) -> bool:
    """«будет распространять», «будут активно участвовать»: an action, not «будет проведен»."""
    for token in tokens[i + 1:i + 4]:
        if token.feats.get("VerbForm") == "Inf":
            return True
        if token.pos not in {"ADV", "PART"}:
            return False
    return False


def _passive_follows(tokens: tuple[Token, ...], i: int) -> bool:
    """«будет создано пять центров», «будет утверждён Стандарт»: a plan, whoever carries it out."""
    for token in tokens[i + 1:i + 4]:
        if token.feats.get("VerbForm") == "Part" and token.feats.get("Variant") == "Short":
            return token.lemma not in _DESCRIPTIONS
        if token.pos not in {"ADV", "PART"}:
            return False
    return False


def _has_actor(tokens: tuple[Token, ...], named: frozenset[int]) -> bool:
    """A subject who can act, before or after the verb: a person, a body, «стороны»."""
    return any(_is_actor(t) or (t.start in named and t.feats.get("Case", "Nom") == "Nom") for t in tokens)


def _is_actor(token: Token) -> bool:
    if token.feats.get("Case", "Nom") != "Nom":
        return False
    return token.lemma in _ACTORS or token.pos == "PROPN" or (
        token.pos == "NOUN" and token.feats.get("Animacy") == "Anim")


def _actor(text: str, unit: Unit, spans: list[NerSpan], cue: int) -> str:
    """The subject: natasha's ORG, PER or LOC before the cue («Казахстан и Узбекистан» together), else
    the first acting noun with the «…» name after it («Проект «Луч света»»)."""
    cue_start = unit.tokens[cue].start
    spans = [s for s in spans if s.end <= cue_start]
    if spans:
        start, end = spans[0].start, spans[0].end
        for span in spans[1:]:
            if text[end:span.start].strip() not in {"и", ","}:
                break
            end = span.end
        return text[start:end]
    for token in unit.tokens[:cue]:
        if _is_actor(token) and token.feats.get("Case", "Nom") == "Nom":
            return text[token.start:_quoted_end(text, token.end, cue_start)]
    return ""


def _quoted_end(text: str, end: int, limit: int) -> int:
    """Where a «…» name right after the word ends, or the word's own end."""
    if text[end:end + 2].lstrip().startswith("«"):
        close = text.find("»", end, limit)
        if close != -1:
            return close + 1
    return end
