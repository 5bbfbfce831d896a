"""GeoJSON polygons of territory boundaries: checked strictly, then made small enough for a map.

A country map is at most ~1000 px wide, so a few hundredths of a degree is below a pixel:
coordinates are rounded to 3 decimals (~100 m), repeated points dropped and each ring thinned by
Douglas–Peucker. Rings are stored in RFC 7946 order (outer counter-clockwise, holes clockwise), so
any renderer's fill rule cuts the holes out.
"""

import math

from django.utils.translation import gettext as _

POLYGON_TYPES = ("Polygon", "MultiPolygon")
PRECISION = 3
TOLERANCE = 0.01  # degrees
MAX_PROBLEMS = 10  # per feature: enough to fix the file, not a flood for a broken one


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _ring_problems(ring, where: str) -> list[tuple[str, str]]:
    if not isinstance(ring, list) or len(ring) < 4:
        return [(where, _("кольцо должно содержать не меньше 4 точек"))]
    for number, point in enumerate(ring):
        here = f"{where}[{number}]"
        if not isinstance(point, list) or len(point) < 2 or not all(map(_is_number, point)):
            return [(here, _("координаты должны быть числами [долгота, широта]"))]
        longitude, latitude = point[0], point[1]
        if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
            return [(here, _("координаты вне диапазона: долгота −180…180, широта −90…90"))]
    if ring[0][:2] != ring[-1][:2]:
        return [(where, _("кольцо не замкнуто: первая точка не равна последней"))]
    return []


def _polygon_problems(polygon, where: str) -> list[tuple[str, str]]:
    if not isinstance(polygon, list) or not polygon:
        return [(where, _("полигон должен быть списком колец"))]
    problems = []
    for number, ring in enumerate(polygon):
        problems += _ring_problems(ring, f"{where}[{number}]")
    return problems


def geometry_problems(geometry) -> list[tuple[str, str]]:
    """Every problem of a feature's geometry as (where, message); none means it can be used."""
    if not isinstance(geometry, dict):
        return [("geometry", _("нет геометрии"))]
    kind = geometry.get("type")
    if kind not in POLYGON_TYPES:
        return [("geometry.type", _("тип «%(type)s» не поддерживается: нужен Polygon или "
                                    "MultiPolygon") % {"type": kind})]
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        return _polygon_problems(coordinates, "geometry.coordinates")[:MAX_PROBLEMS]
    if not isinstance(coordinates, list) or not coordinates:
        return [("geometry.coordinates", _("MultiPolygon должен быть списком полигонов"))]
    problems = []
    for number, polygon in enumerate(coordinates):
        problems += _polygon_problems(polygon, f"geometry.coordinates[{number}]")
    return problems[:MAX_PROBLEMS]


def polygons_of(geometry: dict) -> list:
    """The coordinates of a checked geometry as a MultiPolygon's."""
    coordinates = geometry["coordinates"]
    return [coordinates] if geometry["type"] == "Polygon" else coordinates


# ---------------------------------------------------------------- simplification


def _distance(point, start, end) -> float:
    """From a point to the segment start–end, in degrees (good enough at this tolerance)."""
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - x1 - t * dx, y - y1 - t * dy)


def _douglas_peucker(points: list, tolerance: float) -> list:
    """Keep the points that bend the line more than `tolerance` (iterative: no recursion limit)."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            current = _distance(points[index], points[first], points[last])
            if current > distance:
                farthest, distance = index, current
        if farthest is not None:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return [points[i] for i in sorted(keep)]


def _signed_area(ring: list) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def _ring(ring: list, tolerance: float, outer: bool) -> list | None:
    points = []
    for x, y, *_altitude in ring:
        point = [round(x, PRECISION), round(y, PRECISION)]
        if not points or point != points[-1]:
            points.append(point)
    if tolerance and len(points) > 4:
        # A closed ring has equal ends, so split it at its farthest point from the start.
        far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
        points = (_douglas_peucker(points[: far + 1], tolerance)[:-1]
                  + _douglas_peucker(points[far:], tolerance))
    if len(points) < 4 or _signed_area(points) == 0:
        return None  # smaller than the map can show
    if (_signed_area(points) > 0) != outer:
        points.reverse()
    return points


def _simplified(polygons: list, tolerance: float) -> list:
    result = []
    for polygon in polygons:
        outer = _ring(polygon[0], tolerance, outer=True)
        if outer is None:
            continue
        holes = [_ring(hole, tolerance, outer=False) for hole in polygon[1:]]
        result.append([outer, *[hole for hole in holes if hole is not None]])
    return result


def simplify(polygons: list) -> list:
    """Smaller polygons for a map; a territory too small to thin keeps its rounded outline."""
    return _simplified(polygons, TOLERANCE) or _simplified(polygons, 0) or [
        [[[float(x), float(y)] for x, y, *_rest in ring] for ring in polygon]
        for polygon in polygons]


def point_count(polygons: list) -> int:
    return sum(len(ring) for polygon in polygons for ring in polygon)
