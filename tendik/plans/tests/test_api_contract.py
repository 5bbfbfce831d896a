"""The plans API's contract: a typed plan document, paginated comments, 400 as {detail, errors}
naming the field, and malformed query parameters or bodies refused without a server error."""

import pytest
from django.urls import reverse

from tendik.plans import services
from tendik.plans.serializers import MeasureDocumentSerializer, PlanDocumentSerializer

from .factories import build_plan

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _fields(response) -> set[str]:
    assert response.status_code == 400, (response.status_code, response.content[:300])
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    return {error.get("field") or error.get("column") for error in body["errors"]}


def test_the_plan_document_has_the_documented_fields(world):
    plan, _ = build_plan(world)
    document = world.client("focal_point").get(reverse("plan-detail", args=[plan.pk])).json()
    assert set(document) == set(PlanDocumentSerializer().fields)
    measure = document["areas"][0]["objectives"][0]["measures"][0]
    assert set(measure) == set(MeasureDocumentSerializer().fields)
    amounts = [line["amount"] for line in measure["budget_lines"]]
    assert amounts and all(isinstance(amount, float | int) for amount in amounts)


def test_plan_comments_are_paginated(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    services.plan_transition(actor=None, plan=plan, to="consultation")
    focal = world.client("focal_point")
    url = reverse("plan-comments", args=[plan.pk])
    added = focal.post(url, {"text": "Уточните срок."}, content_type=JSON)
    assert added.status_code == 201, added.content
    listed = focal.get(url).json()
    assert listed["count"] == 1 and listed["results"][0]["text"] == "Уточните срок."
    assert listed["results"][0]["measure_code"] is None


def test_a_comment_too_long_or_of_the_wrong_type_is_refused(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    services.plan_transition(actor=None, plan=plan, to="consultation")
    focal = world.client("focal_point")
    url = reverse("plan-comments", args=[plan.pk])
    assert _fields(focal.post(url, {"text": "x" * 5001}, content_type=JSON)) == {"text"}
    assert _fields(focal.post(url, {"text": "ok", "measure": "abc"}, content_type=JSON)) == {
        "measure"}


def test_an_illegal_transition_is_a_409_with_a_detail(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    response = world.client("coordinator").post(reverse("plan-transition", args=[plan.pk]),
                                                {"to": "closed"}, content_type=JSON)
    assert response.status_code == 409 and response.json()["detail"]
    assert _fields(world.client("coordinator").post(
        reverse("plan-transition", args=[plan.pk]), {"to": "nowhere"}, content_type=JSON)) == {
        "to"}


@pytest.mark.parametrize("params", [
    {"year": "99999"}, {"year": "-1"}, {"year": "abc"}, {"plan": "x"}, {"executor": "1e9"},
    {"search": "\x00"}, {"framework": "sdg"}, {"plan": str(2**70)},
])
def test_malformed_measure_filters_never_fail_the_server(world, params):
    build_plan(world, measures_per_objective=1)
    response = world.client("focal_point").get(reverse("measure-list"), params)
    assert response.status_code in (200, 400), (params, response.status_code)
    if response.status_code == 400:
        assert _fields(response) <= set(params)


def test_a_missing_import_file_is_a_400_naming_the_field(world):
    response = world.client("coordinator").post(reverse("plan-import-matrix"), {
        "country": "KG", "kind": "nap", "title": "НПД", "period_start": "2025-01-01",
        "period_end": "2026-01-01"})
    assert _fields(response) == {"file"}


def test_exports_leave_out_control_characters_a_stored_name_carries(world):
    plan, _ = build_plan(world)
    lead = plan.measures.first().lead_executor
    lead.name_ru = "Мини\x1bстерство"
    lead.save()
    client = world.client("coordinator")
    for name in ("plan-matrix-xlsx", "plan-matrix-docx"):
        assert client.get(reverse(name, args=[plan.pk])).status_code == 200, name
