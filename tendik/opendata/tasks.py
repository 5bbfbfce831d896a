from django_tasks import task

from .services import open_data_archive_job_run


@task()
def open_data_archive_task(job_id: int) -> None:
    open_data_archive_job_run(job_id=job_id)
