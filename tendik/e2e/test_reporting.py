import datetime

import pytest

from tendik.plans import services as plan_services
from tendik.plans.models import Dimension
from tendik.plans.tests.factories import build_plan
from tendik.reporting import services
from tendik.reporting.models import Report

from .conftest import screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def confirm(page, action: str, note: str = "") -> None:
    """Open the checklist or the accept confirmation, explain any gaps and confirm."""
    page.click(f"a[data-action={action}]")
    page.wait_for_selector("#checklist")
    if note and page.locator("#missing").count():
        page.fill("#checklist textarea[name=note]", note)
    page.click("button[data-confirm-action]")


def test_report_cycle_from_opening_to_acceptance(transactional_db, world, new_page, tmp_path):
    plan, _ = build_plan(world, measures_per_objective=1)
    indicator = plan_services.indicator_create(
        actor=None, country=world.kg, code="И-2.1", name_ru="Обучено сотрудников",
        unit="number", aggregation="sum", dimensions=[Dimension.objects.get(code="sex")])
    plan.measures.first().indicators.add(indicator)
    plan_services.plan_transition(actor=None, plan=plan, to="approved")
    period = services.period_create(actor=None, plan=plan, kind="year",
                                    start=datetime.date(2023, 1, 1),
                                    end=datetime.date(2023, 12, 31),
                                    due_date=datetime.date(2030, 1, 31))
    evidence = tmp_path / "protocol.pdf"
    evidence.write_bytes(PDF)

    coordinator = new_page()
    login(coordinator, "coordinator")
    coordinator.goto(f"/reports/periods/{period.pk}/")
    coordinator.click("button[data-period-to=open]")
    coordinator.wait_for_selector("#period-state[data-state=open]")
    report = Report.objects.get(period=period, organisation=world.home_org)

    focal = new_page()
    login(focal, "focal_point")
    focal.goto("/reports/")
    focal.click(f"#my-reports a[href='/reports/{report.pk}/']")
    section = focal.locator(".progress-section").first
    section.locator("select").select_option("completed")
    focal.wait_for_selector(".progress-section [data-save-state=saved]")
    grid = focal.locator("#observations-form fieldset", has_text="И-2.1")
    grid.locator("input[data-key='']").fill("72")
    grid.locator("input[data-key='sex=F']").fill("52")
    grid.locator("input[data-key='sex=M']").fill("20")
    focal.click("#observations-form button[type=submit]")
    focal.wait_for_selector(".message.success")
    focal.click("text=Добавить мероприятие")
    focal.fill("#activity-form [name=title]", "Тренинг для ответственных по гендерным вопросам")
    focal.fill("#activity-form [name=start]", "2023-04-10")
    focal.fill("#activity-form [name=end]", "2023-04-12")
    focal.fill("#activity-form [name=participants_women]", "52")
    focal.fill("#activity-form [name=participants_men]", "18")
    focal.fill("#activity-form [name=participants_total]", "72")
    focal.click("#activity-form button[type=submit]")
    focal.wait_for_selector("#activities-table td:has-text('Тренинг для ответственных')")
    focal.set_input_files("#evidence-form input[type=file]", str(evidence))
    focal.click("#evidence-form button[type=submit]")
    focal.wait_for_selector("#evidence-list a:has-text('protocol.pdf')")
    confirm(focal, "submit", note="Остальные мероприятия выполняются в следующем году")
    focal.wait_for_selector("#report-state[data-state=submitted]")

    coordinator.goto(f"/reports/{report.pk}/")
    coordinator.fill("#return-text", "Уточните, сколько участниц из ОМСУ")
    coordinator.click("button[data-action=return]")
    coordinator.wait_for_selector("#report-state[data-state=returned]")

    focal.goto("/reports/")
    assert "Уточните, сколько участниц из ОМСУ" in focal.locator("#my-reports").inner_text()
    focal.goto(f"/reports/{report.pk}/")
    focal.locator(".progress-section textarea").first.fill("Из 52 участниц 30 — сотрудницы ОМСУ")
    focal.locator(".progress-section select").first.select_option("completed")
    focal.locator(".progress-section textarea").first.press("Tab")
    focal.wait_for_selector(".progress-section [data-save-state=saved]")
    confirm(focal, "submit", note="Остальные мероприятия выполняются в следующем году")
    focal.wait_for_selector("#report-state[data-state=resubmitted]")

    coordinator.goto(f"/reports/{report.pk}/")
    confirm(coordinator, "accept", note="Принимаем: остальное в следующем году")
    coordinator.wait_for_selector("#report-state[data-state=accepted]")
    screenshot(coordinator, "report-accepted")

    focal.goto(f"/reports/{report.pk}/")
    assert focal.locator(".progress-section select").count() == 0
    assert focal.locator("#observations-form input:not([disabled])[name^='obs']").count() == 0
    progress = report.progress.order_by("measure__code").first()
    token = focal.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    prefix = f"m{progress.measure_id}"
    refused = focal.request.post(
        f"/reports/{report.pk}/progress/{progress.measure_id}/",
        headers={"X-CSRFToken": token, "Referer": focal.url},
        form={f"{prefix}-version": str(progress.version), f"{prefix}-status": "cancelled",
              f"{prefix}-reason": "попытка", f"{prefix}-narrative_ru": "Изменено после приёма"})
    assert "изменять нельзя" in refused.text()
    progress.refresh_from_db()
    assert progress.narrative_ru.startswith("Из 52") and progress.status == "completed"
