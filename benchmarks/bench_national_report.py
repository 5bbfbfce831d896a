"""The national report at issue 10's size: a 300-measure plan over 12 quarters with 150 reporting
organisations (benchmarks/national_report_data.py). Timed apart: the content (build_document,
section by section) and each renderer on that content; then each format end to end as the
worker runs it (services.national_report_build: build, render, store) in a fresh process of its
own, with that process's peak memory. Every run starts with empty caches, as after new acceptances.

    .venv/bin/python benchmarks/bench_national_report.py                        # SQLite
    TENDIK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_exports \\
        .venv/bin/python benchmarks/bench_national_report.py --database postgres

--runs N (3): runs per timing, median and max shown. --keep: keep the database and reuse its
data next time (generating it takes a minute; a run without --keep generates it again).
--tracemalloc: each fresh process builds once more for the Python heap's peak (tracemalloc
slows the PDF's layout several times).
--profile: instead of the timings, one end-to-end run per format under pyinstrument
(`.venv/bin/pip install pyinstrument`; not a project dependency). --language ru|ky|en (ru).
The last file of each format is left in $TMPDIR/bench_national_report/.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

# The PDF last: its layout leaves millions of objects to the collector, slowing what follows.
FORMATS = ["docx", "xlsx", "pdf"]
TARGETS = {"docx": 5.0, "pdf": 15.0, "xlsx": 5.0}  # seconds, end to end (issue 10)
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_exports"
OUT = Path(tempfile.gettempdir()) / "bench_national_report"
SQLITE_FILE = OUT / "bench_national_report.sqlite3"
PLAN_TITLE = "Национальный план KG по гендерному равенству"  # analytics_data's, for KG
COORDINATOR = "bench-coord-KG"
SECTION_NOTES = {"summary": "with every indicator's figure and chart (shared with section 3)"}


def choose_database(database: str) -> None:
    """Before Django starts: the URL the settings read. Never CI's `test` database."""
    if database == "sqlite":
        os.environ.pop("TENDIK_DATABASE_URL", None)
        return
    url = os.environ.get("TENDIK_DATABASE_URL", "")
    if not url.startswith("postgres"):
        os.environ["TENDIK_DATABASE_URL"] = url = POSTGRES_URL
    if url.rstrip("/").rsplit("/", 1)[-1] == "test":
        sys.exit("refusing the `test` database CI uses: point TENDIK_DATABASE_URL at bench_exports")


# ---------------------------------------------------------------- the data


@contextmanager
def database(keep: bool):
    """A throw-away test database, or with `keep` one kept for the next run. Not common's
    throwaway_database: a database an earlier `--keep` left is replaced here without asking."""
    from common import connection

    OUT.mkdir(exist_ok=True)
    if connection.vendor == "sqlite":
        # A file, not memory: the end-to-end runs open it from other processes.
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(SQLITE_FILE)
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=keep, autoclobber=True)
    try:
        yield connection.vendor
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def existing():
    """The benchmark's plan, its coordinator and its periods, if the database holds them."""
    from tendik.organisations.models import User
    from tendik.plans.models import Plan

    plan = Plan.objects.filter(title_ru=PLAN_TITLE).select_related("country").first()
    if plan is None:
        return None
    return plan, User.objects.get(username=COORDINATOR), list(plan.periods.order_by("start"))


