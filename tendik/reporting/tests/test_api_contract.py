"""The reporting API's contract: typed documents, 400 as {detail, errors} naming the field, 409
with the section's current state, and malformed input refused without a server error."""

import pytest
from django.urls import reverse

from tendik.reporting.serializers import (
    ActivitiesDocumentSerializer,
    ObservationsSavedSerializer,
    ProgressDocumentSerializer,
    ReportDocumentSerializer,
)

from .factories import open_period

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _fields(response) -> set[str]:
    assert response.status_code == 400, (response.status_code, response.content[:300])
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    return {error.get("field") or error.get("column") for error in body["errors"]}


@pytest.fixture
def report_world(world):
    plan, period, report, indicator, _ = open_period(world)
    return world, plan, period, report, indicator


def test_report_document_and_section_saves_have_the_documented_fields(report_world):
    world, _, _, report, indicator = report_world
    focal = world.client("focal_point")
    document = focal.get(reverse("report-detail", args=[report.pk])).json()
    assert set(document) == set(ReportDocumentSerializer().fields)
    progress = document["progress"][0]
    saved = focal.patch(reverse("report-progress", args=[report.pk, progress["measure"]]),
                        {"version": progress["version"], "status": "in_progress"},
                        content_type=JSON)
    assert set(saved.json()) == set(ProgressDocumentSerializer().fields)
    values = focal.patch(reverse("report-observations", args=[report.pk]), {
        "version": 1, "values": [{"indicator": indicator.pk, "value": "3"}]}, content_type=JSON)
    assert set(values.json()) == set(ObservationsSavedSerializer().fields)
    assert values.json()["values"][0]["value"] == "3.0000"
    activities = focal.patch(reverse("report-activities", args=[report.pk]), {
        "version": 1, "activities": [{"kind": "training", "title": "Семинар",
                                      "start": "2023-03-01", "end": "2023-03-01"}]},
        content_type=JSON)
    assert activities.status_code == 200, activities.content
    assert set(activities.json()) == set(ActivitiesDocumentSerializer().fields)


def test_a_stale_section_save_is_a_409_with_the_current_section(report_world):
    world, _, _, report, _ = report_world
    focal = world.client("focal_point")
    url = reverse("report-activities", args=[report.pk])
    assert focal.patch(url, {"version": 1, "activities": []}, content_type=JSON).status_code == 200
    stale = focal.patch(url, {"version": 1, "activities": []}, content_type=JSON)
    assert stale.status_code == 409
    assert set(stale.json()["current"]) == set(ActivitiesDocumentSerializer().fields)


def test_a_period_moved_twice_is_a_409_with_a_detail(report_world):
    world, _, period, _, _ = report_world
    again = world.client("coordinator").post(reverse("period-open", args=[period.pk]))
    assert again.status_code == 409 and again.json()["detail"]


def test_a_million_character_narrative_is_refused(report_world):
    world, _, _, report, _ = report_world
    progress = report.progress.first()
    response = world.client("focal_point").patch(
        reverse("report-progress", args=[report.pk, progress.measure_id]),
        {"version": progress.version, "narrative_ru": "a" * 1_000_000}, content_type=JSON)
    assert _fields(response) == {"narrative_ru"}


@pytest.mark.parametrize(("item", "field"), [
    ({"disaggregation": ["sex", "F"]}, "values.0.disaggregation"),
    ({"disaggregation": {"sex": {"code": "F"}}}, "values.0.disaggregation"),
    ({"disaggregation": {"sex": 1}}, "values.0.disaggregation"),
    ({"override_reason": 5}, "values.0.override_reason"),
    ({"override_reason": ["a"]}, "values.0.override_reason"),
    ({"value": {"amount": 1}}, "values.0.value"),
    ({"value": True}, "values.0.value"),
    ({"indicator": {"id": 1}}, "values.0.indicator"),
])
def test_malformed_values_are_refused_naming_the_field(report_world, item, field):
    world, _, _, report, indicator = report_world
    response = world.client("focal_point").patch(
        reverse("report-observations", args=[report.pk]),
        {"version": 1, "values": [{"indicator": indicator.pk, "value": "1", **item}]},
        content_type=JSON)
    assert _fields(response) == {field}


@pytest.mark.parametrize("value", ["0.0000000001", 0.00001, "1e30", "12345678901234567"])
def test_a_value_the_stored_precision_cannot_hold_is_refused(report_world, value):
    world, _, _, report, indicator = report_world
    response = world.client("focal_point").patch(
        reverse("report-observations", args=[report.pk]),
        {"version": 1, "values": [{"indicator": indicator.pk, "value": value}]},
        content_type=JSON)
    assert "value" in {field.rsplit(".", 1)[-1] for field in _fields(response)}
    assert not report.observations.exists()


