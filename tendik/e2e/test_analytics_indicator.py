"""The indicator page in a browser: the chart and its table at 1280 and 360 px, no serious axe
violation, nothing scrolling sideways on a phone, and the downloads linked."""

import pytest

from tendik.analytics.tests.test_indicators import build_figures

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [1280, 360])
def test_the_indicator_page_reads_on_a_desktop_and_a_phone(transactional_db, world,
                                                           new_audit_page, width):
    _plan, indicator, _p22, _p23 = build_figures(world)
    page = new_audit_page(width)
    login(page, "coordinator")
    page.goto(f"/analytics/indicators/{indicator.pk}/?breakdown=sex")
    # Each chart is drawn wide and narrow; CSS shows the one for the screen's width.
    chart = page.locator(".chart-narrow svg" if width == 360 else ".chart-wide svg").first
    assert chart.is_visible()
    assert chart.bounding_box()["width"] <= width
    table = page.locator("#table-values")
    assert table.locator("caption").inner_text().startswith("Значения по периодам")
    assert table.locator("tbody tr").count() == 2
    assert page.locator("a[href*='download.csv']").count() == 1
    problems = axe_violations(page)
    overflow = horizontal_overflow(page) if width == 360 else 0
    if problems or overflow:
        screenshot(page, f"indicator-{width}")
    assert problems == []
    assert overflow == 0
