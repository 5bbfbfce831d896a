"""The public portal in a browser, as an anonymous visitor at 1280 and 360 px: home → plan →
indicator → open data, the language switch to Kyrgyz, no serious axe violation and nothing
scrolling sideways on a phone."""

import pytest

from tendik.portal.tests.conftest import PUBLISHED_TITLE, build_public_world

from .conftest import axe_violations, horizontal_overflow, screenshot

pytestmark = pytest.mark.e2e


def _check(page, name: str, width: int) -> list[str]:
    problems = [f"{name}: {v}" for v in axe_violations(page)]
    if width == 360 and (overflow := horizontal_overflow(page)) > 0:
        problems.append(f"{name}: {overflow} px of horizontal scroll")
    if problems:
        screenshot(page, f"portal-{name}-{width}")
    return problems


@pytest.mark.parametrize("width", [1280, 360])
def test_an_anonymous_visitor_walks_from_the_home_to_the_open_data(transactional_db, world,
                                                                   new_audit_page, width):
    public = build_public_world(world)
    page = new_audit_page(width)
    problems = []

    page.goto("/")
    assert page.locator("h1").is_visible()
    chart = page.locator(".chart-narrow svg" if width == 360 else ".chart-wide svg").first
    assert chart.is_visible() and chart.bounding_box()["width"] <= width
    problems += _check(page, "home", width)

    page.get_by_role("link", name=PUBLISHED_TITLE).first.click()
    page.wait_for_url(f"**/portal/plans/{public['plan'].pk}/")
    assert page.get_by_role("heading", name="Опубликованные периоды").is_visible()
    problems += _check(page, "plan", width)

    page.locator(f"a[href='/portal/indicators/{public['violence'].pk}/']").first.click()
    page.wait_for_url(f"**/portal/indicators/{public['violence'].pk}/")
    assert page.locator("#table-yearly td", has_text="<5").count() >= 1
    assert page.locator("a[href*='.csv?country=KG']").count() == 1
    problems += _check(page, "indicator", width)

    page.get_by_role("link", name="Открытые данные").first.click()
    page.wait_for_url("**/portal/open-data/")
    assert page.locator("a[rel~=license]").first.is_visible()
    problems += _check(page, "open-data", width)

    page.locator("a[hreflang=ky]").click()
    page.wait_for_url("**/portal/open-data/")
    assert page.locator("html").get_attribute("lang") == "ky"
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "ky"
    problems += _check(page, "home-ky", width)
    assert problems == []
