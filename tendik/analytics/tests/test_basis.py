"""The basis of every figure: which states count, which dates, which plan, which measures."""

import datetime

import pytest

from tendik.analytics.basis import (
    based_on,
    basis_for,
    counted_reports,
    counted_states,
    date_range,
    measure_scope,
    visible_plan,
)
from tendik.core.errors import DomainError
from tendik.plans.models import Measure

from .factories import (
    approved_plan,
    kz_plan_and_period,
    measure,
    open_year,
    report_of,
    set_state,
    third_organisation,
)

pytestmark = pytest.mark.django_db

ACCEPTED = ("accepted",)
WITH_REVIEW = ("accepted", "submitted", "resubmitted")
D = datetime.date


def _fields(exc: DomainError) -> list[str]:
    return [e["field"] for e in exc.errors]


@pytest.mark.parametrize("role,include,states", [
    ("coordinator", None, ACCEPTED), ("coordinator", "", ACCEPTED),
    ("coordinator", "submitted", WITH_REVIEW), ("admin", "submitted", WITH_REVIEW),
    # Those who may not review read only what is final, whatever they ask for.
    ("focal_point", "submitted", ACCEPTED), ("partner", "submitted", ACCEPTED),
    ("committee", "submitted", ACCEPTED), ("observer", "submitted", ACCEPTED),
])
def test_counted_states(world, role, include, states):
    assert counted_states(world.users[role], include) == states


@pytest.mark.parametrize("include", ["other", "drafts", "Submitted", "submitted,draft"])
def test_any_other_include_is_invalid_naming_the_field(world, include):
    with pytest.raises(DomainError) as caught:
        counted_states(world.users["coordinator"], include)
    assert caught.value.code == "invalid" and _fields(caught.value) == ["include"]


@pytest.mark.parametrize("period_from,period_to,expected", [
    ("2023", "2023", (D(2023, 1, 1), D(2023, 12, 31))),
    ("2023-02", "2023-02", (D(2023, 2, 1), D(2023, 2, 28))),
    ("2024-02", "2024-02", (D(2024, 2, 1), D(2024, 2, 29))),
    ("2023-12", "2024-01", (D(2023, 12, 1), D(2024, 1, 31))),
    ("2023-05-17", "2023-05-17", (D(2023, 5, 17), D(2023, 5, 17))),
    (" 2022 ", None, (D(2022, 1, 1), None)),
    (None, "2022-06", (None, D(2022, 6, 30))),
    ("", "", (None, None)),
])
def test_dates_as_year_month_or_day(world, period_from, period_to, expected):
    assert date_range(world.users["coordinator"], period_from, period_to) == expected


def test_a_period_id_gives_its_start_and_its_end(world):
    plan = approved_plan(world, measures_per_objective=1)
    p22, p23 = open_year(world, plan, 2022), open_year(world, plan, 2023)
    user = world.users["focal_point"]
    assert date_range(user, str(p22.pk), str(p23.pk)) == (D(2022, 1, 1), D(2023, 12, 31))
    assert date_range(user, p23.pk, p23.pk) == (D(2023, 1, 1), D(2023, 12, 31))
    with pytest.raises(DomainError) as caught:
        date_range(user, str(p23.pk), str(p22.pk))
    assert caught.value.code == "invalid" and _fields(caught.value) == ["period_from"]


@pytest.mark.parametrize("period_from,period_to", [
    ("2024", "2023"), ("2023-06", "2023-05"), ("2023-05-18", "2023-05-17"), ("2024-01-01", "2023")])
def test_a_start_after_the_end_is_invalid_naming_period_from(world, period_from, period_to):
    with pytest.raises(DomainError) as caught:
        date_range(world.users["coordinator"], period_from, period_to)
    assert caught.value.code == "invalid" and _fields(caught.value) == ["period_from"]


@pytest.mark.parametrize("raw", ["abc", "2023-13", "2023-02-30", "2023-1-1-1", "0000", "-5",
                                 "2023-", "²", "2023/05"])
@pytest.mark.parametrize("name", ["period_from", "period_to"])
def test_garbage_is_invalid_naming_the_field(world, raw, name):
    with pytest.raises(DomainError) as caught:
        date_range(world.users["coordinator"], **{"period_from": None, "period_to": None,
                                                  name: raw})
    assert caught.value.code == "invalid" and _fields(caught.value) == [name]


def test_a_month_whose_end_overflows_the_calendar_is_invalid(world):
    assert date_range(world.users["coordinator"], "9999-12", None) == (D(9999, 12, 1), None)
    with pytest.raises(DomainError) as caught:
        date_range(world.users["coordinator"], None, "9999-12")
    assert _fields(caught.value) == ["period_to"]


