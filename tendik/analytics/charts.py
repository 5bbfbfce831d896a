"""Charts for pages (inline SVG) and documents (PNG): one renderer on matplotlib's object API.

Pyplot keeps global figure state and is not safe in gunicorn threads, so every chart builds its own
`Figure`. Each chart is cached on its (hashable) arguments and the reader's language: an unchanged
figure costs nothing the second time. Margins are measured from the labels instead of using
matplotlib's constrained layout, which draws every figure twice (≈90 ms instead of ≈40 ms).

Readability rules shared by every chart: few gridlines, values written on bars and on each line's
last point, a legend only for several series, and never colour alone (Okabe–Ito colours plus a
marker and a line style per line, a hatch per bar series).
"""

import hashlib
import io
import math
import re
import textwrap
from collections.abc import Sequence
from functools import lru_cache
from xml.sax.saxutils import escape

import matplotlib
from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import ScaledTranslation

from tendik.core.i18n import current_language

# Read at save time only, so setting them once is enough: text stays text (selectable, small,
# translatable by the browser) and the hash-based ids of clip paths and hatches are stable.
matplotlib.rcParams.update({
    "svg.fonttype": "none",
    "svg.hashsalt": "tendik",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Liberation Sans"],
    "font.size": 10,
    "hatch.linewidth": 0.8,
})

# Okabe–Ito, reordered so that the first colours contrast best with white; yellow comes last.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
           "#F0E442")
MARKERS = ("o", "s", "^", "v", "P", "X", "*", "h")
LINE_STYLES = ("-", "--", ":", "-.", (0, (6, 2, 1, 2)), (0, (1, 3)), (0, (8, 3)), (0, (3, 1)))
# Lines only: a dotted or circled hatch is drawn dot by dot in SVG (≈100 KB a pattern).
HATCHES = ("", "///", "\\\\\\", "xxx", "---", "|||", "+++", "//")
INK = "#1a1a1a"
MUTED = "#595959"  # 7:1 on white
GRID = "#e0e0e0"
DPI = 100  # one figure pixel is one CSS pixel at the default width
PNG_DPI = 200  # print quality for documents
TEXT = 10  # points; tick labels, values, legend
LINE_HEIGHT = 15  # px of one line of TEXT
LEGEND_ROW = 24
LABEL_LINE = 17  # px of one line of a label drawn above its bar (matplotlib's 1.2 spacing)
PANEL_HEIGHT = 150
PANEL_WIDTH = 640
MAX_LABEL_LINES = 3
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

Values = Sequence[float | None]


# ---------------------------------------------------------------- text


def format_number(value: float | None, unit: str = "") -> str:
    """A number as the reader writes it: «12 345,5» in Russian, «12,345.5» in English.

    Groups are split by a narrow no-break space; the unit follows after a no-break space.
    """
    if value is None or math.isnan(value):
        return "—"
    digits = 0 if float(value).is_integer() else (2 if abs(value) < 10 else 1)
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if current_language() != "en":
        text = text.replace(",", "\u202f").replace(".", ",")
    return f"{text}\u00a0{unit}" if unit else text


def _axis_formatter():
    return FuncFormatter(lambda value, _position: format_number(round(value, 6)))


def wrap_label(label: str, width: int) -> str:
    lines = textwrap.wrap(str(label), width, break_long_words=False) or [""]
    if len(lines) > MAX_LABEL_LINES:
        lines = lines[:MAX_LABEL_LINES]
        lines[-1] = lines[-1][: width - 1] + "…"
    return "\n".join(lines)


_MEASURE = TextToPath()


def _text_px(texts, *, bold: bool = False, size: float = TEXT) -> float:
    """The widest of these texts (each maybe several lines) in figure pixels."""
    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    widths = [_MEASURE.get_text_width_height_descent(line, prop, ismath=False)[0]
              for text in texts for line in str(text).split("\n")]
    return max(widths, default=0.0) * DPI / 72


def _lines(texts) -> int:
    return max((str(text).count("\n") + 1 for text in texts), default=1)


