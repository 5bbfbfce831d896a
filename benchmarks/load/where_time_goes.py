"""Where the server's time goes: a py-spy raw profile (collapsed stacks) summed two ways.

    .venv/bin/python benchmarks/load/where_time_goes.py /tmp/tendik_load/runs/<label>-profile.txt

Stages: the share of samples spent in each layer a request crosses (the database driver,
template rendering, gzip, the session save...); a sample counts once per stage it passes
through, so the shares may add up to more than 100 %. Functions: the share of samples each of
our own functions (tendik/, the middleware left out) is on the stack, its callees included.
"""

import re
import sys
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<function>.+?) \((?P<file>[^()]+?):\d+\)$")
STAGES = {
    "database: the ORM, the driver included": ("django/db/models/sql/compiler.py",
                                               "django/db/backends/utils.py"),
    "database: of which the SQLite driver": ("sqlite3/base.py",),
    "database: of which the PostgreSQL driver": ("psycopg/cursor.py", "psycopg/connection.py"),
    "templates: Django": ("django/template/base.py",),
    "templates: Jinja2": ("jinja2/",),
    "charts: matplotlib": ("matplotlib/",),
    "session save": ("django/contrib/sessions/backends/db.py",),
    "gzip": ("django/middleware/gzip.py", "django/utils/text.py:compress"),
    "translation": ("django/utils/translation/",),
}


def _frames(line: str) -> tuple[list[tuple[str, str]], int]:
    stack, _space, count = line.rpartition(" ")
    frames = []
    for part in stack.split(";"):
        found = FRAME.match(part.strip())
        if found:
            frames.append((found["function"], found["file"]))
    return frames, int(count)


def summary(path: Path, top: int = 15) -> dict:
    stages, functions, total = Counter(), Counter(), 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or not line.rstrip()[-1].isdigit():
            continue
        frames, count = _frames(line)
        total += count
        files = [file for _function, file in frames]
        for stage, markers in STAGES.items():
            if any(marker in file for marker in markers for file in files):
                stages[stage] += count
        for name in {f"{function} ({file.split('tendik/', 1)[1]})"
                     for function, file in frames
                     if "tendik/" in file and not function.endswith("__call__")}:  # not the middleware
            functions[name] += count
    return {"samples": total, "stages": _shares(stages, total, top),
            "functions": _shares(functions, total, top)}


def _shares(counter: Counter, total: int, top: int) -> list[tuple[str, float]]:
    return [(name, round(100 * n / total, 1)) for name, n in counter.most_common(top)] if total else []


def print_summary(path: Path) -> None:
    result = summary(path)
    print(f"\nWhere the time goes ({path.name}, {result['samples']} samples):")
    for heading in ("stages", "functions"):
        for name, percent in result[heading]:
            print(f"  {percent:>5.1f} %  {name}")
        print()


if __name__ == "__main__":
    print_summary(Path(sys.argv[1]))
