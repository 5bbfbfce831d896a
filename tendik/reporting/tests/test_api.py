import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from tendik.reporting.models import Report

from .factories import fill_report, open_period

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_period_create_open_and_list_reports(world):
    plan, period, _report, _indicator, _ = open_period(world)
    coordinator = world.client("coordinator")
    created = coordinator.post(reverse("period-list"), {
        "plan": plan.pk, "kind": "quarter", "start": "2024-01-01", "end": "2024-03-31",
        "due_date": "2024-04-15"}, content_type=JSON)
    assert created.status_code == 201
    opened = coordinator.post(reverse("period-open", args=[created.json()["id"]]))
    assert opened.status_code == 200 and opened.json()["reports"] == 2
    again = coordinator.post(reverse("period-open", args=[created.json()["id"]]))
    assert again.status_code == 409
    listed = coordinator.get(reverse("report-list"), {"period": period.pk}).json()
    assert listed["count"] == 2
    assert {"id", "organisation", "state", "version", "completeness"} <= set(listed["results"][0])
    assert world.client("focal_point").post(reverse("period-list"), {}).status_code == 403


def test_sections_need_the_version_they_read(world):
    _, _, report, indicator, _ = open_period(world)
    focal = world.client("focal_point")
    document = focal.get(reverse("report-detail", args=[report.pk])).json()
    item = document["progress"][0]
    url = reverse("report-progress", args=[report.pk, item["measure"]])
    first = focal.patch(url, {"version": item["version"], "status": "in_progress"},
                        content_type=JSON)
    assert first.status_code == 200 and first.json()["version"] == item["version"] + 1
    stale = focal.patch(url, {"version": item["version"], "status": "completed"},
                        content_type=JSON)
    assert stale.status_code == 409 and stale.json()["current"]["status"] == "in_progress"
    observations = focal.patch(reverse("report-observations", args=[report.pk]), {
        "version": 1, "values": [{"indicator": indicator.pk, "value": "72"},
                                 {"indicator": indicator.pk, "disaggregation": {"sex": "F"},
                                  "value": "52"},
                                 {"indicator": indicator.pk, "disaggregation": {"sex": "M"},
                                  "value": "20"}]}, content_type=JSON)
    assert observations.status_code == 200, observations.content
    bad = focal.patch(reverse("report-observations", args=[report.pk]), {
        "version": 2, "values": [{"indicator": indicator.pk, "value": "-1"}]}, content_type=JSON)
    assert bad.status_code == 400 and "отрицательным" in bad.json()["errors"][0]["message"]


def test_workflow_actions_and_illegal_moves(world):
    _, _, report, _, _ = open_period(world)
    focal, coordinator = world.client("focal_point"), world.client("coordinator")
    assert coordinator.post(reverse("report-accept", args=[report.pk])).status_code == 409
    fill_report(report, world.users["focal_point"])
    assert focal.post(reverse("report-submit", args=[report.pk])).json()["state"] == "submitted"
    assert focal.post(reverse("report-accept", args=[report.pk])).status_code == 403
    returned = coordinator.post(reverse("report-return", args=[report.pk]),
                                {"comments": [{"text": "Уточните число"}]}, content_type=JSON)
    assert returned.json()["state"] == "returned"
    assert focal.post(reverse("report-submit", args=[report.pk])).json()["state"] == \
        "resubmitted"
    assert coordinator.post(reverse("report-accept", args=[report.pk])).status_code == 200
    assert coordinator.post(reverse("report-reopen", args=[report.pk]), {},
                            content_type=JSON).status_code == 400
    assert coordinator.post(reverse("report-reopen", args=[report.pk]), {"reason": "ошибка"},
                            content_type=JSON).json()["state"] == "returned"


def test_other_organisation_gets_404_everywhere(world):
    _, _, report, indicator, other_focal = open_period(world)
    client = Client()
    client.force_login(other_focal)
    assert client.get(reverse("report-detail", args=[report.pk])).status_code == 404
    measure_id = report.progress.first().measure_id
    assert client.patch(reverse("report-progress", args=[report.pk, measure_id]),
                        {"version": 1, "status": "completed"},
                        content_type=JSON).status_code == 404
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4 test")
    uploaded = world.client("focal_point").post(reverse("report-evidence", args=[report.pk]),
                                                {"file": pdf})
    assert uploaded.status_code == 201
    evidence_url = reverse("evidence-download", args=[uploaded.json()["id"]])
    assert client.get(evidence_url).status_code == 404
    assert Client().get(evidence_url).status_code in {401, 403}
    own = world.client("focal_point").get(evidence_url)
    assert own.status_code == 200 and b"".join(own.streaming_content).startswith(b"%PDF")


