"""A focal point adds a news item, Tendik reads it, and one click turns its event into an activity
of their draft report; the document pages pass axe and fit a phone."""

import pytest

from tendik.documents.models import Document, FactKind
from tendik.documents.services import document_extract_job
from tendik.documents.tests.texts import NEWS
from tendik.reporting.models import Activity
from tendik.reporting.tests.factories import open_period

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


def test_a_news_item_becomes_an_activity_with_its_evidence(transactional_db, world, new_page):
    _plan, _period, report, _indicator, _other = open_period(world)
    page = new_page()
    login(page, "focal_point")
    page.goto("/documents/add/")
    page.fill("#id_text", NEWS)
    page.fill("#id_source_url", "https://kabar.kg/news/42")
    page.fill("#id_published", "2024-03-14")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/documents/*/")
    assert page.get_by_role("status").inner_text().startswith("Документ читается")
    document_extract_job(job_id=Document.objects.get().job_id)  # the worker's part
    page.get_by_role("link", name="Показать факты").click(timeout=10_000)
    event = Document.objects.get().facts.get(kind=FactKind.EVENT)
    page.locator(f"#fact-{event.pk}").get_by_role("link", name="Принять и создать мероприятие").click()
    assert page.input_value("#id_start") == "2024-03-12"
    page.select_option("#id_report", str(report.pk))
    page.fill("#id_participants_women", "28")
    page.fill("#id_participants_men", "12")
    with page.expect_navigation():
        page.get_by_role("button", name="Создать мероприятие").click()
    page.locator(f"#fact-{event.pk}").wait_for()
    assert page.locator(f"#fact-{event.pk}").get_by_text("мероприятие в отчёте").is_visible()
    activity = Activity.objects.get(report=report)
    assert (activity.participants_women, activity.participants_men) == (28, 12)
    assert report.evidence.get().url == "https://kabar.kg/news/42"
    date = Document.objects.get().facts.filter(kind=FactKind.DATE).first()
    page.get_by_text("дата (").click()  # the group opens
    page.locator(f"#fact-{date.pk}").get_by_role("button", name="Отклонить").click()
    page.locator(f"#fact-{date.pk}.status-rejected").wait_for()
    screenshot(page, "documents-review")


def test_document_pages_pass_axe_and_fit_a_phone(transactional_db, world, new_audit_page):
    open_period(world)
    from tendik.documents import services

    document = services.document_create(actor=world.users["focal_point"], text=NEWS)
    document_extract_job(job_id=document.job_id)
    event = document.facts.get(kind=FactKind.EVENT)
    page = new_audit_page()
    login(page, "focal_point")
    problems = []
    for path in ("/documents/", "/documents/add/", f"/documents/{document.pk}/",
                 f"/documents/facts/{event.pk}/event/", "/documents/?q=тренинг"):
        page.goto(path)
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 800})
            problems += [f"{path} at {width}: {v}" for v in axe_violations(page)]
            if width == 360 and (overflow := horizontal_overflow(page)) > 0:
                problems.append(f"{path}: {overflow} px of horizontal scroll")
    assert not problems, "\n".join(problems)
