"""Turns a hand-written annotation spec into a gold file with exact spans, so no offset is typed by hand.

    .venv/bin/python benchmarks/gold/annotate_helper.py SPEC.py TEXT.txt OUT.json

SPEC.py defines PUBLISHED ("YYYY-MM-DD" or None), LANGUAGE and FACTS, a list of tuples:
    ("org", snippet, which)
    ("person", name, which, role_snippet or None)        role searched nearest to the name
    ("quantity", snippet, which, qualifier, value, unit)
    ("date", snippet, which, date_start, date_end)
    ("event", where, type, date_start, date_end, place)
    ("commitment", where)
`which` is the 1-based occurrence or "*" for every one. `where` is ("line", snippet[, which]) for
the stripped line holding the snippet (a list item or heading), or (start_snippet, end_snippet)
for a sentence: from the start snippet through the first end snippet after it. Specs holding
seed sentences stay outside the repository; the gold keeps only spans, values and short names.
"""

import hashlib
import json
import runpy
import sys

SHORT = 60


def occurrences(text: str, snippet: str) -> list[int]:
    found, at = [], text.find(snippet)
    while at >= 0:
        found.append(at)
        at = text.find(snippet, at + 1)
    if not found:
        raise SystemExit(f"not found: {snippet!r}")
    return found


def spans(text: str, snippet: str, which) -> list[tuple[int, int]]:
    """A snippet «context [[fact]] context» finds the context and keeps the bracketed part."""
    left, _, rest = snippet.partition("[[")
    inner, _, _ = rest.partition("]]")
    if not inner:
        left, inner = "", snippet
    starts = occurrences(text, snippet.replace("[[", "").replace("]]", ""))
    chosen = starts if which == "*" else [starts[which - 1]]
    return [(s + len(left), s + len(left) + len(inner)) for s in chosen]


def region(text: str, where) -> tuple[int, int]:
    if where[0] == "line":
        which = where[2] if len(where) > 2 else 1
        at = spans(text, where[1], which)[0][0]
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[start:end]
        return start + len(line) - len(line.lstrip()), start + len(line.rstrip())
    start = spans(text, where[0], 1)[0][0]
    end = text.find(where[1], start)
    if end < 0:
        raise SystemExit(f"end not found: {where!r}")
    return start, end + len(where[1])


def nearest(text: str, snippet: str, name_start: int) -> tuple[int, int]:
    starts = occurrences(text, snippet)
    best = min(starts, key=lambda s: abs(s - name_start))
    return best, best + len(snippet)


def short(text: str, start: int, end: int) -> dict:
    piece = text[start:end]
    return {"span": [start, end], "text": piece} if len(piece) <= SHORT else {"span": [start, end]}


def build(spec: dict, text: str) -> dict:
    gold = {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "published": spec["PUBLISHED"],
            "language": spec["LANGUAGE"], "organisations": [], "people": [], "quantities": [],
            "dates": [], "events": [], "commitments": []}
    for fact in spec["FACTS"]:
        kind = fact[0]
        if kind == "org":
            gold["organisations"] += [short(text, s, e) for s, e in spans(text, fact[1], fact[2])]
        elif kind == "person":
            for s, e in spans(text, fact[1], fact[2]):
                role = list(nearest(text, fact[3], s)) if fact[3] else None
                gold["people"].append({**short(text, s, e), "role_span": role})
        elif kind == "quantity":
            for s, e in spans(text, fact[1], fact[2]):
                gold["quantities"].append({**short(text, s, e), "qualifier": fact[3], "value": fact[4],
                                           "unit": fact[5]})
        elif kind == "date":
            for s, e in spans(text, fact[1], fact[2]):
                gold["dates"].append({**short(text, s, e), "date_start": fact[3], "date_end": fact[4]})
        elif kind == "event":
            s, e = region(text, fact[1])
            gold["events"].append({"span": [s, e], "type": fact[2], "date_start": fact[3],
                                   "date_end": fact[4], "place": fact[5]})
        elif kind == "commitment":
            s, e = region(text, fact[1])
            gold["commitments"].append({"span": [s, e]})
        else:
            raise SystemExit(f"unknown fact kind {kind!r}")
    for facts in gold.values():
        if isinstance(facts, list):
            facts[:] = outermost(facts)
    return gold


def outermost(facts: list[dict]) -> list[dict]:
    """Sorted, without a fact inside an earlier-listed one («ОМСУ» listed after «ОМСУ КР»)."""
    kept = []
    for fact in facts:
        s, e = fact["span"]
        if not any(k["span"][0] <= s and e <= k["span"][1] and k["span"] != [s, e] for k in kept) \
                and fact not in kept:
            kept.append(fact)
    return sorted(kept, key=lambda f: tuple(f["span"]))


def main(spec_path: str, text_path: str, out_path: str) -> None:
    with open(text_path, encoding="utf-8") as handle:
        text = handle.read()
    gold = build(runpy.run_path(spec_path), text)
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(gold, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    counts = {k: len(v) for k, v in gold.items() if isinstance(v, list)}
    print(out_path, counts)


if __name__ == "__main__":
    main(*sys.argv[1:4])
