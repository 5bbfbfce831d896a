from django_tasks import task

from .services import national_report_job_run


@task()
def national_report_task(job_id: int) -> None:
    national_report_job_run(job_id=job_id)
