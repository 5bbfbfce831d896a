import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tendik.core.models import Job, JobStatus
from tendik.territories.models import Territory

pytestmark = pytest.mark.django_db

TREE = {"data": [{"id": "KG09000000000", "name": {"local": "Аймак", "en": "Aimak"},
                  "district": [{"id": "KG09201000000", "name": {"local": "Район", "en": "Rayon"},
                                "settlement": [{"id": "KG09201801000",
                                                "name": {"local": "Айыл", "en": "Aiyl"}}]}]}]}


def _upload(client, content: bytes, name="hierarchy.json"):
    return client.post(reverse("territories:import"),
                       {"file": SimpleUploadedFile(name, content)})


# The worker closes its database connection when done, so these tests may not run inside the
# test's wrapping transaction: they use a transactional database instead.
def test_import_from_the_ui_runs_in_the_worker_and_reports_progress(
        transactional_db, world, django_capture_on_commit_callbacks):
    client = world.client("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, json.dumps(TREE).encode())
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("job", args=[job.pk])
    assert job.status == JobStatus.QUEUED
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.errors
    assert job.progress == 100
    assert job.result["counts"]["municipality"] == {"created": 1}
    assert Territory.objects.get(code="KG09201801000").parent.code == "KG09201000000"
    page = client.get(reverse("job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b'value="100"' in page.content and b"hx-trigger" not in page.content


def test_a_failed_import_shows_its_errors_and_writes_nothing(
        transactional_db, world, django_capture_on_commit_callbacks):
    bad = {"data": [{"id": "KG09000000000", "name": {"local": "A", "en": "A"},
                     "district": [{"id": "KG09000000000", "name": {"local": "B", "en": "B"}}]}]}
    with django_capture_on_commit_callbacks(execute=True):
        _upload(world.client("coordinator"), json.dumps(bad).encode())
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert "повторяется" in job.errors[0]["message"]
    assert not Territory.objects.filter(code__startswith="KG09").exists()


def test_wrong_file_type_is_refused_politely(world):
    response = _upload(world.client("coordinator"), b"MZ\x90\x00", name="tree.exe")
    assert response.status_code == 200
    assert "Поддерживаются только файлы .json и .csv" in response.content.decode()
    assert not Job.objects.exists()


def test_oversized_upload_is_refused(world, settings):
    settings.TENDIK_MAX_UPLOAD_BYTES = 1024
    response = _upload(world.client("coordinator"), b"[" + b" " * 4096 + b"]")
    assert response.status_code == 200
    assert "слишком большой" in response.content.decode()
    huge = world.client("coordinator").post(
        reverse("territories:import"), data=b"x" * (2 * 1024 * 1024 + 10),
        content_type="application/octet-stream")
    assert huge.status_code == 413


def test_api_filters_by_country_level_parent_and_code(world, client):
    region = Territory.objects.create(code="KG08000000000", level="region", parent=world.kg,
                                      country_code="KG", name_ru="Чуйская область")
    Territory.objects.create(code="KG08213000000", level="district", parent=region,
                             country_code="KG", name_ru="Кеминский район")
    url = reverse("territory-list")
    body = client.get(url, {"country": "KG", "level": "region"}).json()
    assert body["count"] == 1 and body["results"][0]["code"] == "KG08000000000"
    assert client.get(url, {"parent": "KG08000000000"}).json()["results"][0]["level"] == "district"
    assert client.get(url, {"code": "KG08213000000"}).json()["count"] == 1
    assert client.get(url, {"country": "KZ", "level": "region"}).json()["count"] == 0


def test_territory_list_page_searches_with_htmx(world, client):
    response = client.get(reverse("territories:list"), {"search": "Страна"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content and "Страна KG" in response.content.decode()
