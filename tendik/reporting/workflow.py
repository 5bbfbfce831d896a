"""Reporting life-cycles: one table for periods, one for reports. Every other move is refused."""

from .models import PeriodState, ReportState

P, R = PeriodState, ReportState
PERIOD_TRANSITIONS: dict[str, set[str]] = {
    P.PLANNED: {P.OPEN},
    P.OPEN: {P.CLOSED},
    P.CLOSED: {P.OPEN, P.LOCKED},
    P.LOCKED: set(),
}
# Report actions: (states it may start from, the state it leads to, who may take it).
FOCAL, MANAGER = "focal", "manager"
REPORT_ACTIONS: dict[str, tuple[set[str], str, str]] = {
    "submit": ({R.DRAFT}, R.SUBMITTED, FOCAL),
    "resubmit": ({R.RETURNED}, R.RESUBMITTED, FOCAL),
    "return": ({R.SUBMITTED, R.RESUBMITTED}, R.RETURNED, MANAGER),
    "accept": ({R.SUBMITTED, R.RESUBMITTED}, R.ACCEPTED, MANAGER),
    "reopen": ({R.ACCEPTED}, R.RETURNED, MANAGER),
}
# Focal points edit only these states; an accepted report is locked until it is reopened.
EDITABLE_REPORTS = {R.DRAFT, R.RETURNED}
# Periods in which reports may still be written and submitted, or reviewed.
WRITABLE_PERIODS = {P.OPEN}
REVIEWABLE_PERIODS = {P.OPEN, P.CLOSED}
