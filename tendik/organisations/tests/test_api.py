import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tendik.organisations import services
from tendik.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def token_client(world, role) -> APIClient:
    client = APIClient()
    response = client.post(reverse("api-token"), {"username": role, "password": PASSWORD},
                           format="json")
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def test_token_login_and_search_by_former_acronym(world):
    services.organisation_name_add(organisation=world.home_org, actor=world.users["coordinator"],
                                   kind="former", name="Министерство труда и соц. развития",
                                   acronym="МТСР")
    client = token_client(world, "focal_point")
    body = client.get(reverse("organisation-list"), {"search": "МТСР"}).json()
    assert body["count"] == 1 and body["results"][0]["id"] == world.home_org.pk
    assert body["results"][0]["other_names"][0]["acronym"] == "МТСР"


def test_wrong_token_credentials_get_400_not_500(world):
    response = APIClient().post(reverse("api-token"), {"username": "focal_point",
                                                       "password": "wrong"}, format="json")
    assert response.status_code == 400
    assert APIClient().post(reverse("api-token"), {}, format="json").status_code == 400


def test_audit_api_returns_who_when_field_old_new(world):
    client = token_client(world, "coordinator")
    url = reverse("organisation-detail", args=[world.home_org.pk])
    assert client.patch(url, {"name_en": "Ministry of Labour"}, format="json").status_code == 200
    body = client.get(reverse("audit-list"), {"model": "organisation",
                                              "object_id": world.home_org.pk}).json()
    entry = body["results"][0]
    assert entry["who"] == "coordinator" and entry["when"]
    assert entry["changes"] == [{"field": "name_en", "old": "", "new": "Ministry of Labour"}]
    kz = token_client(world, "coordinator_kz").get(
        reverse("audit-list"), {"model": "organisation", "object_id": world.home_org.pk}).json()
    assert kz["count"] == 0


def test_api_write_validation_errors_are_400(world):
    client = token_client(world, "coordinator")
    response = client.post(reverse("organisation-list"), {"kind": "nonsense", "name_ru": ""},
                           format="json")
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"kind", "name_ru"}
    foreign_parent = client.post(reverse("organisation-list"), {
        "kind": "cso", "name_ru": "ОО", "country": "KG", "parent": world.kz_org.pk},
        format="json")
    assert foreign_parent.status_code == 400


def test_users_api_creates_accounts_with_roles(world):
    client = token_client(world, "coordinator")
    response = client.post(reverse("user-list"), {
        "username": "new-focal", "password": "Long-enough-pass-1",
        "organisation": world.other_kg_org.pk, "roles": ["focal_point"]}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["roles"] == ["focal_point"] and response.json()["country"] == "KG"
    weak = client.post(reverse("user-list"), {
        "username": "weak", "password": "123", "organisation": world.other_kg_org.pk,
        "roles": ["focal_point"]}, format="json")
    assert weak.status_code == 400
    foreign = client.post(reverse("user-list"), {
        "username": "x", "password": "Long-enough-pass-1", "organisation": world.kz_org.pk,
        "roles": ["focal_point"]}, format="json")
    assert foreign.status_code == 403


def test_schema_is_openapi_3(client):
    response = client.get(reverse("schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
