import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tendik.reporting import services
from tendik.reporting.models import Activity
from tendik.reporting.selectors import activities_visible_to, reports_visible_to
from tendik.testing.factories import OrganisationFactory, user_with_role

from .factories import open_period

pytestmark = pytest.mark.django_db


def test_a_partner_sees_only_activities_it_is_named_in(world):
    _, period, report, _, _ = open_period(world)
    unwomen = OrganisationFactory(country=world.kg, kind="international", name_ru="ООН-Женщины")
    partner = user_with_role("partner", username="unwomen", organisation=unwomen)
    base = {"kind": "training", "start": "2023-04-10", "end": "2023-04-10",
            "participants_total": 10}
    services.activities_save(actor=None, report=report, version=1, activities=[
        {**base, "title": "С партнёром", "partners": [unwomen.pk]},
        {**base, "title": "Без партнёра"}])
    assert [a.title for a in activities_visible_to(partner)] == ["С партнёром"]
    assert Activity.objects.count() == 2
    assert not reports_visible_to(partner).exists()


def test_dashboard_uses_a_constant_number_of_queries(world):
    _, period, _, _, _ = open_period(world)
    client = world.client("coordinator")
    url = reverse("reporting:dashboard", args=[period.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(15):
        organisation = OrganisationFactory(country=world.kg)
        period.reports.create(plan=period.plan, organisation=organisation)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