def data_summary(plan, basis) -> list[str]:
    from django.db.models import Sum
    from django.db.models.functions import Length

    from tendik.analytics.basis import counted_reports
    from tendik.reporting.models import Activity, MeasureProgress, Observation

    counted = counted_reports(basis)
    progress = MeasureProgress.objects.filter(report__in=counted.values("pk"))
    chars = progress.aggregate(n=Sum(Length("narrative_ru")))["n"] or 0
    return [
        f"plan: {plan.measures.count()} measures in {plan.areas.count()} areas, "
        f"{plan.periods.count()} periods, "
        f"{plan.reports.values('organisation').distinct().count()} organisations reporting",
        f"counted (accepted) reports: {counted.count():,} of {plan.reports.count():,}; "
        f"progress rows {progress.count():,} ({chars / 1e6:.1f} M characters in Russian, "
        f"{progress.exclude(narrative_ky='').count():,} with Kyrgyz, "
        f"{progress.exclude(narrative_en='').count():,} with English)",
        f"observations {Observation.objects.filter(report__in=counted.values('pk')).count():,}, "
        f"activities {Activity.objects.filter(report__in=counted.values('pk')).count():,}",
    ]


def report_basis(plan, coordinator, periods):
    """The basis national_report_build uses for this plan over all its periods."""
    from tendik.analytics.basis import ACCEPTED, Basis

    return Basis(user=coordinator, plan=plan, states=ACCEPTED, date_from=periods[0].start,
                 date_to=periods[-1].end)


# ---------------------------------------------------------------- timing


def fresh_caches() -> None:
    """Charts and the indicators' report rows are cached on their data; a report after new
    acceptances draws and reads them anew, so every timed run does too."""
    from django.core.cache import cache

    from tendik.analytics import charts

    for cached in (charts._line_chart, charts._bar_chart, charts._small_multiples):
        cached.cache_clear()
    cache.clear()


def build(basis, language: str, marks: list | None = None):
    from django.utils import timezone

    from tendik.exports.content import build_document

    fresh_caches()

    def progress(_percent, _message, params):
        if marks is not None:
            marks.append((params["n"], time.perf_counter()))

    return build_document(basis=basis, language=language, generated_at=timezone.now(),
                          report=progress)[0]


def timed(function, *args) -> tuple[tuple[float, float], object]:
    """(wall, CPU) seconds and the result. CPU time says what the work costs when the machine
    is busy with something else: wall time then grows, CPU time much less."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def time_content(basis, language: str, runs: int) -> tuple[list, dict, object]:
    """(wall, CPU) seconds per run, wall seconds per section (medians) and the last document."""
    totals, sections = [], {}
    for _ in range(runs):
        marks = []
        start, cpu = time.perf_counter(), time.process_time()
        document = build(basis, language, marks)
        end = time.perf_counter()
        totals.append((end - start, time.process_time() - cpu))
        bounds = [t for _n, t in marks] + [end]
        for section, begin, finish in zip(document.sections, bounds[:-1], bounds[1:], strict=True):
            sections.setdefault(section.key, []).append(finish - begin)
    return totals, {key: statistics.median(values) for key, values in sections.items()}, document


def content_queries(basis, language: str) -> str:
    from common import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        build(basis, language)
    slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
    total = sum(float(q["time"]) for q in captured.captured_queries)
    return (f"{len(captured)} queries, {total:.2f} s in SQL; slowest {float(slowest['time']):.2f}"
            f" s: {slowest['sql'][:160]} …")


def document_summary(document) -> str:
    from tendik.exports.document import Figure, Table

    blocks = [b for s in document.sections for b in s.blocks]
    tables = [b for b in blocks if isinstance(b, Table)]
    rows = sum(len(t.rows) for t in tables)
    chars = sum(len(run.text) for t in tables for row in t.rows for cell in row
                if isinstance(cell, list) for run in cell)
    figures = sum(isinstance(b, Figure) for b in blocks)
    return (f"document: {len(document.sections)} sections, {len(blocks)} blocks, {len(tables)} "
            f"tables with {rows:,} rows ({chars / 1e6:.1f} M characters in runs), {figures} charts")


def time_renderers(document, runs: int) -> dict:
    from tendik.exports.render import renderer

    results = {}
    for fmt in FORMATS:
        render = renderer(fmt)
        timings = []
        for _ in range(runs):
            seconds, content = timed(render, document)
            timings.append(seconds)
        (OUT / f"national-report.{fmt}").write_bytes(content)
        results[fmt] = {"times": timings, "bytes": len(content)}
        print(line(f"render {fmt}", timings), flush=True)
    return results


def new_report(plan, coordinator, periods, fmt: str, language: str):
    from tendik.exports.models import NationalReport

    return NationalReport.objects.create(plan=plan, date_from=periods[0].start,
                                         date_to=periods[-1].end, format=fmt, language=language,
                                         created_by=coordinator)


def end_to_end(report):
    """As the worker runs it; the stored file is removed again, the row kept for the next run."""
    from tendik.exports.services import national_report_build

    fresh_caches()
    built = national_report_build(report=report)
    built.file.storage.delete(built.file.name)
    return built


def pdf_pages(path: Path) -> str:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return "pdfinfo missing"
    output = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True,  # noqa: S603 (our file)
                            check=True).stdout
    return next((line.split()[-1] for line in output.splitlines() if line.startswith("Pages:")),
                "?")


# ---------------------------------------------------------------- end to end, in a fresh process


def peak_rss_kb() -> int:
    """The process's peak resident set (VmHWM). Not ru_maxrss: Linux carries it across exec, so
    a child started from this large process would report the parent's peak as its own."""
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))


