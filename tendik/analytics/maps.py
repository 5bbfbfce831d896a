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

from django.db.models import Count, Max
from django.utils.translation import gettext as _
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.path import Path
from matplotlib.ticker import MaxNLocator

from tendik.core.i18n import current_language
from tendik.territories.models import Level, TerritoryBoundary

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
MAX_MAP_HEIGHT = 480
TINY_SHARE = 0.01  # of the country's area: a region this small gets its label aside
LABEL_GROUND = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none",
                "alpha": 0.85}
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
    # A tick computed as 1.8000000000000003 must still count as ≤ 1.8.
    slack = (high - low) * 1e-9
    start = max(i for i, tick in enumerate(ticks) if tick <= low + slack)
    end = min(i for i, tick in enumerate(ticks) if tick >= high - slack)
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
    ground = {"bbox": LABEL_GROUND} if value is None else {}
    name = wrap_label(_short(label), 13)
    longest = max(len(line) for line in name.split("\n"))
    ax.text(column + 0.5, row + 0.1, name, ha="center", va="top", color=style["ink"],
            fontsize=TEXT - 2 if longest <= 12 else TEXT - 3, linespacing=1.1, **ground)
    ax.text(column + 0.5, row + 0.78, format_number(value, unit) if value is not None
            else _("нет данных"), ha="center", va="center", color=style["ink"],
            fontsize=TEXT + 1 if value is not None else TEXT - 2,
            fontweight="bold" if value is not None else "normal", **ground)


def _tile_map(country_code: str, values: dict, labels: dict, classes, unit: str):
    positions = _tile_positions(country_code, set(values))
    columns = max(c for c, _r in positions.values()) + 1
    rows = max(r for _c, r in positions.values()) + 1
    tile = min(MAX_TILE, WIDTH / columns)
    fig = new_figure(WIDTH, math.ceil(rows * tile) + LEGEND_HEIGHT)
    ax = _map_axes(fig)
    ax.set_xlim(0, columns)
    ax.set_ylim(rows, 0)  # row 0 (north) on top
    for code, position in positions.items():
        _draw_tile(ax, position, labels.get(code, code), values.get(code), classes, unit)
    return fig


def _map_axes(fig):
    """The whole figure above the legend, equal scales, anchored at the top centre."""
    bottom = LEGEND_HEIGHT / fig.bbox.height
    ax = fig.add_axes((0, bottom, 1, 1 - bottom))
    ax.set_axis_off()
    ax.set_aspect("equal", anchor="N")
    return ax


# ---------------------------------------------------------------- choropleth


def _outlines_version(country_code: str) -> tuple[int, str]:
    """How many region outlines the country has and when they last changed: one cheap query
    per map, so that the outlines (and the drawn map) are re-read only after an import."""
    found = TerritoryBoundary.objects.filter(
        territory__country_code=country_code, territory__level=Level.REGION,
    ).aggregate(count=Count("pk"), last=Max("updated_at"))
    return found["count"], found["last"].isoformat() if found["last"] else ""


@lru_cache(maxsize=16)
def _outlines(country_code: str, version: tuple[int, str]) -> dict[str, list]:
    """{region code: MultiPolygon coordinates}; read-only, shared between maps."""
    if not version[0]:
        return {}
    return {code: geometry["coordinates"] for code, geometry in TerritoryBoundary.objects.filter(
        territory__country_code=country_code, territory__level=Level.REGION,
    ).values_list("territory__code", "geometry")}


def _ring_area_and_centre(ring) -> tuple[float, tuple[float, float]]:
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if area == 0:
        return 0.0, ring[0]
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


def _label_point(polygons) -> tuple[float, tuple[float, float]]:
    """The whole outline's area and the centre of its largest part (where the label goes)."""
    parts = [_ring_area_and_centre(polygon[0]) for polygon in polygons]
    return sum(area for area, _centre in parts), max(parts)[1]


def _path(polygons, scale: float) -> Path:
    """All rings as closed sub-paths; stored in RFC 7946 order, so holes stay empty."""
    vertices, codes = [], []
    for polygon in polygons:
        for ring in polygon:
            vertices += [(x * scale, y) for x, y in ring]
            codes += [Path.MOVETO] + [Path.LINETO] * (len(ring) - 2) + [Path.CLOSEPOLY]
    return Path(vertices, codes)


