"""The report form without a connection: edits wait on the device, survive a reload from the
service worker's cache, and sync in order once the connection is back — conflicts shown side by
side, refusals kept with their reason, retries never writing twice."""

import re

import pytest
from playwright.sync_api import expect

from tendik.core.models import AuditEntry
from tendik.e2e.conftest import CACHED_PAGE_JS, axe_violations, screenshot
from tendik.e2e.test_foundation import login
from tendik.e2e.test_report_form import _open_report
from tendik.plans.models import Indicator
from tendik.reporting import services
from tendik.reporting.models import Activity, Evidence, MeasureProgress, Observation

pytestmark = pytest.mark.e2e

OFFLINE_TEXT = "Провели семинар в айыл окмоту без связи"
COLLEAGUE_TEXT = "Коллега сохранил свой отчёт о семинаре"
STORED = "Сохранено на устройстве, не отправлено"



# An active worker answers the next navigation even when it does not control this page yet.
ACTIVE_JS = "async () => !!((await navigator.serviceWorker.getRegistration()) || {}).active"


def _wait_until_cached(page, path: str) -> bool:
    """True once the service worker is active and keeps the page for this user; False when
    there is no worker to wait for."""
    if page.request.get("/sw.js").status != 200:
        return False
    # Polled from Python: wait_for_function evaluates strings, which the page's CSP forbids.
    for _attempt in range(150):
        if page.evaluate(ACTIVE_JS) and \
                page.evaluate(CACHED_PAGE_JS, path):
            return True
        page.wait_for_timeout(100)
    raise AssertionError(f"{path} was not kept by the service worker: " + str(page.evaluate(
        "async () => [!!navigator.serviceWorker.controller, await caches.keys(), "
        "await Promise.all((await caches.keys()).map(async (n) => (await (await caches.open(n))"
        ".keys()).map((r) => r.url)))]")))


def _first_section(report):
    return MeasureProgress.objects.filter(report=report).order_by("measure__code").first()


def _open_offline(world, new_page, *, width=1280):
    report, _share, _trained = _open_report(world)
    page = new_page(width)
    login(page, "focal_point")
    path = f"/reports/{report.pk}/"
    page.goto(path)
    cached = _wait_until_cached(page, path)
    page.context.set_offline(True)
    expect(page.locator("#offline-queue")).to_be_visible()
    return report, page, path, cached


def _edit_offline(page, measure_id: int, text: str = OFFLINE_TEXT) -> None:
    page.fill(f"#id_m{measure_id}-narrative_ru", text)
    expect(page.locator(f"#save-state-{measure_id}")).to_have_text(STORED)


def _add_activity_offline(page, title: str) -> None:
    page.locator("summary", has_text="Добавить мероприятие").click()
    form = page.locator("#activity-form")
    form.locator("[name=kind]").select_option(index=1)
    form.locator("[name=title]").fill(title)
    form.locator("[name=start]").fill("2023-03-01")
    form.locator("[name=end]").fill("2023-03-02")
    form.locator("[name=participants_women]").fill("12")
    form.locator("[name=participants_men]").fill("3")
    form.locator("[name=participants_total]").fill("15")
    form.locator("button[type=submit]").click()
    expect(page.locator("#activities-table tr[data-oq-row]", has_text=title)).to_contain_text(
        "не отправлено")


def _server_rows(page, title: str):
    return page.locator("#activities-table tr[data-activity]", has_text=title)


def test_offline_edits_survive_a_reload_and_sync_audited(transactional_db, world, new_page):
    report, page, path, cached = _open_offline(world, new_page)
    section = _first_section(report)
    _edit_offline(page, section.measure_id)
    _add_activity_offline(page, "Тренинг без связи")
    screenshot(page, "offline-pending")
    if cached:  # the same URL, now answered by the service worker's cache
        page.reload()
        expect(page.locator(f"#id_m{section.measure_id}-narrative_ru")).to_have_value(OFFLINE_TEXT)
        expect(page.locator("#activities-table tr[data-oq-row]")).to_contain_text("не отправлено")
        expect(page.locator("#offline-queue .oq-item")).to_have_count(2)

    page.context.set_offline(False)  # the queue syncs on "online", then reloads for the table
    expect(_server_rows(page, "Тренинг без связи")).to_have_count(1)
    expect(page.locator("#offline-queue")).to_contain_text("отправлено")
    screenshot(page, "offline-synced")

    section.refresh_from_db()
    assert section.narrative_ru == OFFLINE_TEXT
    activity = Activity.objects.get(report=report, title="Тренинг без связи")
    assert (activity.participants_women, activity.participants_total) == (12, 15)
    actor = world.users["focal_point"]
    assert AuditEntry.objects.filter(actor=actor, object_id=str(section.pk)).exists()
    assert AuditEntry.objects.filter(actor=actor, object_id=str(activity.pk)).exists()


