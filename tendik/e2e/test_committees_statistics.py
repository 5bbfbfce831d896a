"""A committee's secretary fills in last month's form on a phone: a part above its total is
refused beside its field with every typed number kept; the secretary fixes it and submits; the
coordinator accepts. The pages pass axe and fit a 360 px screen."""

import datetime

import pytest

from tendik.committees.models import MonthlyStatistics
from tendik.committees.statistics.months import current_month
from tendik.committees.tests.factories import CommitteeFactory
from tendik.committees.tests.statistics.conftest import COUNTS
from tendik.testing.factories import TerritoryFactory

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


def test_the_secretary_fixes_a_refused_month_and_submits_and_the_coordinator_accepts(
        transactional_db, world, new_audit_page):
    committee = CommitteeFactory(
        country=world.kg, organisation=world.home_org, established=datetime.date(2023, 5, 1),
        territory=TerritoryFactory(parent=world.kg, level="district", name_ru="Тонский район"))
    month = (current_month() - datetime.timedelta(days=1)).replace(day=1)
    form = f"/committees/statistics/committee/{committee.pk}/{month:%Y-%m}/"

    page = new_audit_page(360)
    login(page, "committee")
    page.goto("/committees/statistics/")
    with page.expect_navigation():
        page.locator(f'a[href="{form}"]').click()
    for key, value in {**COUNTS, "appeals_physical": 13}.items():
        page.fill(f"#id_{key}", str(value))
    page.fill("#id_comment", "В прошлом месяце проведено 2 выезда в школы.")
    page.get_by_role("button", name="Сохранить и представить").click()
    page.wait_for_selector(".field-error")
    error = page.locator(".form-row.field-error")
    assert error.count() == 1 and error.locator("#id_appeals_physical").count() == 1
    assert "13" in error.locator(".errorlist").inner_text()
    assert page.input_value("#id_appeals_physical") == "13"
    assert page.input_value("#id_referrals_police") == "4"
    assert "2 выезда" in page.input_value("#id_comment")
    assert not MonthlyStatistics.objects.exists()
    assert axe_violations(page) == [] and horizontal_overflow(page) <= 0
    screenshot(page, "committees-statistics-refused-360")

    page.fill("#id_appeals_physical", "5")
    with page.expect_navigation():
        page.get_by_role("button", name="Сохранить и представить").click()
    assert page.get_by_text("представлен", exact=True).is_visible()
    assert MonthlyStatistics.objects.get().state == "submitted"

    review = new_audit_page()
    login(review, "coordinator")
    review.goto("/committees/statistics/")
    with review.expect_navigation():
        review.locator(f'a[href="{form}"]').first.click()
    assert axe_violations(review) == []
    with review.expect_navigation():
        review.get_by_role("button", name="Принять").click()
    assert MonthlyStatistics.objects.get().state == "accepted"
    assert review.get_by_text("принят", exact=True).is_visible()
