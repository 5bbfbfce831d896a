"""Who may do what with one report: the single answer that views, the API and services share."""

from dataclasses import dataclass

from tendik.core.permissions import Role, has_role, is_installation_admin, is_manager

from .models import Report
from .workflow import EDITABLE_REPORTS, REPORT_ACTIONS, REVIEWABLE_PERIODS, WRITABLE_PERIODS

REPORTER_ROLES = (Role.FOCAL_POINT, Role.PARTNER, Role.COMMITTEE)


@dataclass(frozen=True)
class ReportCapabilities:
    reporter: bool  # the user writes this report (their organisation, a reporting role)
    reviewer: bool  # the user reviews it (a manager of the report's country)
    edit: bool  # the reporter may change it now (state and period allow it)
    review: bool  # the reviewer may return or accept it now
    actions: tuple[str, ...]  # workflow actions the user may take now


def _is_reporter(user, report: Report) -> bool:
    if user is None:  # the system itself: the demo loader and management commands
        return True
    return (user.is_authenticated and user.organisation_id == report.organisation_id
            and has_role(user, *REPORTER_ROLES) and not is_manager(user))


def _is_reviewer(user, report: Report) -> bool:
    if user is None:
        return True
    if not is_manager(user):
        return False
    return is_installation_admin(user) or report.plan.country_id == user.country_id


def report_capabilities(user, report: Report) -> ReportCapabilities:
    reporter, reviewer = _is_reporter(user, report), _is_reviewer(user, report)
    period_state = report.period.state
    actions = tuple(
        name for name, (sources, _target, who) in REPORT_ACTIONS.items()
        if report.state in sources and (
            (who == "focal" and reporter and period_state in WRITABLE_PERIODS)
            or (who == "manager" and reviewer and period_state in REVIEWABLE_PERIODS)))
    return ReportCapabilities(
        reporter=reporter, reviewer=reviewer,
        edit=reporter and report.state in EDITABLE_REPORTS and period_state in WRITABLE_PERIODS,
        review=reviewer and period_state in REVIEWABLE_PERIODS, actions=actions)
