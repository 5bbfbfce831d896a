"""The home-page block of follow-ups due soon or overdue (filled in by the engagements work)."""


def register() -> None:
    return None
