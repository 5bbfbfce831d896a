"""The API that acceptance checks use: POST a request → 202 and a job id; poll the job; download
its result; scope per role; bad bodies named by field; the list of generated reports."""

import pytest
from django.http import response as http_response
from django.urls import reverse
from rest_framework.test import APIClient

from tendik.core.models import JobStatus
from tendik.core.services import api_token_issue
from tendik.exports.models import NationalReport
from tendik.exports.render import CONTENT_TYPES
from tendik.exports.services import national_report_job_run

pytestmark = pytest.mark.django_db

REQUEST = "api-national-report"
LIST = "api-national-reports"


def _body(national, **overrides) -> dict:
    return {"plan": national["plan"].pk, "period_from": str(national["p22"].pk),
            "period_to": str(national["p23"].pk), "format": "docx", "language": "ru",
            **overrides}


def _post(client, body: dict):
    return client.post(reverse(REQUEST), body, content_type="application/json")


def _job(client, job_id: int):
    return client.get(reverse("job-detail", args=[job_id]))


def _token_client(user) -> APIClient:
    token, _expiry = api_token_issue(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def _requested_and_built(client, national) -> dict:
    response = _post(client, _body(national))
    assert response.status_code == 202
    body = response.json()
    national_report_job_run(job_id=body["id"])
    return body


def test_a_request_is_a_job_to_poll_and_its_result_downloads(coordinator, national):
    client = _token_client(coordinator)
    response = _post(client, _body(national))
    assert response.status_code == 202
    body = response.json()
    assert set(body) == {"id", "national_report", "created"} and body["created"] is True
    job = _job(client, body["id"]).json()
    assert {"id", "state", "progress", "message", "result_url"} <= set(job)
    assert (job["id"], job["state"], job["result_url"]) == (body["id"], "queued", None)
    national_report_job_run(job_id=body["id"])
    job = _job(client, body["id"]).json()
    assert (job["state"], job["progress"], job["message"]) == ("done", 100, "")
    url = f"http://testserver/api/v1/exports/national-reports/{body['national_report']}/download/"
    assert job["result_url"] == url
    signed_in = APIClient()
    signed_in.force_login(coordinator)
    download = signed_in.get(job["result_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == CONTENT_TYPES["docx"]
    assert b"".join(download.streaming_content).startswith(b"PK")


def test_a_token_client_downloads_the_result_url(coordinator, national):
    client = _token_client(coordinator)
    body = _requested_and_built(client, national)
    download = client.get(_job(client, body["id"]).json()["result_url"])
    assert download.status_code == 200


def test_the_same_request_again_returns_the_job_in_flight(world, national):
    first = _post(world.client("coordinator"), _body(national)).json()
    again = _post(world.client("admin"), _body(national))
    assert again.status_code == 202
    assert again.json() == {**first, "created": False}


def test_a_failed_job_reads_failed_with_its_reason_and_no_result(world, national, monkeypatch):
    from tendik.exports import services

    def broken(document):
        raise OSError("broken image")

    monkeypatch.setattr(services, "renderer", lambda fmt: broken)
    client = world.client("coordinator")
    job_id = _post(client, _body(national)).json()["id"]
    national_report_job_run(job_id=job_id)
    job = _job(client, job_id).json()
    assert (job["state"], job["result_url"]) == ("failed", None)
    assert job["message"].startswith("Не удалось сформировать файл DOCX (OSError).")


def test_the_shared_job_is_seen_by_the_countrys_managers_only(world, national):
    job_id = _post(world.client("coordinator"), _body(national)).json()["id"]
    assert _job(world.client("admin"), job_id).status_code == 200
    for role in ("focal_point", "observer", "coordinator_kz"):
        assert _job(world.client(role), job_id).status_code == 404, role
    assert _job(world.client("anonymous"), job_id).status_code in {401, 403}


def test_reporters_may_not_request_a_report(world, national):
    for role in ("focal_point", "partner", "committee", "observer"):
        response = _post(world.client(role), _body(national))
        assert response.status_code == 403, role
    assert _post(world.client("anonymous"), _body(national)).status_code in {401, 403}
    assert not NationalReport.objects.exists()


def test_a_plan_out_of_sight_is_404(world, national):
    assert _post(world.client("coordinator_kz"), _body(national)).status_code == 404
    assert _post(world.client("coordinator"), _body(national, plan=999_999)).status_code == 404


def test_an_invalid_body_is_a_400_naming_every_field(world, national):
    response = _post(world.client("coordinator"), {"plan": "first", "format": "doc"})
    assert response.status_code == 400
    assert {error["field"] for error in response.json()["errors"]} == {
        "plan", "format", "language"}


@pytest.mark.parametrize("overrides,field", [
    ({"language": "kk"}, "language"),
    ({"period_from": "2024", "period_to": "2023"}, "period_from"),
    ({"period_from": "1900-13"}, "period_from"),
])
def test_a_choice_the_plan_does_not_allow_is_a_400_naming_it(world, national, overrides, field):
    response = _post(world.client("coordinator"), _body(national, **overrides))
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_the_list_shows_the_countrys_reports_filtered_by_plan(world, national, other_plan):
    client = world.client("coordinator")
    created = _post(client, _body(national)).json()
    _post(client, _body(national, language="en"))
    national_report_job_run(job_id=created["id"])
    rows = client.get(reverse(LIST), {"plan": national["plan"].pk}).json()["results"]
    assert [row["language"] for row in rows] == ["en", "ru"]  # newest first
    done = rows[1]
    assert (done["id"], done["state"], done["reports_counted"]) == (
        created["national_report"], JobStatus.DONE, 3)
    assert done["download_url"].endswith(f"/api/v1/exports/national-reports/{done['id']}/download/")
    assert rows[0]["download_url"] is None and rows[0]["state"] == "queued"
    assert client.get(reverse(LIST), {"plan": other_plan.pk}).json()["results"] == []
    unknown = client.get(reverse(LIST), {"plan": 999_999})
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["field"] == "plan"
    assert client.get(reverse(LIST), {"language": "en"}).json()["count"] == 1
    assert world.client("coordinator_kz").get(reverse(LIST)).json()["results"] == []
    assert world.client("focal_point").get(reverse(LIST)).status_code == 403


def test_the_download_names_its_type_without_the_systems_mime_table(world, national,
                                                                    monkeypatch):
    client = world.client("coordinator")
    body = _requested_and_built(client, national)
    monkeypatch.setattr(http_response.mimetypes, "guess_type", lambda name: (None, None))
    download = client.get(_job(client, body["id"]).json()["result_url"])
    assert download["Content-Type"] == CONTENT_TYPES["docx"]