# ---------------------------------------------------------------- arguments made hashable


def number_or_none(value) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _series(series) -> tuple[tuple[str, tuple[float | None, ...]], ...]:
    return tuple((str(label), tuple(number_or_none(v) for v in values))
                 for label, values in series)


def _has_values(series) -> bool:
    return any(v is not None for _label, values in series for v in values)


# ---------------------------------------------------------------- figure, layout and output


def new_figure(width: int, height: int) -> Figure:
    return Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")


def _margins(fig: Figure, *, left: float, right: float, top: float, bottom: float,
             **spacing) -> None:
    """Margins in pixels (measured from the labels), turned into matplotlib's fractions."""
    width, height = fig.get_size_inches() * DPI
    fig.subplots_adjust(left=min(left / width, 0.6), right=1 - right / width,
                        top=1 - top / height, bottom=min(bottom / height, 0.6), **spacing)


def _style_axes(ax, *, value_axis: str = "y") -> None:
    for side in ("top", "right", "left" if value_axis == "y" else "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom" if value_axis == "y" else "left"].set_color(MUTED)
    ax.tick_params(colors=INK, labelsize=TEXT, length=0 if value_axis == "y" else 3)
    ax.tick_params(axis=value_axis, length=0, labelcolor=MUTED)
    ax.grid(axis=value_axis, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)


def _tick_texts(ax, axis: str = "y") -> list[str]:
    """The value-axis labels as they will be drawn, to measure the margin they need."""
    low, high = ax.get_ylim() if axis == "y" else ax.get_xlim()
    scale = ax.yaxis if axis == "y" else ax.xaxis
    ticks = [t for t in scale.get_major_locator().tick_values(low, high) if low <= t <= high]
    return [format_number(round(t, 6)) for t in ticks]


def draw_empty(fig: Figure, description: str) -> None:
    """No data: the caller's description (which says so) inside a light frame, and no axes."""
    ax = fig.add_axes((0.01, 0.02, 0.98, 0.96))
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set(color=GRID, linestyle=(0, (4, 3)))
    ax.text(0.5, 0.5, wrap_label(description or _("Нет данных"), 60), ha="center", va="center",
            color=MUTED, fontsize=11, transform=ax.transAxes)


# An entry's key and the space around it, in pixels: matplotlib's handlelength 3 and
# handletextpad 0.8 at TEXT points, and columnspacing 2 between columns.
LEGEND_KEY_PX = (3 + 0.8) * TEXT * DPI / 72
LEGEND_GAP_PX = 2 * TEXT * DPI / 72


def _legend_columns(labels: Sequence[str], width: float) -> int:
    """Three entries a row on a page, two on a phone, fewer when the widest label would run off
    the figure («выполнено частично» does at 360 px)."""
    entry = LEGEND_KEY_PX + _text_px(labels)
    for columns in (3, 2) if width >= 500 else (2,):
        if columns * entry + (columns - 1) * LEGEND_GAP_PX <= width - 8:
            return columns
    return 1


def _legend_rows(labels: Sequence[str], width: float = PANEL_WIDTH) -> int:
    return math.ceil(len(labels) / _legend_columns(labels, width)) if len(labels) > 1 else 0


def _legend(fig: Figure, labels: Sequence[str], handles) -> None:
    if len(labels) > 1:
        columns = _legend_columns(labels, fig.get_size_inches()[0] * DPI)
        fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(0, 1),
                   ncols=min(len(labels), columns), frameon=False, fontsize=TEXT,
                   handlelength=3, borderaxespad=0.3)


