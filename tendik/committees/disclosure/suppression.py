"""Disclosure control for the monthly counts: pure Python, no Django, no database.

A published row is a dict {count key: value}. `suppress` hides (None, shown «<5») every small
cell and then enough other cells that no hidden one can be worked out from the row:

- primary: a cell of 1 .. threshold−1 is hidden; 0 is shown (an absence is not a person);
- secondary: every equation of `counts.EQUATIONS` (total = Σ parts; `persons_total` is the total
  of two of them) that has exactly one hidden cell would give it away as total minus the others,
  so its smallest other non-zero cell is hidden too (a part, else the total). Hidden cells are
  never 0, so an equation whose shown total minus its shown parts equals the number of its
  hidden cells gives them all away as 1s: it gets one more hidden cell as well. Hiding a cell
  can expose another equation through the shared total, so this repeats until none is exposed.

Every hidden cell carries the same label, whether it was small or hidden to protect a small one:
a different label for the second kind would tell a reader it is ≥ threshold, which is enough to
pin a small cell down (a hidden sum of 6 over «small» + «not small» is 1 + 5).

`aggregate_small` merges districts too small to show alone (see its docstring).
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..counts import EQUATIONS, SIZE_KEY

Equation = tuple[str, tuple[str, ...]]


def suppressed_label(threshold: int) -> str:
    return f"<{threshold}"


def suppress(row: Mapping[str, int], threshold: int,
             equations: Iterable[Equation] = EQUATIONS) -> dict[str, int | None]:
    """The row with hidden cells as None (see the module's docstring for the rule)."""
    equations = tuple(equations)
    shown: dict[str, int | None] = {
        key: None if 0 < value < threshold else value for key, value in row.items()}
    exposed = True
    while exposed:
        exposed = False
        for total, parts in equations:
            if _exposed(shown, total, parts):
                shown[_next_cell(row, shown, total, parts)] = None
                exposed = True
    return shown


def _exposed(shown: Mapping[str, int | None], total: str, parts: tuple[str, ...]) -> bool:
    hidden = [key for key in (total, *parts) if shown[key] is None]
    if len(hidden) == 1:
        return True
    if not hidden or shown[total] is None:
        return False
    rest = shown[total] - sum(shown[part] or 0 for part in parts)
    return rest == len(hidden)


def _next_cell(row: Mapping[str, int], shown: Mapping[str, int | None], total: str,
               parts: tuple[str, ...]) -> str:
    """The smallest shown non-zero part, else the total. One always exists when an equation is
    exposed: a hidden cell is non-zero, so the equation's other side is non-zero too."""
    candidates = [part for part in parts if shown[part]] or [total]
    return min(candidates, key=lambda key: row[key])


@dataclass(frozen=True)
class Group:
    """One published row of a level: a territory on its own (one member) or the small districts
    of one region merged («другие районы»)."""

    parent: str | None  # the region's code for districts; None for a territory without one
    members: tuple[str, ...]
    row: dict[str, int]

    @property
    def merged(self) -> bool:
        return len(self.members) > 1


def aggregate_small(rows_by_territory: Mapping[str, Mapping[str, int]],
                    parent_of: Mapping[str, str], threshold: int,
                    size_key: str = SIZE_KEY) -> list[Group]:
    """Districts whose `size_key` is below the threshold are merged, per region, into one row.

    The guarantee: the region's figure minus its districts shown on their own never equals one
    small district. The region − shown difference is exactly the merged row, so the merged row
    must never hold a single district: when a region has only one small district, the next
    smallest of its districts joins it. (A region with a single district at all has nothing to
    hide it among; its only row is the region's own figure, suppressed cell by cell.)
    Territories without a parent in `parent_of` are kept as they are."""
    by_parent: dict[str, list[str]] = defaultdict(list)
    groups = []
    for code in rows_by_territory:
        if code in parent_of:
            by_parent[parent_of[code]].append(code)
        else:
            groups.append(Group(parent=None, members=(code,), row=dict(rows_by_territory[code])))
    for parent, codes in by_parent.items():
        codes.sort(key=lambda code: (rows_by_territory[code][size_key], code))
        small = [code for code in codes if rows_by_territory[code][size_key] < threshold]
        if len(small) == 1 and len(codes) > 1:
            small = codes[:2]  # the small one is the smallest: its neighbour is the next
        for code in codes:
            if code not in small:
                groups.append(Group(parent=parent, members=(code,),
                                    row=dict(rows_by_territory[code])))
        if small:
            groups.append(Group(parent=parent, members=tuple(small),
                                row=_summed(rows_by_territory[code] for code in small)))
    return groups


def _summed(rows: Iterable[Mapping[str, int]]) -> dict[str, int]:
    total: dict[str, int] = defaultdict(int)
    for row in rows:
        for key, value in row.items():
            total[key] += value
    return dict(total)
