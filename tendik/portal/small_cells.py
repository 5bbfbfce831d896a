"""Small cells: a published count of persons below 5 in family-violence figures (indicators under
disclosure control) could name a victim in a small village. It is shown as «<5», never drawn at
its height in a chart, and never written anywhere in the page (titles, data attributes)."""

from tendik.opendata.published import SMALL, SMALL_CELL


def is_small(value, controlled: bool) -> bool:
    return controlled and isinstance(value, int | float) and value < SMALL_CELL


def shown(value, controlled: bool):
    """The value for a table or a headline: «<5» in place of a small cell."""
    return SMALL if is_small(value, controlled) else value


def drawable(values, controlled: bool) -> list:
    """Values for a chart: a small cell is a gap, so neither its label nor its height tells it."""
    return [None if is_small(v, controlled) else v for v in values]
