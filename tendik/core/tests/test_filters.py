import pytest
from django.urls import reverse

from tendik.testing.filters import assert_refused_by_api_and_shown_on_page

pytestmark = pytest.mark.django_db

AUDIT = {"page": "/audit/", "api": "/api/v1/audit/"}


def _edit_home_org(world, client):
    client.post(reverse("organisations:edit", args=[world.home_org.pk]), {
        "kind": "ministry", "name_ru": world.home_org.name_ru, "name_en": "Labour",
        "acronym": "МТСОиМ", "country": world.kg.pk, "is_active": "on", "reason": "уточнение"})


def test_audit_page_and_api_find_the_same_entries(world):
    client = world.client("coordinator")
    _edit_home_org(world, client)
    params = {"model": "Organisation", "object_id": world.home_org.pk, "action": "update",
              "actor": "coord", "text": "уточнение"}
    found = client.get(AUDIT["api"], params).json()
    assert [entry["reason"] for entry in found["results"]] == ["уточнение"]
    assert "Labour" in client.get(AUDIT["page"], params).content.decode()
    params["actor"] = "nobody"
    assert client.get(AUDIT["api"], params).json()["count"] == 0
    assert "Labour" not in client.get(AUDIT["page"], params).content.decode()


@pytest.mark.parametrize("params", [
    {"date_from": "yesterday"}, {"action": "\x00"}, {"model": "a\x00"}, {"date_to": "99999-01-01"},
])
def test_bad_audit_filters_are_refused_not_500(world, params):
    assert_refused_by_api_and_shown_on_page(world.client("coordinator"), **AUDIT, params=params)
