"""Each role's home page and the territory view in a browser: the role's blocks are there, at a
1280 px desk and on a 360 px phone, with no serious or critical axe violation."""

import pytest

from tendik.reporting import services as reporting_services
from tendik.reporting.models import MeasureProgress, Report
from tendik.reporting.tests.factories import open_period
from tendik.territories.models import Territory

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e
WIDTHS = (1280, 360)
BLOCKS = {
    "coordinator": ["#areas", "#overdue", "#reports-due", "#reach", "#off-track", "#directory"],
    "focal_point": ["#focal-due", "#focal-returned", "#focal-measures", "#directory"],
    "partner": ["#partner-activities", "#partner-measures", "#directory"],
    "committee": ["#committee-measures", "#committee-activities", "#directory"],
    "observer": ["#areas", "#overdue", "#reach", "#directory"],
}


def _figures(world):
    """An accepted report with statuses and an activity, so every chart has something to draw."""
    plan, _period, report, _indicator, _focal = open_period(world)
    MeasureProgress.objects.filter(report=report).update(status="in_progress")
    reporting_services.activity_create(actor=None, report=report, data={
        "kind": "training", "title": "Тренинг для акимов", "start": "2023-05-05",
        "end": "2023-05-05", "territory": Territory.objects.get(code="KG08000000000").pk,
        "participants_women": 12, "participants_men": 8, "participants_total": 22,
        "partners": [world.home_org.pk]})
    Report.objects.filter(pk=report.pk).update(state="accepted")
    world.home_org.territory = Territory.objects.get(code="KG08000000000")
    world.home_org.save()
    return plan


def _problems(page, role: str, path: str, blocks: list[str]) -> list[str]:
    problems = []
    response = page.goto(path)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        where = f"{role} {path} ({response.status}) at {width} px"
        problems += [f"{where}: missing {block}" for block in blocks
                     if not page.locator(block).is_visible()]
        problems += [f"{where}: {violation}" for violation in axe_violations(page)]
        if width == 360 and (overflow := horizontal_overflow(page)) > 0:
            problems.append(f"{where}: {overflow} px of horizontal scroll")
        screenshot(page, f"home-{role}-{width}" if path == "/" else f"territories-{role}-{width}")
    return problems


@pytest.mark.parametrize("role", list(BLOCKS))
def test_each_roles_home_shows_its_blocks_accessibly_at_desk_and_phone_widths(
        role, transactional_db, world, new_audit_page):
    _figures(world)
    page = new_audit_page()
    login(page, role)
    problems = _problems(page, role, "/", BLOCKS[role])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ["coordinator", "observer"])
def test_the_territory_view_and_its_drill_down_are_accessible(
        role, transactional_db, world, new_audit_page):
    plan = _figures(world)
    page = new_audit_page()
    login(page, role)
    problems = _problems(page, role, "/analytics/territories/", ["#territory-figures", "svg"])
    problems += _problems(page, role, f"/analytics/territories/?plan={plan.pk}"
                          "&region=KG08000000000&metric=women_share", ["#territory-figures"])
    assert not problems, "\n".join(problems)