def test_trailing_zeros_within_the_precision_are_accepted(report_world):
    world, _, _, report, indicator = report_world
    response = world.client("focal_point").patch(
        reverse("report-observations", args=[report.pk]),
        {"version": 1, "values": [{"indicator": indicator.pk, "value": "1.500000"}]},
        content_type=JSON)
    assert response.status_code == 200 and response.json()["values"][0]["value"] == "1.5000"


@pytest.mark.parametrize(("change", "field"), [
    ({"organisers": ["x"]}, "activities.0.organisers.0"),
    ({"partners": 5}, "activities.0.partners"),
    ({"measures": [{}]}, "activities.0.measures.0"),
    ({"territory": "abc"}, "activities.0.territory"),
    ({"territory": {"id": 1}}, "activities.0.territory"),
    ({"title": "т" * 501}, "activities.0.title"),
    ({"participants_total": 10**12}, "activities.0.participants_total"),
    ({"start": "31.12.2023"}, "activities.0.start"),
    ({"kind": "party"}, "activities.0.kind"),
])
def test_malformed_activities_are_refused_naming_the_field(report_world, change, field):
    world, _, _, report, _ = report_world
    activity = {"kind": "training", "title": "Семинар", "start": "2023-03-01",
                "end": "2023-03-01", **change}
    response = world.client("focal_point").patch(
        reverse("report-activities", args=[report.pk]),
        {"version": 1, "activities": [activity]}, content_type=JSON)
    assert _fields(response) == {field}


def test_unknown_ids_in_an_activity_are_refused_naming_the_field(report_world):
    world, _, _, report, _ = report_world
    response = world.client("focal_point").patch(
        reverse("report-activities", args=[report.pk]),
        {"version": 1, "activities": [{"kind": "training", "title": "Семинар",
                                       "start": "2023-03-01", "end": "2023-03-01",
                                       "organisers": [987654321], "territory": 987654321}]},
        content_type=JSON)
    assert _fields(response) == {"organisers", "territory"}


@pytest.mark.parametrize(("body", "field"), [
    ({"comments": [{"text": 5}]}, "comments.0.text"),
    ({"comments": [{"text": "ok", "measure": "x"}]}, "comments.0.measure"),
    ({"comments": "сделайте лучше"}, "comments"),
    ({"comments": []}, "comments"),
])
def test_malformed_return_comments_are_refused_naming_the_field(report_world, body, field):
    world, _, _, report, _ = report_world
    response = world.client("coordinator").post(reverse("report-return", args=[report.pk]),
                                                body, content_type=JSON)
    assert _fields(response) == {field}


def test_a_body_over_the_upload_limit_is_a_json_413(report_world):
    world, _, _, report, _ = report_world
    response = world.client("focal_point").patch(
        reverse("report-observations", args=[report.pk]),
        '{"version": 1, "values": [], "x": "' + "a" * 6_000_000 + '"}', content_type=JSON)
    assert response.status_code == 413 and response.json()["detail"]


def test_malformed_json_is_a_400_with_the_documented_shape(report_world):
    world, _, _, report, _ = report_world
    response = world.client("focal_point").patch(
        reverse("report-observations", args=[report.pk]), "{not json", content_type=JSON)
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"} and response.json()["errors"] == []


def _untyped(schema, components, seen=()) -> bool:
    """Whether a response schema, followed through its references, holds a free-form object."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if ref:
            name = ref.rsplit("/", 1)[-1]
            return name not in seen and _untyped(components[name], components, (*seen, name))
        if schema.get("additionalProperties") == {} or (
                schema.get("type") == "object" and not schema.get("properties")
                and "additionalProperties" not in schema):
            return True
        return any(_untyped(value, components, seen) for value in schema.values())
    if isinstance(schema, list):
        return any(_untyped(item, components, seen) for item in schema)
    return False


def test_the_schema_types_every_success_and_gives_every_body_a_documented_400():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    untyped, undocumented = [], []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for code, response in operation["responses"].items():
                body = response.get("content", {}).get("application/json", {}).get("schema")
                if code.startswith("2") and body and _untyped(body, components):
                    untyped.append(f"{method} {path} {code}")
            if "requestBody" in operation and "400" not in operation["responses"]:
                undocumented.append(f"{method} {path}")
    assert untyped == [] and undocumented == []


def test_a_report_outside_the_callers_scope_is_404_whatever_the_body(world):
    from django.test import Client

    _, _, report, _, other_focal = open_period(world)
    client = Client()
    client.force_login(other_focal)
    for url, body in ((reverse("report-observations", args=[report.pk]), {"values": "x"}),
                      (reverse("report-activities", args=[report.pk]), {"activities": 5}),
                      (reverse("report-return", args=[report.pk]), {"comments": "x"})):
        method = client.post if url.endswith("return/") else client.patch
        assert method(url, body, content_type="application/json").status_code == 404
