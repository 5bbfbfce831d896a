"""Run the locust mix against gunicorn on 127.0.0.1, bounded in time, and print the figures.

    .venv/bin/python benchmarks/load/run.py --database sqlite --users 10,20,40 --duration 60s
    .venv/bin/python benchmarks/load/run.py --database postgres --users 40 --configs 2x1,3x4,5x2
    .venv/bin/python benchmarks/load/run.py --database postgres --users 40 --servers 2

For each gunicorn configuration (workers×threads; one thread means the sync worker) it prepares
the database (setup.py), starts the background worker and `--servers` gunicorn masters on
consecutive ports from `--port`, runs locust headless once per user count, stops everything and
prints per step: requests/s, p50/p95/p99, server errors (5xx) apart from save conflicts (409),
"database is locked" lines in the server log, the CPU the server and locust used, and the p95 of
each request type. Locust runs in one process beside the server: its CPU is printed too, since it
takes its share of the same cores. Results are also written as JSON beside the CSV files.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from environment import PYTHON, ROOT, WORK, server_environment, targets_path  # noqa: E402
from where_time_goes import print_summary  # noqa: E402

HERE = Path(__file__).resolve().parent
BIN = Path(PYTHON).parent
P95_LIMIT_MS = 500


def _locust_installed() -> None:
    if not (BIN / "locust").exists():
        sys.exit("locust is not installed in the venv: .venv/bin/pip install -e '.[load]'")


def _seconds(text: str) -> int:
    units = {"s": 1, "m": 60}
    return int(text[:-1]) * units[text[-1]] if text[-1] in units else int(text)


# Processes -----------------------------------------------------------------------------------

def _start(command: list[str], environment: dict, log: Path) -> subprocess.Popen:
    handle = open(log, "ab")  # noqa: SIM115 — kept open for the life of the process
    return subprocess.Popen(command, cwd=ROOT, env=environment,  # noqa: S603 (our own commands)
                            stdout=handle, stderr=subprocess.STDOUT)


def _gunicorn(port: int, workers: int, threads: int, environment: dict, log: Path):
    kind = ["-k", "sync"] if threads == 1 else ["-k", "gthread", "--threads", str(threads)]
    return _start([str(BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}",
                   "-w", str(workers), *kind, "--timeout", "60", "--no-control-socket",
                   # Longer than the users' pause between requests: a POST on a connection the
                   # server is closing fails instead of being retried, as browsers would.
                   "--keep-alive", "5", "--worker-tmp-dir", "/dev/shm"],  # noqa: S108 (heartbeat files in memory),
                  environment, log)


def _wait_live(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"gunicorn on port {port} did not come up; see the log in {WORK}")


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _cpu_seconds(processes: list[subprocess.Popen]) -> float:
    """CPU used so far by the servers: each master and its workers."""
    total = 0.0
    for process in processes:
        try:
            tree = psutil.Process(process.pid)
            for member in [tree, *tree.children(recursive=True)]:
                times = member.cpu_times()
                total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


# One step ------------------------------------------------------------------------------------

def _locust(users: int, duration: str, hosts: list[str], database: str, prefix: Path) -> float:
    """Run locust headless; the CPU seconds it used."""
    environment = {**os.environ, "TENDIK_LOAD_TARGETS": str(targets_path(database)),
                   "TENDIK_LOAD_HOSTS": ",".join(hosts)}
    command = [str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
               "-u", str(users), "-r", str(max(1, users // 5)), "-t", duration,
               "--host", hosts[0], "--csv", str(prefix), "--reset-stats", "--only-summary",
               "--stop-timeout", "5", "--loglevel", "WARNING"]
    with open(f"{prefix}.log", "wb") as log:
        process = subprocess.Popen(command, env=environment,  # noqa: S603
                                   stdout=log, stderr=subprocess.STDOUT)
        _pid, _status, usage = os.wait4(process.pid, 0)
    return usage.ru_utime + usage.ru_stime


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _figures(prefix: Path) -> dict:
    stats = {row["Name"]: row for row in _rows(Path(f"{prefix}_stats.csv"))}
    total = stats.pop("Aggregated")
    failures = _rows(Path(f"{prefix}_failures.csv"))
    server = sum(int(row["Occurrences"]) for row in failures if "server error" in row["Error"])
    other = sum(int(row["Occurrences"]) for row in failures) - server
    conflicts = stats.get("focal: save section (conflict)", {}).get("Request Count", "0")
    return {
        "requests": int(total["Request Count"]), "rps": float(total["Requests/s"]),
        "p50": _ms(total["50%"]), "p95": _ms(total["95%"]), "p99": _ms(total["99%"]),
        "server_errors": server, "other_failures": other, "conflicts": int(conflicts),
        "errors": sorted({row["Error"] for row in failures}),
        "by_type": {name: {"count": int(row["Request Count"]), "p50": _ms(row["50%"]),
                           "p95": _ms(row["95%"])} for name, row in sorted(stats.items())},
    }


def _ms(value: str) -> float:
    return float(value) if value not in ("", "N/A") else 0.0


def _locked(logs: list[Path], offsets: list[int]) -> int:
    return sum(log.read_bytes()[offset:].count(b"database is locked")
               for log, offset in zip(logs, offsets, strict=True))


def _step(users: int, args, servers: list, logs: list[Path], label: str) -> dict:
    hosts = [f"http://127.0.0.1:{args.port + number}" for number in range(args.servers)]
    prefix = WORK / "runs" / f"{label}-u{users}"
    offsets = [log.stat().st_size for log in logs]
    before, started = _cpu_seconds(servers), time.monotonic()
    locust_cpu = _locust(users, args.duration, hosts, args.database, prefix)
    wall = time.monotonic() - started
    figures = _figures(prefix)
    return {**figures, "users": users, "config": label,
            "server_cpu_pct": round(100 * (_cpu_seconds(servers) - before) / wall),
            "locust_cpu_pct": round(100 * locust_cpu / wall),
            "locked": _locked(logs, offsets), "load_average": round(os.getloadavg()[0], 1)}


# A configuration -----------------------------------------------------------------------------

def _run_config(workers: int, threads: int, args) -> list[dict]:
    label = f"{args.database}-{args.servers}x{workers}x{threads}"
    environment = server_environment(args.database)
    logs = [WORK / "runs" / f"{label}-server{number}.log" for number in range(args.servers)]
    for log in logs:
        log.write_bytes(b"")
    worker = _start([PYTHON, "manage.py", "db_worker"], environment, WORK / "runs" / "worker.log")
    servers = [_gunicorn(args.port + number, workers, threads, environment, log)
               for number, log in enumerate(logs)]
    try:
        for number in range(args.servers):
            _wait_live(args.port + number)
        # Every worker renders each page once before the figures count: templates, imports.
        _locust(3 * workers, "20s", [f"http://127.0.0.1:{args.port}"], args.database,
                WORK / "runs" / f"{label}-warmup")
        profile = WORK / "runs" / f"{label}-profile.txt"
        profiler = _profile(servers[0], args.py_spy, profile) if args.py_spy else None
        results = [_step(users, args, servers, logs, label) for users in args.users]
        if profiler:
            profiler.wait()
            print_summary(profile)
        return results
    finally:
        _stop([*servers, worker])


def _profile(server: subprocess.Popen, seconds: int, output: Path) -> subprocess.Popen:
    """Sample every gunicorn worker with py-spy during the first step (in the background)."""
    command = [str(BIN / "py-spy"), "record", "--pid", str(server.pid), "--subprocesses",
               "--duration", str(seconds), "--format", "raw", "--output", str(output),
               "--nonblocking"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL,  # noqa: S603
                            stderr=subprocess.DEVNULL)


# Output --------------------------------------------------------------------------------------

def _print(results: list[dict]) -> None:
    print(f"\n{'config':<24}{'users':>6}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'5xx':>5}"
          f"{'other':>6}{'409':>5}{'locked':>7}{'srvCPU%':>8}{'locCPU%':>8}{'load':>6}")
    for row in results:
        print(f"{row['config']:<24}{row['users']:>6}{row['rps']:>8.1f}{row['p50']:>7.0f}"
              f"{row['p95']:>7.0f}{row['p99']:>7.0f}{row['server_errors']:>5}"
              f"{row['other_failures']:>6}{row['conflicts']:>5}{row['locked']:>7}"
              f"{row['server_cpu_pct']:>8}{row['locust_cpu_pct']:>8}{row['load_average']:>6}")
    for row in results:
        print(f"\np95 by request type, {row['config']}, {row['users']} users (ms; count):")
        for name, figures in row["by_type"].items():
            print(f"  {name:<40}{figures['p95']:>7.0f}{figures['count']:>7}")
        if row["errors"]:
            print("  errors: " + "; ".join(row["errors"]))
    held = [row for row in results if row["p95"] <= P95_LIMIT_MS and row["server_errors"] == 0]
    if held:
        best = max(held, key=lambda row: row["rps"])
        print(f"\nHighest throughput with p95 ≤ {P95_LIMIT_MS} ms and no 5xx: {best['rps']:.1f} "
              f"req/s at {best['users']} users ({best['config']}).")
    else:
        print(f"\nNo step held p95 ≤ {P95_LIMIT_MS} ms without server errors.")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--users", default="10,20,40", help="user counts, one step each")
    parser.add_argument("--duration", default="60s", help="each step's run time (s or m)")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--configs", default="", help="a sweep, e.g. 2x1,3x4,5x2 (overrides "
                                                      "--workers/--threads)")
    parser.add_argument("--servers", type=int, default=1, help="gunicorn masters, one port each")
    parser.add_argument("--port", type=int, default=8640)
    parser.add_argument("--py-spy", type=int, default=0, metavar="SECONDS",
                        help="profile the first server's workers for this long during the first step")
    parser.add_argument("--skip-setup", action="store_true")
    args = parser.parse_args()
    args.users = [int(users) for users in args.users.split(",")]
    args.configs = [tuple(int(n) for n in config.split("x")) for config in args.configs.split(",")
                    if config] or [(args.workers, args.threads)]
    _seconds(args.duration)  # refuse a malformed duration before anything starts
    return args


def main() -> None:
    args = _arguments()
    _locust_installed()
    (WORK / "runs").mkdir(parents=True, exist_ok=True)
    if not args.skip_setup:
        subprocess.run([PYTHON, str(HERE / "setup.py"),  # noqa: S603
                        "--database", args.database], check=True, stderr=subprocess.DEVNULL)
    results = [row for workers, threads in args.configs for row in _run_config(workers, threads, args)]
    stamp = time.strftime("%Y%m%dT%H%M%S")
    (WORK / "runs" / f"results-{stamp}.json").write_text(json.dumps(results, indent=1))
    _print(results)


if __name__ == "__main__":
    main()
