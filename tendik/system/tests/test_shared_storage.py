"""Private files on S3-compatible storage (TENDIK_STORAGE=s3), so that several web and worker hosts
share them: evidence is stored in the bucket, never public, and downloaded through the permission
check. moto's S3 server stands in for MinIO or Ceph; nothing of ours is replaced."""

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tendik.reporting import services
from tendik.reporting.tests.factories import open_period

boto3 = pytest.importorskip("boto3")
pytest.importorskip("storages")

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint, settings):
    name = f"tendik-{uuid.uuid4().hex[:12]}"
    options = {"endpoint_url": s3_endpoint, "region_name": "us-east-1",
               "aws_access_key_id": "tendik", "aws_secret_access_key": "tendik-secret"}
    client = boto3.client("s3", **options)
    client.create_bucket(Bucket=name)
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            "bucket_name": name, "endpoint_url": s3_endpoint, "region_name": "us-east-1",
            "access_key": "tendik", "secret_key": "tendik-secret", "default_acl": "private",
            "file_overwrite": False}}}
    return client, name


def test_evidence_is_stored_in_the_bucket_and_downloaded_through_the_permission_check(world, bucket):
    client, name = bucket
    _plan, _period, report, _indicator, other_focal = open_period(world)
    focal = world.users["focal_point"]
    evidence = services.evidence_add(actor=focal, report=report,
                                     upload=SimpleUploadedFile("protocol.pdf", PDF))

    stored = client.get_object(Bucket=name, Key=evidence.file.name)["Body"].read()
    assert stored == PDF
    grants = client.get_object_acl(Bucket=name, Key=evidence.file.name)["Grants"]
    assert not [grant for grant in grants if "AllUsers" in str(grant.get("Grantee"))]

    url = reverse("reporting:evidence", args=[evidence.pk])
    response = world.client("focal_point").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF

    outsider = Client()
    outsider.force_login(other_focal)
    assert outsider.get(url).status_code == 404


def _redis_url() -> str | None:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return None
    return "redis://127.0.0.1:6379/7"


def test_two_processes_share_one_cache_through_redis(tmp_path):
    """What one web host counts (the API's login rate), another sees: the cache is Redis, not the
    memory of one process, as soon as TENDIK_CACHE_URL is set."""
    url = _redis_url()
    if url is None:
        pytest.skip("no Redis on 127.0.0.1:6379")
    key = f"shared-{uuid.uuid4().hex}"
    env = {**os.environ, "TENDIK_CACHE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    script = "import django, sys; django.setup(); from django.core.cache import cache; {}"
    writer = script.format(f"cache.set('{key}', 'from-host-a', 60)")
    reader = script.format(f"sys.stdout.write(str(cache.get('{key}')))")
    root = Path(__file__).resolve().parents[3]
    subprocess.run([sys.executable, "-c", writer], cwd=root, env=env, check=True)  # noqa: S603
    seen = subprocess.run([sys.executable, "-c", reader], cwd=root, env=env, check=True,  # noqa: S603
                          capture_output=True, text=True).stdout
    assert seen == "from-host-a"
