"""An attacker who knows the rule and sees one published row: what can they work out?

Written apart from `suppression.py` on purpose (tests must be able to fail): it solves every
equation with exactly one unknown, again and again (a cell found through one breakdown of
`persons_total` opens the other), uses the fact that a hidden cell is never 0 (a hidden rest
equal to the number of hidden cells makes them all 1), and finally checks with exact linear
algebra whether any hidden cell is fixed by the equations together."""

from fractions import Fraction

from tendik.committees.counts import EQUATIONS


def recover(shown: dict, equations=EQUATIONS) -> dict[str, int]:
    known = {key: value for key, value in shown.items() if value is not None}
    found: dict[str, int] = {}
    progress = True
    while progress:
        progress = False
        for total, parts in equations:
            unknown = [key for key in (total, *parts) if key not in known]
            if len(unknown) == 1:
                (key,) = unknown
                rest = sum(known[part] for part in parts if part in known)
                known[key] = found[key] = rest if key == total else known[total] - rest
                progress = True
            elif unknown and total in known:
                rest = known[total] - sum(known[part] for part in parts if part in known)
                if rest == len(unknown):
                    for key in unknown:
                        known[key] = found[key] = 1
                    progress = True
    for key in _fixed_by_algebra(known, equations):
        found.setdefault(key, -1)  # its value does not matter: that it is fixed does
    return found


def _fixed_by_algebra(known: dict, equations) -> list[str]:
    unknown = sorted({key for total, parts in equations for key in (total, *parts)
                      if key not in known})
    rows = []
    for total, parts in equations:
        row = [Fraction(0)] * len(unknown)
        for key, sign in ((total, 1), *((part, -1) for part in parts)):
            if key in unknown:
                row[unknown.index(key)] += sign
        rows.append(row)
    base = _rank(rows)
    return [key for index, key in enumerate(unknown)
            if _rank([*rows, [Fraction(int(i == index)) for i in range(len(unknown))]]) == base]


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [list(row) for row in rows]
    rank, columns = 0, len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column] / rows[rank][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank
