"""The life-cycle of an agreement: one transition table; every other move is refused (409)."""

from django.utils.translation import gettext_lazy as _

from ..models import FollowUpStatus

S = FollowUpStatus
TRANSITIONS: dict[str, set[str]] = {
    S.OPEN: {S.IN_PROGRESS, S.DONE, S.DROPPED},
    S.IN_PROGRESS: {S.DONE, S.DROPPED, S.OPEN},
    S.DONE: {S.IN_PROGRESS},  # reopened: it turned out not to be done
    S.DROPPED: {S.OPEN},
}
# Not done and not dropped: still to be worked on, so it can be overdue.
PENDING = frozenset({S.OPEN, S.IN_PROGRESS})
ILLEGAL_MOVE = _("Нельзя перевести договорённость из статуса «%(from)s» в «%(to)s».")


def may_move(old: str, new: str) -> bool:
    """Staying in a state is no move (a note may change alone)."""
    return new == old or new in TRANSITIONS.get(old, set())


def next_statuses(old: str) -> list[str]:
    """The statuses a form may offer, the current one first, in the table's order."""
    return [old, *(s for s in S.values if s in TRANSITIONS.get(old, set()))]
