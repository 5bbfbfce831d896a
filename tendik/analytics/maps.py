"""Figures per region on a map: a schematic tile map out of the box, a choropleth once real
boundaries are imported (`manage.py import_boundaries`). Same contract as the charts: inline
SVG or PNG from one matplotlib renderer, titled for screen readers, cached.

Each region shows its short name and its value, so the map never relies on colour; the shade only
groups values into a few classes, and a region without data is hatched grey and says so.
"""

import math
import re
from collections.abc import Mapping
from functools import lru_cache

from django.utils.translation import gettext as _
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from tendik.core.i18n import current_language

from .charts import (
    INK,
    MUTED,
    TEXT,
    draw_empty,
    format_number,
    new_figure,
    number_or_none,
    render,
    wrap_label,
)

# (column, row) of each first-level region in a rough geographic grid, north on top. Codes are
# Territory.code: Open Admin Data for Kyrgyzstan (tendik/territories/reference/kg-admin), KATO
# for Kazakhstan as the demo loads them (tendik/demo/data/territories.json): 17 regions and the
# three cities of republican significance (Astana, Almaty, Shymkent).
TILES = {
    "KG": {
        "KG07000000000": (1, 0),  # Talas
        "KG11000000000": (2, 0),  # Bishkek (city)
        "KG08000000000": (3, 0),  # Chui
        "KG02000000000": (4, 0),  # Issyk-Kul
        "KG03000000000": (1, 1),  # Jalal-Abad
        "KG04000000000": (3, 1),  # Naryn
        "KG05000000000": (0, 2),  # Batken
        "KG21000000000": (1, 2),  # Osh (city)
        "KG06000000000": (2, 2),  # Osh
    },
    "KZ": {
        "KZ270000000": (0, 0),  # West Kazakhstan
        "KZ390000000": (1, 0),  # Kostanay
        "KZ590000000": (2, 0),  # North Kazakhstan
        "KZ110000000": (3, 0),  # Akmola
        "KZ550000000": (4, 0),  # Pavlodar
        "KZ630000000": (5, 0),  # East Kazakhstan
        "KZ230000000": (0, 1),  # Atyrau
        "KZ150000000": (1, 1),  # Aktobe
        "KZ620000000": (2, 1),  # Ulytau
        "KZ710000000": (3, 1),  # Astana (city)
        "KZ350000000": (4, 1),  # Karaganda
        "KZ100000000": (5, 1),  # Abai
        "KZ470000000": (0, 2),  # Mangystau
        "KZ430000000": (1, 2),  # Kyzylorda
        "KZ610000000": (2, 2),  # Turkistan
        "KZ310000000": (3, 2),  # Zhambyl
        "KZ190000000": (4, 2),  # Almaty Region
        "KZ330000000": (5, 2),  # Zhetisu
        "KZ790000000": (2, 3),  # Shymkent (city)
        "KZ750000000": (4, 3),  # Almaty (city)
    },
}
# ColorBrewer Blues (colour-blind safe, prints in grey); dark ink on the three light classes.
SHADES = ("#eff3ff", "#bdd7e7", "#6baed6", "#2171b5", "#084594")
LIGHT_SHADES = 3
NO_DATA = "#f2f2f2"
NO_DATA_HATCH = "////"
NO_DATA_EDGE = "#9e9e9e"
WIDTH = 640
MAX_TILE = 100
LEGEND_HEIGHT = 56
FALLBACK_COLUMNS = 6
# "Чуйская область" → "Чуйская": the tile has room for the name, not for its kind.
_REGION_WORDS = re.compile(r"\s+(область|обл\.|облусу|облысы|region|oblast)$", re.I)


def _short(label: str) -> str:
    return _REGION_WORDS.sub("", label.strip())


# ---------------------------------------------------------------- classes


def value_classes(values) -> list[tuple[float, float]]:
    """At most five equal, round-numbered classes from the lowest value to the highest."""
    present = [v for v in values if v is not None]
    if not present:
        return []
    low, high = min(present), max(present)
    if high == low:
        return [(low, high)]
    ticks = list(MaxNLocator(nbins=len(SHADES)).tick_values(low, high))  # round, spanning
    start = max(i for i, tick in enumerate(ticks) if tick <= low)
    end = min(i for i, tick in enumerate(ticks) if tick >= high)
    breaks = ticks[start:end + 1]
    return [(float(a), float(b)) for a, b in zip(breaks, breaks[1:], strict=False)]


def _class_of(value: float, classes) -> int:
    for number, (_low, high) in enumerate(classes):
        if value <= high:
            return number
    return len(classes) - 1


def _shade(number: int, count: int) -> str:
    """Spread few classes over the whole ramp so that two classes still look far apart."""
    if count <= 1:
        return SHADES[2]
    return SHADES[round(number * (len(SHADES) - 1) / (count - 1))]


def _style_of(value: float | None, classes) -> dict:
    if value is None:
        return {"facecolor": NO_DATA, "hatch": NO_DATA_HATCH, "edgecolor": NO_DATA_EDGE,
                "ink": MUTED}
    shade = _shade(_class_of(value, classes), len(classes))
    return {"facecolor": shade, "hatch": "", "edgecolor": "white",
            "ink": INK if SHADES.index(shade) < LIGHT_SHADES else "white"}


