"""A coordinator orders the national report in a browser, watches its row while the worker builds
it, downloads the DOCX from the row once htmx has swapped in the link; on a phone the page never
scrolls sideways."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tendik.exports.models import NationalReport
from tendik.exports.services import national_report_job_run, national_report_request
from tendik.exports.tests.conftest import national_world

from .conftest import horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


def test_a_coordinator_orders_the_report_and_downloads_it_when_built(
        transactional_db, world, new_page):
    national = national_world(world)
    page = new_page()
    login(page, "coordinator")
    page.goto("/exports/national-report/")
    page.select_option("#id_plan", str(national["plan"].pk))
    page.select_option("#id_period_from", str(national["p22"].pk))
    page.select_option("#id_period_to", str(national["p23"].pk))
    page.check('input[name="format"][value="docx"]')
    page.select_option("#id_language", "ru")
    page.get_by_role("button", name="Сформировать доклад").click()
    page.wait_for_url("**/exports/national-report/#report-*")
    report = NationalReport.objects.get()
    row = page.locator(f"#report-{report.pk}")
    expect(row.locator('[data-job-status="queued"]')).to_be_visible()
    expect(row.locator("progress")).to_have_count(1)

    national_report_job_run(job_id=report.job_id)  # the worker's part, from the test thread
    link = row.locator("a[data-download]")
    expect(link).to_be_visible()  # htmx polls the row every 2 s and swaps it
    expect(link).to_contain_text("Скачать")
    expect(row.locator("progress")).to_have_count(0)
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    assert Path(download.path()).read_bytes()[:2] == b"PK"


def test_the_page_fits_a_phone(transactional_db, world, new_page):
    national = national_world(world)
    built, _created = national_report_request(actor=world.users["coordinator"],
                                              plan_id=national["plan"].pk, fmt="xlsx",
                                              language="ky")
    national_report_job_run(job_id=built.job_id)
    national_report_request(actor=world.users["coordinator"], plan_id=national["plan"].pk,
                            fmt="docx", language="ru")  # still queued: a progress bar
    page = new_page(360)
    login(page, "coordinator")
    page.goto("/exports/national-report/")
    expect(page.locator(f"#report-{built.pk} a[data-download]")).to_be_visible()
    expect(page.locator("table.stacked progress")).to_have_count(1)
    overflow = horizontal_overflow(page)
    if overflow > 0:
        screenshot(page, "national-report-360")
    assert overflow <= 0
