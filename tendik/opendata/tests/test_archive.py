"""The all-data ZIP: requested by the first reader (503 with Retry-After, one shared job), built
by the job, served for the current public data only, with its data dictionary and licence."""

import csv
import datetime
import io
import re
import zipfile

import pytest
from django.utils import timezone

from tendik.core.models import Job
from tendik.opendata.models import OpenDataArchive
from tendik.opendata.services import (
    open_data_archive_build,
    open_data_archive_job_run,
    open_data_archive_request,
)
from tendik.reporting import services as reporting_services

from .fixtures_public import public_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
URL = "/open-data/all.zip?country=KG"


def _built(client) -> zipfile.ZipFile:
    pending = client.get(URL)
    assert pending.status_code == 503
    open_data_archive_job_run(job_id=pending.json()["job"])
    response = client.get(URL)
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_first_request_queues_one_build_and_answers_503_with_retry_after(client, public):
    first = client.get(URL)
    assert first.status_code == 503 and first["Retry-After"] == "30"
    assert "ETag" not in first and "no-store" in first["Cache-Control"]
    second = client.get(URL)
    assert second.json()["job"] == first.json()["job"]
    assert Job.objects.filter(kind="open_data_archive").count() == 1
    job = open_data_archive_job_run(job_id=first.json()["job"])
    assert job.status == "done"
    response = client.get(URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Link"].endswith('rel="license"')
    assert client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_zip_holds_a_csv_per_indicator_a_dictionary_a_datapackage_and_the_licence(
        client, public):
    archive = _built(client)
    names = set(archive.namelist())
    assert names == {"data/indicator_ФН-1.csv", "data/indicator_П-1.csv", "data_dictionary.csv",
                     "datapackage.json", "README.txt", "LICENSE.txt"}
    assert archive.read("data/indicator_ФН-1.csv") == (
        b"Year,SEX,Value\n2022,,12\n2023,,20\n2023,F,14\n2023,M,6\n")
    assert "CC-BY-4.0" in archive.read("README.txt").decode()
    dictionary = list(csv.DictReader(io.StringIO(archive.read("data_dictionary.csv").decode())))
    female = next(r for r in dictionary if r["kind"] == "code" and r["code"] == "F")
    assert female["column"] == "SEX" and female["label_ru"] and female["label_en"] == "women"
    assert {r["column"] for r in dictionary if r["kind"] == "column"} >= {"Year", "Value"}
    everything = b"".join(archive.read(name) for name in names)
    # As whole numbers: a timestamp's microseconds in datapackage.json may hold «778» by chance.
    assert not re.search(rb"(?<![\d.:])(?:777|778|779|881)(?!\d)", everything)
    values = [row["Value"] for row in csv.DictReader(io.StringIO(
        archive.read("data/indicator_ФН-1.csv").decode()))]
    assert "3" not in values and "9" not in values and "12" in values


def test_a_withdrawal_makes_the_built_zip_unservable_until_rebuilt(client, world, public):
    _built(client)
    reporting_services.period_withdraw(actor=world.users["coordinator"],
                                       period=public.periods[2023])
    pending = client.get(URL)
    assert pending.status_code == 503
    open_data_archive_job_run(job_id=pending.json()["job"])
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(URL).streaming_content)))
    assert archive.read("data/indicator_П-1.csv") == b"Year,Value\n2022,24.5\n"
    assert OpenDataArchive.objects.count() == 1  # the older one is deleted with its file


def test_the_catalogue_lists_the_built_zip(client, public):
    assert client.get("/open-data/catalogue.json").json()["distribution"] == []
    _built(client)
    (zip_entry,) = client.get("/open-data/catalogue.json").json()["distribution"]
    assert zip_entry["format"] == "ZIP" and zip_entry["country"] == "KG"
    assert zip_entry["url"] == "http://testserver" + URL


def test_without_any_open_data_the_archive_is_a_404(client, world):
    assert client.get("/open-data/all.zip").status_code == 404


def test_the_country_may_be_left_out_only_when_there_is_one(client, public, kz_imported):
    assert client.get("/open-data/all.zip?country=UZ").status_code == 404
    assert client.get("/open-data/all.zip?country=Q1").status_code == 400
    response = client.get("/open-data/all.zip")
    assert response.status_code == 400 and "KG, KZ" in response.json()["detail"]


def test_a_request_for_a_built_archive_creates_nothing(world, public):
    built = open_data_archive_build(country=world.kg)
    assert open_data_archive_request(country=world.kg) == (built, False)
    assert not Job.objects.filter(kind="open_data_archive").exists()


def test_a_build_that_just_failed_is_not_queued_again_by_the_next_reader(client, public):
    first = client.get(URL).json()["job"]
    Job.objects.filter(pk=first).update(status="failed", finished_at=timezone.now())
    again = client.get(URL)
    assert again.status_code == 503 and again.json()["job"] == first
    Job.objects.filter(pk=first).update(finished_at=timezone.now() - datetime.timedelta(hours=1))
    assert client.get(URL).json()["job"] != first