def _pdf(name: str, size: int = 0) -> dict:
    return {"name": name, "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4\n" + b"0" * size + b"\n%%EOF\n"}


def test_indicator_values_and_a_file_wait_on_the_device_and_sync(
        transactional_db, world, new_page):
    report, page, _path, _cached = _open_offline(world, new_page)
    trained = Indicator.objects.get(code="И-9.2")
    page.locator(f"input[name='obs|{trained.pk}|']").fill("25")
    page.click("#observations-form button[type=submit]")
    expect(page.locator("#observations-form [data-oq-mark]")).to_contain_text("не отправлено")

    upload = page.locator("#evidence-form input[type=file]")
    upload.set_input_files(_pdf("big.pdf", 5 * 1024 * 1024))
    page.click("#evidence-form button[type=submit]")
    expect(page.locator("#evidence-form .errorlist")).to_contain_text("больше 5 МБ")
    upload.set_input_files(_pdf("akt.pdf"))
    page.fill("#evidence-form [name=description]", "Акт о проведении")
    page.click("#evidence-form button[type=submit]")
    expect(page.locator("#evidence-list [data-oq-row]")).to_contain_text("akt.pdf")
    expect(page.locator("#evidence-form .errorlist")).to_have_count(0)

    page.context.set_offline(False)  # evidence synced: the page reloads to show the server's row
    expect(page.locator("#evidence-list a", has_text=re.compile(r"^akt\.pdf$"))).to_have_count(1)
    expect(page.locator("#evidence-list [data-oq-row]")).to_have_count(0)
    assert Observation.objects.get(report=report, indicator=trained, disaggregation="").value == 25
    assert Evidence.objects.filter(report=report, original_name="akt.pdf",
                                   description="Акт о проведении").count() == 1


def test_a_colleagues_save_while_offline_shows_both_and_keeps_mine(
        transactional_db, world, new_page):
    report, page, _path, _cached = _open_offline(world, new_page)
    section = _first_section(report)
    _edit_offline(page, section.measure_id)
    services.progress_save(actor=world.users["focal_point"], report=report,
                           measure_id=section.measure_id, version=section.version,
                           data={"narrative_ru": COLLEAGUE_TEXT})

    page.context.set_offline(False)
    form = page.locator(f"#progress-{section.measure_id}")
    conflict = form.locator("[data-conflict]")
    expect(conflict).to_contain_text(COLLEAGUE_TEXT)
    expect(conflict).to_contain_text("Ваш вариант остался в форме")
    expect(page.locator(f"#id_m{section.measure_id}-narrative_ru")).to_have_value(OFFLINE_TEXT)
    screenshot(page, "offline-conflict")
    section.refresh_from_db()
    assert section.narrative_ru == COLLEAGUE_TEXT  # nothing overwritten silently

    conflict.get_by_role("button", name="Сохранить мой вариант").click()
    expect(form.locator("[data-conflict]")).to_have_count(0)
    expect(page.locator(f"#save-state-{section.measure_id}")).to_have_text(
        re.compile(r"^отправлено в \d"))
    section.refresh_from_db()
    assert section.narrative_ru == OFFLINE_TEXT


