"""The plan progress page in a browser: a coordinator narrows it to one priority area, the URL
keeps the filter (a view can be shared), the chart drawn for the screen's width is the one shown,
and axe finds no serious violation at 1280 or 360 px."""

import pytest

from tendik.analytics.tests.factories import progress_world

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [1280, 360])
def test_a_coordinator_narrows_progress_to_an_area_and_shares_the_view(
        transactional_db, world, new_audit_page, width):
    plan = progress_world(world)["plan"]
    page = new_audit_page(width)
    login(page, "coordinator")
    page.goto(f"/analytics/plans/{plan.pk}/progress/")
    assert "4 из 4" in page.locator(".based-on").inner_text()
    shown = ".chart-narrow svg" if width == 360 else ".chart-wide svg"
    hidden = ".chart-wide svg" if width == 360 else ".chart-narrow svg"
    assert page.locator(shown).first.is_visible()
    assert not page.locator(hidden).first.is_visible()
    page.select_option("#id_area", "2")
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url("**area=2**")
    shared = page.url
    assert page.locator(".key-figures .figure").first.inner_text() == "4"
    page.goto(f"/analytics/plans/{plan.pk}/progress/")
    page.goto(shared)
    assert page.locator(".key-figures .figure").first.inner_text() == "4"
    assert page.locator("#id_area").input_value() == "2"
    problems = axe_violations(page)
    overflow = horizontal_overflow(page) if width == 360 else 0
    if problems or overflow:
        screenshot(page, f"plan-progress-{width}")
    assert problems == []
    assert overflow == 0
