"""Malformed input gets a clear 400, never a 500: NUL characters and deeply nested JSON."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _body(depth: int, **fields) -> str:
    """An organisation with an `extra` field nested `depth` lists deep (too deep for json.dumps)."""
    return json.dumps({"kind": "cso", "name_ru": "ОО", **fields})[:-1] \
        + ', "extra": ' + "[" * depth + "1" + "]" * depth + "}"


@pytest.mark.parametrize("params", [{"search": "\x00"}, {"status": "\x00"}, {"a\x00": "1"}])
def test_a_nul_in_a_query_parameter_is_a_json_400_even_anonymously(world, client, params):
    for url in (reverse("territory-list"), reverse("plan-list")):
        response = client.get(url, params)
        assert response.status_code == 400
        body = response.json()
        assert "NUL" in body["detail"] and body["errors"][0]["message"] == body["detail"]


def test_a_nul_in_a_page_query_or_a_form_field_is_a_plain_400(world):
    coordinator = world.client("coordinator")
    listed = coordinator.get(reverse("organisations:list"), {"search": "МТ\x00"})
    assert listed.status_code == 400 and "NUL" in listed.content.decode()
    posted = coordinator.post(reverse("organisations:create"), {"name_ru": "ОО\x00", "kind": "cso"})
    assert posted.status_code == 400


def test_a_nul_in_a_form_encoded_patch_is_a_400(world):
    """Django parses only POST bodies; a PATCH's form body reached PostgreSQL with its NUL."""
    response = world.client("coordinator").patch(
        reverse("organisation-detail", args=[world.home_org.pk]), "country=K%00G&acronym=X",
        content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "country"


def test_a_nul_in_a_json_field_is_a_400(world):
    client = APIClient()
    client.force_authenticate(world.users["coordinator"])
    response = client.post(reverse("organisation-list"), {"kind": "cso", "name_ru": "ОО\x00"},
                           format="json")
    assert response.status_code == 400 and "NUL" in response.json()["detail"]


@pytest.mark.parametrize("depth", [33, 50_000])
def test_deeply_nested_json_is_a_400(world, depth):
    client = APIClient()
    client.force_authenticate(world.users["coordinator"])
    body = _body(depth)
    response = client.post(reverse("organisation-list"), body, content_type="application/json")
    assert response.status_code == 400 and "JSON" in response.json()["detail"]


def test_moderately_nested_json_is_accepted(world):
    client = APIClient()
    client.force_authenticate(world.users["coordinator"])
    body = _body(20, country="KG")
    response = client.post(reverse("organisation-list"), body, content_type="application/json")
    assert response.status_code == 201, response.content
