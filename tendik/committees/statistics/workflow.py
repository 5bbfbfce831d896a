"""The monthly form's life-cycle: one table. Services, pages, the API and tests all read it."""

from ..models import StatisticsState

S = StatisticsState
STAFF, MANAGER = "staff", "manager"
# (from, to): who may make the move. Staff are the reporting body's own users; a coordinator may
# also submit for them. Every move not in the table is refused (409).
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.SUBMITTED): STAFF,
    (S.RETURNED, S.SUBMITTED): STAFF,
    (S.SUBMITTED, S.ACCEPTED): MANAGER,
    (S.SUBMITTED, S.RETURNED): MANAGER,
    (S.ACCEPTED, S.RETURNED): MANAGER,  # the coordinator reopens an accepted form
}
# A return (or a reopening) says why.
NOTE_REQUIRED = {S.RETURNED}
# Counts change only here; a submitted form waits for review, an accepted one is locked.
EDITABLE = {S.DRAFT, S.RETURNED}


def moves_from(state: str) -> dict[str, str]:
    """{to: who} of every move out of `state`."""
    return {to: who for (start, to), who in TRANSITIONS.items() if start == state}
