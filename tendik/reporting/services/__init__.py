"""Every write to reporting periods and reports, split by concern.

This package's names are the public surface: callers write `services.progress_save(...)` and need
not know which module a service lives in. DomainError is here because every service raises it.
"""

from tendik.core.errors import DomainError

from .bulk import report_upload_xlsx
from .evidence import evidence_add, evidence_delete, evidence_update
from .periods import measures_due, period_create, period_transition
from .publication import period_publish, period_withdraw, publication_problem
from .reminders import reminders_send, report_remind
from .sections import (
    activities_save,
    activity_create,
    activity_delete,
    activity_update,
    observations_save,
    progress_save,
)
from .workflow import report_act

__all__ = [
    "DomainError",
    "activities_save",
    "activity_create",
    "activity_delete",
    "activity_update",
    "evidence_add",
    "evidence_delete",
    "evidence_update",
    "measures_due",
    "observations_save",
    "period_create",
    "period_publish",
    "period_transition",
    "period_withdraw",
    "progress_save",
    "publication_problem",
    "reminders_send",
    "report_act",
    "report_remind",
    "report_upload_xlsx",
]
