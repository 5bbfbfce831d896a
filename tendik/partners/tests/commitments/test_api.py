"""The commitments API: its contract, the shared filters, writes with versions, multipart
progress, and what the anonymous reader gets (published commitments only)."""

import pytest
from django.urls import reverse

from tendik.partners.commitments import services
from tendik.partners.models import Commitment
from tendik.testing.matrix import ANONYMOUS

from .conftest import pdf

pytestmark = pytest.mark.django_db
LIST = "/api/v1/commitments/"
ITEM_KEYS = {"id", "title", "text", "country", "made_by", "framework", "framework_label",
             "action_coalition", "action_coalition_label", "action_area", "action_area_label",
             "cedaw_item", "made_on", "target_date", "status", "status_label", "measures",
             "indicators", "published", "is_demo", "latest_progress", "progress", "version"}


def _body(world, **fields):
    return {"country": "KG", "made_by": world.home_org.pk, "framework": "generation_equality",
            "action_coalition": "gbv", "action_area": "gbv-prevention",
            "title_ru": "Школьные программы профилактики", "text_ru": "Ввести уроки",
            "made_on": "2022-03-01", "target_date": "2026-12-31", **fields}


def test_a_coordinator_creates_one_and_reads_it_back_with_every_field(world):
    client = world.client("coordinator")
    response = client.post(LIST, _body(world), content_type="application/json")
    assert response.status_code == 201, response.json()
    item = response.json()
    assert set(item) == ITEM_KEYS
    assert item["made_by"] == {"id": world.home_org.pk, "name": world.home_org.name}
    assert item["framework_label"] == "Поколение равенства: коалиция действий"
    assert item["action_area_label"].startswith("Профилактика")
    assert (item["latest_progress"], item["progress"], item["version"]) == (None, [], 1)
    listed = client.get(LIST).json()
    assert listed["count"] == 1 and listed["results"][0] == item


def test_a_bad_framework_is_a_400_naming_the_field(world):
    response = world.client("coordinator").post(LIST, _body(world, action_area="tech-access"),
                                                content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "action_area"


def test_patch_needs_the_current_version(world, make):
    commitment = make()
    client = world.client("coordinator")
    url = f"{LIST}{commitment.pk}/"
    ok = client.patch(url, {"version": 1, "status": "in_progress"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.patch(url, {"version": 1, "status": "delayed"}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current"] == {"version": 2}
    missing = client.patch(url, {"status": "delayed"}, content_type="application/json")
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "version"


def test_progress_by_multipart_with_a_pdf_and_a_fake_pdf(world, make):
    commitment = make()
    client = world.client("focal_point")
    url = f"{LIST}{commitment.pk}/progress/"
    fake = pdf("fake.pdf").__class__("fake.pdf", b"<html>not a pdf</html>")
    refused = client.post(url, {"year": 2025, "status": "in_progress", "text": "Сделано",
                                "evidence": fake})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "evidence"
    saved = client.post(url, {"year": 2025, "status": "in_progress", "text": "Сделано",
                              "percent": 30, "evidence": pdf()})
    assert saved.status_code == 200, saved.json()
    assert saved.json()["evidence_download"].startswith("/commitments/evidence/")
    item = client.get(f"{LIST}{commitment.pk}/").json()
    assert item["latest_progress"] == {"year": 2025, "status": "in_progress", "percent": 30}
    assert item["status"] == "in_progress"


def test_a_future_year_is_a_400(world, make):
    commitment = make()
    response = world.client("coordinator").post(
        f"{LIST}{commitment.pk}/progress/", {"year": 2999, "status": "planned", "text": "Позже"},
        content_type="application/json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "year"


def test_the_anonymous_reader_gets_published_commitments_only(world, make):
    shown, hidden = make(title_ru="Открытое"), make(title_ru="Закрытое")
    services.commitment_publish(actor=world.users["coordinator"], commitment=shown,
                                published=True)
    client = world.client(ANONYMOUS)
    titles = [item["title"] for item in client.get(LIST).json()["results"]]
    assert titles == ["Открытое"]
    assert client.get(f"{LIST}{hidden.pk}/").status_code == 404
    assert client.get(LIST, {"published": "false"}).json()["count"] == 0


@pytest.mark.parametrize("query,expected", [
    ({"country": "KG"}, 2), ({"country": "KZ"}, 0), ({"status": "achieved"}, 1),
    ({"framework": "national"}, 1), ({"coalition": "gbv"}, 1), ({"published": "true"}, 1),
    ({"q": "закон"}, 1), ({"organisation": "home"}, 2),
])
def test_the_list_filters(world, make, query, expected):
    gbv = make(text_ru="Открыть кризисные центры")
    make(framework="national", status="achieved", text_ru="Принять закон")
    services.commitment_publish(actor=world.users["coordinator"], commitment=gbv, published=True)
    if query.get("organisation") == "home":
        query = {"organisation": world.home_org.pk}
    response = world.client("coordinator").get(LIST, query)
    assert response.status_code == 200 and response.json()["count"] == expected


def test_an_unknown_filter_value_is_a_400(world):
    response = world.client("coordinator").get(LIST, {"status": "finished"})
    assert response.status_code == 400


@pytest.mark.parametrize("count", [1, 8])
def test_the_list_costs_the_same_queries_whatever_the_rows(world, make, count,
                                                           django_assert_max_num_queries):
    for number in range(count):
        commitment = make(title_ru=f"Обязательство {number}")
        services.commitment_progress_save(actor=world.users["coordinator"],
                                          commitment=commitment, year=2024,
                                          status="in_progress", text="Идёт", percent=number)
    assert Commitment.objects.count() == count
    client = world.client("coordinator")
    with django_assert_max_num_queries(11):
        assert client.get(reverse("commitment-list")).json()["count"] == count