_TAG = re.compile(r"<[^<>]+>")
_ID = re.compile(r'\sid="([^"]*)"')
_REFERENCE = re.compile(r'(?:url\(#|href="#)([^)"]+)')
_PRECISION = re.compile(r"(\d\.\d\d)\d+")
_SPACE = re.compile(r"\s*\n\s*")
_ROOT = re.compile(r"<svg[^>]*>")
_VIEWBOX = re.compile(r'viewBox="([^"]*)"')
_STYLE = re.compile(r"<defs>\s*<style[^>]*>.*?</style>\s*</defs>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _inline_svg(svg: str, *, title: str, description: str, prefix: str) -> str:
    """Matplotlib's SVG made safe to put inline in a page, many times over.

    No XML prolog or DOCTYPE; no global <style> (its `*` rule would reach the whole page); only
    the ids something refers to are kept, each prefixed so charts never clash; two decimals are
    plenty for coordinates; the root scales to its container and names itself for screen readers.
    Text between tags is left alone: only tags are rewritten.
    """
    svg = _COMMENT.sub("", _STYLE.sub("", svg[svg.index("<svg"):]))
    referenced = set(_REFERENCE.findall(svg))

    def tag(match: re.Match) -> str:
        text = _ID.sub(lambda m: f' id="{prefix}-{m[1]}"' if m[1] in referenced else "", match[0])
        text = _REFERENCE.sub(lambda m: m[0].replace(f"#{m[1]}", f"#{prefix}-{m[1]}"), text)
        return _SPACE.sub(" ", _PRECISION.sub(r"\1", text))

    svg = re.sub(r">\s+<", "><", _TAG.sub(tag, svg)).strip()
    view_box = _VIEWBOX.search(svg)[1]
    root = (f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}" viewBox="{view_box}" width="100%" '
            f'class="chart" role="img" aria-labelledby="{prefix}-title {prefix}-desc" '
            f'stroke-linejoin="round" stroke-linecap="butt">'
            f'<title id="{prefix}-title">{escape(title)}</title>'
            f'<desc id="{prefix}-desc">{escape(description)}</desc>')
    return _ROOT.sub(lambda _m: root, svg, count=1)


