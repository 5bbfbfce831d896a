import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tendik.reporting import services
from tendik.reporting.models import Activity
from tendik.reporting.selectors import activities_visible_to, reports_visible_to
from tendik.testing.factories import OrganisationFactory, user_with_role
from tendik.testing.matrix import assert_matrix, expect

from .factories import fill_report, open_period

API_ANON = {401, 403}
LOGIN = 302

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
    # Named in a draft is not yet readable: the reporting organisation is still writing it.
    assert not activities_visible_to(partner).exists()
    fill_report(report, None)
    services.report_act(actor=None, report=report, action="submit")
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


def _accepted_after_a_return(report) -> None:
    fill_report(report, None)
    services.report_act(actor=None, report=report, action="submit")
    services.report_act(actor=None, report=report, action="return",
                        comments=[{"text": "Уточните охват"}])
    services.report_act(actor=None, report=report, action="resubmit")
    services.report_act(actor=None, report=report, action="accept")


def test_an_observer_reads_neither_a_draft_report_nor_its_evidence(world):
    _, period, _, _, _ = open_period(world)
    draft = period.reports.get(organisation=world.other_kg_org)
    evidence = services.evidence_add(actor=None, report=draft, url="https://example.org/act")
    assert_matrix(world, "get", reverse("report-detail", args=[draft.pk]),
                  expect(404, anonymous=API_ANON, admin=200, coordinator=200))
    assert_matrix(world, "get", reverse("reporting:report", args=[draft.pk]),
                  expect(404, anonymous=LOGIN, admin=200, coordinator=200))
    assert_matrix(world, "get", reverse("reporting:evidence", args=[evidence.pk]),
                  expect(404, anonymous=LOGIN, admin=302, coordinator=302))


def test_an_observer_reads_an_accepted_report_of_a_published_plan_without_review_comments(world):
    _, period, _, _, _ = open_period(world)
    report = period.reports.get(organisation=world.other_kg_org)
    _accepted_after_a_return(report)
    url = reverse("report-detail", args=[report.pk])
    assert_matrix(world, "get", url,
                  expect(404, anonymous=API_ANON, admin=200, coordinator=200, observer=200))
    observed = world.client("observer").get(url).json()
    assert observed["state"] == "accepted" and observed["review_comments"] == []
    reviewed = world.client("coordinator").get(url).json()
    assert [c["text"] for c in reviewed["review_comments"]] == ["Уточните охват"]
    page = world.client("observer").get(reverse("reporting:report", args=[report.pk]))
    assert page.status_code == 200 and "Уточните охват" not in page.content.decode()
