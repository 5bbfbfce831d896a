"""A partner opens the activities list on a desktop and on a phone, filters it by kind, and the
page has no serious or critical axe violation and never scrolls sideways."""

import pytest
from playwright.sync_api import expect

from tendik.reporting import services
from tendik.reporting.tests.factories import fill_report, open_period
from tendik.testing.factories import OrganisationFactory, user_with_role

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


def _named_partner(world) -> None:
    """A partner organisation named in two activities of another organisation's submitted
    report, and left out of a third."""
    _, period, _, _, _ = open_period(world)
    report = period.reports.get(organisation=world.other_kg_org)
    unwomen = OrganisationFactory(country=world.kg, kind="international", name_ru="ООН-Женщины")
    user_with_role("partner", username="unwomen", organisation=unwomen)
    base = {"start": "2023-04-10", "end": "2023-04-11", "participants_women": 12,
            "participants_men": 6, "participants_total": 20, "audiences": "pupils,teachers",
            "venue": "Бишкек, средняя школа № 5", "organisers": [world.other_kg_org.pk]}
    services.activities_save(actor=None, report=report, version=1, activities=[
        {**base, "kind": "training", "title": "Тренинг для учителей по гендерному равенству",
         "partners": [unwomen.pk]},
        {**base, "kind": "campaign", "title": "Информационная кампания в школах",
         "partners": [unwomen.pk]},
        {**base, "kind": "meeting", "title": "Совещание без партнёра"}])
    fill_report(report, None)
    services.report_act(actor=None, report=report, action="submit")


@pytest.mark.parametrize("width", [1280, 360])
def test_a_partner_filters_its_activities_by_kind_on_a_desktop_and_a_phone(
        width, transactional_db, world, new_audit_page):
    _named_partner(world)
    page = new_audit_page(width)
    login(page, "unwomen")
    page.goto("/reports/activities/")
    rows = page.locator("#activities tbody tr")
    assert rows.count() == 2
    assert page.locator('[data-total="total"]').inner_text() == "40"
    assert "Совещание без партнёра" not in page.content()
    problems = axe_violations(page)
    assert horizontal_overflow(page) <= 0

    page.select_option("#id_kind", "campaign")
    page.wait_for_url("**kind=campaign**")
    expect(page.locator("#activities tbody tr")).to_have_count(1)  # no eval: see the CSP
    assert rows.first.locator("th").inner_text() == "Информационная кампания в школах"
    assert page.locator('[data-total="count"]').inner_text() == "1"
    problems += axe_violations(page)
    assert horizontal_overflow(page) <= 0
    screenshot(page, f"activities-partner-{width}")
    assert not problems, "\n".join(problems)

    page.goto("/reports/activities/?kind=campaign")  # the URL alone holds the filter
    assert rows.count() == 1
    assert page.locator("#id_kind").input_value() == "campaign"
