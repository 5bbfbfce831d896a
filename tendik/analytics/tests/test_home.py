"""The home page by role: real figures for each role, scope, bounded queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tendik.analytics.home import home_page, my_measures
from tendik.plans import services as plan_services
from tendik.plans.models import Indicator, Measure
from tendik.plans.tests.factories import build_plan
from tendik.reporting import services as reporting_services
from tendik.reporting.models import MeasureProgress, Observation, Report, ReviewComment
from tendik.reporting.tests.factories import open_period
from tendik.territories.models import Territory
from tendik.testing.factories import OrganisationFactory, TerritoryFactory
from tendik.testing.matrix import assert_matrix, expect

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 3, 1)  # after the period's due date (31.01.2024) and some deadlines


def _status(report, measure, status):
    MeasureProgress.objects.filter(report=report, measure=measure).update(status=status)


@pytest.fixture
def home_world(world):
    """The home organisation's report accepted (two measures completed, one in progress, one
    without a status); the other organisation's report a draft saying «not started»."""
    plan, period, report, _indicator, _focal = open_period(world)
    measures = list(Measure.objects.filter(plan=plan).order_by("code"))
    _status(report, measures[0], "completed")
    _status(report, measures[1], "completed")
    _status(report, measures[2], "in_progress")
    other = period.reports.get(organisation=world.other_kg_org)
    for measure in measures:
        _status(other, measure, "not_started")
    village = TerritoryFactory(parent=Territory.objects.get(code="KG08000000000"),
                               level="district", code="KG08200000000", name_ru="Аламудунский")
    for women, men, total, place in ((10, 5, 20, village), (3, 0, 3, None)):
        reporting_services.activity_create(actor=None, report=report, data={
            "kind": "training", "title": f"Тренинг для {total}", "start": "2023-05-05",
            "end": "2023-05-05", "territory": place.pk if place else None,
            "participants_women": women, "participants_men": men, "participants_total": total,
            "partners": [world.other_kg_org.pk]})
    indicator = Indicator.objects.get(code="И-1.1")
    Indicator.objects.filter(pk=indicator.pk).update(baseline_value=10, baseline_year=2021)
    Observation.objects.create(report=report, indicator=indicator, value=5)
    Report.objects.filter(pk=report.pk).update(state="accepted")
    return {"plan": plan, "period": period, "report": report, "other": other,
            "measures": measures, "village": village}


def test_the_coordinator_sees_the_plan_at_a_glance_with_exact_numbers(world, home_world):
    page = home_page(world.users["coordinator"], today=TODAY)["coordinator"]
    assert page["plan"] == home_world["plan"]
    progress = page["progress"]
    assert progress["totals"]["measures"] == 4
    by_status = progress["totals"]["by_status"]
    assert (by_status["completed"], by_status["in_progress"], by_status["no_report"]) == (2, 1, 1)
    assert by_status["not_started"] == 0  # the other organisation's draft does not count
    assert [a["measures"] for a in progress["areas"]] == [2, 2]
    assert progress["based_on"] == {"accepted": 1, "under_review": 0, "reports": 2}
    [period] = page["periods"]
    assert period["period"] == home_world["period"]
    assert (period["period"].reports_total, period["period"].reports_submitted,
            period["period"].reports_accepted) == (2, 1, 1)
    assert [r.organisation for r in period["late"]] == [world.other_kg_org]
    assert page["reach"]["totals"] == {"activities": 2, "women": 13, "men": 5,
                                       "not_recorded": 5, "total": 23}
    assert [a.title for a in page["recent"]] == ["Тренинг для 3", "Тренинг для 20"]
    # И-1.1 fell from 10 % (2021) to 5 % (2023) against a target of 30 %; И-2.1 has no value.
    assert [(i["code"], i["status"]) for i in page["off_track"]] == [("И-1.1", "deterioration")]


def test_the_coordinators_page_renders_every_block(world, home_world):
    response = world.client("coordinator").get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    for block in ('id="areas"', 'id="overdue"', 'id="reports-due"', 'id="reach"',
                  'id="off-track"', 'id="directory"', "<svg"):
        assert block in html, block
    assert "Учтены принятые отчёты: 1 из 2" in html
    assert reverse("organisations:users") in html and reverse("audit") in html
    assert len(response.content) < 200_000


def test_a_focal_point_sees_only_its_own_organisations_statuses(world, home_world):
    focal = world.users["focal_point"]
    measures, count = my_measures(focal)
    assert count == 4
    statuses = {m.code: m.latest_status for m in measures}
    codes = [m.code for m in home_world["measures"]]
    assert statuses == {codes[0]: "completed", codes[1]: "completed", codes[2]: "in_progress",
                        codes[3]: None}
    other_focal = type(focal).objects.get(username="focal-other")
    other_statuses = {m.code: m.latest_status for m in my_measures(other_focal)[0]}
    assert set(other_statuses.values()) == {"not_started"}  # its own draft, never the other's