def render(fig: Figure, fmt: str, *, title: str, description: str, key: tuple) -> str | bytes:
    """The figure as inline SVG text or PNG bytes; `key` makes the SVG's ids unique to it."""
    buffer = io.BytesIO()
    if fmt == "png":
        fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
        return buffer.getvalue()
    if fmt != "svg":
        raise ValueError(f"fmt must be 'svg' or 'png', not {fmt!r}")
    fig.savefig(buffer, format="svg",
                metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    prefix = "c" + hashlib.blake2s(repr(key).encode(), digest_size=5).hexdigest()
    return _inline_svg(buffer.getvalue().decode(), title=title, description=description,
                       prefix=prefix)


# ---------------------------------------------------------------- lines


def _x_ticks(ax, labels: Sequence[str], room: float) -> list[str]:
    """Every label when they fit, else every k-th, always keeping the last (the latest)."""
    count = len(labels)
    step = max(1, math.ceil(count / max(2, room // 80)))
    positions = sorted(range(count - 1, -1, -step))
    shown = [wrap_label(labels[i], 12) for i in positions]
    ax.set_xticks(positions, shown)
    return shown


def _spread(positions: list[float], gap: float) -> list[float]:
    """Nudge label heights apart so that close last values don't print over each other."""
    order = sorted(range(len(positions)), key=positions.__getitem__)
    placed = list(positions)
    for before, after in zip(order, order[1:], strict=False):
        placed[after] = max(placed[after], placed[before] + gap)
    return placed


def _last_points(series) -> list[tuple[int, float]]:
    last = []
    for _label, values in series:
        index = max((i for i, v in enumerate(values) if v is not None), default=None)
        if index is not None:
            last.append((index, values[index]))
    return last


def _draw_lines(ax, series, *, small: bool = False) -> list:
    handles = []
    for number, (label, values) in enumerate(series):
        (line,) = ax.plot(
            range(len(values)), [math.nan if v is None else v for v in values],
            color=PALETTE[number % len(PALETTE)], marker=MARKERS[number % len(MARKERS)],
            linestyle=LINE_STYLES[number % len(LINE_STYLES)], linewidth=1.5 if small else 2,
            markersize=4 if small else 6, label=label)
        handles.append(line)
    return handles


def _label_last_points(ax, series, unit: str) -> list[str]:
    points = _last_points(series)
    low, high = ax.get_ylim()
    heights = _spread([v for _i, v in points], (high - low) * 0.09)
    # x in data plus 6 points to the right of the marker; y in data (nudged apart).
    beside = ax.transData + ScaledTranslation(6 / 72, 0, ax.figure.dpi_scale_trans)
    texts = []
    for (index, value), height in zip(points, heights, strict=True):
        texts.append(format_number(value, unit))
        ax.text(index, height, texts[-1], transform=beside, va="center", fontsize=TEXT,
                fontweight="bold", color=INK)
    return texts


def _target_position(labels: list[str], label: str) -> int | None:
    """At its own label, else at the last label naming it (the year 2024 → «2024 К4»)."""
    if label in labels:
        return labels.index(label)
    word = re.compile(rf"(?<!\w){re.escape(label)}(?!\w)")
    return max((i for i, text in enumerate(labels) if word.search(text)), default=None)


def _targets_on_axis(x_labels, targets) -> tuple[list[str], list[tuple[int, float]]]:
    """Targets at their labels; a target beyond the data (a 2030 goal) extends the axis."""
    labels = list(x_labels)
    placed = []
    for label, value in targets:
        position = _target_position(labels, label)
        if position is None:
            labels.append(label)
            position = len(labels) - 1
        placed.append((position, value))
    return labels, sorted(placed)


def _draw_baseline(ax, baseline: float, last_x: float, unit: str) -> None:
    ax.axhline(baseline, color=MUTED, linestyle=(0, (4, 3)), linewidth=1.2, zorder=1)
    # Under the line at the right end: lines usually rise away from the baseline over time.
    ax.annotate(_("базовое значение: %(value)s") % {"value": format_number(baseline, unit)},
                (last_x, baseline), xytext=(0, -4), textcoords="offset points", fontsize=9,
                color=MUTED, ha="right", va="top")


def _draw_targets(ax, placed, baseline: float | None, unit: str) -> list[str]:
    if not placed:
        return []
    if baseline is not None:
        # The path from the baseline to each yearly target: where the line should run.
        xs = [0] + [x for x, _v in placed]
        ys = [baseline] + [v for _x, v in placed]
        ax.fill_between(xs, baseline, ys, color=PALETTE[2], alpha=0.13, linewidth=0, zorder=0)
    ax.plot([x for x, _v in placed], [v for _x, v in placed], linestyle="none", marker="D",
            markersize=8, markerfacecolor="white", markeredgecolor=INK, markeredgewidth=1.5,
            zorder=4)
    texts = []
    for x, value in placed:
        texts.append(_("цель: %(value)s") % {"value": format_number(value, unit)})
        ax.annotate(texts[-1], (x, value), xytext=(0, 8), textcoords="offset points",
                    ha="center", fontsize=9, color=INK)
    return texts


def _value_limits(ax, *, pad: float) -> None:
    """Start at zero for positive data (honest lengths) and leave room for labels on top."""
    low, high = ax.get_ylim()
    low = min(low, 0.0)
    ax.set_ylim(low, high + (high - low) * pad)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.yaxis.set_major_formatter(_axis_formatter())


@lru_cache(maxsize=256)
def _line_chart(title, description, x_labels, series, baseline, targets, unit, fmt, width,
                height, language):
    fig = new_figure(width, height)
    if not _has_values(series):
        draw_empty(fig, description)
    else:
        ax = fig.add_subplot()
        labels, placed = _targets_on_axis(x_labels, targets)
        _style_axes(ax)
        handles = _draw_lines(ax, series)
        if baseline is not None:
            _draw_baseline(ax, baseline, len(labels) - 1, unit)
        target_texts = _draw_targets(ax, placed, baseline, unit)
        ax.set_xlim(-0.4, len(labels) - 0.6)
        _value_limits(ax, pad=0.1)
        value_texts = _label_last_points(ax, series, unit)
        if unit:
            ax.set_ylabel(unit, color=MUTED, fontsize=TEXT)
        names = [label for label, _v in series]
        _legend(fig, names, handles)
        left = _text_px(_tick_texts(ax)) + (LINE_HEIGHT + 6 if unit else 0) + 14
        right = max(_text_px(value_texts, bold=True) + 14, _text_px(target_texts[-1:]) / 2 + 6)
        shown = _x_ticks(ax, labels, width - left - right)
        _margins(fig, left=left, right=right,
                 top=10 + LEGEND_ROW * _legend_rows(names, width),
                 bottom=LINE_HEIGHT * _lines(shown) + 12)
    key = ("line", title, description, x_labels, series, baseline, targets, unit, width, height,
           language)
    return render(fig, fmt, title=title, description=description, key=key)


def line_chart(*, title: str, description: str, x_labels: Sequence[str],
               series: Sequence[tuple[str, Values]], baseline: float | None = None,
               targets: Sequence[tuple[str, float]] = (), unit: str = "", fmt: str = "svg",
               width: int = 640, height: int = 320) -> str | bytes:
    """Values over time: one line per series, None is a gap; baseline dashed, targets as ◇."""
    return _line_chart(
        str(title), str(description), tuple(str(x) for x in x_labels), _series(series),
        number_or_none(baseline),
        tuple((str(x), float(v)) for x, v in targets if v is not None),
        str(unit), fmt, int(width), int(height), current_language())


# ---------------------------------------------------------------- bars


def _bars_px(series: int, stacked: bool) -> int:
    """The height of one category's bars in a horizontal chart."""
    return 18 if stacked or series == 1 else 12 * series + 4


def _row_px(label_lines: int, series: int, stacked: bool) -> int:
    """A horizontal row: its label on top, its bars below, a gap before the next row."""
    return LABEL_LINE * label_lines + 4 + _bars_px(series, stacked) + 12


def _bar_height(categories: int, names: Sequence[str], stacked: bool, label_lines: int,
                width: int) -> int:
    row = _row_px(label_lines, len(names), stacked)
    return 30 + row * max(categories, 1) + LEGEND_ROW * _legend_rows(names, width)


def _bar_layout(count: int, stacked: bool) -> tuple[float, list[float]]:
    """The thickness of one bar and each series' offset from its category's centre."""
    if stacked or count <= 1:
        return 0.7, [0.0] * max(count, 1)
    thickness = 0.8 / count
    return thickness, [-0.4 + thickness * (n + 0.5) for n in range(count)]


def _draw_bars(ax, categories, series, *, stacked: bool, horizontal: bool, unit: str,
               band: float = 1.0, shift: float = 0.0) -> tuple[list, list[str]]:
    """The bars, and the value labels written at their ends (totals when stacked).

    `band` scales the bars' share of a category's row and `shift` moves them within it: a
    horizontal chart keeps the top of each row for the category's label."""
    thickness, offsets = _bar_layout(len(series), stacked)
    thickness, offsets = thickness * band, [o * band for o in offsets]
    draw = ax.barh if horizontal else ax.bar
    bottoms = [0.0] * len(categories)
    handles, texts = [], []
    for number, (label, values) in enumerate(series):
        sizes = [v or 0.0 for v in values]
        positions = [i + shift + offsets[number] for i in range(len(categories))]
        bars = draw(positions, sizes, thickness, bottoms if stacked else 0.0,
                    color=PALETTE[number % len(PALETTE)], hatch=HATCHES[number % len(HATCHES)],
                    edgecolor="white", linewidth=0.8, label=label)
        handles.append(bars)
        if not stacked:
            labels = [format_number(v, unit) for v in values]
            ax.bar_label(bars, labels=labels, padding=3, fontsize=TEXT, color=INK)
            texts += labels
        bottoms = [b + s for b, s in zip(bottoms, sizes, strict=True)]
    if stacked:
        ghost = draw([i + shift for i in range(len(categories))], bottoms, thickness,
                     color="none", linewidth=0)
        texts = [format_number(total, unit) for total in bottoms]
        ax.bar_label(ghost, labels=texts, padding=3, fontsize=TEXT, fontweight="bold",
                     color=INK)
    return handles, texts


def _horizontal_bars(fig: Figure, shown: list[str], series, *, stacked: bool, unit: str):
    """Each category's label on top of its row, its bars below, across the whole width: readable
    on a phone, where a column of labels beside the bars would squeeze the bars to nothing."""
    width, height = fig.get_size_inches() * DPI
    lines = _lines(shown)
    row = _row_px(lines, len(series), stacked)
    label_px, bars_px = LABEL_LINE * lines + 4, _bars_px(len(series), stacked)
    ax = fig.add_subplot()
    _style_axes(ax, value_axis="x")
    handles, value_texts = _draw_bars(
        ax, shown, series, stacked=stacked, horizontal=True, unit=unit,
        band=bars_px / row / 0.7 if stacked or len(series) == 1 else bars_px / row / 0.8,
        shift=(label_px - (row - bars_px - label_px)) / 2 / row)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(len(shown) - 0.5, -0.5)  # the first category on top, as in tables
    for i, label in enumerate(shown):
        ax.text(0, i - 0.5 + 4 / row, label, va="top", ha="left", fontsize=TEXT, color=INK,
                transform=ax.get_yaxis_transform())
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax.xaxis.set_major_formatter(_axis_formatter())
    names = [label for label, _v in series]
    _legend(fig, names, handles)
    _margins(fig, left=8, top=8 + LEGEND_ROW * _legend_rows(names, width),
             bottom=LINE_HEIGHT + 12,
             right=_text_px(value_texts, bold=True) + 12)


@lru_cache(maxsize=256)
def _bar_chart(title, description, categories, series, stacked, horizontal, unit, fmt, width,
               height, language):
    shown = [wrap_label(c, max(24, (width - 30) // 9)) for c in categories]
    if horizontal:
        height = height or _bar_height(len(categories), [label for label, _v in series], stacked,
                                       _lines(shown), width)
    fig = new_figure(width, height or 320)
    if not categories or not _has_values(series):
        draw_empty(fig, description)
    elif horizontal:
        _horizontal_bars(fig, shown, series, stacked=stacked, unit=unit)
    else:
        ax = fig.add_subplot()
        _style_axes(ax)
        handles, _texts = _draw_bars(ax, categories, series, stacked=stacked, horizontal=False,
                                     unit=unit)
        names = [label for label, _v in series]
        _legend(fig, names, handles)
        shown = [wrap_label(c, 14) for c in categories]
        ax.set_xticks(range(len(categories)), shown)
        _value_limits(ax, pad=0.08)
        _margins(fig, left=_text_px(_tick_texts(ax)) + 12, right=10,
                 top=14 + LEGEND_ROW * _legend_rows(names, width),
                 bottom=LINE_HEIGHT * _lines(shown) + 12)
    key = ("bar", title, description, categories, series, stacked, horizontal, unit, width,
           height, language)
    return render(fig, fmt, title=title, description=description, key=key)


def bar_chart(*, title: str, description: str, categories: Sequence[str],
              series: Sequence[tuple[str, Sequence[float]]], stacked: bool = False,
              horizontal: bool = True, unit: str = "", fmt: str = "svg", width: int = 640,
              height: int | None = None) -> str | bytes:
    """Categories compared: horizontal by default (long names read well), values on the bars."""
    return _bar_chart(
        str(title), str(description), tuple(str(c) for c in categories), _series(series),
        bool(stacked), bool(horizontal), str(unit), fmt, int(width),
        int(height) if height else None, current_language())


# ---------------------------------------------------------------- small multiples


def _panel(ax, name: str, x_labels, series, unit: str) -> tuple[list, list[str]]:
    """One panel; returns its line handles and the texts of its last-point labels."""
    ax.set_title(wrap_label(name, 30), loc="left", fontsize=TEXT, color=INK, pad=4)
    if not _has_values(series):
        ax.grid(False)
        ax.set_xticks([])
        ax.text(0.5, 0.5, _("нет данных"), ha="center", va="center", color=MUTED, fontsize=9,
                transform=ax.transAxes)
        return [], []
    handles = _draw_lines(ax, series, small=True)
    ends = sorted({0, len(x_labels) - 1}) if x_labels else []
    ax.set_xticks(ends, [wrap_label(x_labels[i], 10) for i in ends], fontsize=9)
    ax.set_xlim(-0.4, max(len(x_labels), 1) - 0.6)
    return handles, [format_number(v, unit) for _i, v in _last_points(series)]


@lru_cache(maxsize=128)
def _small_multiples(title, description, panels, unit, fmt, columns, language):
    columns = max(1, min(columns, len(panels) or 1))
    rows = max(1, math.ceil(len(panels) / columns))
    names = list(dict.fromkeys(label for _n, _x, s in panels for label, _v in s))
    top = 8 + LEGEND_ROW * _legend_rows(names) + 22
    fig = new_figure(PANEL_WIDTH, PANEL_HEIGHT * rows + top)
    if not any(_has_values(series) for _n, _x, series in panels):
        draw_empty(fig, description)
        return render(fig, fmt, title=title, description=description,
                      key=("multiples", title, description, panels, unit, columns, language))
    grid = fig.subplots(rows, columns, sharey=True, squeeze=False)
    handles, value_texts = {}, []
    for ax, (name, x_labels, series) in zip(grid.flat, panels, strict=False):
        _style_axes(ax)
        lines, texts = _panel(ax, name, x_labels, series, unit)
        handles.update({line.get_label(): line for line in lines})
        value_texts += texts
    for ax in grid.flat[len(panels):]:
        ax.set_visible(False)  # the unused cells of the last row
    first = grid.flat[0]
    _value_limits(first, pad=0.05)
    first.yaxis.set_major_locator(MaxNLocator(nbins=3))
    for ax, (_name, _x, series) in zip(grid.flat, panels, strict=False):
        _label_last_points(ax, series, unit)
    _legend(fig, list(handles), list(handles.values()))
    left, right = _text_px(_tick_texts(first)) + 12, _text_px(value_texts, bold=True) + 10
    # Between panels: room for the last-point labels across, the x labels and a title down.
    gap, rise, bottom = right + 18, 2 * LINE_HEIGHT + 26, LINE_HEIGHT + 10
    panel_width = (PANEL_WIDTH - left - right - gap * (columns - 1)) / columns
    panel_height = (PANEL_HEIGHT * rows - bottom - rise * (rows - 1)) / rows
    _margins(fig, left=left, right=right, top=top, bottom=bottom, wspace=gap / panel_width,
             hspace=rise / panel_height)
    key = ("multiples", title, description, panels, unit, columns, language)
    return render(fig, fmt, title=title, description=description, key=key)


def small_multiples(*, title: str, description: str,
                    panels: Sequence[tuple[str, Sequence[str], Sequence[tuple[str, Values]]]],
                    unit: str = "", fmt: str = "svg", columns: int = 3) -> str | bytes:
    """One small line chart per breakdown value (sex, age, region) on a shared scale."""
    frozen = tuple((str(name), tuple(str(x) for x in x_labels), _series(series))
                   for name, x_labels, series in panels)
    return _small_multiples(str(title), str(description), frozen, str(unit), fmt, int(columns),
                            current_language())


# ---------------------------------------------------------------- pages

NARROW = 360  # a phone's width in CSS pixels: drawn for it, text keeps its size there


def for_page(draw, **kwargs) -> str:
    """A chart for a page: drawn at full width and again at a phone's width, so that its text
    stays readable on both; CSS shows the one that fits (the other is `display: none`, which
    screen readers skip as well). Each is a few kilobytes of SVG."""
    wide = draw(**kwargs)
    narrow = draw(**{**kwargs, "width": NARROW})
    return (f'<div class="chart-wide">{wide}</div>'
            f'<div class="chart-narrow">{narrow}</div>')

