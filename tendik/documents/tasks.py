"""The reading of a document, in the worker. Thin: the service holds the rules."""

from django_tasks import task

from .services import document_extract_job


@task()
def document_extract_task(job_id: int) -> None:
    document_extract_job(job_id=job_id)
