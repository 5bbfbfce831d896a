import pytest
from django.urls import reverse
from django.utils import translation

from tendik.plans import services
from tendik.plans.models import Plan

from .factories import build_plan

pytestmark = pytest.mark.django_db


def test_overview_escapes_user_text_and_marks_missing_translations(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    measure = plan.measures.order_by("code").first()
    services.measure_update(actor=world.users["coordinator"], measure=measure,
                            title_ru='<script>alert("x")</script>', title_en="Training")
    client = world.client("coordinator")
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    client.post(reverse("set_language"), {"language": "ky", "next": "/"})
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'class="badge fallback"' in page  # Kyrgyz missing: Russian shown, marked
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    with translation.override("en"):
        page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert ">Training</a>" in page


def test_overview_filters_by_executor_framework_and_year(world):
    plan, _ = build_plan(world, measures_per_objective=2)
    client = world.client("observer")
    url = reverse("plans:detail", args=[plan.pk])
    by_year = client.get(url, {"year": "2023"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in by_year and "постоянно" in by_year
    none = client.get(url, {"framework": "sdg:5.5", "search": "нет такого"},
                      HTTP_HX_REQUEST="true").content.decode()
    assert "Ничего не найдено" in none or "Мероприятие" not in none


def test_comment_and_answer_through_the_pages(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    services.plan_transition(actor=None, plan=plan, to="consultation")
    measure = plan.measures.first()
    observer = world.client("observer")
    observer.post(reverse("plans:comment_add", args=[plan.pk]),
                  {"text": "Уточните срок", "measure": measure.pk})
    comment = plan.comments.get()
    assert comment.measure == measure and comment.created_by == world.users["observer"]
    assert observer.post(reverse("plans:comment_answer", args=[comment.pk]),
                         {"status": "accepted", "reply": "x"}).status_code == 403
    world.client("coordinator").post(reverse("plans:comment_answer", args=[comment.pk]),
                                     {"status": "rejected", "reply": "Срок верный"})
    comment.refresh_from_db()
    assert (comment.status, comment.reply) == ("rejected", "Срок верный")


def test_import_page_shows_errors(world):
    from django.core.files.uploadedfile import SimpleUploadedFile
    response = world.client("coordinator").post(reverse("plans:import"), {
        "file": SimpleUploadedFile("m.xlsx", b"not xlsx"), "kind": "programme",
        "title": "X", "period_start": "2025-01-01", "period_end": "2024-01-01"})
    assert "Конец периода раньше начала" in response.content.decode()


def test_coordinator_enters_a_plan_by_hand(world):
    client = world.client("coordinator")
    response = client.post(reverse("plans:create"), {
        "kind": "roadmap", "title_ru": "Дорожная карта", "period_start": "2021-01-01",
        "period_end": "2022-12-31"})
    plan = Plan.objects.get(title_ru="Дорожная карта")
    assert response.status_code == 302
    client.post(reverse("plans:area_add", args=[plan.pk]), {"title_ru": "Сельские женщины"})
    area = plan.areas.get()
    client.post(reverse("plans:objective_add", args=[plan.pk, area.pk]),
                {"title_ru": "Доступ к услугам"})
    objective = area.objectives.get()
    url = reverse("plans:measure_create", args=[plan.pk, objective.pk])
    bad = client.post(url, {"title_ru": "Кризисные центры", "deadline": "31.02.2021",
                            "lead_executor": world.home_org.pk, "budget": "много"})
    page = bad.content.decode()
    assert bad.status_code == 200 and "неверная дата" in page and "неизвестный источник" in page
    good = client.post(url, {"title_ru": "Кризисные центры", "deadline": "2021–2022",
                             "lead_executor": world.home_org.pk,
                             "co_executors": [world.other_kg_org.pk],
                             "budget": "донорские средства: 40 000 USD"})
    measure = objective.measures.get()
    assert good.status_code == 302 and measure.code == "1.1.1"
    assert measure.deadline_years == "2021,2022"
    assert str(measure.budget_lines.get()) == "донорские средства: 40 000 USD"
    edit = reverse("plans:measure_edit", args=[measure.pk])
    form = client.get(edit).content.decode()
    assert "2021, 2022" in form and "донорские средства: 40 000 USD" in form
    services.plan_transition(actor=None, plan=plan, to="approved")
    frozen = client.post(edit, {"title_ru": "Другое", "deadline": "постоянно",
                                "lead_executor": world.home_org.pk})
    assert "новую версию" in frozen.content.decode()


def test_moving_a_measure_from_its_page_renumbers(world):
    plan, _ = build_plan(world, measures_per_objective=2)
    measure = plan.measures.get(code="1.1.2")
    target = plan.objectives.get(code="2.1")
    world.client("coordinator").post(reverse("plans:measure_move", args=[measure.pk]),
                                     {"objective": target.pk, "position": 1})
    measure.refresh_from_db()
    assert measure.code == "2.1.1"
    assert plan.measures.get(title_ru="Мероприятие 2.1.1").code == "2.1.2"


def test_overview_cites_frameworks_and_names_indicators_in_the_readers_language(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    indicator = plan.measures.first().indicators.get()
    indicator.name_en = "Share of women in local councils"
    indicator.save()
    world.other_kg_org.name_en = "Ministry of Health"
    world.other_kg_org.acronym = ""
    world.other_kg_org.save()
    client = world.client("coordinator")
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert ">ЦУР 5.5</span>" in page and "sdg:5.5</span>" not in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'title="Share of women in local councils"' in page
    assert ", Ministry of Health</td>" in page


def test_measure_page_cites_frameworks_not_codes(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    measure = plan.measures.first()
    page = world.client("coordinator").get(reverse("plans:measure", args=[measure.pk]))
    assert ">ЦУР 5.5</span>" in page.content.decode()
