"""The home-page block of a reporting body's staff (a committee's secretary, a crisis centre):
the months still to fill, and the forms not yet sent (drafts and those returned for revision)."""

from tendik.core.home import home_panel_register
from tendik.core.permissions import is_manager

from ..models import StatisticsState
from .pages import to_fill
from .selectors import (
    committees_reporting_to,
    filled_months,
    services_reporting_to,
    statistics_visible_to,
    with_details,
)

SHOWN = 3


def staff_block(user) -> dict | None:
    """None for coordinators (their review queue is the statistics list) and for users who keep
    no body's forms; three queries otherwise."""
    if not user.is_authenticated or is_manager(user):
        return None
    bodies = [*committees_reporting_to(user), *services_reporting_to(user)]
    if not bodies:
        return None
    unsent = with_details(statistics_visible_to(user).filter(
        state__in=[StatisticsState.RETURNED, StatisticsState.DRAFT]))
    return {
        "bodies": [{**item, "months": item["months"][:SHOWN],
                    "more": max(0, len(item["months"]) - SHOWN)}
                   for item in to_fill(bodies, filled_months(user))],
        "unsent": list(unsent.order_by("month")[:SHOWN]),
    }


def register() -> None:
    home_panel_register(template="committees/statistics/_home.html", provider=staff_block)
