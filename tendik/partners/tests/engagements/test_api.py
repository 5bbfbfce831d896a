"""The API contract: the shape of a meeting, its filters, creating, editing, moving agreements."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tendik.partners.models import FollowUp
from tendik.partners.tests.factories import EngagementFactory, FollowUpFactory

from .conftest import record

pytestmark = pytest.mark.django_db
LIST = "/api/v1/engagements/"


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_a_meeting_has_the_promised_shape(world, meeting):
    item = world.client("coordinator").get(LIST).json()["results"][0]
    assert set(item) >= {"id", "title", "kind", "date", "place", "country", "topics",
                         "organisations", "participants", "follow_ups", "version"}
    assert item["country"] == "KG" and item["topics"][1] == "дорожная карта"
    assert {"id": world.home_org.pk, "name": world.home_org.name} in item["organisations"]
    assert item["participants"][0] == {
        "name": "Асанова Айгуль", "position": "министр", "organisation": world.home_org.pk,
        "organisation_name": world.home_org.name, "person": None}
    follow_up = item["follow_ups"][0]
    assert set(follow_up) >= {"id", "text", "owner", "owner_name", "due_date", "status",
                              "done_on", "overdue", "version"}
    assert follow_up["overdue"] is True and follow_up["owner_name"] == world.home_org.name


def test_filters_by_country_organisation_and_status(world, meeting):
    other = EngagementFactory(country=world.kg)
    FollowUpFactory(engagement=other, owner=world.other_kg_org, status="done")
    kz = EngagementFactory(country=world.kz)
    client = world.client("admin")
    assert _ids(client.get(LIST, {"country": "KZ"})) == {kz.pk}
    assert _ids(client.get(LIST, {"country": "KG"})) == {meeting.pk, other.pk}
    assert _ids(client.get(LIST, {"organisation": world.other_kg_org.pk})) == {meeting.pk,
                                                                                 other.pk}
    assert _ids(client.get(LIST, {"organisation": world.kz_org.pk})) == set()
    assert _ids(client.get(LIST, {"status": "open"})) == {meeting.pk}
    assert _ids(client.get(LIST, {"status": "done"})) == {other.pk}
    assert _ids(client.get(LIST, {"kind": "conference"})) == set()
    assert _ids(client.get(LIST, {"date_from": "2025-03-04", "date_to": "2025-03-04"})) >= {
        meeting.pk}
    response = client.get(LIST, {"status": "later"})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "status"


def test_members_read_only_the_meetings_their_organisation_took_part_in(world, meeting):
    elsewhere = EngagementFactory(country=world.kg)
    assert _ids(world.client("focal_point").get(LIST)) == {meeting.pk}
    assert _ids(world.client("observer").get(LIST)) == {meeting.pk, elsewhere.pk}
    assert _ids(world.client("coordinator_kz").get(LIST)) == set()


def test_a_coordinator_creates_a_meeting_through_the_api(world):
    body = {"kind": "consultation", "date": "2025-05-01", "title_ru": "Консультация",
            "topics": ["насилие"], "organisations": [world.home_org.pk],
            "participants": [{"name": "Иванова", "position": "эксперт"}],
            "follow_ups": [{"text": "Собрать предложения", "owner": world.home_org.pk,
                            "due_date": "2025-06-01"}]}
    response = world.client("coordinator").post(LIST, body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["country"] == "KG" and len(response.json()["follow_ups"]) == 1
    bad = world.client("coordinator").post(LIST, {**body, "follow_ups": [
        {"text": "x", "owner": world.home_org.pk, "due_date": "2025-04-01"}]},
        content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "follow_ups.0.due_date"
    assert world.client("observer").post(LIST, body, content_type="application/json"
                                         ).status_code == 403


def test_a_stale_patch_gets_409_and_a_fresh_one_saves(world, meeting):
    url = reverse("engagement-detail", args=[meeting.pk])
    client = world.client("coordinator")
    saved = client.patch(url, {"version": 1, "place": "Ош"}, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["version"] == 2
    stale = client.patch(url, {"version": 1, "place": "Нарын"}, content_type="application/json")
    assert stale.status_code == 409


def test_the_owner_marks_an_agreement_done_and_illegal_moves_are_409(world, meeting):
    follow_up = meeting.follow_ups.get()
    url = reverse("follow-up-detail", args=[follow_up.pk])
    client = world.client("focal_point")
    done = client.patch(url, {"version": 1, "status": "done", "note": "Карта утверждена"},
                        content_type="application/json")
    assert done.status_code == 200, done.content
    assert done.json()["done_on"] == timezone.localdate().isoformat()
    assert done.json()["overdue"] is False
    illegal = client.patch(url, {"version": 2, "status": "dropped"},
                           content_type="application/json")
    assert illegal.status_code == 409
    moved = client.patch(url, {"version": 2, "due_date": "2025-12-31"},
                         content_type="application/json")
    assert moved.status_code == 403
    assert FollowUp.objects.get().note == "Карта утверждена"


def test_follow_ups_filter_by_owner_status_and_due_date(world, meeting):
    later = record(world, follow_ups=[{"text": "Позже", "owner": world.other_kg_org.pk,
                                       "due_date": datetime.date(2099, 1, 1)}])
    client = world.client("coordinator")
    url = reverse("follow-up-list")
    owners = {i["owner"] for i in client.get(url, {"owner": world.other_kg_org.pk}).json()[
        "results"]}
    assert owners == {world.other_kg_org.pk}
    assert len(_ids(client.get(url, {"due_before": "2025-12-31"}))) == 1
    assert len(_ids(client.get(url, {"overdue": "true"}))) == 1
    assert len(_ids(client.get(url, {"status": "open"}))) == 2
    assert later.follow_ups.exists()


def test_an_agreement_is_added_through_the_api(world, meeting):
    url = reverse("engagement-follow-ups", args=[meeting.pk])
    body = {"text": "Семинар", "owner": world.other_kg_org.pk, "due_date": "2025-08-01"}
    assert world.client("coordinator").post(url, body, content_type="application/json"
                                            ).status_code == 201
    assert world.client("partner").post(url, body, content_type="application/json"
                                        ).status_code == 403


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_api_lists_cost_the_same_queries_for_one_meeting_or_twenty(world):
    client = world.client("coordinator")
    record(world)
    few = (_queries(client, LIST), _queries(client, reverse("follow-up-list")))
    for _ in range(19):
        record(world)
    assert (_queries(client, LIST), _queries(client, reverse("follow-up-list"))) == few