def _bounds(shapes) -> tuple[float, float, float, float]:
    xs = [x for polygons in shapes.values() for p in polygons for x, _y in p[0]]
    ys = [y for polygons in shapes.values() for p in polygons for _x, y in p[0]]
    return min(xs), min(ys), max(xs), max(ys)


def _label_regions(ax, shapes, values, labels, unit: str, *, scale: float,
                   middle: float) -> None:
    points = {code: _label_point(polygons) for code, polygons in shapes.items()}
    total = sum(area for area, _point in points.values())
    for code, (area, (x, y)) in points.items():
        value = values.get(code)
        text = f"{_short(labels.get(code, code))}\n" + (
            format_number(value, unit) if value is not None else _("нет данных"))
        # A city is a dot at this scale: its label stands aside on a leader line, above (the
        # map has a margin for it) and towards the middle.
        aside = area < total * TINY_SHARE
        across = 28 if x < middle else -28
        ax.annotate(text, (x * scale, y), xytext=(across, 20) if aside else (0, 0),
                    textcoords="offset points", ha="center", va="center", fontsize=TEXT - 2,
                    color=INK, linespacing=1.1, bbox=LABEL_GROUND,
                    arrowprops={"arrowstyle": "-", "color": INK, "linewidth": 0.6}
                    if aside else None)


def _choropleth(shapes: dict, values: dict, labels: dict, classes, unit: str):
    west, south, east, north = _bounds(shapes)
    # Equirectangular with the east–west scale of the middle latitude: right for one country.
    scale = math.cos(math.radians((south + north) / 2))
    margin = (north - south) * 0.12  # room for the labels of cities set aside
    aspect = (north - south + 1.5 * margin) / max((east - west) * scale + 2 * margin, 1e-9)
    fig = new_figure(WIDTH, min(MAX_MAP_HEIGHT, math.ceil(WIDTH * aspect)) + LEGEND_HEIGHT)
    ax = _map_axes(fig)
    for code, polygons in shapes.items():
        style = _style_of(values.get(code), classes)
        ax.add_patch(PathPatch(_path(polygons, scale), facecolor=style["facecolor"],
                               hatch=style["hatch"], edgecolor=style["edgecolor"],
                               linewidth=0.8))
    _label_regions(ax, shapes, values, labels, unit, scale=scale, middle=(west + east) / 2)
    ax.set_xlim(west * scale - margin, east * scale + margin)
    ax.set_ylim(south - margin / 2, north + margin)
    return fig


# ---------------------------------------------------------------- the map


@lru_cache(maxsize=128)
def _territory_map(title, description, country_code, values, labels, unit, fmt, outlines,
                   language):
    values, labels = dict(values), dict(labels)
    shapes = _outlines(country_code, outlines)
    # Outlines are used only when every region with a value has one: none is ever dropped.
    use_shapes = bool(shapes) and set(values) <= set(shapes)
    codes = set(values) | set(shapes if use_shapes else TILES.get(country_code, {}))
    if not codes:
        fig = new_figure(WIDTH, 200)
        draw_empty(fig, description)
    else:
        values = {code: values.get(code) for code in codes}
        classes = value_classes(values.values())
        fig = (_choropleth(shapes, values, labels, classes, unit) if use_shapes
               else _tile_map(country_code, values, labels, classes, unit))
        _legend(fig, classes, unit, missing=None in values.values())
    key = ("map", title, description, country_code, tuple(sorted(values.items())),
           tuple(sorted(labels.items())), unit, outlines, language)
    return render(fig, fmt, title=title, description=description, key=key)


def territory_map(*, title: str, description: str, country_code: str,
                  values: Mapping[str, float | None], labels: Mapping[str, str],
                  unit: str = "", fmt: str = "svg") -> str | bytes:
    """Values per first-level region (by Territory.code) of one country, as a map.

    A choropleth when the regions' outlines are imported, else a schematic tile map.
    """
    country_code = str(country_code).upper()
    return _territory_map(
        str(title), str(description), country_code,
        tuple(sorted((str(code), number_or_none(v)) for code, v in values.items())),
        tuple(sorted((str(code), str(label)) for code, label in labels.items())),
        str(unit), fmt, _outlines_version(country_code), current_language())
