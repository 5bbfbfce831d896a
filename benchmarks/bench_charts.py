"""Chart libraries compared on the same two charts: speed, output size and install size.

The charts: a 20-point line with a baseline and two targets, and a 10-bar horizontal chart, each
as SVG and as PNG. Every library importable in the running interpreter is measured; Tendik's own
renderer (tendik/analytics/charts.py, on matplotlib) when the project can be imported too.
The candidates are not project dependencies: install them in a throwaway venv.

    python3 -m venv /tmp/chartcmp
    /tmp/chartcmp/bin/pip install pygal cairosvg vl-convert-python matplotlib
    /tmp/chartcmp/bin/python benchmarks/bench_charts.py        # pygal, Vega-Lite, matplotlib
    .venv/bin/python benchmarks/bench_charts.py                # Tendik's charts, matplotlib

Columns: import (ms), first render in the process (fonts, caches), then the median of renders
of new data ("cold": nothing reused; CPU ms, then wall ms) and of the same chart again ("warm":
only Tendik caches), output bytes, and the installed size of the package with everything it
requires (system libraries such as libcairo for cairosvg are not counted).
PNGs are written to $TMPDIR/bench_charts/ to compare the look.
"""

import importlib
import importlib.metadata as metadata
import io
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 15
OUT = Path(tempfile.gettempdir()) / "bench_charts"
LABELS = [f"{2020 + i // 4} Q{i % 4 + 1}" for i in range(20)]
BASELINE = 10.0
TARGETS = {9: 25.0, 19: 40.0}
CATEGORIES = ["Обучение госслужащих", "Семинар", "Тренинг", "Круглый стол", "Конференция",
              "Информационная кампания", "Консультация", "Форум", "Выставка", "Другое"]


def values(seed: int) -> list[float]:
    """Other data for every seed, so that no cache can answer a "cold" render."""
    return [round(10 + i * 1.3 + (i * 3) % 5 * 0.4 + seed * 0.1, 1) for i in range(20)]


def bars(seed: int) -> list[float]:
    return [float((i * 37) % 90 + 10 + seed) for i in range(10)]


# ---------------------------------------------------------------- the candidates


def tendik_setup():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from tendik.analytics import charts

    def line(seed, fmt):
        return charts.line_chart(
            title="Доля", description="Доля по кварталам", x_labels=LABELS,
            series=[("Доля", values(seed))], baseline=BASELINE,
            targets=[(LABELS[i], v) for i, v in TARGETS.items()], unit="%", fmt=fmt)

    def bar(seed, fmt):
        return charts.bar_chart(title="Участники", description="По видам",
                                categories=CATEGORIES, series=[("Участники", bars(seed))],
                                fmt=fmt)

    return line, bar


def matplotlib_setup():
    from matplotlib.figure import Figure

    def save(fig, fmt):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt)
        return buffer.getvalue()

    def line(seed, fmt):
        fig = Figure(figsize=(6.4, 3.2))
        ax = fig.add_subplot()
        ax.plot(range(20), values(seed), marker="o")
        ax.axhline(BASELINE, linestyle="--")
        ax.plot(list(TARGETS), list(TARGETS.values()), "D", markerfacecolor="white")
        ax.set_xticks(range(0, 20, 4), LABELS[::4])
        return save(fig, fmt)

    def bar(seed, fmt):
        fig = Figure(figsize=(6.4, 4))
        ax = fig.add_subplot()
        ax.bar_label(ax.barh(range(10), bars(seed)))
        ax.set_yticks(range(10), CATEGORIES)
        fig.tight_layout()
        return save(fig, fmt)

    return line, bar


def pygal_setup():
    import pygal

    def render(chart, fmt):
        return chart.render_to_png() if fmt == "png" else chart.render()

    def line(seed, fmt):
        chart = pygal.Line(width=640, height=320, x_label_rotation=0, show_minor_x_labels=False)
        chart.x_labels = LABELS
        chart.x_labels_major = LABELS[::4]
        chart.add("Доля", values(seed))
        chart.add("Базовое значение", [BASELINE] * 20, show_dots=False,
                  stroke_style={"dasharray": "6, 4"})
        chart.add("Цель", [TARGETS.get(i) for i in range(20)], stroke=False)
        return render(chart, fmt)

    def bar(seed, fmt):
        chart = pygal.HorizontalBar(width=640, height=400, print_values=True)
        chart.x_labels = CATEGORIES
        chart.add("Участники", bars(seed))
        return render(chart, fmt)

    return line, bar