def child(fmt: str, args) -> None:
    """A worker's life in short: N end-to-end builds of one format, the peak RSS before the
    first, after it and after all; with `--tracemalloc` one more build for the Python heap's
    peak (after the RSS readings, which it would inflate)."""
    from common import connection

    connection.settings_dict["NAME"] = args.child_database
    from tendik.exports import content, render  # noqa: F401 — imported before the baseline

    render.renderer(fmt)
    plan, coordinator, periods = existing()
    report = new_report(plan, coordinator, periods, fmt, args.language)
    result = {"before_kb": peak_rss_kb(), "times": [], "heap": None}
    for run in range(args.runs):
        result["times"].append(timed(end_to_end, report)[0])
        if run == 0:
            result["first_kb"] = peak_rss_kb()
    result["all_kb"] = peak_rss_kb()
    if args.tracemalloc:
        tracemalloc.start()
        end_to_end(report)
        result["heap"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(json.dumps(result))


def fresh_process(fmt: str, args, name: str) -> dict:
    """End to end in a process of its own: one format's garbage (the PDF's layout leaves millions
    of objects for the collector) does not slow the next, and the peak memory is its own."""
    command = [sys.executable, __file__, "--database", args.database, "--language", args.language,
               "--runs", str(args.runs), "--child", fmt, "--child-database", name]
    if args.tracemalloc:
        command.append("--tracemalloc")
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 (this script)
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- profile


def profile(plan, coordinator, periods, language: str) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("--profile needs pyinstrument: .venv/bin/pip install pyinstrument")
        return
    for fmt in FORMATS:
        report = new_report(plan, coordinator, periods, fmt, language)
        profiler = Profiler(interval=0.005)
        with profiler:
            end_to_end(report)
        print(f"\n== profile: {fmt} end to end", flush=True)
        print(profiler.output_text(unicode=True, color=False, short_mode=True))


# ---------------------------------------------------------------- report


def line(label: str, times: list[tuple[float, float]], extra: str = "") -> str:
    walls = [wall for wall, _cpu in times]
    return (f"{label:34} {statistics.median(walls):8.2f} {max(walls):8.2f} "
            f"{statistics.median(cpu for _wall, cpu in times):8.2f}  {extra}")


def summary(content: list, sections: dict, renders: dict, e2e: dict, pages: str,
            runs: int) -> list[str]:
    lines = [f"{'part (seconds)':34} {'median':>8} {'max':>8} {'CPU':>8}",
             line("content (build_document)", content)]
    lines += [f"  {key:32} {seconds:8.2f}  {SECTION_NOTES.get(key, '')}"
              for key, seconds in sections.items()]
    for fmt in FORMATS:
        size = f"{renders[fmt]['bytes'] / 2**20:.1f} MB" + (f", {pages} pages" if fmt == "pdf"
                                                               else "")
        lines.append(line(f"render {fmt}", renders[fmt]["times"], size))
    lines.append("end to end (national_report_build), a fresh process per format:")
    for fmt in FORMATS:
        times = e2e[fmt]["times"]
        median = statistics.median(wall for wall, _cpu in times)
        verdict = "met" if median <= TARGETS[fmt] else "MISSED"
        lines.append(line(f"  {fmt}", times, f"first {times[0][0]:.2f}; target ≤ "
                                              f"{TARGETS[fmt]:.0f} s (median): {verdict}"))
    lines.append(f"\n{'peak RSS (MB), same processes':34} {'before':>8} {'1st run':>8} "
                 f"{f'{runs} runs':>8} {'py heap':>8}")
    lines += [memory_line(fmt, e2e[fmt]) for fmt in FORMATS]
    return lines


def memory_line(fmt: str, m: dict) -> str:
    """Peak RSS with Django and the renderer imported, after the first build, after all of them;
    tracemalloc's peak of the Python heap when measured."""
    heap = f"{m['heap'] / 2**20:8.0f}" if m["heap"] is not None else f"{'—':>8}"
    return (f"  {fmt:32} {m['before_kb'] / 1024:8.0f} {m['first_kb'] / 1024:8.0f} "
            f"{m['all_kb'] / 1024:8.0f} {heap}")


def measure(args, vendor: str, plan, coordinator, periods) -> None:
    from common import connection

    basis = report_basis(plan, coordinator, periods)
    build(basis, args.language)  # warm-up: imports, fonts, the chart style
    content, sections, document = time_content(basis, args.language, args.runs)
    print(line("content (build_document)", content), document_summary(document))
    print(content_queries(basis, args.language), flush=True)
    renders = time_renderers(document, args.runs)
    pages = pdf_pages(OUT / "national-report.pdf")
    e2e = {}
    for fmt in FORMATS:
        e2e[fmt] = fresh_process(fmt, args, connection.settings_dict["NAME"])
        print(line(f"{fmt} end to end", e2e[fmt]["times"]), memory_line(fmt, e2e[fmt]),
              flush=True)
    print(f"\n== summary ({vendor}, {args.language}, {args.runs} runs; load average now "
          f"{os.getloadavg()[0]:.1f})")
    print("\n".join(summary(content, sections, renders, e2e, pages, args.runs)))


def run(args) -> None:
    from common import connection
    from national_report_data import populate_report

    with database(args.keep) as vendor:
        print(f"database: {vendor} ({connection.settings_dict['NAME']}), runs: {args.runs}, "
              f"language: {args.language}; load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} CPUs", flush=True)
        found = existing()
        if found is None:
            data = populate_report()
            found = data.plan, data.coordinator, data.periods
        plan, coordinator, periods = found
        print("\n".join(data_summary(plan, report_basis(plan, coordinator, periods))), flush=True)
        if args.profile:
            profile(plan, coordinator, periods, args.language)
        else:
            measure(args, vendor, plan, coordinator, periods)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--language", default="ru", choices=["ru", "ky", "en"])
    parser.add_argument("--keep", action="store_true", help="keep the database, reuse its data")
    parser.add_argument("--profile", action="store_true",
                        help="instead of the timings, one pyinstrument profile per format")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="the memory runs also measure the Python heap (slow for the PDF)")
    parser.add_argument("--child", choices=FORMATS, help=argparse.SUPPRESS)
    parser.add_argument("--child-database", help=argparse.SUPPRESS)
    args = parser.parse_args()
    choose_database(args.database)
    if args.child:
        child(args.child, args)
    else:
        run(args)


if __name__ == "__main__":
    main()
