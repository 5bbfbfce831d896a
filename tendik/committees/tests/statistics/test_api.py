"""The API contract: PUT creates (201) then updates (200) the month's form, GET reads it back,
transitions move it; bodies outside the caller's scope are 404."""

import pytest
from django.urls import reverse

from tendik.committees.counts import COUNT_KEYS
from tendik.committees.models import MonthlyStatistics
from tendik.committees.tests.factories import MonthlyStatisticsFactory

from .conftest import COUNTS, month_back

pytestmark = pytest.mark.django_db
JSON = "application/json"


def url(committee, month, transition=False):
    return reverse("committee-statistics-transition" if transition else "committee-statistics",
                   kwargs={"id": committee.pk, "month": month})


def put(client, committee, month, body):
    return client.put(url(committee, month), body, content_type=JSON)


def test_put_creates_201_then_updates_200_and_get_reads_it_back(world, committee, last_month):
    client = world.client("committee")
    created = put(client, committee, last_month, {**COUNTS, "comment": "Проведено 2 выезда."})
    assert created.status_code == 201, created.json()
    body = created.json()
    assert set(COUNT_KEYS) <= set(body)
    assert {key: body[key] for key in COUNT_KEYS} == COUNTS
    assert body["month"] == last_month and body["state"] == "draft" and body["version"] == 1
    assert {"comment", "submitted_at", "reviewed_at", "review_note"} <= set(body)
    updated = put(client, committee, last_month, {**COUNTS, "protection_orders_total": 1,
                                                  "version": 1})
    assert updated.status_code == 200 and updated.json()["version"] == 2
    read = client.get(url(committee, last_month))
    assert read.status_code == 200 and read.json()["protection_orders_total"] == 1
    assert MonthlyStatistics.objects.count() == 1


def test_an_update_without_or_with_a_stale_version_is_409_with_the_current_one(
        world, committee, last_month):
    client = world.client("committee")
    put(client, committee, last_month, COUNTS)
    for body in (COUNTS, {**COUNTS, "version": 9}):
        response = put(client, committee, last_month, body)
        assert response.status_code == 409 and response.json()["current"] == {"version": 1}


def test_get_of_a_month_without_a_form_is_404(world, committee, last_month):
    assert world.client("committee").get(url(committee, last_month)).status_code == 404


@pytest.mark.parametrize("month", ["2026-13", "abc", "2026-00"])
def test_a_bad_month_string_is_400_naming_month(world, committee, month):
    client = world.client("committee")
    for response in (client.get(url(committee, month)), put(client, committee, month, COUNTS)):
        assert response.status_code == 400
        assert [e["field"] for e in response.json()["errors"]] == ["month"]


@pytest.mark.parametrize("change,field", [
    ({"appeals_sexual": -1}, "appeals_sexual"), ({"appeals_sexual": "один"}, "appeals_sexual"),
    ({"appeals_physical": 13}, "appeals_physical"), ({"persons_men": 3}, "persons_total"),
    ({"names_of_victims": "x"}, "names_of_victims"),
    ({"comment": "Звонить +996 555 123 456"}, "comment"),
])
def test_bad_input_is_400_naming_the_field(world, committee, last_month, change, field):
    response = put(world.client("committee"), committee, last_month, {**COUNTS, **change})
    assert response.status_code == 400
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not MonthlyStatistics.objects.exists()


def test_a_future_month_is_400_naming_month(world, committee):
    future = f"{month_back(0).year + 1}-01"
    response = put(world.client("committee"), committee, future, COUNTS)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "month"


@pytest.mark.parametrize("role", ["partner", "focal_point", "observer", "coordinator_kz"])
def test_readers_outside_the_body_get_404(world, committee, last_month, role):
    MonthlyStatisticsFactory(committee=committee, month=month_back(1))
    client = world.client(role)
    assert client.get(url(committee, last_month)).status_code == 404
    assert put(client, committee, last_month, COUNTS).status_code == 404


