"""Accounts: one user_save service for the form and the API; nobody takes over a higher role."""

import pytest
from django.urls import reverse
from knox.models import AuthToken

from tendik.core.errors import DomainError
from tendik.core.permissions import Role, user_roles
from tendik.core.services import api_token_issue
from tendik.organisations import services
from tendik.testing.factories import OrganisationFactory
from tendik.testing.matrix import assert_matrix, expect

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Kyzyl-Jyldyz-2026"


def _form(account, **changes) -> dict:
    data = {"username": account.username, "first_name": account.first_name,
            "last_name": account.last_name, "email": account.email, "language": "ru",
            "organisation": account.organisation_id, "is_active": "on",
            "roles": sorted(user_roles(account)), "password": ""}
    return {**data, **changes}


def test_the_country_follows_the_organisation_or_the_manager_for_international_ones(world):
    coordinator = world.users["coordinator"]
    home = services.user_save(actor=coordinator, data={
        "username": "new-kg", "organisation": world.other_kg_org, "roles": [Role.FOCAL_POINT]},
        password=NEW_PASSWORD)
    assert home.country == world.kg
    international = OrganisationFactory(country=None)
    abroad = services.user_save(actor=coordinator, data={
        "username": "new-un", "organisation": international, "roles": [Role.PARTNER]},
        password=NEW_PASSWORD)
    assert abroad.country == world.kg


def test_the_account_and_its_password_are_saved_together_or_not_at_all(world):
    focal = world.users["focal_point"]
    with pytest.raises(DomainError):
        services.user_save(actor=world.users["coordinator"], user=focal,
                           data={"email": "changed@example.org"}, password="short")
    focal.refresh_from_db()
    assert focal.email != "changed@example.org"


def test_a_password_change_or_deactivation_ends_every_api_token(world):
    focal, coordinator = world.users["focal_point"], world.users["coordinator"]
    api_token_issue(user=focal)
    api_token_issue(user=focal)
    services.user_save(actor=coordinator, user=focal, data={}, password=NEW_PASSWORD)
    assert not AuthToken.objects.filter(user=focal).exists()
    api_token_issue(user=focal)
    services.user_save(actor=coordinator, user=focal, data={"email": "x@example.org"})
    assert AuthToken.objects.filter(user=focal).exists()  # other changes keep the tokens
    services.user_save(actor=coordinator, user=focal, data={"is_active": False})
    assert not AuthToken.objects.filter(user=focal).exists()


def test_a_coordinator_cannot_change_an_admins_account_in_any_way(world):
    admin, coordinator = world.users["admin"], world.users["coordinator"]
    attempts = [
        lambda: services.user_save(actor=coordinator, user=admin, data={"roles": [Role.OBSERVER]}),
        lambda: services.user_save(actor=coordinator, user=admin, data={"is_active": False}),
        lambda: services.user_save(actor=coordinator, user=admin, data={"email": "me@x.org"}),
        lambda: services.user_save(actor=coordinator, user=admin, data={}, password=NEW_PASSWORD),
        lambda: services.user_set_password(user=admin, actor=coordinator, password=NEW_PASSWORD),
        lambda: services.user_totp_disable(user=admin, actor=coordinator),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as error:
            attempt()
        assert error.value.code == "forbidden"
    admin.refresh_from_db()
    assert admin.is_active and not admin.check_password(NEW_PASSWORD)
    assert Role.ADMIN in set(admin.role_assignments.values_list("role", flat=True))


def test_only_an_admin_may_grant_admin(world):
    with pytest.raises(DomainError) as error:
        services.user_save(actor=world.users["coordinator"], user=world.users["focal_point"],
                           data={"roles": [Role.ADMIN]})
    assert error.value.code == "forbidden"
    services.user_save(actor=world.users["admin"], user=world.users["focal_point"],
                       data={"roles": [Role.ADMIN]})


def test_the_user_form_on_an_admins_account_is_refused_to_coordinators(world):
    admin = world.users["admin"]
    url = reverse("organisations:user_edit", args=[admin.pk])
    # The coordinator's form comes back with the refusal (200, nothing saved); the admin saves.
    assert_matrix(world, "POST", url, expect(403, anonymous=302, admin=302, coordinator=200,
                                             coordinator_kz=404),
                  data=lambda role: _form(admin, password=f"{role}-{NEW_PASSWORD}"))
    admin.refresh_from_db()
    assert admin.check_password(f"admin-{NEW_PASSWORD}")
    refused = world.client("coordinator").post(url, _form(admin, is_active=""))
    assert "ролью выше вашей" in refused.content.decode()


def test_the_user_api_refuses_an_admin_account_to_coordinators(world):
    def body(role):
        return {"username": f"made-by-{role}", "password": NEW_PASSWORD,
                "organisation": world.home_org.pk, "roles": [Role.ADMIN]}

    assert_matrix(world, "POST", reverse("user-list"),
                  expect(403, admin=201, coordinator=403, coordinator_kz=403),
                  data=body, content_type="application/json")
