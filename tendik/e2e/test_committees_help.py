"""An anonymous visitor on a phone finds where to turn: she chooses her region and district on
«Куда обратиться» and sees the crisis centre serving it, with the national hotline on top; the
help-services pages pass axe and fit a 360 px screen."""

import pytest

from tendik.committees.directory import services
from tendik.testing.factories import OrganisationFactory, TerritoryFactory

from .conftest import axe_violations, horizontal_overflow, screenshot
from .test_foundation import login

pytestmark = pytest.mark.e2e


def _directory(world) -> dict:
    region = TerritoryFactory(parent=world.kg, level="region", code="KG-C", name_ru="Чуйская")
    district = TerritoryFactory(parent=region, level="district", code="KG-C-ALA",
                                name_ru="Аламудунский район")
    other = TerritoryFactory(parent=region, level="district", code="KG-C-SOK",
                             name_ru="Сокулукский район")
    TerritoryFactory(parent=world.kg, level="region", code="KG-Y", name_ru="Иссык-Кульская")
    centre = OrganisationFactory(country=world.kg, kind="crisis_centre", name_ru="ОО «Сезим»")
    coordinator = world.users["coordinator"]
    common = {"actor": coordinator, "country": world.kg, "organisation": centre,
              "languages": ["ky", "ru"]}
    return {
        "hotline": services.help_service_create(
            name_ru="Телефон доверия 111", services=["hotline", "psychological"], phone="111",
            national_hotline=True, hours="круглосуточно", **common),
        "centre": services.help_service_create(
            name_ru="Кризисный центр «Сезим»", services=["shelter", "psychological", "legal"],
            phone="+996 312 62-33-00", shelter_beds=12, territories=[district],
            accessibility="Вход без ступеней", **common),
        "elsewhere": services.help_service_create(
            name_ru="Центр «Тендеш»", services=["legal"], phone="+996 3133 5-00-00",
            territories=[other], **common),
    }


def test_a_visitor_on_a_phone_finds_the_crisis_centre_of_her_district(
        transactional_db, world, new_page):
    _directory(world)
    page = new_page(width=360)
    page.goto("/portal/")
    page.get_by_role("link", name="Куда обратиться").first.click()
    page.wait_for_url("**/help/")
    assert page.get_by_role("heading", name="Телефон доверия 111").is_visible()
    with page.expect_navigation():
        page.select_option("#help-region", label="Чуйская")  # sends the form by itself
    page.select_option("#help-district", label="Аламудунский район")
    with page.expect_navigation():
        page.get_by_role("button", name="Показать").click()
    assert "district=KG-C-ALA" in page.url
    hotline = page.get_by_role("heading", name="Телефон доверия 111")
    centre = page.get_by_role("heading", name="Кризисный центр «Сезим»")
    assert hotline.is_visible() and centre.is_visible()
    assert hotline.bounding_box()["y"] < centre.bounding_box()["y"]
    assert page.get_by_role("link", name="+996 312 62-33-00").get_attribute("href") == \
        "tel:+996312623300"
    assert page.get_by_text("Центр «Тендеш»").count() == 0
    assert horizontal_overflow(page) <= 0
    screenshot(page, "committees-help-360")


def test_help_pages_pass_axe_and_fit_a_phone(transactional_db, world, new_audit_page):
    rows = _directory(world)
    page = new_audit_page()
    problems = _audit(page, "/help/") + _audit(page, "/help/?territory=KG-C-ALA")
    login(page, "coordinator")
    for path in ("/help-services/", "/help-services/add/", f"/help-services/{rows['centre'].pk}/",
                 f"/help-services/{rows['centre'].pk}/edit/"):
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
