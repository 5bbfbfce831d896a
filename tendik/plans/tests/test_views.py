import pytest
from django.urls import reverse
from django.utils import translation

from tendik.plans import services

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
