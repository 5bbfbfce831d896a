"""Every role's main pages: no serious or critical axe violation, and nothing scrolls sideways
on a 360 px phone."""

import tempfile
from pathlib import Path

import pytest

from tendik.exports.services import national_report_request
from tendik.opendata.importing import opensdg_import
from tendik.plans.models import Plan
from tendik.reporting.tests.factories import open_period
from tendik.testing.matrix import ANONYMOUS

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e
WIDTHS = (1280, 360)
ROLES = [ANONYMOUS, "coordinator", "focal_point", "partner", "committee", "observer"]


def main_pages(world) -> dict[str, str]:
    plan, period, report, indicator, _ = open_period(world)
    plan = Plan.objects.get(pk=plan.pk)
    measure = plan.measures.order_by("code").first()
    # A report being built: the list shows its progress bar, the job page its state.
    national, _created = national_report_request(actor=world.users["coordinator"],
                                                 plan_id=plan.pk, fmt="pdf", language="ru")
    _imported_mappings(world)
    return {
        "home": "/",
        "login": "/login/",
        "territories": "/territories/",
        "territory": f"/territories/{world.kg.pk}/",
        "organisations": "/organisations/",
        "organisation": f"/organisations/{world.home_org.pk}/",
        "people": "/organisations/people/",
        "plans": "/plans/",
        "plan": f"/plans/{plan.pk}/",
        "measure": f"/plans/measures/{measure.pk}/",
        "my-reports": "/reports/",
        "report": f"/reports/{report.pk}/",
        "periods": "/reports/periods/",
        "dashboard": f"/reports/periods/{period.pk}/",
        "audit": "/audit/",
        "plan-progress": f"/analytics/plans/{plan.pk}/progress/",
        "indicator": f"/analytics/indicators/{indicator.pk}/",
        "map": f"/analytics/territories/?plan={plan.pk}",
        "activities": "/reports/activities/",
        "national-report": "/exports/national-report/",
        "job": f"/jobs/{national.job_id}/",
        "mappings": "/open-data/mappings/",
    }


def _imported_mappings(world) -> None:
    """An import whose «Woman» matched nothing: the mappings page lists a value it added."""
    folder = Path(tempfile.mkdtemp())
    (folder / "indicator_5-5-1.csv").write_text("Year,SEX,Value\n2021,Woman,40\n2021,F,41\n",
                                                encoding="utf-8")
    opensdg_import(actor=None, country=world.kg, path=folder)


def problems_on(page, role: str, pages: dict[str, str]) -> list[str]:
    problems = []
    for name, path in pages.items():
        response = page.goto(path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            where = f"{role} {name} {path} ({response.status}) at {width} px"
            problems += [f"{where}: {violation}" for violation in axe_violations(page)]
            if width == 360 and (overflow := horizontal_overflow(page)) > 0:
                problems.append(f"{where}: {overflow} px of horizontal scroll")
                screenshot(page, f"overflow-{role}-{name}")
    return problems


def signed_in_page(new_audit_page, role: str):
    page = new_audit_page()
    if role != ANONYMOUS:
        login(page, role)
    return page


@pytest.mark.parametrize("role", ROLES)
def test_main_pages_have_no_serious_axe_violations_and_fit_a_phone(
        role, transactional_db, world, new_audit_page):
    pages = main_pages(world)
    del pages["report"]  # checked below, for the report's two sides
    problems = problems_on(signed_in_page(new_audit_page, role), role, pages)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ["focal_point", "coordinator"])
def test_report_page_has_no_serious_axe_violations_and_fits_a_phone(
        role, transactional_db, world, new_audit_page):
    pages = main_pages(world)
    problems = problems_on(signed_in_page(new_audit_page, role), role, {"report": pages["report"]})
    assert not problems, "\n".join(problems)


def portal_pages() -> dict[str, str]:
    """The public portal: what an anonymous visitor reads (the same pages for every role)."""
    from tendik.plans.models import Indicator, Plan
    from tendik.portal.tests.conftest import PUBLISHED_TITLE

    plan = Plan.objects.get(title_ru=PUBLISHED_TITLE)
    violence = Indicator.objects.get(code="ВН-1")
    return {"portal": "/portal/", "portal-plan": f"/portal/plans/{plan.pk}/",
            "portal-indicator": f"/portal/indicators/{violence.pk}/",
            "portal-open-data": "/portal/open-data/"}


@pytest.mark.parametrize("role", [ANONYMOUS, "observer"])
def test_portal_pages_have_no_serious_axe_violations_and_fit_a_phone(
        role, transactional_db, world, new_audit_page):
    from tendik.portal.tests.conftest import build_public_world

    build_public_world(world)
    problems = problems_on(signed_in_page(new_audit_page, role), role, portal_pages())
    assert not problems, "\n".join(problems)
