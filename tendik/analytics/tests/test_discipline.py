"""Reporting discipline: on time, late or not yet due; days late; who is late right now."""

import datetime

import pytest

from tendik.analytics.discipline import late_reports, reporting_discipline, visible_period
from tendik.core.errors import DomainError
from tendik.reporting import services
from tendik.reporting.models import Report

from .factories import (
    approved_plan,
    kz_plan_and_period,
    local,
    measure,
    open_year,
    report_of,
    set_state,
    third_organisation,
)

pytestmark = pytest.mark.django_db

D = datetime.date
DUE = D(2024, 1, 31)


@pytest.fixture
def dw(world):
    """2023 (due 31.01.2024): home accepted, submitted on 20.01; the other organisation
    submitted on 05.02 (5 days late); a third organisation (co-executor of 1.1.1) in draft."""
    plan = approved_plan(world, measures_per_objective=1)
    third, focal = third_organisation(world)
    measure(plan, "1.1.1").co_executors.add(third)
    period = open_year(world, plan, 2023, due=DUE)
    home, other, late = (report_of(period, o) for o in (world.home_org, world.other_kg_org,
                                                          third))
    set_state(home, "accepted", local(2024, 1, 20))
    set_state(other, "submitted", local(2024, 2, 5))
    for report, completeness in ((home, 100), (other, 80), (late, 0)):
        Report.objects.filter(pk=report.pk).update(completeness=completeness)
    return {"plan": plan, "period": period, "home": home, "other": other, "late": late,
            "third": third, "focal": focal}


def _rows(figure):
    return {row["organisation"]: (row["state"], row["on_time"], row["days_late"])
            for row in figure["organisations"]}


def test_on_time_late_and_days_late_after_the_due_date(world, dw):
    figure = reporting_discipline(world.users["coordinator"], dw["period"], today=D(2024, 3, 1))
    assert figure["period"] == dw["period"].pk and figure["due_date"] == DUE
    assert figure["label"] == "год 01.01.2023–31.12.2023"
    assert _rows(figure) == {world.home_org.pk: ("accepted", True, 0),
                             world.other_kg_org.pk: ("submitted", False, 5),
                             dw["third"].pk: ("draft", False, 30)}  # 31.01 → 01.03 (leap year)
    assert figure["totals"] == {"reports": 3, "submitted": 2, "accepted": 1, "late": 2,
                                "on_time_share": 0.3333, "completeness_avg": 60.0}
    # Ordered by name: «Агентство…», «Министерство труда», «Министерство № …».
    assert [r["organisation"] for r in figure["organisations"]] == [
        dw["third"].pk, world.home_org.pk, world.other_kg_org.pk]
    home = figure["organisations"][1]
    assert (home["name"], home["report"], home["completeness"], home["state_label"]) == (
        "Министерство труда", dw["home"].pk, 100, "принят")


def test_a_draft_before_the_due_date_has_no_verdict_yet(world, dw):
    set_state(dw["other"], "submitted", local(2024, 1, 31, hour=23))  # on the due day itself
    figure = reporting_discipline(world.users["coordinator"], dw["period"], today=D(2024, 1, 15))
    assert _rows(figure)[dw["third"].pk] == ("draft", None, 0)
    assert _rows(figure)[world.other_kg_org.pk] == ("submitted", True, 0)
    assert figure["totals"]["late"] == 0 and figure["totals"]["on_time_share"] == 1.0
    # On the due day a draft is not late yet; the day after, it is one day late.
    on_due = reporting_discipline(world.users["coordinator"], dw["period"], today=DUE)
    assert _rows(on_due)[dw["third"].pk] == ("draft", None, 0)
    after = reporting_discipline(world.users["coordinator"], dw["period"], today=D(2024, 2, 1))
    assert _rows(after)[dw["third"].pk] == ("draft", False, 1)


def test_a_returned_report_was_submitted_and_is_judged_by_that(world, dw):
    set_state(dw["other"], "returned", local(2024, 1, 25))
    figure = reporting_discipline(world.users["coordinator"], dw["period"], today=D(2024, 3, 1))
    assert _rows(figure)[world.other_kg_org.pk] == ("returned", True, 0)
    assert figure["totals"]["submitted"] == 2 and figure["totals"]["late"] == 1


