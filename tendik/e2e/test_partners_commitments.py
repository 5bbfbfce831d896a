"""A coordinator records a GBV coalition commitment of a CSO, the CSO reports its 2025 progress
with a PDF, the coordinator publishes it and an anonymous visitor reads it on the portal; the
commitments pages pass axe and fit a phone."""

import datetime

import pytest

from tendik.partners.commitments import services
from tendik.partners.models import Commitment
from tendik.partners.tests.commitments.conftest import PDF
from tendik.testing.factories import OrganisationFactory, user_with_role

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


def _cso(world):
    cso = OrganisationFactory(country=world.kg, kind="cso", name_ru="ОО «Сезим»")
    user_with_role("partner", username="sezim", organisation=cso)
    return cso


def test_a_commitment_is_made_reported_on_published_and_read_by_the_public(
        transactional_db, world, new_page, tmp_path):
    cso = _cso(world)
    page = new_page()
    login(page, "coordinator")
    page.goto("/commitments/add/")
    page.select_option("#id_made_by", str(cso.pk))
    page.select_option("#id_framework", "generation_equality")
    page.select_option("#id_action_coalition", "gbv")
    page.select_option("#id_action_area", "gbv-services")
    page.fill("#id_title_ru", "Кризисные центры в каждой области")
    page.fill("#id_text_ru", "Открыть кризисные центры для пострадавших во всех областях")
    page.fill("#id_made_on", "2021-06-30")
    page.fill("#id_target_date", "2026-12-31")
    with page.expect_navigation():
        page.get_by_role("button", name="Сохранить").click()
    commitment = Commitment.objects.get()
    assert (commitment.made_by, commitment.action_area) == (cso, "gbv-services")

    evidence = tmp_path / "Отчёт 2025.pdf"
    evidence.write_bytes(PDF)
    cso_page = new_page()
    login(cso_page, "sezim")
    cso_page.goto(f"/commitments/{commitment.pk}/")
    cso_page.fill("#id_new_year", "2025")
    cso_page.select_option("#id_new_status", "in_progress")
    cso_page.fill("#id_new_percent", "40")
    cso_page.fill("#id_new_text", "Открыты 3 кризисных центра из 7")
    cso_page.set_input_files("#id_new_evidence", str(evidence))
    with cso_page.expect_navigation():
        cso_page.get_by_role("button", name="Сохранить ход выполнения").click()
    assert cso_page.get_by_role("heading", name="2025: выполняется, 40%").is_visible()
    assert cso_page.get_by_role("button", name="Опубликовать").count() == 0

    page.goto(f"/commitments/{commitment.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Опубликовать").click()
    assert page.get_by_role("button", name="Снять с публикации").is_visible()

    visitor = new_page()
    visitor.goto("/portal/commitments/")
    visitor.get_by_role("link", name="Кризисные центры в каждой области").click()
    visitor.wait_for_url(f"**/portal/commitments/{commitment.pk}/")
    assert visitor.get_by_text("Открыты 3 кризисных центра из 7").is_visible()
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="Отчёт 2025.pdf").click()
    assert download.value.suggested_filename == "Отчёт 2025.pdf"
    screenshot(visitor, "commitments-public")


def test_commitment_pages_pass_axe_and_fit_a_phone(transactional_db, world, new_audit_page):
    commitment = services.commitment_create(
        actor=world.users["coordinator"], country=world.kg, made_by=world.home_org,
        framework="generation_equality", action_coalition="gbv", action_area="gbv-policy",
        title_ru="Закон о профилактике насилия", text_ru="Принять поправки", is_demo=True,
        target_date=datetime.date(2026, 12, 31))
    services.commitment_progress_save(actor=world.users["coordinator"], commitment=commitment,
                                      year=2024, status="in_progress", text="Проект внесён",
                                      percent=50)
    services.commitment_publish(actor=world.users["coordinator"], commitment=commitment,
                                published=True)
    problems = []
    page = new_audit_page()
    for path in ("/portal/commitments/", f"/portal/commitments/{commitment.pk}/"):
        problems += _audit(page, path)
    login(page, "coordinator")
    for path in ("/commitments/", "/commitments/add/", f"/commitments/{commitment.pk}/",
                 f"/commitments/{commitment.pk}/edit/"):
        problems += _audit(page, path)
    assert not problems, "\n".join(problems)


def _audit(page, path: str) -> list[str]:
    page.goto(path)
    problems = []
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        problems += [f"{path} at {width}: {v}" for v in axe_violations(page)]
        if width == 360 and (overflow := horizontal_overflow(page)) > 0:
            problems.append(f"{path}: {overflow} px of horizontal scroll")
    return problems