def test_a_focal_point_sees_what_is_due_and_what_was_returned(world, home_world):
    other = home_world["other"]
    Report.objects.filter(pk=other.pk).update(state="returned")
    for text in ("Уточните число участниц", "Приложите протокол"):
        ReviewComment.objects.create(report=other, text=text)
    other_focal = type(world.users["focal_point"]).objects.get(username="focal-other")
    page = home_page(other_focal)["focal"]
    assert [r.pk for r in page["due"]] == [other.pk]
    assert [(r.pk, r.comment_count) for r in page["returned"]] == [(other.pk, 2)]
    html = world.client("focal_point").get(reverse("home")).content.decode()
    assert 'id="focal-due"' in html and 'id="focal-returned"' in html
    # The home organisation's report is accepted: nothing due, nothing returned.
    assert "Возвращённых отчётов нет." in html and "сдавать сейчас нечего" in html
    assert "coordinator" not in page


def test_a_partner_sees_the_activities_and_measures_it_is_named_in(world, home_world):
    partner = OrganisationFactory(country=world.kg)
    user = type(world.users["partner"]).objects.create(username="partner-2",
                                                        organisation=partner, country=world.kg)
    user.role_assignments.create(role="partner")
    activity = home_world["report"].activities.order_by("pk").first()
    activity.partners.add(partner)
    plan_services.plan_transition(actor=None, plan=home_world["plan"], to="in_force")
    home_world["measures"][0].partners.add(partner)
    page = home_page(user)["partner"]
    assert (page["activity_count"], page["measure_count"]) == (1, 1)
    assert [a.pk for a in page["activities"]] == [activity.pk]
    assert [m.pk for m in page["measures"]] == [home_world["measures"][0].pk]


def test_a_committee_sees_the_measures_and_activities_of_its_territory(world, home_world):
    world.home_org.territory = Territory.objects.get(code="KG08000000000")
    world.home_org.save()
    committee = type(world.users["committee"]).objects.get(pk=world.users["committee"].pk)
    home_world["measures"][1].territories.set([home_world["village"]])
    page = home_page(committee)["committee"]
    assert page["measure_count"] == 1  # names a district of the region
    assert page["activity_count"] == 1  # the other activity names no territory
    assert [r.pk for r in page["reports"]] == [home_world["report"].pk]


def test_a_committee_without_a_territory_gets_an_honest_line(world, home_world):
    html = world.client("committee").get(reverse("home")).content.decode()
    assert "не указана территория" in html


def test_an_observer_sees_accepted_figures_of_published_plans_only(world, home_world):
    Report.objects.filter(pk=home_world["other"].pk).update(state="submitted")
    page = home_page(world.users["observer"], today=TODAY)["observer"]
    assert page["progress"]["based_on"] == {"accepted": 1, "under_review": 0, "reports": 1}
    assert page["progress"]["totals"]["by_status"]["not_started"] == 0
    assert page["reach"]["totals"]["activities"] == 2
    assert "periods" not in page and "off_track" not in page
    html = world.client("observer").get(reverse("home")).content.decode()
    assert 'id="areas"' in html and 'id="reports-due"' not in html


def test_an_unknown_plan_on_the_home_page_is_404(world, home_world):
    assert world.client("coordinator").get(reverse("home"), {"plan": 999_999}).status_code == 404
    other = world.client("coordinator_kz").get(reverse("home"), {"plan": home_world["plan"].pk})
    assert other.status_code == 404


def test_home_against_every_role(world, home_world):
    # The anonymous get the public portal, which answers GET only.
    assert_matrix(world, "get", reverse("home"), expect(200))
    assert_matrix(world, "post", reverse("home"), expect(200, anonymous=405))


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("home")).status_code == 200
    return len(context.captured_queries)


def _more_reports(period, n):
    for _ in range(n):
        Report.objects.create(period=period, plan=period.plan,
                              organisation=OrganisationFactory(country=period.plan.country))


@pytest.mark.parametrize("role", ["coordinator", "focal_point", "partner", "observer",
                                  "committee"])
def test_the_query_count_does_not_grow_with_reports_or_plans(world, home_world, role):
    client = world.client(role)
    _queries(client)  # warm the chart cache and the role cache
    _more_reports(home_world["period"], 3)
    few = _queries(client)
    _more_reports(home_world["period"], 15)
    for _ in range(2):
        plan, _strategy = build_plan(world, measures_per_objective=1)
        plan_services.plan_transition(actor=None, plan=plan, to="approved")
    assert _queries(client) == few
