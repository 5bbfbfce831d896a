"""An anonymous visitor on a phone opens the public family-violence figures, sees hidden cells
as «<5», downloads the same figures as CSV; the page passes axe."""

import pytest

from tendik.committees.tests.disclosure.conftest import FEB, JAN, build_scenario, form

from .conftest import axe_violations, horizontal_overflow, screenshot

pytestmark = pytest.mark.e2e


def test_a_visitor_on_a_phone_sees_hidden_cells_and_downloads_the_csv(transactional_db, world,
                                                                       new_audit_page):
    s = build_scenario(world.kg)
    form(s.m1, JAN, 20)
    form(s.d2, JAN, 3)
    form(s.e1, FEB, 2)
    page = new_audit_page(360)
    page.goto("/portal/")
    page.get_by_role("link", name="Семейное насилие: статистика").click()
    page.wait_for_url("**/portal/family-violence/")
    page.get_by_role("heading", name="Февраль 2025").wait_for()
    assert page.get_by_role("cell", name="<5", exact=True).first.is_visible()
    problems = axe_violations(page)
    assert not problems, "\n".join(problems)
    assert horizontal_overflow(page) <= 0
    page.select_option("#id_level", "district")
    page.get_by_role("button", name="Показать").click()
    page.get_by_role("rowheader", name="другие районы: Чуйская область").first.wait_for()
    assert not axe_violations(page)
    screenshot(page, "committees-figures-360")
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать эти данные (CSV)").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert text.startswith("country,level,territory_code,territory_name,month,appeals_total,")
    assert "KG,district,KG-R1-other,другие районы: Чуйская область,2025-01," in text
    assert "<5" in text