def test_a_sync_cut_off_after_the_server_wrote_does_not_add_a_second_activity(
        transactional_db, world, new_page):
    report, page, _path, _cached = _open_offline(world, new_page)
    _add_activity_offline(page, "Встреча с женским советом")
    cut = []

    def handle(route):
        if route.request.method == "POST" and not cut:
            route.fetch()  # the server writes the activity…
            cut.append(True)
            route.abort()  # …and the answer never reaches the phone
        else:
            route.continue_()

    page.route("**/api/v1/reports/*/activities/", handle)
    page.context.set_offline(False)
    expect(page.locator("#offline-queue [data-oq-status]")).to_contain_text("Связь прервалась")
    assert Activity.objects.filter(report=report, title="Встреча с женским советом").count() == 1
    expect(page.locator("#activities-table tr[data-oq-row]")).to_contain_text("не отправлено")

    page.get_by_role("button", name="Отправить сейчас").click()
    expect(_server_rows(page, "Встреча с женским советом")).to_have_count(1)
    assert Activity.objects.filter(report=report, title="Встреча с женским советом").count() == 1


def test_edits_to_a_report_closed_while_offline_are_refused_with_the_reason_and_copyable(
        transactional_db, world, new_page):
    report, page, _path, _cached = _open_offline(world, new_page)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    section = _first_section(report)
    _edit_offline(page, section.measure_id)
    _add_activity_offline(page, "Тренинг после закрытия")
    services.period_transition(actor=None, period=report.period, to="closed")

    page.context.set_offline(False)
    refused = page.locator("#offline-queue .oq-item-refused")
    expect(refused).to_have_count(2)
    expect(refused.first).to_contain_text("Причина")
    expect(page.get_by_role("button", name="Отправить сейчас")).to_be_hidden()  # nothing pending
    expect(page.locator("#offline-queue [data-oq-status]")).not_to_contain_text("Всё отправлено")
    screenshot(page, "offline-refused")
    refused.first.get_by_role("button", name="Копировать").click()
    expect(page.locator("#offline-queue [data-oq-status]")).to_have_text(
        re.compile("Скопировано|Текст выделен"))
    copied = page.evaluate("navigator.clipboard.readText().catch(() => '')") or \
        page.locator(".oq-copy").input_value()
    assert OFFLINE_TEXT in copied
    section.refresh_from_db()
    assert section.narrative_ru != OFFLINE_TEXT
    assert not Activity.objects.filter(title="Тренинг после закрытия").exists()

    page.reload()  # still on the device, still refused, even on a page that is read-only now
    expect(page.locator("#offline-queue .oq-item-refused")).to_have_count(2)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#offline-queue .oq-item-refused").first.get_by_role(
        "button", name="Удалить с устройства").click()
    expect(page.locator("#offline-queue .oq-item-refused")).to_have_count(1)


def test_the_queue_with_pending_and_conflict_items_passes_axe(
        transactional_db, world, new_audit_page):
    report, page, _path, _cached = _open_offline(world, new_audit_page)
    section = _first_section(report)
    _edit_offline(page, section.measure_id)
    _add_activity_offline(page, "Тренинг для проверки доступности")
    services.progress_save(actor=world.users["focal_point"], report=report,
                           measure_id=section.measure_id, version=section.version,
                           data={"narrative_ru": COLLEAGUE_TEXT})
    page.route("**/api/v1/reports/*/activities/", lambda route: route.abort())
    page.context.set_offline(False)
    expect(page.locator(f"#progress-{section.measure_id} [data-conflict]")).to_be_visible()
    expect(page.locator("#activities-table tr[data-oq-row]")).to_contain_text("не отправлено")
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        assert axe_violations(page) == [], width
        screenshot(page, f"offline-queue-{width}")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_a_session_expired_offline_keeps_the_queue_until_the_person_signs_in_again(
        transactional_db, world, new_page):
    report, page, path, _cached = _open_offline(world, new_page)
    section = _first_section(report)
    _edit_offline(page, section.measure_id)
    page.context.clear_cookies()  # the session ended while the phone had no connection

    page.context.set_offline(False)
    status = page.locator("#offline-queue [data-oq-status]")
    expect(status).to_contain_text("Сеанс истёк")
    expect(status.get_by_role("link", name="Войти")).to_have_attribute(
        "href", f"/login/?next={path}")
    expect(page.locator("#offline-queue .oq-item-pending")).to_have_count(1)
    section.refresh_from_db()
    assert section.narrative_ru != OFFLINE_TEXT

    login(page, "focal_point")
    page.goto(path)  # the queue is still on the device and goes out now
    expect(page.locator(f"#save-state-{section.measure_id}")).to_have_text(
        re.compile(r"^отправлено в \d"))
    section.refresh_from_db()
    assert section.narrative_ru == OFFLINE_TEXT


