"""Importing the open data fixtures: the KZ goal-5 Open SDG folder (16 CSV files, 4,208 values,
with --on-conflict=first for indicator_5-5-2.csv) and the KG SDMX-ML folder (9 files and their
1.9 MB structure definition, 723 values), each into a fresh database, then again (nothing
changes). Wall and CPU time per import, median and max of --runs; parse caches are cleared
before every import, so each is timed as the command runs it in a new process.

    .venv/bin/python benchmarks/bench_opendata_import.py                  # SQLite
    .venv/bin/python benchmarks/bench_opendata_import.py --postgres       # PostgreSQL
        (TENDIK_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/bench_opendata)

It runs in a throw-away test database, never in the real one.
"""

import argparse
import os
import statistics
import sys
import time

POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_opendata"


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    # Before Django starts: the settings read the URL once.
    if options.postgres and not os.environ.get("TENDIK_DATABASE_URL", "").startswith("postgres"):
        os.environ["TENDIK_DATABASE_URL"] = POSTGRES_URL
    elif not options.postgres:
        os.environ.pop("TENDIK_DATABASE_URL", None)
    return options


def timed(work) -> tuple[float, float, object]:
    from tendik.opendata import opensdg_csv, sdmx_read

    opensdg_csv._yaml_parsed.cache_clear()
    sdmx_read._structure.cache_clear()
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def one_run(folder, code: str, on_conflict: str) -> dict[str, tuple[float, float]]:
    """A fresh database state (rolled back afterwards): import, then import again."""
    from django.db import transaction

    from tendik.opendata.importing import opensdg_import
    from tendik.territories.services import country_ensure

    figures = {}
    with transaction.atomic():
        country, _ = country_ensure(code=code)
        for label in ("import", "re-import (unchanged)"):
            wall, cpu, result = timed(lambda: opensdg_import(
                actor=None, country=country, path=folder, on_conflict=on_conflict))
            assert not result.errors, result.errors[:3]
            figures[label] = (wall, cpu, result.as_dict())
        assert figures["re-import (unchanged)"][2]["created"] == 0
        transaction.set_rollback(True)
    return figures


def main():
    options = parse()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from common import throwaway_database

    from tendik.opendata.tests.conftest import KG, KZ

    cases = [("KZ goal-5 Open SDG CSV folder", KZ, "KZ", "first"),
             ("KG SDMX-ML folder", KG / "data", "KG", "refuse")]
    with throwaway_database() as vendor:
        print(f"database: {vendor}; runs: {options.runs}")
        for title, folder, code, on_conflict in cases:
            runs = [one_run(folder, code, on_conflict) for _ in range(options.runs)]
            for label in runs[0]:
                counts = runs[0][label][2]
                walls = [run[label][0] for run in runs]
                cpus = [run[label][1] for run in runs]
                print(f"{title}, {label}: wall median {statistics.median(walls):.2f} s "
                      f"(max {max(walls):.2f}), CPU median {statistics.median(cpus):.2f} s; "
                      f"{counts['indicators']} indicators, {counts['observations']} values read, "
                      f"created {counts['created']}, unchanged {counts['unchanged']}")


if __name__ == "__main__":
    main()
