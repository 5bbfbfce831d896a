"""A partner adds a project with a USD budget line in the browser (a bad amount first: what was
typed stays and the error stands beside the amount), finds it in the list; the coordinator adds
a disbursement. The project pages pass axe and fit a phone."""

import datetime

import pytest

from tendik.partners.models import Project
from tendik.partners.projects import services
from tendik.testing.factories import OrganisationFactory

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


def test_a_partner_adds_a_project_and_the_coordinator_records_a_disbursement(
        transactional_db, world, new_page):
    page = new_page()
    login(page, "partner")
    page.goto("/projects/")
    page.get_by_role("link", name="Новый проект").click()
    page.fill("#id_title_ru", "Женщины в местных кенешах")
    page.fill("#id_period_start", "2024-01-01")
    page.fill("#id_period_end", "2026-12-31")
    page.select_option("#id_partners-0-organisation", str(world.home_org.pk))
    page.select_option("#id_partners-0-role", "implementer")
    page.fill("#id_budget-0-year", "2025")
    page.fill("#id_budget-0-amount", "-500")
    page.select_option("#id_budget-0-currency", "USD")
    page.select_option("#id_budget-0-source", "donor")
    with page.expect_navigation():
        page.get_by_role("button", name="Сохранить").click()
    amount = page.locator(".form-row", has=page.locator("#id_budget-0-amount"))
    assert amount.locator(".errorlist").inner_text() == "Сумма не может быть отрицательной."
    assert page.input_value("#id_title_ru") == "Женщины в местных кенешах"
    assert page.input_value("#id_budget-0-currency") == "USD"
    page.fill("#id_budget-0-amount", "12000.50")
    with page.expect_navigation():
        page.get_by_role("button", name="Сохранить").click()
    project = Project.objects.get()
    assert page.get_by_role("heading", level=1).inner_text() == "Женщины в местных кенешах"
    page.goto("/projects/")
    row = page.get_by_role("row", name="Женщины в местных кенешах")
    assert "12\u00a0000,50 USD" in row.inner_text()

    coordinator = new_page()
    login(coordinator, "coordinator")
    coordinator.goto(f"/projects/{project.pk}/")
    coordinator.fill("#id_date", "2025-03-01")
    coordinator.fill("#id_amount", "15000")
    coordinator.select_option("#id_currency", "USD")
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name="Добавить выплату").click()
    assert "сверх бюджета" in coordinator.get_by_role("status").inner_text()
    assert project.disbursements.get().amount == 15000
    screenshot(coordinator, "partners-project")


def test_project_pages_pass_axe_and_fit_a_phone(transactional_db, world, new_audit_page):
    donor = OrganisationFactory(country=None, kind="international", name_ru="ООН-Женщины")
    project = services.project_create(
        actor=world.users["coordinator"], country="KG", title_ru="Право на жизнь без насилия",
        period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2026, 12, 31),
        partners=[{"organisation": donor.pk, "role": "donor"},
                  {"organisation": world.home_org.pk, "role": "counterpart"}],
        budget=[{"year": 2024, "amount": "100000", "currency": "USD", "source": "donor"}])
    services.disbursement_add(actor=world.users["coordinator"], project=project,
                              date=datetime.date(2024, 5, 1), amount="2500", currency="USD")
    page = new_audit_page()
    login(page, "coordinator")
    problems = []
    for path in ("/projects/", "/projects/add/", f"/projects/{project.pk}/",
                 f"/projects/{project.pk}/edit/"):
        page.goto(path)
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 800})
            problems += [f"{path} at {width}: {v}" for v in axe_violations(page)]
            if width == 360 and (overflow := horizontal_overflow(page)) > 0:
                problems.append(f"{path}: {overflow} px of horizontal scroll")
    assert not problems, "\n".join(problems)
