"""What the monthly statistics pages show: the form's groups, and the months a body still has to
fill in."""

from django.utils.translation import gettext_lazy as _

from ..counts import COUNT_KEYS, EQUATIONS, SINGLE
from ..models import Committee, MonthlyStatistics
from .months import current_month, month_key, months_since
from .workflow import MANAGER, moves_from

# The form's groups, each with its total first.
GROUP_TITLES = {
    "appeals_total": _("Обращения по видам насилия"),
    "persons_total": _("Лица, которых касаются обращения: по полу и возрасту"),
    "protection_orders_total": _("Охранные ордера"),
    "referrals_total": _("Перенаправления"),
    "correctional_programmes_total": _("Коррекционные программы"),
}
# How many months back a body's list offers to fill in.
MONTHS_OFFERED = 12


def count_groups() -> list[tuple[str, list[str]]]:
    keys: dict[str, list[str]] = {}
    for total, parts in EQUATIONS:
        keys.setdefault(total, [total]).extend(parts)
    for total in SINGLE:
        keys[total] = [total]
    order = sorted(keys, key=COUNT_KEYS.index)
    return [(GROUP_TITLES[total], keys[total]) for total in order]


def form_groups(form) -> list[tuple[str, list]]:
    """The form's bound fields in the groups above."""
    return [(title, [form[key] for key in keys]) for title, keys in count_groups()]


def row_initial(row: MonthlyStatistics | None) -> dict:
    if row is None:
        return {}
    return {**{key: getattr(row, key) for key in COUNT_KEYS}, "comment": row.comment,
            "version": row.version}


def kind_of(body) -> str:
    return "committee" if isinstance(body, Committee) else "service"


def to_fill(bodies, filled: set[tuple[str, int, object]]) -> list[dict]:
    """Per body, the months of the last year (from its establishment) with no form yet, the
    current month first; `filled` holds (kind, body id, month) of the forms that exist."""
    last = current_month()
    result = []
    for body in bodies:
        kind = kind_of(body)
        first = months_since(last.replace(year=last.year - 1), last)[MONTHS_OFFERED - 1]
        established = getattr(body, "established", None)
        if established and established.replace(day=1) > first:
            first = established.replace(day=1)
        months = [{"month": month, "key": month_key(month)} for month in months_since(first, last)
                  if (kind, body.pk, month) not in filled]
        result.append({"body": body, "kind": kind, "months": months})
    return result


def review_actions(row: MonthlyStatistics | None, caps) -> list[str]:
    """The reviewer's moves on the form's page (staff submit with the form's own button)."""
    if row is None or not caps.review:
        return []
    return [to for to, who in moves_from(row.state).items() if who == MANAGER]
