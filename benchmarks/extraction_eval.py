"""How well the document extractor finds facts, against the hand-made gold, next to a baseline.

    .venv/bin/python benchmarks/extraction_eval.py [--verbose]

Documents: the five seeds in ../shared/seeds (gold in benchmarks/gold/seeds/, spans only; the
texts are never copied into the repository) and the development corpus written for the tests
(tendik/documents/tests/corpus/), and the held-out set (tendik/documents/tests/heldout/),
each shown apart and then together. Per fact type: precision, recall and F1 with exact spans and
with overlapping spans; event types F1, dated events found, quantity values and date
normalisation. The baseline is natasha's own NER (ORG, PER) with a number-and-next-word regex for
quantities; it finds no dates, events or commitments.
"""

import argparse
import datetime
import functools
import hashlib
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tendik.documents.extraction.scoring import TYPES, Score, load_gold, prf, score_document  # noqa: E402

GOLD_SEEDS = ROOT / "benchmarks" / "gold" / "seeds"
CORPUS = ROOT / "tendik" / "documents" / "tests" / "corpus"
# Written apart from the development set and committed before the extractor first ran on it: its
# first-pass scores are the honest estimate for unseen documents (rules fixed since then were
# tested on other texts).
HELDOUT = ROOT / "tendik" / "documents" / "tests" / "heldout"
SEED_DIRS = (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds"))

# The baseline's quantity: a number (digits with spaces, commas or points inside) and the next word.
BASELINE_QUANTITY = re.compile(r"(?<![\w.,])(\d+(?:[\s\u00a0]\d{3})*(?:[.,]\d+)?)\s+([А-Яа-яЁё]+)")


def seed_dir() -> Path | None:
    return next((d for d in SEED_DIRS if d.is_dir()), None)


def documents() -> list[tuple[str, str, str, dict]]:
    """(group, name, text, gold) for every seed that is present and every corpus document."""
    found = []
    seeds = seed_dir()
    if seeds is None:
        print("../shared/seeds not found: seed evaluation skipped")
    else:
        for gold_path in sorted(GOLD_SEEDS.glob("*.json")):
            text_path = seeds / f"{gold_path.stem}.txt"
            if not text_path.exists():
                print(f"{text_path} missing: skipped")
                continue
            text = text_path.read_text(encoding="utf-8")
            gold = load_gold(gold_path)
            if hashlib.sha256(text.encode("utf-8")).hexdigest() != gold["sha256"]:
                print(f"{text_path.name} changed since it was annotated: skipped")
                continue
            found.append(("seeds", gold_path.stem, text, gold))
    for group, folder in (("corpus", CORPUS), ("heldout", HELDOUT)):
        for gold_path in sorted(folder.glob("*.json")):
            text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
            found.append((group, gold_path.stem, text, load_gold(gold_path)))
    return found


def ours(text: str, gold: dict) -> dict:
    from tendik.documents.extraction.pipeline import as_json, extract

    published = datetime.date.fromisoformat(gold["published"]) if gold.get("published") else None
    return as_json(extract(text, published=published))


@functools.cache
def _segmenter():
    from natasha import Segmenter

    return Segmenter()


def baseline(text: str, gold: dict) -> dict:
    """natasha as its documentation runs it (segment, then NER over the whole text), no rules."""
    from natasha import Doc

    from tendik.documents.extraction.nlp import models

    doc = Doc(text)
    doc.segment(_segmenter())
    doc.tag_ner(models().ner)
    ner = doc.spans
    return {
        "organisations": [{"span": [s.start, s.stop]} for s in ner if s.type == "ORG"],
        "people": [{"span": [s.start, s.stop]} for s in ner if s.type == "PER"],
        "quantities": [{"span": [m.start(), m.end()], "qualifier": "=",
                        "value": _number(m.group(1))} for m in BASELINE_QUANTITY.finditer(text)],
    }


def _number(digits: str) -> float:
    return float(re.sub(r"[\s\u00a0]", "", digits).replace(",", "."))


def evaluate(docs, system, verbose: bool) -> tuple[Score, int, float]:
    """The summed score, the crash count and the seconds spent."""
    total, crashes, spent = Score(), 0, 0.0
    for _, name, text, gold in docs:
        start = time.perf_counter()
        try:
            predicted = system(text, gold)
        except Exception as error:  # a crash is counted as finding nothing, and reported
            crashes += 1
            print(f"  CRASH {system.__name__} on {name}: {error!r}")
            predicted = {}
        spent += time.perf_counter() - start
        score = score_document(gold, predicted)
        total.add(score)
        if verbose:
            print(f"  {system.__name__:8} {name:32} " + "  ".join(
                f"{kind[:5]} {score.counts[kind].relaxed}/{score.counts[kind].gold}/"
                f"{score.counts[kind].predicted}" for kind in TYPES))
    return total, crashes, spent


def table(title: str, ours_score: Score, base_score: Score) -> None:
    print(f"\n{title}")
    print(f"{'type':14} {'gold':>5} {'found':>5} | {'P':>5} {'R':>5} {'F1':>5} exact | "
          f"{'P':>5} {'R':>5} {'F1':>5} relaxed | baseline F1 exact / relaxed")
    for kind in TYPES:
        c, b = ours_score.counts[kind], base_score.counts[kind]
        exact, relaxed = prf(c.exact, c.gold, c.predicted), prf(c.relaxed, c.gold, c.predicted)
        base = (prf(b.exact, b.gold, b.predicted)[2], prf(b.relaxed, b.gold, b.predicted)[2])
        print(f"{kind:14} {c.gold:5} {c.predicted:5} | " + " ".join(f"{v:5.2f}" for v in exact)
              + "       | " + " ".join(f"{v:5.2f}" for v in relaxed)
              + f"         | {base[0]:5.2f} / {base[1]:5.2f}")
    events, quantities, dates = (ours_score.counts[k] for k in ("events", "quantities", "dates"))
    base_events = base_score.counts["events"]
    print(f"event types F1 (overlap, same type): {prf(events.typed, events.gold, events.predicted)[2]:.2f}"
          f"   baseline {prf(base_events.typed, base_events.gold, base_events.predicted)[2]:.2f}")
    print(f"dated events found: {_share(events.dated_found, events.dated_gold)}"
          f"   baseline {_share(base_events.dated_found, base_events.dated_gold)}")
    base_q = base_score.counts["quantities"]
    print(f"quantities with the right value and qualifier: {_share(quantities.values_right, quantities.gold)}"
          f" of gold ({quantities.values_right}/{quantities.relaxed} of those found)"
          f"   baseline {_share(base_q.values_right, base_q.gold)}")
    print("quantities with the right unit lemma, of those found: "
          f"{_share(quantities.units_right, quantities.relaxed)}")
    print(f"date normalisation (start and end right, of dates found): "
          f"{_share(dates.values_right, dates.relaxed)}; "
          f"of gold dates {_share(dates.values_right, dates.gold)}")


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else "n/a (0/0)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="per-document counts (found/gold/predicted)")
    args = parser.parse_args()
    docs = documents()
    results = {}
    for group in ("seeds", "corpus", "heldout"):
        chosen = [d for d in docs if d[0] == group]
        if not chosen:
            continue
        mine, crashes, spent = evaluate(chosen, ours, args.verbose)
        base, _, _ = evaluate(chosen, baseline, args.verbose)
        results[group] = (mine, base)
        chars = sum(len(d[2]) for d in chosen)
        table(f"== {group}: {len(chosen)} documents, {chars} characters, {crashes} crashes, "
              f"{spent:.2f} s ==", mine, base)
    if len(results) > 1:
        mine, base = Score(), Score()
        for ours_score, base_score in results.values():
            mine.add(ours_score)
            base.add(base_score)
        table("== all documents ==", mine, base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
