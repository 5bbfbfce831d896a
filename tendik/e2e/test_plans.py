import pytest

from tendik.plans.matrix import matrix_workbook
from tendik.plans.selectors import plan_tree
from tendik.plans.tests.factories import build_plan

from .conftest import screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


def test_import_consult_answer_and_approve_a_plan(transactional_db, world, new_page, tmp_path):
    source, strategy = build_plan(world)
    matrix = tmp_path / "nap-matrix.xlsx"
    matrix.write_bytes(matrix_workbook(source, plan_tree(source)))

    coordinator = new_page()
    login(coordinator, "coordinator")
    coordinator.goto("/plans/import/")
    coordinator.set_input_files("#id_file", str(matrix))
    coordinator.select_option("#id_kind", "nap")
    coordinator.fill("#id_title", "НПД 2025–2027 (проект)")
    coordinator.select_option("#id_strategy", str(strategy.pk))
    coordinator.fill("#id_period_start", "2025-01-01")
    coordinator.fill("#id_period_end", "2027-12-31")
    coordinator.click("main form button[type=submit]")
    coordinator.wait_for_selector("#plan-status[data-status=draft]")
    plan_url = coordinator.url

    coordinator.click("table.measures a >> nth=0")
    assert "Мероприятие 1.1.1" in coordinator.locator("h1").inner_text()
    coordinator.goto(plan_url)
    coordinator.click("button[data-transition=consultation]")
    coordinator.wait_for_selector("#plan-status[data-status=consultation]")

    observer = new_page()
    login(observer, "observer")
    observer.goto(plan_url)
    observer.click("#comments + .table-wrap + details summary")
    observer.fill("#comment-form textarea", "Добавьте меры для сельских женщин")
    observer.click("#comment-form button[type=submit]")
    observer.wait_for_selector("#comment-list td:has-text('сельских женщин')")

    coordinator.reload()
    coordinator.click("button[data-transition=approved]")
    assert "без ответа" in coordinator.locator(".messages").inner_text()
    assert coordinator.locator("#plan-status").get_attribute("data-status") == "consultation"
    screenshot(coordinator, "plan-approval-blocked")

    coordinator.select_option(".answer-form select", "accepted")
    coordinator.fill(".answer-form textarea", "Учтено в задаче 1.2")
    coordinator.click(".answer-form button[type=submit]")
    coordinator.wait_for_selector("#comment-list td:has-text('Учтено в задаче 1.2')")
    coordinator.click("button[data-transition=approved]")
    coordinator.wait_for_selector("#plan-status[data-status=approved]")
    screenshot(coordinator, "plan-approved")
