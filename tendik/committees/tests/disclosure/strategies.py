"""Hypothesis strategies: consistent monthly rows (every breakdown adds up to its total)."""

from hypothesis import strategies as st

from tendik.committees.counts import COUNT_KEYS, EQUATIONS

# Mostly small numbers, as in a rural committee's month, with the odd large one.
COUNT = st.one_of(st.integers(0, 6), st.integers(0, 40))


@st.composite
def split(draw, total: int, parts: int) -> list[int]:
    """`total` cut into `parts` non-negative pieces."""
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, total]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


@st.composite
def consistent_rows(draw) -> dict[str, int]:
    row = dict.fromkeys(COUNT_KEYS, 0)
    persons = None
    for total, parts in EQUATIONS:
        if total == "persons_total" and persons is not None:
            values = draw(split(persons, len(parts)))
        else:
            values = [draw(COUNT) for _ in parts]
            persons = sum(values) if total == "persons_total" else persons
        row.update(zip(parts, values, strict=True))
        row[total] = sum(values)
    for key in ("protection_orders_total", "correctional_programmes_total"):
        row[key] = draw(COUNT)
    return row
