"""Scoring extracted facts against hand-made gold: span matching, precision / recall / F1.

Gold and predictions have the same shape: per type a list of facts with a "span" [start, end] and
the type's normalised values (the JSON of `pipeline.as_json`, or a gold file). Shared by
`benchmarks/extraction_eval.py` and the corpus regression test, so both count the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

TYPES = ("organisations", "people", "quantities", "dates", "events", "commitments")


@dataclass
class Counts:
    """Tallies for one fact type, summed over documents before any ratio is taken."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    relaxed: int = 0
    # Of the relaxed matches: how many also carry the right values (date, type, value+qualifier).
    values_right: int = 0
    # Quantities only: of the relaxed matches, how many name the same counted thing (unit lemma).
    units_right: int = 0
    # Events only: matches of equal type, and gold events with a date / of those, dated alike.
    typed: int = 0
    dated_gold: int = 0
    dated_found: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Score:
    counts: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})

    def add(self, other: Score) -> None:
        for kind in TYPES:
            self.counts[kind].add(other.counts[kind])


def prf(matched: int, gold: int, predicted: int) -> tuple[float, float, float]:
    """Precision, recall and F1; an empty side counts as perfect, so nothing-vs-nothing is 1."""
    precision = matched / predicted if predicted else 1.0
    recall = matched / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def overlap(a: list[int], b: list[int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list[dict], predicted: list[dict], *, relaxed: bool,
          prefer=lambda g, p: 0) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index): equal spans, or overlapping ones when
    relaxed. Greedy, best pair first: `prefer` (higher wins, e.g. same event type), then the
    larger overlap, then document order, so the result never depends on dict ordering."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            shared = overlap(g["span"], p["span"])
            if list(g["span"]) == list(p["span"]) or (relaxed and shared > 0):
                candidates.append((-prefer(g, p), -shared, gi, pi))
    candidates.sort()
    used_gold, used_predicted, pairs = set(), set(), []
    for _, _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def _same_type(g: dict, p: dict) -> int:
    return int(g.get("type") == p.get("type"))


def _values_right(kind: str, g: dict, p: dict) -> bool:
    if kind == "dates":
        return g["date_start"] == p.get("date_start") and g["date_end"] == p.get("date_end")
    if kind == "quantities":
        return g["qualifier"] == p.get("qualifier") and _number(g["value"]) == _number(p.get("value"))
    if kind == "events":
        return _same_type(g, p) == 1
    return True


def _unit(fact: dict) -> str:
    # «ребёнок» and «ребенок» are one lemma: dictionaries differ on ё.
    return (fact.get("unit") or "").lower().replace("ё", "е")


def _number(value) -> float | None:
    try:
        return round(float(value), 6)
    except (TypeError, ValueError):
        return None


def score_document(gold: dict, predicted: dict) -> Score:
    """Counts for one document; `predicted` may lack a type (a baseline that has no events)."""
    score = Score()
    for kind in TYPES:
        g_facts, p_facts = gold.get(kind) or [], predicted.get(kind) or []
        counts = score.counts[kind]
        counts.gold, counts.predicted = len(g_facts), len(p_facts)
        counts.exact = len(match(g_facts, p_facts, relaxed=False))
        prefer = _same_type if kind == "events" else (lambda g, p: 0)
        pairs = match(g_facts, p_facts, relaxed=True, prefer=prefer)
        counts.relaxed = len(pairs)
        counts.values_right = sum(_values_right(kind, g_facts[gi], p_facts[pi]) for gi, pi in pairs)
        if kind == "quantities":
            counts.units_right = sum(_unit(g_facts[gi]) == _unit(p_facts[pi]) for gi, pi in pairs)
        if kind == "events":
            counts.typed = counts.values_right
            paired = dict(pairs)
            dated = [gi for gi, g in enumerate(g_facts) if g.get("date_start")]
            counts.dated_gold = len(dated)
            counts.dated_found = sum(1 for gi in dated if gi in paired
                                     and p_facts[paired[gi]].get("date_start") == g_facts[gi]["date_start"])
    return score


def load_gold(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def spans_in_text(gold: dict, text: str) -> list[str]:
    """Problems with a gold file against its text: spans out of range, short texts that differ."""
    problems = []
    for kind in TYPES:
        for fact in gold.get(kind) or []:
            start, end = fact["span"]
            if not 0 <= start < end <= len(text):
                problems.append(f"{kind} span {fact['span']} out of range")
            elif "text" in fact and text[start:end] != fact["text"]:
                problems.append(f"{kind} {fact['text']!r} != {text[start:end]!r}")
    return problems
