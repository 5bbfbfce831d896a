import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tendik.plans import services
from tendik.plans.models import Plan, framework_label

from .factories import build_plan

pytestmark = pytest.mark.django_db


def test_plan_list_and_nested_detail(world):
    plan, _ = build_plan(world)
    client = world.client("focal_point")
    body = client.get(reverse("plan-list"), {"country": "KG"}).json()
    row = body["results"][0]
    assert {"id", "kind", "status", "period_start", "period_end", "title"} <= set(row)
    assert client.get(reverse("plan-list"), {"country": "KZ"}).json()["count"] == 0
    detail = client.get(reverse("plan-detail", args=[plan.pk])).json()
    measure = detail["areas"][0]["objectives"][0]["measures"][0]
    assert measure["lead_executor"]["acronym"] == "МТСОиМ"
    assert measure["indicators"][0]["code"] == "И-1.1"
    assert measure["frameworks"] == ["sdg:5.5"]
    assert {line["currency"] for line in measure["budget_lines"]} == {"KGS", "USD"}


def test_published_plans_are_public_drafts_are_not(world, client):
    plan, _ = build_plan(world, measures_per_objective=1)
    assert client.get(reverse("plan-detail", args=[plan.pk])).status_code == 404
    services.plan_transition(actor=None, plan=plan, to="approved")
    assert client.get(reverse("plan-detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200


def test_matrix_files_open(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    client = world.client("observer")
    xlsx = client.get(reverse("plan-matrix-xlsx", args=[plan.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A2"].value == "№" and sheet["A3"].value.startswith("1. ")
    word = client.get(reverse("plan-matrix-docx", args=[plan.pk]))
    table = docx.Document(io.BytesIO(word.content)).tables[0]
    assert table.rows[0].cells[1].text == "Мероприятие"
    assert len(table.rows) == 1 + 2 + 4 + 4  # header, areas, objectives, measures


def test_import_endpoint_creates_or_reports_errors(world):
    plan, strategy = build_plan(world, measures_per_objective=1)
    client = world.client("coordinator")
    content = client.get(reverse("plan-matrix-xlsx", args=[plan.pk])).content
    form = {"country": "KG", "kind": "nap", "title": "НПД (импорт)", "strategy": strategy.pk,
            "period_start": "2025-01-01", "period_end": "2027-12-31"}
    created = client.post(reverse("plan-import-matrix"),
                          {**form, "file": SimpleUploadedFile("m.xlsx", content)})
    assert created.status_code == 201
    assert Plan.objects.get(pk=created.json()["id"]).measures.count() == 4
    book = load_workbook(io.BytesIO(content))
    book.active["D5"] = "Минтруд"
    buffer = io.BytesIO()
    book.save(buffer)
    bad = client.post(reverse("plan-import-matrix"),
                      {**form, "file": SimpleUploadedFile("m.xlsx", buffer.getvalue())})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["row"] == 5 and bad.json()["errors"][0]["column"]
    denied = world.client("focal_point").post(
        reverse("plan-import-matrix"), {**form, "file": SimpleUploadedFile("m.xlsx", content)})
    assert denied.status_code == 403


def test_transition_409_while_comments_are_open(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    coordinator = world.client("coordinator")
    url = reverse("plan-transition", args=[plan.pk])
    assert coordinator.post(url, {"to": "consultation"},
                            content_type="application/json").status_code == 200
    comment = world.client("observer").post(reverse("plan-comments", args=[plan.pk]),
                                            {"text": "Добавьте индикатор"},
                                            content_type="application/json")
    assert comment.status_code == 201
    refused = coordinator.post(url, {"to": "approved"}, content_type="application/json")
    assert refused.status_code == 409 and "без ответа" in refused.json()["detail"]
    answer = coordinator.post(reverse("comment-answer", args=[comment.json()["id"]]),
                              {"status": "accepted", "reply": "Добавлен И-1.2"},
                              content_type="application/json")
    assert answer.status_code == 200
    assert coordinator.post(url, {"to": "approved"},
                            content_type="application/json").json()["status"] == "approved"
    assert coordinator.post(url, {"to": "nonsense"},
                            content_type="application/json").status_code == 400


def test_measure_filters(world):
    plan, _ = build_plan(world, measures_per_objective=2)
    client = world.client("focal_point")
    url = reverse("measure-list")
    assert client.get(url, {"plan": plan.pk}).json()["count"] == 8
    assert client.get(url, {"plan": plan.pk, "sdg": "5.5"}).json()["count"] == 8
    assert client.get(url, {"plan": plan.pk, "sdg": "5.2"}).json()["count"] == 0
    executor = client.get(url, {"plan": plan.pk, "executor": world.other_kg_org.pk}).json()
    assert executor["count"] == 8
    found = client.get(url, {"plan": plan.pk, "search": "Мероприятие 2.1"}).json()
    assert [m["code"] for m in found["results"]] == ["2.1.1", "2.1.2"]
    assert client.get(url, {"plan": plan.pk, "territory": "KG08000000000"}).json()["count"] == 4


def test_api_names_follow_the_requested_language_with_every_language_alongside(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    world.home_org.name_en = "Ministry of Labour"
    world.home_org.save()
    client = world.client("focal_point")
    english = client.get(reverse("measure-list"), {"plan": plan.pk, "lang": "en"}).json()
    measure = english["results"][0]
    assert measure["lead_executor"] == "Ministry of Labour"
    with translation.override("en"):  # "SDG 5.5" once the catalogue has the string
        assert measure["framework_labels"] == [framework_label("sdg", "5.5")]
    assert measure["frameworks"] == ["sdg:5.5"]
    by_header = client.get(reverse("measure-list"), {"plan": plan.pk},
                           HTTP_ACCEPT_LANGUAGE="en").json()["results"][0]
    assert by_header["lead_executor"] == "Ministry of Labour"
    russian = client.get(reverse("measure-list"), {"plan": plan.pk, "lang": "ru"}).json()
    assert russian["results"][0]["framework_labels"] == ["ЦУР 5.5"]
    indicator = client.get(reverse("indicator-list"), {"lang": "en"}).json()["results"][0]
    assert indicator["name"] == indicator["name_ru"]  # no English name: Russian is the fallback
