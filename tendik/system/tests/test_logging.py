"""Structured logs: the request id, the JSON line, slow requests, failed jobs, and no personal
data in any of it."""

import io
import json
import logging
import sys

import pytest
from django.urls import reverse

from tendik.core.errors import DomainError
from tendik.core.services import job_create, job_run
from tendik.reporting.tests.factories import open_period
from tendik.system.logging import JsonFormatter, RequestIdFilter
from tendik.system.middleware import HEADER

pytestmark = pytest.mark.django_db
GOOD_ID = "proxy-4f2a9c1e.77"


@pytest.fixture
def json_log():
    """Everything logged at INFO and above, as the production console handler writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.parametrize("url", ["/health/live", "/", "/nowhere/"], ids=["page", "redirect", "404"])
def test_every_response_carries_a_request_id(client, url):
    assert len(client.get(url)[HEADER]) == 32


def test_a_plain_request_id_from_the_proxy_is_kept(client):
    assert client.get("/health/live", HTTP_X_REQUEST_ID=GOOD_ID)[HEADER] == GOOD_ID


@pytest.mark.parametrize("given", ["has spaces in it", "a" * 500, GOOD_ID + "\nX-Injected: 1",
                                   "short", "id<script>alert(1)</script>"])
def test_a_request_id_that_is_not_a_plain_token_is_replaced(client, given):
    kept = client.get("/health/live", HTTP_X_REQUEST_ID=given)[HEADER]
    assert kept != given and len(kept) == 32 and kept.isalnum()


def test_a_line_logged_during_a_request_carries_its_id(client, json_log):
    client.get("/nowhere/", HTTP_X_REQUEST_ID=GOOD_ID)
    (line,) = [line for line in _lines(json_log) if line["logger"] == "django.request"]
    assert line["request_id"] == GOOD_ID and line["level"] == "WARNING"
    assert line["message"] == "Not Found: /nowhere/"


def test_a_json_line_has_time_level_logger_message_id_and_the_exception():
    try:
        raise ValueError("the disk said no")
    except ValueError:
        record = logging.LogRecord("tendik.x", logging.ERROR, __file__, 1, "Backup %s failed",
                                   ("nightly",), sys.exc_info())
    record.job_id = 7
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert {"time", "level", "logger", "message", "request_id", "exception"} <= set(line)
    assert line["level"] == "ERROR" and line["logger"] == "tendik.x" and line["job_id"] == 7
    assert line["message"] == "Backup nightly failed" and line["request_id"] == "-"
    assert "ValueError: the disk said no" in line["exception"] and "Traceback" in line["exception"]
    assert line["time"].endswith("+00:00")


def test_a_slow_request_is_logged_with_its_route_status_duration_and_user_id(world, settings, json_log):
    settings.TENDIK_SLOW_REQUEST_MS = 0
    coordinator = world.users["coordinator"]
    world.client("coordinator").get(reverse("organisations:detail", args=[world.home_org.pk]),
                                    {"q": "Иванова"}, HTTP_X_REQUEST_ID=GOOD_ID)
    (line,) = [line for line in _lines(json_log) if line["message"].startswith("slow request")]
    assert line["level"] == "WARNING" and line["request_id"] == GOOD_ID
    assert line["method"] == "GET" and line["status"] == 200
    assert line["route"] == "organisations/<int:pk>/" and line["user_id"] == coordinator.pk
    assert isinstance(line["duration_ms"], int)
    assert "Иванова" not in json_log.getvalue() and "coordinator" not in line["message"]


def test_a_request_within_the_threshold_is_not_logged(client, settings, json_log):
    settings.TENDIK_SLOW_REQUEST_MS = 60_000
    client.get("/health/live")
    assert "slow request" not in json_log.getvalue()


def test_a_refused_job_is_a_warning_with_its_id_kind_and_code(world, json_log):
    job = job_create(kind="import", actor=world.users["coordinator"])

    def refuse(job, report):
        raise DomainError("В строке 3 указан ivanova.a@example.kg", code="invalid_file")

    job_run(job_id=job.pk, handler=refuse)
    (line,) = [line for line in _lines(json_log) if line["logger"] == "tendik.core.services"]
    assert line["level"] == "WARNING" and "exception" not in line
    assert (line["job_id"], line["kind"], line["code"]) == (job.pk, "import", "invalid_file")
    assert "ivanova" not in json_log.getvalue()


def test_an_unexpected_job_failure_is_an_error_with_its_traceback(world, json_log):
    job = job_create(kind="import", actor=None)
    job_run(job_id=job.pk, handler=lambda job, report: 1 / 0)
    (line,) = [line for line in _lines(json_log) if line["logger"] == "tendik.core.services"]
    assert line["level"] == "ERROR" and line["job_id"] == job.pk
    assert "ZeroDivisionError" in line["exception"]


def test_no_username_email_or_name_reaches_the_logs(world, settings, json_log):
    """A locked-out login, a report saved, a slow request and a refused job, all logged."""
    settings.TENDIK_SLOW_REQUEST_MS = 0
    email = "ivanova.a@example.kg"
    focal = world.users["focal_point"]
    focal.username, focal.email, focal.first_name, focal.last_name = email, email, "Айгуль", "Иванова"
    focal.save()
    world.client("anonymous").get("/nowhere/", {"q": email})
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        world.client("anonymous").post(reverse("login"), {"username": email, "password": "wrong"})
    _, _, report, _, _ = open_period(world)
    saved = world.client("focal_point").post(
        reverse("reporting:activity_add", args=[report.pk]),
        {"kind": "training", "title": "Тренинг Асель Токтогуловой", "start": "2023-04-04",
         "end": "2023-04-05", "venue": "Бишкек", "participants_women": "12",
         "participants_men": "3", "participants_total": "15"})
    assert saved.status_code == 302
    job = job_create(kind="import", actor=focal)

    def refuse(job, report):
        raise DomainError(f"Строка 2: {email} Иванова Айгуль", code="invalid_file")

    job_run(job_id=job.pk, handler=refuse)
    logged = json_log.getvalue()
    assert "AXES: Locking out" in logged and "slow request" in logged and "refused" in logged
    assert "Not Found: /nowhere/" in logged
    for personal in (email, "ivanova", "Иванова", "Айгуль", "Асель", "Токтогулов"):
        assert personal.lower() not in logged.lower(), personal
