"""The committees API: the exact keys acceptance checks read, the filters, writes."""

import pytest
from django.urls import reverse

from tendik.committees.tests.factories import (
    CommitteeFactory,
    CommitteeMeetingFactory,
    CommitteeMemberFactory,
)
from tendik.testing.factories import TerritoryFactory

from .conftest import DAY, build_tree

pytestmark = pytest.mark.django_db

KEYS = {"id", "organisation", "organisation_name", "territory", "territory_name", "established",
        "members_count", "status", "act", "chair", "secretary", "meetings_count",
        "last_meeting", "version"}


def _items(response) -> list[dict]:
    assert response.status_code == 200, response.content
    body = response.json()
    return body["results"] if isinstance(body, dict) else body


def test_a_committee_item_has_exactly_the_promised_keys(world, committee):
    CommitteeMemberFactory(committee=committee, role="chair", name="Асанова Айгуль")
    CommitteeMemberFactory(committee=committee, role="secretary", name="Бекова Жаркын")
    CommitteeMemberFactory(committee=committee)
    CommitteeMeetingFactory(committee=committee, date=DAY)
    CommitteeMeetingFactory(committee=committee, date=DAY.replace(month=1))
    [item] = _items(world.client("observer").get("/api/v1/committees/"))
    assert set(item) == KEYS
    assert item == {**item, "id": committee.pk, "organisation": world.home_org.pk,
                    "territory": committee.territory.code, "members_count": 3,
                    "meetings_count": 2, "last_meeting": "2025-03-04", "status": "active",
                    "chair": "Асанова Айгуль", "secretary": "Бекова Жаркын",
                    "established": "2023-05-01", "version": 1}


def test_the_territory_filter_finds_committees_in_it_and_below(world, committee, tree):
    elsewhere = build_tree(world.kg)
    CommitteeFactory(country=world.kg, organisation=elsewhere.omsu[0],
                     territory=elsewhere.municipalities[0])
    client = world.client("coordinator")
    for code in (tree.region.code, tree.district.code):
        items = _items(client.get("/api/v1/committees/", {"territory": code}))
        assert [item["id"] for item in items] == [committee.pk]
    assert len(_items(client.get("/api/v1/committees/", {"country": "kg"}))) == 2
    assert _items(client.get("/api/v1/committees/", {"country": "KZ"})) == []


def test_status_and_search_filters(world, committee, other_committee):
    other_committee.status = "inactive"
    other_committee.save()
    client = world.client("coordinator")
    items = _items(client.get("/api/v1/committees/", {"status": "inactive"}))
    assert [item["id"] for item in items] == [other_committee.pk]
    items = _items(client.get("/api/v1/committees/", {"q": world.home_org.name_ru[:10]}))
    assert [item["id"] for item in items] == [committee.pk]


def test_an_unknown_territory_is_a_400_naming_it(world, committee):
    response = world.client("coordinator").get("/api/v1/committees/", {"territory": "NOPE"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "territory"


def test_a_coordinator_creates_a_committee_through_the_api(world, tree):
    response = world.client("coordinator").post("/api/v1/committees/", {
        "organisation": tree.omsu[2].pk, "territory": tree.municipalities[2].code,
        "established": "2024-02-01", "act": "Решение № 3"}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["territory"] == tree.municipalities[2].code
    again = world.client("coordinator").post("/api/v1/committees/", {
        "organisation": tree.omsu[2].pk, "territory": tree.municipalities[2].code,
        "established": "2024-02-01"}, content_type="application/json")
    assert again.status_code == 400
    assert again.json()["errors"][0]["field"] == "organisation"


def test_patch_takes_the_version_and_a_stale_one_is_409(world, committee):
    client, url = world.client("coordinator"), reverse("committee-detail", args=[committee.pk])
    response = client.patch(url, {"version": 1, "status": "inactive"},
                            content_type="application/json")
    assert response.status_code == 200 and response.json()["version"] == 2
    stale = client.patch(url, {"version": 1, "act": "x"}, content_type="application/json")
    assert stale.status_code == 409


def test_members_and_meetings_are_listed_and_added(world, committee):
    client = world.client("committee")
    url = reverse("committee-members", args=[committee.pk])
    created = client.post(url, {"name": "Садыкова Нургуль", "institution": "social",
                                "role": "chair"}, content_type="application/json")
    assert created.status_code == 201
    second = client.post(url, {"name": "X", "institution": "police", "role": "chair"},
                         content_type="application/json")
    assert second.status_code == 400 and second.json()["errors"][0]["field"] == "role"
    assert [m["name"] for m in client.get(url).json()] == ["Садыкова Нургуль"]
    url = reverse("committee-meetings", args=[committee.pk])
    bad = client.post(url, {"date": "2025-03-04", "agenda": "О работе", "attended_men": -1},
                      content_type="application/json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "attended_men"
    assert client.post(url, {"date": "2025-03-04", "agenda": "О работе"},
                       content_type="application/json").status_code == 201
    assert len(client.get(url).json()) == 1


def test_the_list_query_count_does_not_grow_with_rows(world, django_assert_max_num_queries):
    client = world.client("observer")

    def add(count):
        for _n in range(count):
            place = TerritoryFactory(parent=world.kg, level="district")
            committee = CommitteeFactory(country=world.kg, territory=place)
            CommitteeMemberFactory.create_batch(2, committee=committee)
            CommitteeMeetingFactory(committee=committee)

    add(1)
    with django_assert_max_num_queries(8):
        assert len(_items(client.get("/api/v1/committees/"))) == 1
    add(10)
    with django_assert_max_num_queries(8):
        assert len(_items(client.get("/api/v1/committees/"))) == 11
