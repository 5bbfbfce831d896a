"""Nothing a person types in the report form is lost, in a real browser."""

import datetime

import pytest

from tendik.plans import services as plan_services
from tendik.plans.models import Dimension
from tendik.plans.tests.factories import build_plan
from tendik.reporting import services
from tendik.reporting.models import Observation

from .conftest import screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


def _open_report(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    dims = {d.code: d for d in Dimension.objects.all()}
    share = plan_services.indicator_create(
        actor=None, country=world.kg, code="И-9.1", name_ru="Уровень экономической активности женщин",
        unit="percent", aggregation="average", targets={"2023": "47.5"},
        dimensions=[dims["sex"], dims["urban_rural"], dims["age_group"]])
    share.code_restrictions = {"sex": ["F"]}  # a women-only indicator: no split by sex
    share.save()
    trained = plan_services.indicator_create(
        actor=None, country=world.kg, code="И-9.2", name_ru="Обучено сотрудников",
        unit="number", aggregation="sum", dimensions=[dims["sex"]])
    for measure in plan.measures.all():
        measure.indicators.add(share, trained)
    plan_services.plan_transition(actor=None, plan=plan, to="approved")
    period = services.period_create(actor=None, plan=plan, kind="year",
                                    start=datetime.date(2023, 1, 1),
                                    end=datetime.date(2023, 12, 31),
                                    due_date=datetime.date(2030, 1, 31))
    services.period_transition(actor=None, period=period, to="open")
    return period.reports.get(organisation=world.home_org), share, trained


def test_typed_values_survive_an_error_which_sits_beside_its_cell(
        transactional_db, world, new_page):
    report, share, _trained = _open_report(world)
    page = new_page()
    login(page, "focal_point")
    page.goto(f"/reports/{report.pk}/")
    grid = page.locator(f"#indicator-{share.pk}")
    assert grid.locator("th[scope=row]", has_text="Женщины").count() == 0  # no split by sex
    cells = grid.locator("input[name^='obs|']")
    assert cells.count() == 1 + 2 * 7
    typed = {}
    for index in range(cells.count()):
        value = "130" if index == 5 else f"{40 + index},5"
        cells.nth(index).fill(value)
        typed[index] = value
    page.click("#observations-form button[type=submit]")
    page.wait_for_selector("#observations-errors")
    assert page.url.endswith(f"/reports/{report.pk}/")  # never left on a POST-only URL
    cells = page.locator(f"#indicator-{share.pk} input[name^='obs|']")
    assert [cells.nth(i).input_value() for i in range(cells.count())] == list(typed.values())
    bad = cells.nth(5)
    assert bad.get_attribute("aria-invalid") == "true"
    error = page.locator(f"#{bad.get_attribute('id')}-error")
    assert "от 0 до 100" in error.inner_text()
    assert bad.evaluate("el => el === document.activeElement")
    # The error is in the same table row as its cell, not at the top of the page.
    assert bad.evaluate("el => el.closest('tr').contains(document.getElementById(el.id + '-error'))")
    screenshot(page, "report-values-error")
    assert not Observation.objects.filter(report=report).exists()
    page.reload()  # a refresh is a GET of the report page, not an HTTP 405, and keeps the input
    cells = page.locator(f"#indicator-{share.pk} input[name^='obs|']")
    assert [cells.nth(i).input_value() for i in range(cells.count())] == list(typed.values())
    bad = cells.nth(5)
    bad.fill("45")
    page.click("#observations-form button[type=submit]")
    page.wait_for_selector("[data-observations-saved]")
    total = page.locator(f"#indicator-{share.pk} input[name^='obs|']").first
    assert total.input_value() == "40,5"  # shown as typed, not «40,5000»


def test_an_activity_with_an_error_keeps_its_input_and_can_be_edited_and_deleted(
        transactional_db, world, new_page):
    report, _share, _trained = _open_report(world)
    page = new_page()
    login(page, "focal_point")
    page.goto(f"/reports/{report.pk}/")
    page.click("text=Добавить мероприятие")
    page.fill("#activity-form [name=title]", "Диалог с религиозными лидерами")
    page.fill("#activity-form [name=start]", "2023-05-10")
    page.fill("#activity-form [name=end]", "2023-05-09")
    page.fill("#activity-form [name=venue]", "Ош")
    page.fill("#activity-form [name=participants_women]", "38")
    page.fill("#activity-form [name=participants_men]", "136")
    page.fill("#activity-form [name=participants_total]", "170")
    page.click("#activity-form button[type=submit]")
    page.wait_for_selector("#activity-form .errorlist")
    assert page.input_value("#activity-form [name=title]") == "Диалог с религиозными лидерами"
    assert page.input_value("#activity-form [name=venue]") == "Ош"
    assert page.locator("#activity-form .field-error").count() == 2  # end date and the total
    page.fill("#activity-form [name=end]", "2023-09-30")
    page.fill("#activity-form [name=participants_total]", "174")
    page.click("#activity-form button[type=submit]")
    page.wait_for_selector("#activities-table td:has-text('Диалог с религиозными лидерами')")
    page.click("#activities-table a:has-text('Изменить или удалить')")
    page.fill("#activity-form [name=title]", "Диалоги с религиозными лидерами во всех областях")
    page.click("#activity-form button[type=submit]")
    page.wait_for_selector("#activities-table td:has-text('во всех областях')")
    page.click("#activities-table a:has-text('Изменить или удалить')")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#activity-delete-form button")
    page.wait_for_selector("#activities-table td.muted")
    assert not report.activities.exists()


def test_typing_in_one_section_saves_only_that_section(transactional_db, world, new_page):
    report, _share, _trained = _open_report(world)
    page = new_page()
    login(page, "focal_point")
    page.goto(f"/reports/{report.pk}/")
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    first = page.locator(".progress-section").first
    first.locator("textarea").first.type("Проведено два тренинга", delay=20)
    page.wait_for_selector(".progress-section [data-save-state=saved]")
    page.wait_for_timeout(500)
    progress = report.progress.order_by("measure__code").first()
    assert posts and all(f"/progress/{progress.measure_id}/" in url for url in posts)
    others = report.progress.exclude(pk=progress.pk)
    assert all(p.version == 1 for p in others)
    # Typing goes on after a save: the text is never replaced under the cursor.
    first.locator("textarea").first.type(" в Оше", delay=20)
    page.wait_for_timeout(2600)
    progress.refresh_from_db()
    assert progress.narrative_ru == "Проведено два тренинга в Оше"
    assert first.locator("textarea").first.input_value() == "Проведено два тренинга в Оше"


def test_the_checklist_shows_what_is_missing_and_accepting_asks_for_a_note(
        transactional_db, world, new_page):
    report, _share, trained = _open_report(world)
    focal = new_page()
    login(focal, "focal_point")
    focal.goto(f"/reports/{report.pk}/")
    focal.click("a[data-action=submit]")
    missing = focal.locator("#missing").inner_text()
    assert "не указан статус" in missing and f"{trained.code}: нет значения" in missing
    focal.click("button[data-confirm-action]")
    focal.wait_for_selector("#checklist .errorlist")
    focal.fill("#checklist textarea[name=note]", "Данные МВД поступят в январе")
    focal.click("button[data-confirm-action]")
    focal.wait_for_selector("#report-state[data-state=submitted]")
    coordinator = new_page()
    login(coordinator, "coordinator")
    coordinator.goto(f"/reports/{report.pk}/")
    assert "Данные МВД поступят в январе" in coordinator.inner_text("main")
    coordinator.click("a[data-action=accept]")
    assert coordinator.locator("#missing li").count() > 0
    coordinator.click("button[data-confirm-action]")
    coordinator.wait_for_selector("#checklist .errorlist")
    report.refresh_from_db()
    assert report.state == "submitted"
    screenshot(coordinator, "report-accept-confirmation")


def test_the_report_page_fits_a_phone(transactional_db, world, new_page):
    report, _share, _trained = _open_report(world)
    page = new_page(width=360)
    login(page, "focal_point")
    page.goto(f"/reports/{report.pk}/")
    screenshot(page, "report-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    value = page.locator("#observations-form input[name^='obs|']").first
    box = value.bounding_box()
    assert box and box["x"] + box["width"] <= 360  # the value column stays in view