def test_an_activity_the_server_refuses_comes_back_into_the_form_with_the_error(
        transactional_db, world, new_page):
    report, page, _path, _cached = _open_offline(world, new_page)
    page.locator("summary", has_text="Добавить мероприятие").click()
    form = page.locator("#activity-form")
    form.locator("[name=kind]").select_option(index=1)
    form.locator("[name=title]").fill("Тренинг с ошибкой в числах")
    form.locator("[name=start]").fill("2023-04-01")
    form.locator("[name=end]").fill("2023-04-01")
    form.locator("[name=participants_women]").fill("20")
    form.locator("[name=participants_total]").fill("15")
    form.locator("button[type=submit]").click()
    expect(page.locator("#activities-table tr[data-oq-row]")).to_contain_text("не отправлено")

    page.context.set_offline(False)
    expect(page.locator("#offline-queue .oq-item-refused")).to_have_count(1)
    total = form.locator("[name=participants_total]")
    expect(total).to_have_attribute("aria-invalid", "true")
    expect(form.locator(".errorlist")).to_contain_text("больше, чем всего")
    expect(form.locator("[name=title]")).to_have_value("Тренинг с ошибкой в числах")
    screenshot(page, "offline-refused-activity")

    total.fill("25")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(_server_rows(page, "Тренинг с ошибкой в числах")).to_have_count(1)
    expect(page.locator("#offline-queue .oq-item")).to_have_count(0)
    assert Activity.objects.filter(report=report, title="Тренинг с ошибкой в числах").count() == 1


def test_indicator_values_saved_meanwhile_are_shown_and_can_be_kept(
        transactional_db, world, new_page):
    report, page, _path, _cached = _open_offline(world, new_page)
    trained = Indicator.objects.get(code="И-9.2")
    cell = page.locator(f"input[name='obs|{trained.pk}|']")
    cell.fill("25")
    page.click("#observations-form button[type=submit]")
    expect(page.locator("#observations-form [data-oq-mark]")).to_contain_text("не отправлено")
    report.refresh_from_db()
    services.observations_save(actor=world.users["focal_point"], report=report,
                               version=report.observations_version,
                               values=[{"indicator": trained.pk, "disaggregation": {},
                                        "value": "30"}])

    page.context.set_offline(False)
    conflict = page.locator("#observations-form [data-conflict]")
    expect(conflict).to_contain_text("30")
    expect(cell).to_have_value("25")
    page.once("dialog", lambda dialog: dialog.accept())
    conflict.get_by_role("button", name="Оставить сохранённое").click()
    expect(conflict).to_have_count(0)
    expect(cell).to_have_value(re.compile(r"^30"))
    expect(page.locator("#offline-queue .oq-item")).to_have_count(0)
    assert Observation.objects.get(report=report, indicator=trained, disaggregation="").value == 30


def test_a_full_device_says_so_and_keeps_the_values_in_the_form(
        transactional_db, world, new_page):
    report, page, _path, _cached = _open_offline(world, new_page)
    page.evaluate("""() => { navigator.storage.estimate = async () => (
        {quota: 50 * 1024 * 1024, usage: 50 * 1024 * 1024 - 1000}); }""")
    page.locator("summary", has_text="Добавить мероприятие").click()
    form = page.locator("#activity-form")
    form.locator("[name=kind]").select_option(index=1)
    form.locator("[name=title]").fill("Тренинг, которому не хватило места")
    form.locator("[name=start]").fill("2023-05-01")
    form.locator("[name=end]").fill("2023-05-01")
    form.locator("button[type=submit]").click()
    expect(page.locator("#offline-queue [data-oq-status]")).to_contain_text("нет места")
    expect(form.locator("[name=title]")).to_have_value("Тренинг, которому не хватило места")
    expect(page.locator("#activities-table tr[data-oq-row]")).to_have_count(0)
