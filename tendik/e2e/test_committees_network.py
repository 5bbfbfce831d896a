"""A coordinator records a local committee, its secretary records a meeting, and coverage
counts it; the network pages pass axe and fit a phone."""

import pytest

from tendik.committees.models import Committee
from tendik.committees.tests.factories import CommitteeMeetingFactory, CommitteeMemberFactory
from tendik.committees.tests.network.conftest import build_tree
from tendik.testing.factories import user_with_role

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


def test_a_committee_is_recorded_meets_and_counts_in_coverage(transactional_db, world,
                                                              new_page):
    tree = build_tree(world.kg)
    user_with_role("committee", username="secretary", organisation=tree.omsu[0])
    page = new_page()
    login(page, "coordinator")
    page.goto("/committees/")
    page.get_by_role("link", name="Добавить комитет").click()
    page.select_option("#id_organisation", str(tree.omsu[0].pk))
    page.select_option("#id_territory", str(tree.municipalities[0].pk))
    page.fill("#id_established", "2024-02-01")
    page.fill("#id_act", "Решение айылного кенеша № 7")
    with page.expect_navigation():
        page.get_by_role("button", name="Сохранить").click()
    committee = Committee.objects.get()
    assert page.url.endswith(f"/committees/{committee.pk}/")

    page = new_page()
    login(page, "secretary")
    page.goto(f"/committees/{committee.pk}/")
    page.fill("#id_meeting-date", "2025-03-04")
    page.fill("#id_meeting-agenda", "О работе с обращениями")
    page.fill("#id_meeting-attended_women", "5")
    page.fill("#id_meeting-attended_men", "2")
    with page.expect_navigation():
        page.get_by_role("button", name="Записать заседание").click()
    meeting = page.locator(f"#meeting-{committee.meetings.get().pk}")
    assert "О работе с обращениями" in meeting.inner_text()
    assert "женщин — 5, мужчин — 2" in meeting.inner_text()
    assert page.get_by_role("link", name="Изменить комитет").count() == 0

    page.goto("/committees/coverage/")
    row = page.locator("#coverage tbody tr", has_text=tree.region.name_ru)
    assert row.locator("td").all_inner_texts()[:3] == ["3", "1", "2"]
    screenshot(page, "committees-coverage")


def test_network_pages_pass_axe_and_fit_a_phone(transactional_db, world, new_audit_page):
    tree = build_tree(world.kg)
    committee = Committee.objects.create(country=world.kg, organisation=world.home_org,
                                         territory=tree.municipalities[0],
                                         established="2024-02-01", act="Решение № 7")
    CommitteeMemberFactory(committee=committee, role="chair")
    CommitteeMeetingFactory(committee=committee)
    urls = ["/committees/", f"/committees/{committee.pk}/", "/committees/coverage/",
            f"/committees/coverage/?region={tree.region.code}", "/committees/add/",
            f"/committees/{committee.pk}/edit/"]
    problems = []
    for width in (1280, 360):
        page = new_audit_page(width)
        login(page, "coordinator")
        for url in urls:
            page.goto(url)
            problems += [f"{width} {url}: {v}" for v in axe_violations(page)]
            if horizontal_overflow(page) > 0:
                problems.append(f"{width} {url}: {horizontal_overflow(page)} px sideways")
        if width == 360:
            page.goto(f"/committees/{committee.pk}/")
            screenshot(page, "committees-detail-360")
    assert not problems, "\n".join(problems)
