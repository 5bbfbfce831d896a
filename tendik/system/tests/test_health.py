"""/health/live and /health/ready: what they answer, to whom, and at what cost."""

import datetime
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tendik.system.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def _beat(seconds_ago: float = 0) -> None:
    seen = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(worker_id="w1", started_at=seen, last_seen=seen)


def test_ready_answers_ok_for_each_check_when_a_worker_beat_recently(client):
    _beat()
    response = client.get(reverse("health_ready"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "worker": "ok", "disk": "ok"}


@pytest.mark.parametrize("beats", [[], [10_000]], ids=["no worker ever", "last beat long ago"])
def test_a_stale_worker_is_reported_but_the_web_stays_in_service(client, settings, beats):
    settings.TENDIK_WORKER_STALE_SECONDS = 180
    for seconds_ago in beats:
        _beat(seconds_ago)
    response = client.get(reverse("health_ready"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "worker": "stale", "disk": "ok"}


def test_ready_fails_when_the_disk_is_below_the_minimum(client, settings):
    _beat()
    settings.TENDIK_DISK_MIN_FREE_MB = 2**40  # an exabyte: no disk here has that free
    response = client.get(reverse("health_ready"))
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "worker": "ok", "disk": "low"}


def test_live_answers_without_looking_at_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("health_live"))
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.parametrize("name", ["health_live", "health_ready"])
def test_health_needs_no_login_sets_no_cookie_and_is_never_cached(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("name", ["health_live", "health_ready"])
def test_health_answers_get_and_head_and_refuses_writes(client, name):
    # HEAD: what `curl -I` and some load balancers send.
    assert client.head(reverse(name)).status_code == 200
    assert client.post(reverse(name)).status_code == 405
    assert client.delete(reverse(name)).status_code == 405


def test_ready_reveals_no_version_path_or_number(client, settings):
    _beat()
    settings.TENDIK_DISK_MIN_FREE_MB = 2**40
    body = client.get(reverse("health_ready")).content.decode()
    assert set(json.loads(body).values()) <= {"ok", "stale", "low", "failed"}
    assert not any(ch.isdigit() for ch in body) and "/" not in body


def test_ready_costs_at_most_two_queries(client):
    _beat()
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("health_ready"))
    assert len(queries) <= 2, [q["sql"] for q in queries]


def _free_port() -> int:
    """One of this suite's ports (8620-8629) that nothing listens on."""
    for port in range(8620, 8630):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8620-8629")


def _get(url: str, *, attempts: int = 100) -> tuple[int, bytes]:
    for _attempt in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our own server)
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} never answered")


def test_ready_fails_naming_the_database_when_it_does_not_answer():
    """A real server whose PostgreSQL is unreachable (port 1): nothing here is replaced."""
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "TENDIK_DATABASE_URL": "postgres://postgres@127.0.0.1:1/x"}
    server = subprocess.Popen(  # noqa: S603 (a fixed command line)
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ready = _get(f"http://127.0.0.1:{port}/health/ready")
        live = _get(f"http://127.0.0.1:{port}/health/live")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert ready[0] == 503
    assert json.loads(ready[1]) == {"database": "failed", "worker": "stale", "disk": "ok"}
    assert live == (200, b'{"status": "ok"}')
