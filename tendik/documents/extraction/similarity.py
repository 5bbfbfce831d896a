"""Which plan measures an event is about: TF-IDF cosine over Russian lemmas, no model download.

The score is shown to the reviewer beside each proposal, so a weak match looks weak."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .nlp import search_lemmas

# Words every measure and every news item share: they would make everything look alike.
STOP = frozenset("""
и в во не на с со по для о об от до из к ко у за при а также как что это этот быть был были его ее
их они он она мы вы все всех вопрос вопросы рамка рамках год года кр рк республика кыргызский
казахстан проведение обеспечение работа меры мера который которые ряд области сфера
""".split())  # noqa: SIM905 — a word list reads best as one string


@dataclass(frozen=True)
class Match:
    measure_id: int
    score: float


def _terms(text: str) -> Counter:
    return Counter(w for w in search_lemmas(text) if len(w) > 2 and w not in STOP and not w.isdigit())


class MeasureIndex:
    """Built once per plan set; `rank(text)` returns the best measures for one event."""

    def __init__(self, measures: dict[int, str]):
        self._terms = {pk: _terms(text) for pk, text in measures.items()}
        frequency = Counter(t for terms in self._terms.values() for t in terms)
        total = max(len(self._terms), 1)
        self._idf = {t: math.log((1 + total) / (1 + n)) + 1 for t, n in frequency.items()}
        self._vectors = {pk: self._vector(terms) for pk, terms in self._terms.items()}

    def _vector(self, terms: Counter) -> dict[str, float]:
        weights = {t: (1 + math.log(n)) * self._idf.get(t, 0.0) for t, n in terms.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items() if w}

    def rank(self, text: str, *, limit: int = 5, floor: float = 0.05) -> list[Match]:
        query = self._vector(_terms(text))
        scored = [Match(pk, round(sum(w * vector.get(t, 0.0) for t, w in query.items()), 3))
                  for pk, vector in self._vectors.items()]
        scored = [m for m in scored if m.score >= floor]
        return sorted(scored, key=lambda m: (-m.score, m.measure_id))[:limit]
