"""A project's life cycle: the one transition table services, pages, API and tests read."""

from ..models import ProjectStatus

S = ProjectStatus
PROJECT_TRANSITIONS: dict[str, set[str]] = {
    S.PIPELINE: {S.ACTIVE, S.CANCELLED},
    S.ACTIVE: {S.SUSPENDED, S.COMPLETED, S.CANCELLED},
    S.SUSPENDED: {S.ACTIVE, S.CANCELLED},
    S.COMPLETED: set(),
    S.CANCELLED: set(),
}


def allowed_transitions(status: str) -> list[tuple[str, str]]:
    """The moves out of `status` as (status, label), in the order of the status list."""
    return [(value, label) for value, label in S.choices
            if value in PROJECT_TRANSITIONS.get(status, set())]
