"""End-to-end tests drive Debian's Chromium through Playwright against a live Django server."""

import os
import threading
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("TENDIK_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time():
    """The live server hands the test's one SQLite connection to every request thread. A page
    and its service worker's background requests (precaching, refreshing kept pages) would then
    run queries side by side on it and break each other's savepoints; one at a time they cannot.
    """
    from django.core.handlers.wsgi import WSGIHandler

    lock, original = threading.Lock(), WSGIHandler.__call__

    def serialised(self, environ, start_response):
        with lock:
            return original(self, environ, start_response)

    WSGIHandler.__call__ = serialised
    yield
    WSGIHandler.__call__ = original


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run scripts/install-system-deps.sh")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield browser
        browser.close()


def _pages(browser, live_server, **options):
    """A factory of fresh browser pages (one context each), closed when the test ends."""
    contexts = []

    def make(width: int = 1280):
        context = browser.new_context(base_url=live_server.url, locale="ru-RU",
                                      viewport={"width": width, "height": 800}, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    return make, contexts


@pytest.fixture
def new_page(browser, live_server):
    make, contexts = _pages(browser, live_server)
    yield make
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def new_audit_page(browser, live_server):
    """A page for axe: the CSP is bypassed only so that axe's own script can be injected."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci`")
    make, contexts = _pages(browser, live_server, bypass_csp=True)
    yield make
    for context in contexts:
        context.close()


def axe_violations(page) -> list[str]:
    """Serious and critical axe violations of the page, one readable line per element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{violation['impact']} {violation['id']}: {' '.join(map(str, node['target']))}"
            for violation in result["violations"] if violation["impact"] in BLOCKING_IMPACTS
            for node in violation["nodes"]]


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# True once some user's page cache of the service worker holds `path` (offline tests wait on it).
CACHED_PAGE_JS = """async (path) => {
  for (const name of await caches.keys()) {
    if (name.startsWith("tendik-pages-u") && await (await caches.open(name)).match(path)) {
      return true;
    }
  }
  return false;
}"""