def test_another_committees_secretary_gets_404(world, other_committee, last_month):
    MonthlyStatisticsFactory(committee=other_committee, month=month_back(1))
    client = world.client("committee")
    assert client.get(url(other_committee, last_month)).status_code == 404
    assert put(client, other_committee, last_month, COUNTS).status_code == 404


def test_the_secretary_submits_and_the_coordinator_accepts(world, committee, last_month):
    put(world.client("committee"), committee, last_month, COUNTS)
    submitted = world.client("committee").post(url(committee, last_month, True),
                                               {"to": "submitted"}, content_type=JSON)
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    refused = world.client("committee").post(url(committee, last_month, True),
                                             {"to": "accepted"}, content_type=JSON)
    assert refused.status_code == 403
    locked = put(world.client("committee"), committee, last_month, {**COUNTS, "version": 2})
    assert locked.status_code == 409
    accepted = world.client("coordinator").post(url(committee, last_month, True),
                                                {"to": "accepted"}, content_type=JSON)
    assert accepted.status_code == 200 and accepted.json()["reviewed_at"]
    again = world.client("coordinator").post(url(committee, last_month, True),
                                             {"to": "accepted"}, content_type=JSON)
    assert again.status_code == 409


def test_a_return_without_a_note_is_400_naming_note(world, committee, last_month):
    put(world.client("committee"), committee, last_month, COUNTS)
    world.client("committee").post(url(committee, last_month, True), {"to": "submitted"},
                                   content_type=JSON)
    response = world.client("coordinator").post(url(committee, last_month, True),
                                                {"to": "returned"}, content_type=JSON)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "note"


def test_help_service_forms_have_the_same_contract(world, help_service, last_month):
    path = reverse("help-service-statistics", kwargs={"id": help_service.pk, "month": last_month})
    response = world.client("partner").put(path, COUNTS, content_type=JSON)
    assert response.status_code == 201 and response.json()["service"] == help_service.pk
    assert world.client("observer").get(path).status_code == 404


def test_the_list_holds_the_callers_scope_with_the_review_queue_first(
        world, committee, other_committee):
    MonthlyStatisticsFactory(committee=committee, month=month_back(2))
    waiting = MonthlyStatisticsFactory(committee=committee, month=month_back(3), state="submitted")
    MonthlyStatisticsFactory(committee=other_committee, month=month_back(1))
    mine = world.client("committee").get(reverse("statistics-list")).json()["results"]
    assert [row["committee"] for row in mine] == [committee.pk, committee.pk]
    everything = world.client("coordinator").get(reverse("statistics-list")).json()["results"]
    assert everything[0]["id"] == waiting.pk and len(everything) == 3
    filtered = world.client("coordinator").get(
        reverse("statistics-list"), {"committee": other_committee.pk}).json()["results"]
    assert [row["committee"] for row in filtered] == [other_committee.pk]
    by_month = world.client("coordinator").get(
        reverse("statistics-list"), {"month": f"{month_back(2):%Y-%m}", "state": "draft"})
    assert [row["id"] for row in by_month.json()["results"]] == [
        MonthlyStatistics.objects.get(month=month_back(2)).pk]
    assert world.client("observer").get(reverse("statistics-list")).json()["results"] == []
    bad = world.client("coordinator").get(reverse("statistics-list"), {"month": "2026-13"})
    assert bad.status_code == 400


def test_the_list_takes_the_same_number_of_queries_whatever_the_rows(
        world, committee, django_assert_max_num_queries):
    client = world.client("coordinator")
    client.get(reverse("statistics-list"))
    MonthlyStatisticsFactory(committee=committee, month=month_back(1))
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("statistics-list"))
    for months in range(2, 25):
        MonthlyStatisticsFactory(committee=committee, month=month_back(months))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(reverse("statistics-list")).json()["results"]) == 24
