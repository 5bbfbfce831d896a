from django_tasks import task

from .services import territory_import_job_run


@task()
def territory_import_task(job_id: int) -> None:
    territory_import_job_run(job_id=job_id)
