"""The counts of the monthly form and how they add up.

Keys are `<count>_<part>` with `<count>_total` beside its parts; they are the model's fields, the
API's JSON keys and the open-data CSV's columns. Each breakdown is an equation: its parts add up to
its total exactly (the form refuses anything else), which is also what disclosure control must
protect: a suppressed cell must never be recoverable as a total minus the other cells.
"""

EQUATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("appeals_total", ("appeals_physical", "appeals_psychological", "appeals_economic",
                       "appeals_sexual")),
    ("persons_total", ("persons_women", "persons_men")),
    ("persons_total", ("persons_age_0_17", "persons_age_18_29", "persons_age_30_44",
                       "persons_age_45_59", "persons_age_60_99")),
    ("referrals_total", ("referrals_police", "referrals_health", "referrals_shelter",
                         "referrals_legal_aid", "referrals_social_protection")),
)
SINGLE: tuple[str, ...] = ("protection_orders_total", "correctional_programmes_total")

COUNT_KEYS: tuple[str, ...] = tuple(dict.fromkeys(
    [key for total, parts in EQUATIONS[:2] for key in (total, *parts)]
    + list(EQUATIONS[2][1]) + ["protection_orders_total"]
    + [key for total, parts in EQUATIONS[3:] for key in (total, *parts)]
    + ["correctional_programmes_total"]))

# The count whose size decides whether a territory is too small to show on its own.
SIZE_KEY = "appeals_total"


def count_label(key: str) -> str:
    """The field's name in the reader's language («обращения: всего»)."""
    from .models import MonthlyStatistics

    return str(MonthlyStatistics._meta.get_field(key).verbose_name)
