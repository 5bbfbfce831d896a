import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from tendik.documents.models import Document, FactKind
from tendik.documents.services import document_extract_job

from .texts import NEWS

pytestmark = pytest.mark.django_db

KEYS = {"language", "events", "organisations", "people", "quantities", "commitments"}


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_upload_then_facts_in_the_stable_json(world):
    client = _client(world.users["focal_point"])
    response = client.post(reverse("document-list"), {
        "file": SimpleUploadedFile("news.txt", NEWS.encode()), "published": "2024-03-14"},
        format="multipart")
    assert response.status_code == 201, response.content
    document_id = response.json()["id"]
    pending = client.get(reverse("document-facts", args=[document_id])).json()
    assert pending["state"] == "queued" and pending["events"] == []
    document_extract_job(job_id=Document.objects.get(pk=document_id).job_id)
    facts = client.get(reverse("document-facts", args=[document_id])).json()
    assert set(facts) >= KEYS and facts["state"] == "done" and facts["language"] == "ru"
    event = facts["events"][0]
    assert {"type", "date_start", "date_end", "place", "span"} <= set(event)
    text = Document.objects.get(pk=document_id).text
    for quantity in facts["quantities"]:
        start, end = quantity["span"]
        assert text[start:end] == quantity["text"]
        assert quantity["qualifier"] in (">", "≈", "<", "=", "all")


def test_pasted_text_through_json(world):
    response = _client(world.users["coordinator"]).post(
        reverse("document-list"), {"text": NEWS, "title": "Новость"}, format="json")
    assert response.status_code == 201 and response.json()["title"] == "Новость"


@pytest.mark.parametrize(("payload", "field"), [
    ({"file": SimpleUploadedFile("scan.pdf", b"%PDF-1.4 garbage")}, "file"),
    ({"text": "   "}, "file"),
    ({"text": NEWS, "source_url": "not a link"}, "source_url"),
    ({"text": NEWS, "published": "2024-02-31"}, "published"),
])
def test_bad_input_is_a_400_naming_the_field(world, payload, field):
    response = _client(world.users["focal_point"]).post(reverse("document-list"), payload,
                                                        format="multipart")
    assert response.status_code == 400
    assert field in {e["field"] for e in response.json()["errors"]}
    assert not Document.objects.exists()


def test_a_nul_in_pasted_json_text_is_a_400(world):
    response = _client(world.users["focal_point"]).post(
        reverse("document-list"), {"text": "Тренинг\x00"}, format="json")
    assert response.status_code == 400 and not Document.objects.exists()


def test_a_decision_through_the_api_and_its_conflict(world, read_document):
    user = world.users["focal_point"]
    fact = read_document(user).facts.filter(kind=FactKind.QUANTITY).first()
    client = _client(user)
    url = reverse("fact-decide", args=[fact.pk])
    ok = client.post(url, {"decision": "correct", "version": fact.version, "value": 41}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "corrected"
    stale = client.post(url, {"decision": "reject", "version": fact.version}, format="json")
    assert stale.status_code == 409


def test_another_countrys_coordinator_gets_404_for_document_and_facts(world, read_document):
    document = read_document(world.users["focal_point"])
    client = _client(world.users["coordinator_kz"])
    assert client.get(reverse("document-facts", args=[document.pk])).status_code == 404
    assert client.get(reverse("document-list")).json()["count"] == 0


def test_a_document_without_a_source_says_so_with_an_empty_string(world):
    response = _client(world.users["focal_point"]).post(
        reverse("document-list"), {"text": "Семинар прошёл в Оше."}, format="json")
    assert response.status_code == 201 and response.json()["source_url"] == ""