def test_a_report_resubmitted_late_is_judged_by_its_first_submission(world, dw):
    Report.objects.filter(pk=dw["other"].pk).update(
        state="resubmitted", first_submitted_at=local(2024, 1, 30),
        submitted_at=local(2024, 2, 20))
    figure = reporting_discipline(world.users["coordinator"], dw["period"], today=D(2024, 3, 1))
    assert _rows(figure)[world.other_kg_org.pk] == ("resubmitted", True, 0)
    row = next(r for r in figure["organisations"] if r["organisation"] == world.other_kg_org.pk)
    assert row["submitted_at"] == local(2024, 1, 30)


def test_each_role_reads_the_reports_it_may_see(world, dw):
    focal = reporting_discipline(world.users["focal_point"], dw["period"], today=D(2024, 3, 1))
    assert list(_rows(focal)) == [world.home_org.pk]
    assert focal["totals"] == {"reports": 1, "submitted": 1, "accepted": 1, "late": 0,
                               "on_time_share": 1.0, "completeness_avg": 100.0}
    observer = reporting_discipline(world.users["observer"], dw["period"], today=D(2024, 3, 1))
    assert list(_rows(observer)) == [world.home_org.pk]  # accepted reports only
    third = reporting_discipline(dw["focal"], dw["period"], today=D(2024, 3, 1))
    assert _rows(third) == {dw["third"].pk: ("draft", False, 30)}


def test_a_period_without_reports_has_no_shares(world):
    plan = approved_plan(world, measures_per_objective=1)
    period = services.period_create(actor=world.users["coordinator"], plan=plan, kind="year",
                                    start=D(2024, 1, 1), end=D(2024, 12, 31),
                                    due_date=D(2025, 1, 31))  # planned: no reports yet
    figure = reporting_discipline(world.users["coordinator"], period, today=D(2025, 3, 1))
    assert figure["totals"] == {"reports": 0, "submitted": 0, "accepted": 0, "late": 0,
                                "on_time_share": None, "completeness_avg": None}


def test_visible_period(world, dw):
    _kz_plan, kz_period = kz_plan_and_period(world)
    assert visible_period(world.users["observer"], str(dw["period"].pk)) == dw["period"]
    for user, pk in ((world.users["coordinator"], kz_period.pk),
                     (world.users["coordinator_kz"], dw["period"].pk),
                     (world.users["coordinator"], 999_999)):
        with pytest.raises(DomainError) as caught:
            visible_period(user, pk)
        assert caught.value.code == "not_found"
    for raw in (None, "", "abc"):
        with pytest.raises(DomainError) as caught:
            visible_period(world.users["coordinator"], raw)
        assert caught.value.code == "invalid"
        assert [e["field"] for e in caught.value.errors] == ["period"]


def test_late_reports_are_drafts_of_open_periods_past_due(world, dw):
    coordinator = world.users["coordinator"]
    assert list(late_reports(coordinator, today=D(2024, 3, 1))) == [dw["late"]]
    assert list(late_reports(coordinator, plan=dw["plan"], today=D(2024, 3, 1))) == [dw["late"]]
    assert list(late_reports(coordinator, today=DUE)) == []
    # A returned report was submitted: it is being reworked, not late.
    set_state(dw["late"], "returned", local(2024, 1, 30))
    assert list(late_reports(coordinator, today=D(2024, 3, 1))) == []
    set_state(dw["late"], "draft")
    set_state(dw["home"], "draft")
    assert list(late_reports(coordinator, today=D(2024, 3, 1))) == [dw["late"], dw["home"]]
    assert list(late_reports(world.users["focal_point"], today=D(2024, 3, 1))) == [dw["home"]]
    assert list(late_reports(world.users["coordinator_kz"], today=D(2024, 3, 1))) == []
    other_plan = approved_plan(world, measures_per_objective=1)
    assert list(late_reports(coordinator, plan=other_plan, today=D(2024, 3, 1))) == []


def test_a_closed_period_has_no_late_reports(world, dw):
    services.period_transition(actor=world.users["coordinator"], period=dw["period"],
                               to="closed")
    assert list(late_reports(world.users["coordinator"], today=D(2024, 3, 1))) == []
