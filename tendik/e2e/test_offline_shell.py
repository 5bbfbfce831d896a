"""The installable app in a real browser: a report opened online opens again without a
connection, at the same URL, and logging out leaves nothing of the user on the device."""

import threading
import time

import pytest
from playwright.sync_api import expect

from tendik.reporting import services
from tendik.reporting.tests.factories import open_period

from .conftest import CACHED_PAGE_JS, axe_violations, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e
WIDTHS = (1280, 360)
CHANGED_ONLINE = "Записано на сервере, когда устройство было без связи"


def wait_until(page, script: str, arg=None, timeout: float = 20) -> None:
    """Polls an async page function until it is true (wait_for_function cannot await)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, f"still false after {timeout}s: {script}"
        time.sleep(0.2)


CONTROLLED = "() => Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)"
TENDIK_CACHES = "async () => (await caches.keys()).filter((name) => name.startsWith('tendik-'))"
DATABASES = "async () => (await indexedDB.databases()).map((db) => db.name)"


def _queue(page, items: list[dict]) -> None:
    """Puts items in the device queue the way queue.js keeps them."""
    page.evaluate("""(items) => new Promise((resolve, reject) => {
      const open = indexedDB.open('tendik-offline', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('queue', {keyPath: 'client_id'});
      open.onerror = reject;
      open.onsuccess = () => {
        const tx = open.result.transaction('queue', 'readwrite');
        items.forEach((item) => tx.objectStore('queue').put(item));
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = reject;
      };
    })""", items)


def _keep_on_device(page, report_url: str) -> None:
    """Opens «Мои отчёты» and the report online until the worker controls the page and both
    pages are saved on the device."""
    page.goto("/reports/")
    wait_until(page, CONTROLLED)
    page.goto(report_url)
    wait_until(page, CONTROLLED)
    wait_until(page, CACHED_PAGE_JS, report_url)
    wait_until(page, CACHED_PAGE_JS, "/reports/")


def test_a_report_opened_online_opens_again_offline_at_the_same_url(
        transactional_db, world, new_audit_page):
    _plan, _period, report, _indicator, _other = open_period(world)
    report_url = f"/reports/{report.pk}/"
    page = new_audit_page()
    login(page, "focal_point")
    _keep_on_device(page, report_url)
    page.goto("/reports/")
    expect(page.locator("#offline-cached")).to_contain_text("На устройстве сохранено отчётов: 1")

    page.goto(report_url)
    page.context.set_offline(True)
    # Changed on the server while the device is offline: a page showing it would have come from
    # the network, so the test notices if going offline does not reach the worker's fetches.
    progress = report.progress.first()
    services.progress_save(actor=None, report=report, measure_id=progress.measure_id,
                           version=progress.version, data={"narrative_ru": CHANGED_ONLINE})
    page.reload()
    assert page.url.endswith(report_url)
    expect(page.locator("h1")).to_have_text(world.home_org.name_ru)
    expect(page.locator("#offline-banner")).to_be_visible()
    expect(page.locator("#offline-banner")).to_contain_text("Нет связи")
    assert CHANGED_ONLINE not in page.content()

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for url in (report_url, "/reports/"):
            page.goto(url)
            expect(page.locator("#offline-banner")).to_be_visible()
            if url == "/reports/":  # counted by the worker without a connection
                expect(page.locator("#offline-cached")).to_contain_text(
                    "На устройстве сохранено отчётов: 1")
            assert axe_violations(page) == [], (url, width)
        screenshot(page, f"offline-my-reports-{width}")

    # A page never opened online: the offline page, which leads back to the saved reports.
    page.goto("/plans/")
    expect(page.locator("h1")).to_have_text("Нет связи")
    page.get_by_role("link", name="Мои отчёты").click()
    expect(page.locator("h1")).to_have_text("Мои отчёты")


def test_logging_out_clears_the_device(transactional_db, world, new_page):
    _plan, _period, report, _indicator, _other = open_period(world)
    report_url = f"/reports/{report.pk}/"
    page = new_page()
    login(page, "focal_point")
    _keep_on_device(page, report_url)
    user = world.users["focal_point"].pk
    _queue(page, [{"client_id": "e2e", "user": user, "state": "pending", "seq": 1}])
    assert page.evaluate(TENDIK_CACHES)

    dialogs = []

    def accept(dialog):
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_url("**/login/")
    assert dialogs and dialogs[0].startswith("Не отправлено изменений: 1.")
    assert page.evaluate(TENDIK_CACHES) == []
    assert "tendik-offline" not in page.evaluate(DATABASES)


def test_cancelling_the_logout_keeps_the_unsent_changes(transactional_db, world, new_page):
    page = new_page()
    login(page, "focal_point")
    page.goto("/reports/")
    wait_until(page, CONTROLLED)
    user = world.users["focal_point"].pk
    _queue(page, [{"client_id": "mine", "user": user, "state": "conflict", "seq": 1},
                  {"client_id": "sent", "user": user, "state": "synced", "seq": 2},
                  {"client_id": "theirs", "user": user + 1, "state": "pending", "seq": 3}])
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_timeout(500)
    assert dialogs and dialogs[0].startswith("Не отправлено изменений: 1.")  # only own unsent
    assert page.url.endswith("/reports/")
    assert "tendik-offline" in page.evaluate(DATABASES)


def test_a_connection_that_hangs_still_shows_the_saved_report(
        transactional_db, world, new_page, monkeypatch):
    from tendik.reporting import report_views

    _plan, _period, report, _indicator, _other = open_period(world)
    report_url = f"/reports/{report.pk}/"
    page = new_page()
    login(page, "focal_point")
    _keep_on_device(page, report_url)

    answer = report_views.report_or_404
    release, answered = threading.Event(), threading.Event()

    def hanging(request, pk):
        release.wait(timeout=20)
        try:
            return answer(request, pk)
        finally:
            answered.set()

    monkeypatch.setattr(report_views, "report_or_404", hanging)
    started = time.monotonic()
    page.reload()
    try:
        expect(page.locator("h1")).to_have_text(world.home_org.name_ru)
        assert time.monotonic() - started < 7  # the saved copy, after the worker's 4 s wait
        assert page.evaluate("navigator.onLine")
        expect(page.locator("#offline-banner")).to_be_visible()
        expect(page.locator("#offline-banner")).to_contain_text("Нет связи")
    finally:
        # The live server shares the test's database connection: the hung request must be over
        # before the next test starts, or it writes into that test's transaction.
        release.set()
        assert answered.wait(timeout=20)
        time.sleep(1)  # the rest of the response (middleware, the session save)


def test_someone_signing_in_after_an_expired_session_never_gets_the_previous_pages(
        transactional_db, world, new_page):
    _plan, _period, report, _indicator, _other = open_period(world)
    report_url = f"/reports/{report.pk}/"
    previous = world.users["focal_point"].pk
    page = new_page()
    login(page, "focal_point")
    _keep_on_device(page, report_url)
    page.goto("about:blank")  # nothing of the old page is still asking the server
    page.wait_for_timeout(1000)  # the worker's own refresh of the kept pages has settled
    page.context.clear_cookies()  # the session expired; nobody logged out
    # The device goes offline before the new person's first sync could tell the worker.
    page.context.route("**/offline/state.json", lambda route: route.abort())
    login(page, "coordinator")
    expect(page.locator(".whoami")).to_have_text("coordinator")  # past the login page
    wait_until(page, "async (name) => !(await caches.has(name))", f"tendik-pages-u{previous}")

    page.context.set_offline(True)
    for url in ("/reports/", report_url):
        page.goto(url)
        assert page.locator(f"meta[name='tendik-user'][content='{previous}']").count() == 0, url
        assert str(report.organisation) not in page.locator("h1").inner_text(), url
