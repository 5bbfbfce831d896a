"""A coordinator reads the NAP's funding, switches it to dollars and sees the rates it used;
the funding and rates pages pass axe and fit a phone."""


import pytest
from django.urls import reverse
from django.utils import timezone

from tendik.partners.tests.money.scenario import build_funding, rates

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


def _today_rates():
    rates(timezone.localdate(), KGS_USD="87.5", KGS_EUR="101.25")


def test_a_coordinator_switches_the_funding_to_dollars_and_sees_the_rate_line(
        transactional_db, world, new_page):
    scenario = build_funding(world)
    _today_rates()
    page = new_page()
    login(page, "coordinator")
    page.goto("/funding/")
    assert page.get_by_role("heading", level=1).inner_text() == "Финансирование НПД"
    assert page.input_value("#id_plan") == str(scenario.plan.pk)
    assert page.input_value("#id_currency") == "KGS"
    page.select_option("#id_currency", "USD")
    with page.expect_navigation():
        page.get_by_role("button", name="Показать").click()
    assert "currency=USD" in page.url
    assert "запланировано, USD" in page.locator(".key-figures").inner_text()
    line = page.locator(".rates-used").first.inner_text()
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert "Курсы для плановых сумм" in line
    assert f"1\u00a0USD = 87,5\u00a0KGS ({today})" in line
    assert f"1\u00a0EUR = 101,25\u00a0KGS ({today})" in line
    unfunded = page.locator("section[aria-labelledby=unfunded] a")
    assert unfunded.count() == 1
    assert unfunded.get_attribute("href") == reverse("plans:measure",
                                                     args=[scenario.measures[-1].pk])
    screenshot(page, "partners-funding-usd")


def test_a_missing_rate_is_shown_as_a_message_not_an_error_page(transactional_db, world,
                                                                 new_page):
    scenario = build_funding(world)
    page = new_page()
    login(page, "coordinator")
    response = page.goto(f"/funding/?plan={scenario.plan.pk}&currency=EUR&date=2030-01-15")
    assert response.status == 409
    assert "на 15.01.2030" in page.get_by_role("alert").inner_text()


def test_funding_pages_pass_axe_and_fit_a_phone(transactional_db, world, new_audit_page):
    build_funding(world)
    _today_rates()
    page = new_audit_page()
    login(page, "coordinator")
    problems = []
    for path in ("/funding/", "/funding/?currency=EUR", "/funding/rates/"):
        page.goto(path)
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 800})
            problems += [f"{path} at {width}: {v}" for v in axe_violations(page)]
            if width == 360 and (overflow := horizontal_overflow(page)) > 0:
                problems.append(f"{path}: {overflow} px of horizontal scroll")
    assert not problems, "\n".join(problems)