def _legend(fig, classes, unit: str, missing: bool) -> None:
    handles = [Patch(facecolor=_shade(n, len(classes)), edgecolor=MUTED, linewidth=0.5,
                     label=f"{format_number(low)}–{format_number(high, unit)}")
               for n, (low, high) in enumerate(classes)]
    if missing:
        handles.append(Patch(facecolor=NO_DATA, hatch=NO_DATA_HATCH, edgecolor=NO_DATA_EDGE,
                             label=_("нет данных")))
    if handles:
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 0),
                   ncols=min(len(handles), 3), frameon=False, fontsize=TEXT - 1,
                   handlelength=1.6, handleheight=1.2)


# ---------------------------------------------------------------- tiles


def _tile_positions(country_code: str, codes) -> dict[str, tuple[int, int]]:
    """The country's grid; a region the grid lacks goes to an extra row, never dropped."""
    grid = dict(TILES.get(country_code, {}))
    columns = max((c for c, _r in grid.values()), default=FALLBACK_COLUMNS - 1) + 1
    next_row = max((r for _c, r in grid.values()), default=-1) + 1
    extra = [code for code in sorted(codes) if code not in grid]
    for number, code in enumerate(extra):
        grid[code] = (number % columns, next_row + number // columns)
    return grid


def _draw_tile(ax, position, label: str, value: float | None, classes, unit: str) -> None:
    column, row = position
    style = _style_of(value, classes)
    ax.add_patch(Rectangle((column + 0.03, row + 0.03), 0.94, 0.94,
                           facecolor=style["facecolor"], hatch=style["hatch"],
                           edgecolor=style["edgecolor"], linewidth=0.8))
    # Over the hatching of a region without data, text sits on a white ground to stay legible.
    ground = {"bbox": {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"}
              } if value is None else {}
    name = wrap_label(_short(label), 13)
    longest = max(len(line) for line in name.split("\n"))
    ax.text(column + 0.5, row + 0.1, name, ha="center", va="top", color=style["ink"],
            fontsize=TEXT - 2 if longest <= 12 else TEXT - 3, linespacing=1.1, **ground)
    ax.text(column + 0.5, row + 0.78, format_number(value, unit) if value is not None
            else _("нет данных"), ha="center", va="center", color=style["ink"],
            fontsize=TEXT + 1 if value is not None else TEXT - 2,
            fontweight="bold" if value is not None else "normal", **ground)


def _tile_map(fig, country_code: str, values: dict, labels: dict, classes, unit: str) -> None:
    positions = _tile_positions(country_code, set(values))
    columns = max(c for c, _r in positions.values()) + 1
    rows = max(r for _c, r in positions.values()) + 1
    ax = fig.add_axes((0, LEGEND_HEIGHT / fig.bbox.height, 1, 1 - LEGEND_HEIGHT / fig.bbox.height))
    ax.set_axis_off()
    ax.set_xlim(0, columns)
    ax.set_ylim(rows, 0)  # row 0 (north) on top
    ax.set_aspect("equal", anchor="N")
    for code, position in positions.items():
        _draw_tile(ax, position, labels.get(code, code), values.get(code), classes, unit)


def _tile_figure_height(country_code: str, codes) -> int:
    positions = _tile_positions(country_code, codes)
    columns = max(c for c, _r in positions.values()) + 1
    rows = max(r for _c, r in positions.values()) + 1
    tile = min(MAX_TILE, WIDTH / columns)
    return math.ceil(rows * tile) + LEGEND_HEIGHT


# ---------------------------------------------------------------- the map


@lru_cache(maxsize=128)
def _territory_map(title, description, country_code, values, labels, unit, fmt, language):
    values, labels = dict(values), dict(labels)
    codes = set(values) | set(TILES.get(country_code, {}))
    if not codes:
        fig = new_figure(WIDTH, 200)
        draw_empty(fig, description)
    else:
        values = {code: values.get(code) for code in codes}
        classes = value_classes(values.values())
        fig = new_figure(WIDTH, _tile_figure_height(country_code, codes))
        _tile_map(fig, country_code, values, labels, classes, unit)
        _legend(fig, classes, unit, missing=None in values.values())
    key = ("map", title, description, country_code, tuple(sorted(values.items())),
           tuple(sorted(labels.items())), unit, language)
    return render(fig, fmt, title=title, description=description, key=key)


def territory_map(*, title: str, description: str, country_code: str,
                  values: Mapping[str, float | None], labels: Mapping[str, str],
                  unit: str = "", fmt: str = "svg") -> str | bytes:
    """Values per first-level region (by Territory.code) of one country, as a map."""
    return _territory_map(
        str(title), str(description), str(country_code).upper(),
        tuple(sorted((str(code), number_or_none(v)) for code, v in values.items())),
        tuple(sorted((str(code), str(label)) for code, label in labels.items())),
        str(unit), fmt, current_language())

