from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tendik.organisations.services import organisation_name_add
from tendik.testing.factories import PASSWORD

from .conftest import screenshot

pytestmark = pytest.mark.e2e


def login(page, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    # "**/" alone also matches /login/ itself, so the wait could end before the login did.
    page.wait_for_url(lambda url: urlsplit(url).path != "/login/")


def test_coordinator_finds_by_former_acronym_in_kyrgyz_edits_and_sees_history(
        transactional_db, world, new_page):
    organisation_name_add(organisation=world.home_org, actor=world.users["admin"], kind="former",
                          acronym="МТСР", name="Министерство труда и социального развития")
    page = new_page()
    login(page, "coordinator")

    with page.expect_navigation():
        page.select_option("#language-select", "ky")
    assert page.locator("html").get_attribute("lang") == "ky"

    page.goto("/organisations/")
    page.fill("#id_search", "МТСР")
    page.press("#id_search", "Enter")
    results = page.locator("#results tbody tr")
    results.first.wait_for()
    # Playwright's own retrying assertion: a string wait_for_function is eval'd in the page,
    # which our Content-Security-Policy forbids once the first check fails (a slow machine).
    expect(results).to_have_count(1)
    page.click(f"#results a:has-text('{world.home_org.name_ru}')")
    page.click("a[href$='/edit/']")

    page.fill("#id_name_en", "Ministry of Labour, Social Security and Migration")
    page.fill("#id_reason", "англисче аталышы")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**/organisations/{world.home_org.pk}/")

    history = page.locator("#history")
    assert "Ministry of Labour, Social Security and Migration" in history.inner_text()
    assert "coordinator" in history.inner_text()
    screenshot(page, "organisation-history-ky")


def test_focal_point_cannot_open_user_administration(transactional_db, world, new_page):
    page = new_page()
    login(page, "focal_point")
    assert page.locator("nav a[href='/organisations/users/']").count() == 0
    response = page.goto("/organisations/users/")
    assert response.status == 403
    assert "Доступ запрещён" in page.content()
