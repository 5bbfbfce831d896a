"""One analysis of a text, shared by every rule: units, tokens with lemmas, and natasha's NER.

The models load once per process (`models()`); natasha's syntax parser is not loaded, since no rule
needs it and it would halve the throughput.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from razdel import sentenize, tokenize


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    pos: str = ""
    feats: dict = field(default_factory=dict, hash=False, compare=False)
    lemma: str = ""


@dataclass(frozen=True)
class Unit:
    """A sentence, a headline or one list item: the text between two hard boundaries."""

    start: int
    end: int
    text: str
    # heading | item | sentence
    kind: str
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True)
class NerSpan:
    start: int
    end: int
    type: str  # PER | ORG | LOC
    text: str


@dataclass
class Analysis:
    text: str
    units: list[Unit]
    ner: list[NerSpan]

    def tokens(self):
        for unit in self.units:
            yield from unit.tokens

    def unit_at(self, offset: int) -> Unit | None:
        for unit in self.units:
            if unit.start <= offset < unit.end:
                return unit
        return None


class _Models:
    def __init__(self):
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger

        embedding = NewsEmbedding()
        self.morph = NewsMorphTagger(embedding)
        self.ner = NewsNERTagger(embedding)
        self.vocab = MorphVocab()

    @functools.lru_cache(maxsize=50_000)  # noqa: B019 — one instance per process, cache on purpose
    def lemma(self, word: str, pos: str, feats: tuple) -> str:
        try:
            return self.vocab.lemmatize(word, pos, dict(feats)).lower()
        except (KeyError, ValueError):  # pymorphy2 fails on characters Unicode has no name for
            return word.lower()


@functools.cache
def models() -> _Models:
    return _Models()


_BULLET = re.compile(r"^\s*(?:[-–—•●▪◦*]|\d{1,2}[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")


def _line_kind(line: str) -> str:
    if _BULLET.match(line):
        return "item"
    if _HEADING.match(line):
        return "heading"
    stripped = line.strip()
    if len(stripped) < 120 and not stripped.endswith((".", "!", "?", ";", ":", ",")):
        return "heading"
    return "sentence"


def units_of(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each unit: a line break always ends one, razdel splits the rest."""
    found = []
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        kind = _line_kind(line.group())
        if kind != "sentence":
            left = len(line.group()) - len(line.group().lstrip())
            found.append((line.start() + left, line.end(), kind))
            continue
        for sent in sentenize(line.group()):
            found.append((line.start() + sent.start, line.start() + sent.stop, "sentence"))
    return found


def analyse(text: str) -> Analysis:
    m = models()
    bounds = units_of(text)
    words = [[(t.start + s, t.stop + s, t.text) for t in tokenize(text[s:e])] for s, e, _ in bounds]
    tagged = _by_length(m.morph.map, [[w for _, _, w in toks] for toks in words])
    units = []
    for (start, end, kind), toks, markup in zip(bounds, words, tagged, strict=True):
        tokens = tuple(
            Token(s, e, w, t.pos, t.feats, m.lemma(w, t.pos, tuple(sorted(t.feats.items()))))
            for (s, e, w), t in zip(toks, markup.tokens, strict=True))
        units.append(Unit(start, end, text[start:end], kind, tokens))
    return Analysis(text=text, units=units, ner=_ner(text, bounds))


def _by_length(tag, items: list) -> list:
    """`tag` over items batched by length, answers in the items' order: a batch is padded to its
    longest item, so mixing a headline with a long sentence wastes most of the network's work."""
    order = sorted(range(len(items)), key=lambda i: len(items[i]))
    answers: list = [None] * len(items)
    for index, answer in zip(order, tag([items[i] for i in order]), strict=True):
        answers[index] = answer
    return answers


def _ner(text: str, bounds) -> list[NerSpan]:
    """natasha's NER per unit, so a span never crosses a line or a sentence."""
    spans = []
    chunks = [text[s:e] for s, e, _ in bounds]
    for (start, _, _), markup in zip(bounds, _by_length(models().ner.map, chunks), strict=True):
        for span in markup.spans:
            spans.append(NerSpan(start + span.start, start + span.stop, span.type,
                                 text[start + span.start:start + span.stop]))
    return spans


@functools.cache
def _vocab():
    """pymorphy2 alone (no embeddings): enough to lemmatise words for search, in a web process."""
    from natasha import MorphVocab

    return MorphVocab()


_WORD = re.compile(r"\w+", re.UNICODE)


@functools.lru_cache(maxsize=100_000)
def word_lemma(word: str) -> str:
    # Acronyms (ОМСУ, МТСОиМ) are names, not words: pymorphy would "lemmatise" ОМСУ to «омс».
    if len(word) > 1 and sum(c.isupper() for c in word) >= 2:
        return word.lower()
    word = word.lower()
    if not re.search(r"[а-яё]", word):
        return word
    try:
        return _vocab().parse(word)[0].normal_form
    except (KeyError, ValueError):  # a character Unicode has no name for
        return word


def search_lemmas(text: str) -> list[str]:
    """The words of `text` in their dictionary form: «тренингов» and «тренинги» both find «тренинг»."""
    return [word_lemma(w) for w in _WORD.findall(text)]