def vega_setup():
    import vl_convert

    def render(spec, fmt):
        if fmt == "png":
            return vl_convert.vegalite_to_png(spec, scale=2)
        return vl_convert.vegalite_to_svg(spec)

    def line(seed, fmt):
        rows = [{"x": label, "i": i, "v": v} for i, (label, v) in enumerate(
            zip(LABELS, values(seed), strict=True))]
        targets = [{"x": LABELS[i], "v": v} for i, v in TARGETS.items()]
        spec = {
            "width": 560, "height": 260,
            "layer": [
                {"data": {"values": rows}, "mark": {"type": "line", "point": True},
                 "encoding": {"x": {"field": "x", "type": "ordinal", "sort": None},
                              "y": {"field": "v", "type": "quantitative"}}},
                {"mark": {"type": "rule", "strokeDash": [6, 4]},
                 "encoding": {"y": {"datum": BASELINE}}},
                {"data": {"values": targets}, "mark": {"type": "point", "shape": "diamond"},
                 "encoding": {"x": {"field": "x", "type": "ordinal", "sort": None},
                              "y": {"field": "v", "type": "quantitative"}}},
            ],
        }
        return render(spec, fmt)

    def bar(seed, fmt):
        rows = [{"c": c, "v": v} for c, v in zip(CATEGORIES, bars(seed), strict=True)]
        spec = {"width": 460, "data": {"values": rows},
                "layer": [{"mark": "bar"}, {"mark": {"type": "text", "align": "left", "dx": 3},
                                            "encoding": {"text": {"field": "v"}}}],
                "encoding": {"y": {"field": "c", "type": "nominal", "sort": None},
                             "x": {"field": "v", "type": "quantitative"}}}
        return render(spec, fmt)

    return line, bar


CANDIDATES = [
    # name, module that must import, distribution measured, setup
    ("tendik (matplotlib)", "django", "matplotlib", tendik_setup),
    ("matplotlib", "matplotlib", "matplotlib", matplotlib_setup),
    ("pygal (+cairosvg for PNG)", "pygal", ("pygal", "cairosvg"), pygal_setup),
    ("vega-lite (vl-convert)", "vl_convert", "vl-convert-python", vega_setup),
]


# ---------------------------------------------------------------- installed size


def _requirements(name: str) -> list[str]:
    names = []
    for requirement in metadata.requires(name) or []:
        if "extra ==" in requirement:
            continue
        names.append(re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0])
    return names


def installed_bytes(names) -> tuple[int, list[str]]:
    """The files of these distributions and of everything they require, as installed."""
    seen, total, queue = set(), 0, list(names)
    while queue:
        name = queue.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for file in distribution.files or []:
            path = Path(distribution.locate_file(file))
            if path.is_file():
                total += path.stat().st_size
        queue += _requirements(name)
    return total, sorted(seen)


# ---------------------------------------------------------------- measuring


def timed(render, *args) -> tuple[float, float, object]:
    """CPU and wall milliseconds: CPU time is what the render costs on a busy machine."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = render(*args)
    return ((time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000, result)


def measure(name: str, render, fmt: str) -> dict:
    first, _wall, output = timed(render, 0, fmt)
    cold = [timed(render, seed, fmt)[:2] for seed in range(1, ROUNDS + 1)]
    warm = [timed(render, 1, fmt)[0] for _ in range(ROUNDS)]
    size = len(output.encode() if isinstance(output, str) else output)
    if fmt == "png":
        OUT.mkdir(exist_ok=True)
        slug = re.sub(r"\W+", "-", name).strip("-")
        (OUT / f"{slug}.png").write_bytes(output)
    return {"first": first, "cold": statistics.median(cpu for cpu, _wall in cold),
            "cold_wall": statistics.median(wall for _cpu, wall in cold),
            "warm": statistics.median(warm), "bytes": size}


def main() -> None:
    print(f"python {sys.version.split()[0]} at {sys.prefix}; {ROUNDS} rounds; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    header = (f"{'library':28} {'chart':5} {'fmt':4} {'import':>7} {'first':>7} {'cold':>7} "
              f"{'(wall)':>7} {'warm':>7} {'bytes':>8} {'install MB':>10}")
    print(header)
    print("-" * len(header))
    for name, module, distributions, setup in CANDIDATES:
        try:
            started = time.perf_counter()
            importlib.import_module(module)
            line, bar = setup()
            imported = (time.perf_counter() - started) * 1000
        except ImportError as exc:
            print(f"{name:28} skipped: {exc}")
            continue
        install, _names = installed_bytes(
            distributions if isinstance(distributions, tuple) else (distributions,))
        for chart, render in (("line", line), ("bar", bar)):
            for fmt in ("svg", "png"):
                figures = measure(f"{name}-{chart}", render, fmt)
                print(f"{name:28} {chart:5} {fmt:4} {imported:7.0f} {figures['first']:7.1f} "
                      f"{figures['cold']:7.1f} {figures['cold_wall']:7.1f} "
                      f"{figures['warm']:7.2f} {figures['bytes']:8} "
                      f"{install / 2**20:10.1f}")
                imported = 0.0  # counted once per library


if __name__ == "__main__":
    main()
