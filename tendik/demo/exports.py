"""The demo's national report: NAP 2022–2024 for 2022–2023, in Russian, as DOCX, already built."""

from tendik.core.models import JobStatus
from tendik.exports.models import NationalReport
from tendik.exports.services import national_report_job_run, national_report_request
from tendik.organisations.models import User
from tendik.plans.models import PlanStatus

from .reporting import demo_plan


def national_report_demo_load() -> int:
    """Builds it in the loader rather than the worker, so the first page a coordinator opens
    already lists a report to download. Idempotent: a finished one is kept."""
    plan = demo_plan("KG", "nap", PlanStatus.CLOSED)
    coordinator = User.objects.filter(username="coordinator").first()
    if plan is None or coordinator is None:
        return 0
    done = NationalReport.objects.filter(plan=plan, format="docx", language="ru",
                                         job__status=JobStatus.DONE).exclude(file="")
    if done.filter(date_from__year=2022, date_to__year=2023).exists():
        return 0
    report, _created = national_report_request(actor=coordinator, plan_id=plan.pk,
                                               period_from="2022", period_to="2023", fmt="docx",
                                               language="ru")
    national_report_job_run(job_id=report.job_id)
    return 1