@pytest.mark.parametrize("name", ["period_from", "period_to"])
def test_an_unknown_or_foreign_period_id_is_invalid_naming_the_field(world, name):
    _plan, kz_period = kz_plan_and_period(world)
    for raw in ("999999", str(kz_period.pk), "0", "99999999999999999999999"):
        with pytest.raises(DomainError) as caught:
            date_range(world.users["coordinator"], **{"period_from": None, "period_to": None,
                                                      name: raw})
        assert caught.value.code == "invalid" and _fields(caught.value) == [name], raw
    # The installation admin works across countries: the same id is a period for them.
    assert date_range(world.users["admin"], str(kz_period.pk), None) == (D(2023, 1, 1), None)


@pytest.mark.parametrize("plan_id", [None, "", "abc", "1.5"])
def test_a_missing_plan_is_invalid(world, plan_id):
    with pytest.raises(DomainError) as caught:
        visible_plan(world.users["coordinator"], plan_id)
    assert caught.value.code == "invalid" and _fields(caught.value) == ["plan"]


def test_an_unknown_or_foreign_plan_is_not_found(world):
    kg_plan = approved_plan(world, measures_per_objective=1)
    kz_plan, _period = kz_plan_and_period(world)
    for user, plan_id in ((world.users["coordinator"], kz_plan.pk),
                          (world.users["coordinator"], 999_999),
                          (world.users["coordinator"], "99999999999999999999999"),
                          (world.users["coordinator_kz"], kg_plan.pk)):
        with pytest.raises(DomainError) as caught:
            visible_plan(user, plan_id)
        assert caught.value.code == "not_found"
    assert visible_plan(world.users["focal_point"], str(kg_plan.pk)) == kg_plan
    assert visible_plan(world.users["admin"], kz_plan.pk) == kz_plan


def test_basis_without_a_plan_when_none_is_required(world):
    basis = basis_for(world.users["coordinator"], require_plan=False, period_from="2023")
    assert (basis.plan, basis.states, basis.date_from, basis.date_to) == (
        None, ACCEPTED, D(2023, 1, 1), None)
    with pytest.raises(DomainError) as caught:
        basis_for(world.users["coordinator"])
    assert _fields(caught.value) == ["plan"]


@pytest.fixture
def reports(world):
    """2022: home accepted, other draft. 2023: home submitted, other resubmitted."""
    plan = approved_plan(world, measures_per_objective=1)
    p22, p23 = open_year(world, plan, 2022), open_year(world, plan, 2023)
    set_state(report_of(p22, world.home_org), "accepted")
    set_state(report_of(p23, world.home_org), "submitted")
    set_state(report_of(p23, world.other_kg_org), "resubmitted")
    return plan


@pytest.mark.parametrize("role,include,dates,expected", [
    ("coordinator", None, {}, {"accepted": 1, "under_review": 0, "reports": 4}),
    ("coordinator", "submitted", {}, {"accepted": 1, "under_review": 2, "reports": 4}),
    ("coordinator", "submitted", {"period_from": "2023"},
     {"accepted": 0, "under_review": 2, "reports": 2}),
    ("admin", "submitted", {"period_to": "2022-12"},
     {"accepted": 1, "under_review": 0, "reports": 2}),
    # A range no period fits in: zeros, not an error.
    ("coordinator", None, {"period_from": "2023-03", "period_to": "2023-09"},
     {"accepted": 0, "under_review": 0, "reports": 0}),
    # A focal point reads its own organisation's reports only, drafts included.
    ("focal_point", "submitted", {}, {"accepted": 1, "under_review": 0, "reports": 2}),
    # An observer reads only accepted reports of published plans.
    ("observer", None, {}, {"accepted": 1, "under_review": 0, "reports": 1}),
])
def test_based_on_counts_every_visible_report(world, reports, role, include, dates, expected):
    basis = basis_for(world.users[role], plan_id=reports.pk, include=include, **dates)
    assert based_on(basis) == expected
    counted = counted_reports(basis).count()
    assert counted == expected["accepted"] + expected["under_review"]


def test_based_on_of_another_country_is_empty(world, reports):
    basis = basis_for(world.users["coordinator_kz"], require_plan=False)
    assert based_on(basis) == {"accepted": 0, "under_review": 0, "reports": 0}


def test_measure_scope_per_role(world):
    plan = approved_plan(world)
    organisation, focal = third_organisation(world)
    Measure.objects.filter(plan=plan, code="1.1.1").update(lead_executor=organisation)
    measure(plan, "1.2.1").co_executors.add(organisation)
    measure(plan, "2.1.1").partners.add(organisation)

    def codes(user):
        return sorted(Measure.objects.filter(plan=plan).filter(measure_scope(user))
                      .values_list("code", flat=True).distinct())

    everything = sorted(Measure.objects.filter(plan=plan).values_list("code", flat=True))
    assert len(everything) == 8
    for role in ("coordinator", "admin", "observer"):
        assert codes(world.users[role]) == everything, role
    # Home leads all but 1.1.1 and co-executes none; the other KG organisation co-executes all.
    for role in ("focal_point", "partner", "committee"):
        assert codes(world.users[role]) == everything[1:], role
    assert codes(focal) == ["1.1.1", "1.2.1", "2.1.1"]