def test_evidence_refused_politely(world, settings):
    _, _, report, _, _ = open_period(world)
    focal = world.client("focal_point")
    url = reverse("report-evidence", args=[report.pk])
    exe = focal.post(url, {"file": SimpleUploadedFile("report.pdf", b"MZ\x90\x00" * 50)})
    assert exe.status_code == 400 and "тип файла" in exe.json()["detail"]
    settings.TENDIK_MAX_UPLOAD_BYTES = 1000
    big = focal.post(url, {"file": SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 5000)})
    assert big.status_code == 413


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
def test_two_concurrent_sessions_never_overwrite_each_other(transactional_db, world):
    _, _, report, _, _ = open_period(world)
    measure_id = report.progress.first().measure_id
    url = reverse("report-progress", args=[report.pk, measure_id])
    barrier, results = threading.Barrier(2), {}

    def save(name: str) -> None:
        client = Client()
        client.force_login(world.users["focal_point"])
        version = client.get(reverse("report-detail", args=[report.pk])).json()["progress"][0][
            "version"]
        barrier.wait()
        results[name] = client.patch(url, {"version": version, "narrative_ru": name},
                                     content_type=JSON).status_code
        connection.close()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("Айгуль", "Бакыт")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == [200, 409]
    winner = next(name for name, code in results.items() if code == 200)
    assert Report.objects.get(pk=report.pk).progress.get(
        measure_id=measure_id).narrative_ru == winner


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
def test_one_write_sent_twice_at_once_is_made_once(transactional_db, world):
    """A device whose first request hung resends it while the first is still running."""
    _, _, report, _, _ = open_period(world)
    url = reverse("report-activities", args=[report.pk])
    body = {"kind": "meeting", "title": "Встреча", "start": "2023-05-01", "end": "2023-05-01",
            "client_id": "9a1f3c2e-0d4b-4f6a-8b7c-2e1d0c9b8a70"}
    results = []

    def send() -> None:
        client = Client()
        client.force_login(world.users["focal_point"])
        response = client.post(url, body, content_type=JSON)
        results.append((response.status_code, response.json().get("id")))
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    # Both requests pass the first receipt check, then wait on the report's row lock held here.
    with transaction.atomic():
        Report.objects.select_for_update().get(pk=report.pk)
        for thread in threads:
            thread.start()
        time.sleep(1.5)
    for thread in threads:
        thread.join()
    assert len(results) == 2 and len(set(results)) == 1 and results[0][0] == 201
    assert Report.objects.get(pk=report.pk).activities.count() == 1


def test_malformed_values_get_400_not_500(world):
    _, _, report, indicator, _ = open_period(world)
    focal = world.client("focal_point")
    url = reverse("report-observations", args=[report.pk])
    for values in ([{"indicator": "abc", "value": "1"}],
                   [{"indicator": indicator.pk, "disaggregation": "sex=F", "value": "1"}],
                   [{"indicator": indicator.pk, "value": "много"}], ["not an object"]):
        response = focal.patch(url, {"version": 1, "values": values}, content_type=JSON)
        assert response.status_code == 400, (values, response.content)


def test_an_incomplete_report_is_submitted_or_accepted_only_with_a_note(world):
    _, _, report, indicator, _ = open_period(world)
    focal, coordinator = world.client("focal_point"), world.client("coordinator")
    refused = focal.post(reverse("report-submit", args=[report.pk]), {}, content_type=JSON)
    assert refused.status_code == 400
    kinds = {error["kind"] for error in refused.json()["errors"]}
    assert kinds == {"status", "indicator"}
    assert any(error.get("indicator") == indicator.pk for error in refused.json()["errors"])
    submitted = focal.post(reverse("report-submit", args=[report.pk]),
                           {"note": "Данные МВД будут в следующем квартале"}, content_type=JSON)
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    report.refresh_from_db()
    assert report.incomplete_note == "Данные МВД будут в следующем квартале"
    assert coordinator.post(reverse("report-accept", args=[report.pk]), {},
                            content_type=JSON).status_code == 400
    accepted = coordinator.post(reverse("report-accept", args=[report.pk]),
                                {"note": "Принимаем: данные МВД позже"}, content_type=JSON)
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"


def test_a_device_adds_an_activity_once_however_often_it_resends(world):
    _, _, report, _, _ = open_period(world)
    focal = world.client("focal_point")
    url = reverse("report-activities", args=[report.pk])
    body = {"kind": "training", "title": "Тренинг", "start": "2023-03-01", "end": "2023-03-01",
            "participants_women": 5, "participants_men": 3, "participants_total": 8,
            "client_id": "0b7f9a52-2c1e-4c56-9a57-3f0d1c9a4e11"}
    first = focal.post(url, body, content_type=JSON)
    assert first.status_code == 201, first.content
    assert first.json()["organisers"] == [report.organisation_id]
    again = focal.post(url, body, content_type=JSON)
    assert (again.status_code, again.json()) == (201, first.json())
    assert report.activities.count() == 1
    assert focal.post(url, {**body, "client_id": "not-a-uuid"}, content_type=JSON).json()[
        "errors"][0]["field"] == "client_id"
    assert world.client("coordinator").post(url, {**body, "client_id": None},
                                            content_type=JSON).status_code == 403


def test_a_resent_section_save_returns_the_first_result(world):
    _, _, report, _, _ = open_period(world)
    focal = world.client("focal_point")
    progress = report.progress.order_by("measure_id").first()
    url = reverse("report-progress", args=[report.pk, progress.measure_id])
    body = {"version": progress.version, "narrative_ru": "Сделано офлайн",
            "client_id": "5d0c3a8e-7a3b-4a8e-8d6e-1b2c3d4e5f60"}
    first = focal.patch(url, body, content_type=JSON)
    again = focal.patch(url, body, content_type=JSON)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json() and first.json()["version"] == progress.version + 1
    evidence = reverse("report-evidence", args=[report.pk])
    upload = {"url": "https://example.org/protocol", "client_id": body["client_id"]}
    reused = focal.post(evidence, upload)  # the id already names the section save
    assert reused.status_code == 409 and reused.json()["errors"][0]["column"] == "client_id"
