"""The figures' API: the contract acceptance checks use, bad input, scope per role, a constant
number of queries, and a report accepted a second ago read back at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tendik.plans.models import Measure
from tendik.reporting import services as reporting_services
from tendik.reporting.tests.factories import fill_report, open_period
from tendik.testing.factories import OrganisationFactory, TerritoryFactory
from tendik.testing.matrix import assert_matrix, expect

from .factories import (
    CHUI,
    add_activity,
    approved_plan,
    kz_plan_and_period,
    local,
    open_year,
    progress_world,
    reach_world,
    report_of,
    set_state,
    set_statuses,
)

pytestmark = pytest.mark.django_db

API_ANON = {401, 403}
PROGRESS, REACH, DISCIPLINE = ("api-plan-progress", "api-activity-reach",
                               "api-reporting-discipline")


def _get(world, route, role="coordinator", **params):
    return world.client(role).get(reverse(route), params)


def counts(**given):
    statuses = ("not_started", "in_progress", "completed", "partially_completed",
                "not_completed", "cancelled", "no_report")
    return {status: given.get(status, 0) for status in statuses}


def reach(activities, women, men, total):
    return {"activities": activities, "women": women, "men": men,
            "not_recorded": total - women - men, "total": total}


def test_plan_progress_contract(world):
    pw = progress_world(world)
    response = _get(world, PROGRESS, plan=pw["plan"].pk)
    assert response.status_code == 200
    body = response.json()
    assert body["plan"] == pw["plan"].pk
    assert body["based_on"] == {"accepted": 4, "under_review": 0, "reports": 4}
    assert body["totals"] == {"measures": 8, "completed_share": 0.25, "overdue": 2,
                              "by_status": counts(completed=2, not_started=1, in_progress=1,
                                                  partially_completed=1, cancelled=1,
                                                  no_report=2)}
    assert [{k: a[k] for k in ("code", "title", "measures", "by_status")}
            for a in body["areas"]] == [
        {"code": "1", "title": "Направление 1", "measures": 4,
         "by_status": counts(completed=2, not_started=1, in_progress=1)},
        {"code": "2", "title": "Направление 2", "measures": 4,
         "by_status": counts(partially_completed=1, cancelled=1, no_report=2)}]
    assert [(t["period"], t["period_end"], t["measures"]) for t in body["trend"]] == [
        (pw["p22"].pk, "2022-12-31", 8), (pw["p23"].pk, "2023-12-31", 8)]
    assert [m["code"] for m in body["overdue"]] == ["2.1.2", "2.2.2"]
    assert "groups" not in body


def test_plan_progress_filters_and_groups_in_the_query(world):
    pw = progress_world(world)
    body = _get(world, PROGRESS, plan=pw["plan"].pk, area="2", group_by="territory",
                period_to=str(pw["p22"].pk)).json()
    # Up to 2022 only: area 2 had no word yet.
    assert body["totals"]["by_status"] == counts(no_report=4)
    assert body["based_on"] == {"accepted": 2, "under_review": 0, "reports": 2}
    assert [(g["key"], g["measures"]) for g in body["groups"]] == [(CHUI, 2), ("", 2)]
    by_executor = _get(world, PROGRESS, plan=pw["plan"].pk,
                       executor=world.other_kg_org.pk, deadline_year=2023).json()
    assert by_executor["totals"]["measures"] == 5
    set_state(pw["h23"], "submitted")
    included = _get(world, PROGRESS, plan=pw["plan"].pk, include="submitted").json()
    assert included["based_on"] == {"accepted": 3, "under_review": 1, "reports": 4}
    assert _get(world, PROGRESS, plan=pw["plan"].pk).json()["totals"]["by_status"][
        "completed"] == 1  # without the lead's 2023 report, 1.1.1 is «not completed»


def test_activities_contract(world):
    rw = reach_world(world)
    body = _get(world, REACH, plan=rw["plan"].pk, group_by="kind").json()
    assert body["totals"] == reach(5, 16, 8, 36)
    assert body["based_on"] == {"accepted": 1, "under_review": 0, "reports": 2}
    assert body["groups"] == [
        {"key": "meeting", "label": "встреча", **reach(1, 2, 2, 4)},
        {"key": "training", "label": "тренинг", **reach(2, 13, 6, 24)},
        {"key": "campaign", "label": "информационная кампания", **reach(1, 1, 0, 1)},
        {"key": "conference", "label": "конференция", **reach(1, 0, 0, 7)}]
    territory = _get(world, REACH, plan=rw["plan"].pk, group_by="territory").json()["groups"]
    assert [(g["key"], g["activities"], g["total"]) for g in territory] == [
        ("KG02000000000", 1, 4), (CHUI, 2, 24), ("KG", 1, 1), ("", 1, 7)]
    partner = _get(world, REACH, plan=rw["plan"].pk, group_by="partner").json()["groups"]
    assert [(g["key"], g["activities"]) for g in partner] == [
        (str(rw["third"].pk), 2), (str(world.other_kg_org.pk), 1), ("", 3)]
    # Without a plan: every plan the caller may see.
    assert _get(world, REACH).json()["totals"] == reach(5, 16, 8, 36)


def test_a_partner_reads_only_what_it_is_named_in(world):
    rw = reach_world(world)
    client = world.client("coordinator")
    client.force_login(rw["partner"])
    body = client.get(reverse(REACH), {"plan": rw["plan"].pk, "group_by": "measure"}).json()
    assert body["totals"] == reach(2, 12, 7, 24)
    assert [(g["label"], g["activities"]) for g in body["groups"]] == [
        ("1.1.1", 1), ("1.2.1", 1), ("без мероприятия плана", 1)]


def test_reporting_contract(world):
    pw = progress_world(world)
    response = _get(world, DISCIPLINE, period=pw["p23"].pk)
    assert response.status_code == 200
    body = response.json()
    assert (body["period"], body["label"], body["due_date"]) == (
        pw["p23"].pk, "год 01.01.2023–31.12.2023", "2024-01-31")
    assert body["totals"] == {"reports": 2, "submitted": 2, "accepted": 2, "late": 0,
                              "on_time_share": 1.0, "completeness_avg": 0.0}
    home = next(r for r in body["organisations"] if r["organisation"] == world.home_org.pk)
    assert {k: home[k] for k in ("name", "report", "state", "on_time", "days_late",
                                 "due_date")} == {
        "name": "Министерство труда", "report": pw["h23"].pk, "state": "accepted",
        "on_time": True, "days_late": 0, "due_date": "2024-01-31"}
    late = _get(world, DISCIPLINE, period=pw["p22"].pk).json()
    # 2022 was due on 31.01.2023; both were submitted on 10.01.2024.
    assert [(r["on_time"], r["days_late"]) for r in late["organisations"]] == [
        (False, 344), (False, 344)]
    assert late["totals"]["late"] == 2 and late["totals"]["on_time_share"] == 0.0


@pytest.mark.parametrize("route,params,field", [
    (PROGRESS, {"period_from": "2024", "period_to": "2023"}, "period_from"),
    (PROGRESS, {"area": "9"}, "area"),
    (PROGRESS, {"group_by": "colour"}, "group_by"),
    (PROGRESS, {"include": "foo"}, "include"),
    (PROGRESS, {"executor": "abc"}, "executor"),
    (PROGRESS, {"territory": "KG99"}, "territory"),
    (PROGRESS, {"deadline_year": "next"}, "deadline_year"),
    (PROGRESS, {"period_to": "²"}, "period_to"),
    (PROGRESS, {"period_from": "999999"}, "period_from"),
    (REACH, {"group_by": "colour"}, "group_by"),
    (REACH, {"include": "foo"}, "include"),
    (REACH, {"period_from": "2023-12", "period_to": "2023-01"}, "period_from"),
    (REACH, {"period_to": "2023-02-30"}, "period_to"),
])
def test_bad_parameters_are_400_naming_the_field(world, route, params, field):
    plan = approved_plan(world, measures_per_objective=1)
    response = _get(world, route, plan=plan.pk, **params)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["detail"] and [e["field"] for e in body["errors"]] == [field]


def test_an_executor_of_another_country_is_400(world):
    plan = approved_plan(world, measures_per_objective=1)
    response = _get(world, PROGRESS, plan=plan.pk, executor=world.kz_org.pk)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["executor"]


@pytest.mark.parametrize("route,params", [(PROGRESS, {}), (PROGRESS, {"plan": "abc"}),
                                          (REACH, {"plan": "abc"}), (DISCIPLINE, {}),
                                          (DISCIPLINE, {"period": "abc"})])
def test_a_missing_plan_or_period_is_400(world, route, params):
    response = _get(world, route, **params)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] in (["plan"], ["period"])


def test_unknown_and_foreign_plans_and_periods_are_404(world):
    kg_plan = approved_plan(world, measures_per_objective=1)
    kg_period = open_year(world, kg_plan, 2023)
    kz_plan, kz_period = kz_plan_and_period(world)
    for route in (PROGRESS, REACH):
        for plan in (999_999, kz_plan.pk, "99999999999999999999999"):
            assert _get(world, route, plan=plan).status_code == 404, (route, plan)
        assert _get(world, route, "coordinator_kz", plan=kg_plan.pk).status_code == 404
    for period in (999_999, kz_period.pk):
        assert _get(world, DISCIPLINE, period=period).status_code == 404
    assert _get(world, DISCIPLINE, "coordinator_kz", period=kg_period.pk).status_code == 404
    # The installation admin works across countries.
    assert _get(world, PROGRESS, "admin", plan=kz_plan.pk).status_code == 200


def test_the_three_routes_against_every_role(world):
    plan = approved_plan(world, measures_per_objective=1)
    period = open_year(world, plan, 2023)
    in_scope = expect(200, anonymous=API_ANON, coordinator_kz=404)
    assert_matrix(world, "get", f"{reverse(PROGRESS)}?plan={plan.pk}", in_scope)
    assert_matrix(world, "get", f"{reverse(REACH)}?plan={plan.pk}", in_scope)
    assert_matrix(world, "get", f"{reverse(DISCIPLINE)}?period={period.pk}", in_scope)
    # Without a plan the activities are the caller's whole scope: zeros in KZ, never a 404.
    assert_matrix(world, "get", reverse(REACH), expect(200, anonymous=API_ANON))
    assert_matrix(world, "get", reverse(PROGRESS), expect(400, anonymous=API_ANON))
    assert_matrix(world, "get", reverse(DISCIPLINE), expect(400, anonymous=API_ANON))
    for route, params in ((PROGRESS, f"plan={plan.pk}"), (REACH, f"plan={plan.pk}"),
                          (DISCIPLINE, f"period={period.pk}")):
        assert_matrix(world, "post", f"{reverse(route)}?{params}",
                      expect(405, anonymous=API_ANON))


def _queries(client, route, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(route), params)
    assert response.status_code == 200, response.content
    return len(captured)


def _accept_all(plan, statuses: dict[str, str]) -> None:
    for report in plan.reports.all():
        set_statuses(report, {code: status for code, status in statuses.items()
                              if report.progress.filter(measure__code=code).exists()})
        set_state(report, "accepted", local(2024, 1, 10))


@pytest.mark.parametrize("group_by", ["", "objective", "executor", "territory",
                                      "deadline_year"])
def test_plan_progress_queries_do_not_grow_with_measures_or_periods(world, group_by):
    small = approved_plan(world, measures_per_objective=1)
    Measure.objects.filter(plan=small, objective__area__code="2").delete()  # two measures left
    open_year(world, small, 2023)
    _accept_all(small, {"1.1.1": "completed", "1.2.1": "in_progress"})
    large = approved_plan(world, measures_per_objective=2)
    for year in (2022, 2023, 2024, 2025):
        open_year(world, large, year)
    _accept_all(large, {"1.1.1": "completed", "1.2.1": "in_progress", "2.2.1": "cancelled",
                        "2.1.2": "not_started"})
    assert small.measures.count() == 2 and large.measures.count() == 8
    client = world.client("coordinator")
    params = {"group_by": group_by} if group_by else {}
    few = _queries(client, PROGRESS, {"plan": small.pk, **params})
    many = _queries(client, PROGRESS, {"plan": large.pk, **params})
    assert few == many


@pytest.mark.parametrize("group_by", ["", "kind", "audience", "territory", "measure",
                                      "partner", "period"])
def test_activity_queries_do_not_grow_with_activities(world, group_by):
    plan = approved_plan(world, measures_per_objective=1)
    period = open_year(world, plan, 2023)
    report = report_of(period, world.home_org)
    measures = list(plan.measures.order_by("code"))
    kinds = ["training", "meeting", "campaign", "conference", "consultation"]
    audiences = ["pupils", "teachers,pupils", "", "women", "civil_servants,lsg_staff"]

    def add(n):
        district = TerritoryFactory(parent=world.kg, level="region")
        village = TerritoryFactory(parent=TerritoryFactory(parent=district, level="district"),
                                   level="municipality")
        add_activity(report, kind=kinds[n % 5], women=n, men=1, total=n + 3,
                     territory=village if n % 2 else district, audiences=audiences[n % 5],
                     partners=[OrganisationFactory(country=world.kg)],
                     measures=measures[: n % 3], title=f"Мероприятие {n}")

    client = world.client("coordinator")
    params = {"plan": plan.pk, **({"group_by": group_by} if group_by else {})}
    for n in range(3):
        add(n)
    set_state(report, "accepted")
    few = _queries(client, REACH, params)
    set_state(report, "draft")
    for n in range(3, 15):
        add(n)
    set_state(report, "accepted")
    many = _queries(client, REACH, params)
    assert client.get(reverse(REACH), {"plan": plan.pk}).json()["totals"]["activities"] == 15
    assert few == many


def test_a_report_accepted_a_second_ago_is_in_the_figures_at_once(world):
    plan, period, report, _indicator, _other = open_period(world)
    focal, coordinator = world.users["focal_point"], world.users["coordinator"]
    fill_report(report, focal)
    report.refresh_from_db()
    reporting_services.activity_create(actor=focal, report=report, data={
        "kind": "training", "title": "Тренинг для госслужащих", "start": "2023-05-05",
        "end": "2023-05-05", "audiences": "civil_servants", "participants_women": 41,
        "participants_men": 33, "participants_total": 74})
    reporting_services.report_act(actor=focal, report=report, action="submit")
    before = _get(world, PROGRESS, plan=plan.pk).json()
    assert before["based_on"]["accepted"] == 0
    assert before["totals"]["by_status"]["no_report"] == 4
    assert _get(world, REACH, plan=plan.pk).json()["totals"] == reach(0, 0, 0, 0)

    reporting_services.report_act(actor=coordinator, report=report, action="accept")

    after = _get(world, PROGRESS, plan=plan.pk).json()
    assert after["based_on"] == {"accepted": 1, "under_review": 0, "reports": 2}
    assert after["totals"]["by_status"] == counts(completed=4)
    assert after["totals"]["completed_share"] == 1.0
    activities = _get(world, REACH, plan=plan.pk, group_by="audience").json()
    assert activities["totals"] == reach(1, 41, 33, 74)
    assert [(g["key"], g["total"]) for g in activities["groups"]] == [("civil_servants", 74)]
    discipline = _get(world, DISCIPLINE, period=period.pk).json()
    home = next(r for r in discipline["organisations"] if r["organisation"] == world.home_org.pk)
    assert home["state"] == "accepted" and home["completeness"] == 100
