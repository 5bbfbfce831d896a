"""The document extractor's cost: start-up, throughput next to natasha's full pipeline, memory, and a
20-page report (targets: start-up ≤ 2 s, throughput ≥ natasha's, 20 pages ≤ 5 s).

    .venv/bin/python benchmarks/bench_extraction.py

Texts: the seeds in ../shared/seeds when present, and the development corpus
(tendik/documents/tests/corpus/). Start-up and memory are measured in a fresh process: import,
load the models, then extract every text once; memory is that process's peak RSS.
"""

import json
import os
import statistics
import subprocess
import sys
import time

from common import p95
from extraction_eval import CORPUS, ROOT, seed_dir

STARTUP_TARGET_S = 2.0
REPORT_TARGET_S = 5.0
REPORT_CHARS = 60_000
# Throughput: every text this many times after one warm-up pass, the two systems taking turns
# round by round, and the best round counted, so a neighbour's load skews neither side alone.
ROUNDS = 5

# Run in a fresh interpreter: the time to import and load models, then the peak RSS after
# extracting every text given on stdin.
FRESH = """
import json, resource, sys, time
start = time.perf_counter()
from tendik.documents.extraction.nlp import models
from tendik.documents.extraction.pipeline import extract
models()
extract("Бишкек, 5 мая 2024 года. Министр принял делегацию.")
startup = time.perf_counter() - start
for text in json.load(sys.stdin):
    extract(text)
print(json.dumps({"startup": startup, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def texts() -> list[str]:
    found = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    seeds = seed_dir()
    if seeds is None:
        print("../shared/seeds not found: the development corpus alone is measured")
    else:
        found += [path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))]
    return found


def fresh_process(documents: list[str]) -> dict:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", FRESH], input=json.dumps(documents),  # noqa: S603 (our code)
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"the fresh process failed:\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["process"] = time.perf_counter() - start
    return figures


def throughput(systems: dict, documents: list[str]) -> dict:
    """Per system: characters/s and documents/s of its best round, and the median and p95 of one
    document's time over all rounds."""
    timings = {name: [] for name in systems}
    rounds = {name: [] for name in systems}
    for run in systems.values():
        for text in documents:
            run(text)
    for _ in range(ROUNDS):
        for name, run in systems.items():
            this_round = []
            for text in documents:
                start = time.perf_counter()
                run(text)
                this_round.append(time.perf_counter() - start)
            timings[name] += this_round
            rounds[name].append(sum(this_round))
    chars = sum(len(text) for text in documents)
    return {name: {"chars_s": chars / min(rounds[name]), "docs_s": len(documents) / min(rounds[name]),
                   "p95_ms": p95(timings[name]) * 1000, "median_ms": statistics.median(timings[name]) * 1000}
            for name in systems}


def natasha_full():
    """natasha's whole pipeline as its documentation runs it: segment, morphology, syntax, NER and
    a lemma per token."""
    from natasha import (
        Doc,
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    embedding = NewsEmbedding()
    segmenter, vocab = Segmenter(), MorphVocab()
    morph, syntax, ner = NewsMorphTagger(embedding), NewsSyntaxParser(embedding), NewsNERTagger(embedding)

    def run(text: str) -> None:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)
        for token in doc.tokens:
            token.lemmatize(vocab)

    return run


def report(documents: list[str]) -> str:
    """About 20 pages: the documents one after another, a form feed between pages, to 60,000 chars."""
    pages, size, index = [], 0, 0
    while size < REPORT_CHARS:
        page = documents[index % len(documents)]
        pages.append(page)
        size += len(page) + 1
        index += 1
    return "\f".join(pages)[:REPORT_CHARS]


def main() -> int:
    from tendik.documents.extraction.pipeline import extract

    documents = texts()
    fresh = fresh_process(documents)
    speeds = throughput({"tendik extract": extract, "natasha full pipeline": natasha_full()}, documents)
    mine, theirs = speeds["tendik extract"], speeds["natasha full pipeline"]
    long_text = report(documents)
    long_runs = []
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        found = extract(long_text)
        long_runs.append((time.perf_counter() - start, time.process_time() - cpu))
    long_s, long_cpu = min(long_runs)
    facts = sum(len(getattr(found, kind)) for kind in ("dates", "organisations", "people", "quantities",
                                                       "events", "commitments"))

    # Wall times on a busy machine say little: the load average is printed with them.
    print(f"\n{len(documents)} documents, {sum(map(len, documents))} characters; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"start-up (import + models + first text, fresh process): {fresh['startup']:.2f} s "
          f"(target ≤ {STARTUP_TARGET_S:.0f} s; whole process with interpreter and all texts "
          f"{fresh['process']:.2f} s)")
    print(f"memory: peak RSS after loading models and extracting everything: {fresh['rss_mb']:.0f} MB")
    print(f"{'':24} {'chars/s':>10} {'docs/s':>8} {'median ms':>10} {'p95 ms':>8}")
    for name, figures in speeds.items():
        print(f"{name:24} {figures['chars_s']:10.0f} {figures['docs_s']:8.1f} {figures['median_ms']:10.1f} "
              f"{figures['p95_ms']:8.1f}")
    print(f"throughput ratio (ours / natasha's): {mine['chars_s'] / theirs['chars_s']:.2f}")
    print(f"20-page report ({len(long_text)} characters), best of 3: {long_s:.2f} s ({long_cpu:.2f} s CPU), "
          f"{facts} facts (target ≤ {REPORT_TARGET_S:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
