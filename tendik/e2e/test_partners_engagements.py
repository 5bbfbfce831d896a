"""A coordinator records a meeting with two participants and one agreement owned by the focal
point's organisation; the focal point finds it on their home page and marks it done. The
meeting pages pass axe and fit a phone."""

import datetime

import pytest
from django.utils import timezone

from tendik.partners.models import Engagement, FollowUp

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e
TODAY = timezone.localdate()


def test_a_meeting_agreement_reaches_its_owner_who_marks_it_done(transactional_db, world,
                                                                  new_page):
    page = new_page()
    login(page, "coordinator")
    page.goto("/engagements/")
    page.get_by_role("link", name="Записать встречу").click()
    page.select_option("#id_kind", "bilateral")
    page.fill("#id_date", (TODAY - datetime.timedelta(days=10)).isoformat())
    page.fill("#id_place", "Бишкек")
    page.fill("#id_title_ru", "Министр принимает представителя ООН-Женщины")
    page.fill("#id_topics", "дорожная карта сотрудничества\nэкономические возможности женщин")
    page.fill("#id_participants-0-name", "Асанова Айгуль")
    page.fill("#id_participants-0-position", "министр")
    page.select_option("#id_participants-0-organisation", str(world.home_org.pk))
    page.fill("#id_participants-1-name", "Смит Анна")
    page.fill("#id_participants-1-position", "представитель")
    page.fill("#id_follow_ups-0-text", "Подготовить дорожную карту сотрудничества")
    page.select_option("#id_follow_ups-0-owner", str(world.home_org.pk))
    page.fill("#id_follow_ups-0-due_date", (TODAY + datetime.timedelta(days=5)).isoformat())
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url("**/engagements/*/")
    assert page.get_by_text("Асанова Айгуль, министр").is_visible()
    assert Engagement.objects.get().participants.count() == 2

    focal = new_page()
    login(focal, "focal_point")
    block = focal.locator("#follow-ups-due")
    assert block.get_by_role("heading", name="Договорённости: сроки").is_visible()
    block.get_by_role("link", name="Подготовить дорожную карту сотрудничества").click()
    follow_up = FollowUp.objects.get()
    card = focal.locator(f"#follow-up-{follow_up.pk}")
    card.get_by_label("Статус").select_option("done")
    card.get_by_label("Что сделано").fill("Дорожная карта подписана")
    card.get_by_role("button", name="Обновить").click()
    focal.locator(f"#follow-up-{follow_up.pk}").get_by_text("выполнено").first.wait_for()
    follow_up.refresh_from_db()
    # The service stamps the local date (Asia/Bishkek); a run may cross its midnight.
    assert follow_up.status == "done" and follow_up.done_on in {TODAY, timezone.localdate()}
    screenshot(focal, "engagements-follow-up-done")
    focal.goto("/")
    assert focal.locator("#follow-ups-due").count() == 0


def test_meeting_pages_pass_axe_and_fit_a_phone(transactional_db, world, new_audit_page):
    from tendik.partners.tests.engagements.conftest import record

    meeting = record(world)
    page = new_audit_page()
    login(page, "coordinator")
    problems = []
    for path in ("/engagements/", "/engagements/add/", f"/engagements/{meeting.pk}/",
                 f"/engagements/{meeting.pk}/edit/", "/engagements/follow-ups/", "/"):
        page.goto(path)
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 800})
            problems += [f"{path} at {width}: {v}" for v in axe_violations(page)]
            if width == 360 and (overflow := horizontal_overflow(page)) > 0:
                problems.append(f"{path}: {overflow} px of horizontal scroll")
    assert not problems, "\n".join(problems)
