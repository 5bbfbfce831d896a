import datetime

import pytest
from django.urls import reverse

from tendik.core.errors import DomainError
from tendik.plans import services as plan_services
from tendik.plans.tests.factories import build_plan
from tendik.reporting import services
from tendik.reporting.models import ReportingPeriod

pytestmark = pytest.mark.django_db
JSON = "application/json"
PERIOD = {"kind": "year", "start": "2023-01-01", "end": "2023-12-31", "due_date": "2024-01-31"}


def test_a_period_of_a_draft_plan_is_refused_through_the_api_and_nothing_is_created(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    response = world.client("coordinator").post(reverse("period-list"), {
        "plan": plan.pk, **PERIOD}, content_type=JSON)
    assert response.status_code == 400
    body = response.json()
    assert "утверждённых и действующих" in body["detail"]
    assert [e["field"] for e in body["errors"]] == ["plan"]
    assert not ReportingPeriod.objects.exists()


def test_only_the_system_records_periods_of_a_closed_plan(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    for status in ("approved", "in_force", "closed"):
        plan_services.plan_transition(actor=None, plan=plan, to=status)
    dates = {"kind": "year", "start": datetime.date(2023, 1, 1),
             "end": datetime.date(2023, 12, 31), "due_date": datetime.date(2024, 1, 31)}
    with pytest.raises(DomainError):
        services.period_create(actor=world.users["coordinator"], plan=plan, **dates)
    assert services.period_create(actor=None, plan=plan, **dates).plan == plan


def test_a_due_date_before_the_end_is_shown_beside_its_field_and_what_was_typed_stays(world):
    plan, _ = build_plan(world, measures_per_objective=1)
    plan_services.plan_transition(actor=None, plan=plan, to="approved")
    response = world.client("coordinator").post(reverse("reporting:periods"), {
        "plan": plan.pk, **PERIOD, "due_date": "2023-06-30"})
    page = response.content.decode()
    assert "Срок сдачи раньше конца периода." in page and 'value="2023-06-30"' in page
    due_row = next(row for row in page.split('class="form-row') if 'for="id_due_date"' in row)
    assert "Срок сдачи раньше конца периода." in due_row  # beside its field, not above the form
    assert not ReportingPeriod.objects.exists()
