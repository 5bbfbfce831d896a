"""API tokens: expiring, one per login, revocable; the token endpoint is throttled and answers JSON."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tendik.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(username: str, password: str = PASSWORD, address: str = "10.0.0.1"):
    return APIClient(REMOTE_ADDR=address).post(
        reverse("api-token"), {"username": username, "password": password}, format="json")


def _client(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_each_login_gets_its_own_token_that_expires_after_the_configured_time(world, settings):
    first, second = _login("coordinator").json(), _login("coordinator").json()
    assert first["token"] != second["token"]
    expiry = datetime.datetime.fromisoformat(first["expiry"])
    expected = timezone.now() + settings.REST_KNOX["TOKEN_TTL"]
    assert abs((expiry - expected).total_seconds()) < 60
    assert _client(first["token"]).get(reverse("organisation-list")).status_code == 200
    assert _client(second["token"]).get(reverse("organisation-list")).status_code == 200


def test_an_expired_token_is_refused(world):
    token = _login("coordinator").json()["token"]
    AuthToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    assert _client(token).get(reverse("organisation-list")).status_code in {401, 403}


def test_logout_ends_only_the_token_it_was_sent_with(world):
    kept, ended = _login("coordinator").json()["token"], _login("coordinator").json()["token"]
    assert _client(ended).post(reverse("api-logout")).status_code == 204
    assert _client(ended).get(reverse("organisation-list")).status_code in {401, 403}
    assert _client(kept).get(reverse("organisation-list")).status_code == 200


def test_wrong_password_is_a_json_400(world):
    response = _login("coordinator", "wrong-password")
    assert response.status_code == 400 and response.json()["detail"]


def test_token_logins_are_throttled_per_address_across_usernames(world, settings):
    settings.TENDIK_LOGIN_RATE = "3/min"
    cache.clear()
    try:
        for username in ("coordinator", "observer", "partner"):
            assert _login(username, "wrong-password").status_code == 400
        sprayed = _login("focal_point", "wrong-password")
        assert sprayed.status_code == 429 and sprayed["Content-Type"] == "application/json"
        assert _login("focal_point", address="10.0.0.2").status_code == 200
    finally:
        cache.clear()


def test_a_locked_out_account_gets_a_json_429(world, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login("observer", "wrong-password")
    locked = _login("observer")
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/json"
    assert "неудачных попыток" in locked.json()["detail"]
    assert locked.json()["errors"] == []
