"""Background jobs always end: a handler's error of any kind marks the job failed."""

import logging

import pytest

from tendik.core.errors import DomainError
from tendik.core.models import JobStatus
from tendik.core.services import job_create, job_run

pytestmark = pytest.mark.django_db


def _run(handler):
    job = job_create(kind="test", actor=None)
    return job_run(job_id=job.pk, handler=handler)


def test_an_unexpected_error_fails_the_job_with_a_generic_message_and_the_error_class(caplog):
    def broken(job, report):
        report(40, "half way")
        raise ValueError("secret internals")

    with caplog.at_level(logging.ERROR, logger="tendik.core.services"):
        job = _run(broken)
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert job.message_text == "Внутренняя ошибка при выполнении задания"
    assert job.errors[0]["error"] == "ValueError"
    assert "secret internals" not in str(job.errors)
    assert "secret internals" in caplog.text  # the traceback goes to the log


def test_a_domain_error_fails_the_job_with_its_own_message():
    def refused(job, report):
        raise DomainError("Нет листа", errors=[{"row": 1, "message": "Нет листа"}])

    job = _run(refused)
    assert job.status == JobStatus.FAILED
    assert job.message_text == "Нет листа" and job.errors == [{"row": 1, "message": "Нет листа"}]


def test_a_successful_handler_stores_its_result():
    job = _run(lambda job, report: {"created": 3})
    assert job.status == JobStatus.DONE and job.result == {"created": 3}
