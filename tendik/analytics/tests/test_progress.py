"""Plan progress: latest statuses, counts that always add up, overdue, trend, groups, filters."""

import datetime
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tendik.analytics.basis import basis_for
from tendik.analytics.filters import PlanProgressFilterSet
from tendik.analytics.progress import (
    STATUSES,
    group_progress,
    latest_statuses,
    overdue_measures,
    plan_progress,
)
from tendik.plans.models import Measure
from tendik.reporting.models import MeasureProgress, ProgressStatus

from .factories import (
    district_and_village,
    measure,
    progress_world,
    set_state,
    third_organisation,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TOTALS = {"completed": 2, "not_started": 1, "in_progress": 1, "partially_completed": 1,
          "cancelled": 1, "not_completed": 0, "no_report": 2}


def counts(**given) -> dict[str, int]:
    return {status: given.get(status, 0) for status in STATUSES}


@pytest.fixture
def pw(world):
    return progress_world(world)


def _progress(world, pw, role="coordinator", **kwargs):
    basis = basis_for(world.users[role], plan_id=pw["plan"].pk,
                      include=kwargs.pop("include", None))
    return plan_progress(basis, today=kwargs.pop("today", D(2024, 6, 1)), **kwargs)


def _statuses(world, pw, role="coordinator", include=None) -> dict[str, str]:
    latest, _snapshots = latest_statuses(basis_for(world.users[role], plan_id=pw["plan"].pk,
                                                   include=include))
    codes = dict(Measure.objects.filter(plan=pw["plan"]).values_list("pk", "code"))
    return {codes[pk]: status for pk, status in latest.items()}


def test_totals_areas_and_the_latest_status_of_each_measure(world, pw):
    figure = _progress(world, pw)
    assert figure["plan"] == pw["plan"].pk
    assert figure["based_on"] == {"accepted": 4, "under_review": 0, "reports": 4}
    assert figure["totals"] == {"measures": 8, "by_status": TOTALS, "completed_share": 0.25,
                                "overdue": 2}
    assert [(a["code"], a["measures"], a["by_status"]) for a in figure["areas"]] == [
        ("1", 4, counts(completed=2, not_started=1, in_progress=1)),
        ("2", 4, counts(partially_completed=1, cancelled=1, no_report=2))]
    assert _statuses(world, pw) == {
        "1.1.1": "completed", "1.1.2": "not_started", "1.2.1": "in_progress",
        "1.2.2": "completed", "2.1.2": "partially_completed", "2.2.1": "cancelled"}


def test_a_later_period_wins_and_the_lead_wins_within_a_period(world, pw):
    # 2023: the lead said completed, the co-executor not completed; 2022 the lead in progress.
    assert _statuses(world, pw)["1.1.1"] == "completed"
    # The lead's report not counted: the co-executor's word is the only one of 2023.
    set_state(pw["h23"], "returned")
    assert _statuses(world, pw)["1.1.1"] == "not_completed"
    # A lead's section without a status says nothing; the co-executor's status stands.
    set_state(pw["h23"], "accepted")
    MeasureProgress.objects.filter(report=pw["h23"], measure__code="1.1.1").update(status="")
    assert _statuses(world, pw)["1.1.1"] == "not_completed"


@pytest.mark.parametrize("state", ["draft", "returned"])
def test_drafts_and_returned_reports_never_count(world, pw, state):
    set_state(pw["h23"], state)
    set_state(pw["o23"], state)
    for include in (None, "submitted"):
        statuses = _statuses(world, pw, include=include)
        assert statuses["1.1.1"] == "in_progress"  # back to 2022
        assert "2.2.1" not in statuses and "2.1.2" not in statuses


def test_submitted_reports_count_only_when_a_coordinator_includes_them(world, pw):
    set_state(pw["h23"], "submitted")
    set_state(pw["o23"], "resubmitted")
    assert _statuses(world, pw)["1.1.1"] == "in_progress"
    assert _statuses(world, pw, include="submitted")["1.1.1"] == "completed"
    assert _statuses(world, pw, "admin", include="submitted")["2.1.2"] == "partially_completed"
    # A focal point asking for them still reads accepted reports only (and its own only).
    assert _statuses(world, pw, "focal_point", include="submitted") == {
        "1.1.1": "in_progress", "1.1.2": "not_started", "1.2.1": "in_progress"}
    figure = _progress(world, pw, include="submitted")
    assert figure["based_on"] == {"accepted": 2, "under_review": 2, "reports": 4}


def test_the_trend_is_a_snapshot_after_each_period(world, pw):
    trend = _progress(world, pw)["trend"]
    assert [(t["period"], t["period_end"], t["label"]) for t in trend] == [
        (pw["p22"].pk, D(2022, 12, 31), "2022"),
        (pw["p23"].pk, D(2023, 12, 31), "2023")]
    assert trend[0]["by_status"] == counts(in_progress=2, not_started=1, completed=1,
                                           no_report=4)
    assert trend[1]["by_status"] == TOTALS


def test_a_range_without_data_is_zeros_not_an_error(world, pw):
    basis = basis_for(world.users["coordinator"], plan_id=pw["plan"].pk, period_from="2025")
    figure = plan_progress(basis, today=D(2024, 6, 1))
    assert figure["totals"]["by_status"] == counts(no_report=8)
    assert figure["trend"] == [] and figure["based_on"]["reports"] == 0
    assert figure["totals"]["completed_share"] == 0.0


@pytest.mark.parametrize("code,end", [
    ("1.1.1", D(2023, 6, 30)),    # a period: its end
    ("1.1.2", None),              # ongoing: never due
    ("1.2.2", D(2023, 12, 31)),   # years 2022, 2023: the last day of the last year
    ("2.2.2", D(2023, 12, 31)),   # a date
])
def test_the_last_day_of_each_deadline_kind(world, pw, code, end):
    assert measure(pw["plan"], code).last_day == end


@pytest.mark.parametrize("today,codes", [
    (D(2023, 6, 30), []),                       # nothing has passed on its last day
    (D(2023, 7, 1), []),                        # 1.1.1 has passed, but it is completed
    (D(2024, 1, 1), ["2.1.2", "2.2.2"]),        # 2.2.1 is cancelled, 1.2.2 completed
    (D(2030, 1, 1), ["2.1.2", "2.2.2"]),        # ongoing measures are never overdue
])
def test_overdue_measures(world, pw, today, codes):
    basis = basis_for(world.users["coordinator"], plan_id=pw["plan"].pk)
    overdue = overdue_measures(basis, today=today)
    assert [m["code"] for m in overdue] == codes
    assert plan_progress(basis, today=today)["totals"]["overdue"] == len(codes)


def test_an_overdue_row_says_what_and_whose(world, pw):
    # Without the lead's 2023 report, 1.1.1 is the co-executor's «not completed», 2.2.1 unreported.
    set_state(pw["h23"], "draft")
    basis = basis_for(world.users["coordinator"], plan_id=pw["plan"].pk)
    rows = {m["code"]: m for m in overdue_measures(basis, today=D(2024, 1, 1))}
    assert sorted(rows) == ["1.1.1", "2.1.2", "2.2.1", "2.2.2"]
    assert rows["1.1.1"] == {
        "id": measure(pw["plan"], "1.1.1").pk, "code": "1.1.1", "title": "Мероприятие 1.1.1",
        "deadline": D(2023, 6, 30), "deadline_label": "01.01.2022–30.06.2023",
        "status": "not_completed", "status_label": "не выполнено", "lead_executor":
        "Министерство труда"}
    assert rows["2.2.2"]["status"] == "no_report" and rows["2.2.2"]["status_label"] == "нет отчёта"


def _groups(world, pw, group_by):
    return [(g["key"], g["label"], g["measures"], g["by_status"])
            for g in _progress(world, pw, group_by=group_by)["groups"]]


def test_groups_by_objective(world, pw):
    assert _groups(world, pw, "objective") == [
        ("1.1", "Задача 1.1", 2, counts(completed=1, not_started=1)),
        ("1.2", "Задача 1.2", 2, counts(in_progress=1, completed=1)),
        ("2.1", "Задача 2.1", 2, counts(no_report=1, partially_completed=1)),
        ("2.2", "Задача 2.2", 2, counts(cancelled=1, no_report=1))]


def test_groups_by_executor_count_a_measure_under_each_executor(world, pw):
    plan = pw["plan"]
    for code in ("2.2.1", "2.2.2"):  # led by the other organisation, without co-executors
        Measure.objects.filter(plan=plan, code=code).update(lead_executor=world.other_kg_org)
        measure(plan, code).co_executors.clear()
    groups = _groups(world, pw, "executor")
    assert [(key, n) for key, _label, n, _c in groups] == [
        (str(world.other_kg_org.pk), 8), (str(world.home_org.pk), 6)]
    assert groups[1][1] == "МТСОиМ"
    assert groups[0][3] == TOTALS
    assert groups[1][3] == counts(completed=2, not_started=1, in_progress=1,
                                  partially_completed=1, no_report=1)


def test_groups_by_territory_with_the_whole_country_last(world, pw):
    assert _groups(world, pw, "territory") == [
        ("KG08000000000", "Чуйская область", 4,
         counts(not_started=1, completed=1, partially_completed=1, no_report=1)),
        ("", "вся страна", 4, counts(completed=1, in_progress=1, no_report=1, cancelled=1))]


def test_groups_by_deadline_year(world, pw):
    groups = _groups(world, pw, "deadline_year")
    assert [(key, label, n) for key, label, n, _c in groups] == [
        ("2022", "2022", 4), ("2023", "2023", 5), ("", "постоянно", 3)]
    assert groups[2][3] == counts(not_started=1, in_progress=1, no_report=1)


def test_group_area_matches_the_areas(world, pw):
    figure = _progress(world, pw)
    rows = list(Measure.objects.filter(plan=pw["plan"]).select_related("objective__area"))
    latest, _ = latest_statuses(basis_for(world.users["coordinator"], plan_id=pw["plan"].pk))
    assert [(g["key"], g["measures"], g["by_status"]) for g in
            group_progress(rows, latest, "area")] == [
        (a["code"], a["measures"], a["by_status"]) for a in figure["areas"]]


def _filtered(world, pw, role="coordinator", **params):
    user = world.users[role] if isinstance(role, str) else role
    basis = basis_for(user, plan_id=pw["plan"].pk)
    filterset = PlanProgressFilterSet(params, queryset=Measure.objects.all(),
                                      request=SimpleNamespace(user=user), plan=pw["plan"])
    assert filterset.is_valid(), filterset.errors
    return plan_progress(basis, measures=filterset.qs, today=D(2024, 6, 1))


def test_filter_by_area_keeps_every_area_listed(world, pw):
    figure = _filtered(world, pw, area="2")
    assert figure["totals"]["measures"] == 4
    assert figure["totals"]["by_status"] == counts(partially_completed=1, cancelled=1,
                                                   no_report=2)
    assert [(a["code"], a["measures"], a["by_status"]) for a in figure["areas"]] == [
        ("1", 0, counts()), ("2", 4, counts(partially_completed=1, cancelled=1, no_report=2))]
    assert figure["totals"]["overdue"] == 2
    # The trend counts the filtered measures only.
    assert figure["trend"][-1]["by_status"] == figure["totals"]["by_status"]


def test_filter_by_executor_finds_lead_and_co_executor(world, pw):
    organisation, _user = third_organisation(world)
    Measure.objects.filter(plan=pw["plan"], code="1.2.1").update(lead_executor=organisation)
    measure(pw["plan"], "2.1.2").co_executors.add(organisation)
    measure(pw["plan"], "2.2.1").partners.add(organisation)  # a partner is not an executor
    figure = _filtered(world, pw, executor=str(organisation.pk))
    assert figure["totals"]["by_status"] == counts(in_progress=1, partially_completed=1)
    assert _filtered(world, pw, executor=str(world.home_org.pk))["totals"]["measures"] == 7
    assert _filtered(world, pw, executor=str(world.other_kg_org.pk))["totals"]["measures"] == 8


def test_filter_by_territory_finds_a_districts_measures_in_its_region_once(world, pw):
    chui, district, village, _issyk_kul = district_and_village(world)
    measure(pw["plan"], "1.1.1").territories.set([village])
    measure(pw["plan"], "1.1.2").territories.set([chui, district, village])
    by_region = _filtered(world, pw, territory=chui.code)
    assert by_region["totals"]["measures"] == 5  # 1.1.1 by its village, the four naming Chui
    assert by_region["totals"]["by_status"] == counts(
        completed=2, not_started=1, partially_completed=1, no_report=1)
    assert _filtered(world, pw, territory=district.code)["totals"]["measures"] == 2


@pytest.mark.parametrize("year,expected", [(2022, 4), (2023, 5), (2024, 0)])
def test_filter_by_deadline_year(world, pw, year, expected):
    figure = _filtered(world, pw, deadline_year=str(year))
    assert figure["totals"]["measures"] == expected
    assert sum(figure["totals"]["by_status"].values()) == expected


def test_a_focal_point_sees_only_the_measures_its_organisation_is_named_in(world, pw):
    organisation, focal = third_organisation(world)
    Measure.objects.filter(plan=pw["plan"], code="1.1.1").update(lead_executor=organisation)
    measure(pw["plan"], "1.2.2").co_executors.add(organisation)
    measure(pw["plan"], "2.1.1").partners.add(organisation)
    figure = plan_progress(basis_for(focal, plan_id=pw["plan"].pk), today=D(2024, 6, 1))
    # Its organisation has no report: three measures, none reported, none of the others.
    assert figure["totals"]["measures"] == 3
    assert figure["totals"]["by_status"] == counts(no_report=3)
    assert figure["based_on"] == {"accepted": 0, "under_review": 0, "reports": 0}
    assert [a["measures"] for a in figure["areas"]] == [2, 1]
    # The home focal point reads its own reports: 1.2.2 was reported by the co-executor only.
    home = plan_progress(basis_for(world.users["focal_point"], plan_id=pw["plan"].pk),
                         today=D(2024, 6, 1))
    assert home["totals"]["measures"] == 7
    assert home["totals"]["by_status"] == counts(not_started=1, in_progress=1, completed=0,
                                                 cancelled=1, no_report=4)


REPORTS = ("h22", "o22", "h23", "o23")
ASSIGNMENT = st.lists(st.tuples(st.sampled_from(["", *ProgressStatus.values]),
                                st.sampled_from(["", *ProgressStatus.values]),
                                st.sampled_from(["", *ProgressStatus.values]),
                                st.sampled_from(["", *ProgressStatus.values])),
                      min_size=8, max_size=8)
STATES = st.tuples(*[st.sampled_from(["draft", "submitted", "returned", "accepted"])] * 4)


def _expected(statuses, states, include: bool) -> dict[str, int]:
    """The rule, written out: the latest period with a word; the lead's word first."""
    counted = ("accepted", "submitted") if include else ("accepted",)
    result = counts()
    for row in statuses:
        said = dict(zip(REPORTS, row, strict=True))
        status = "no_report"
        for lead, co in (("h23", "o23"), ("h22", "o22")):
            words = [said[r] for r in (lead, co)
                     if said[r] and states[REPORTS.index(r)] in counted]
            if words:
                status = words[0]
                break
        result[status] += 1
    return result


def test_by_status_always_sums_to_measures_and_follows_the_rule(world, pw):
    codes = sorted(Measure.objects.filter(plan=pw["plan"]).values_list("code", flat=True))

    @settings(max_examples=25, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(ASSIGNMENT, STATES, st.booleans())
    def check(statuses, states, include):
        for n, name in enumerate(REPORTS):
            set_state(pw[name], states[n])
            for code, row in zip(codes, statuses, strict=True):
                MeasureProgress.objects.filter(report=pw[name], measure__code=code).update(
                    status=row[n], reason="Причина")
        figure = _progress(world, pw, include="submitted" if include else None)
        assert figure["totals"]["by_status"] == _expected(statuses, states, include)
        assert sum(figure["totals"]["by_status"].values()) == figure["totals"]["measures"] == 8
        for area in figure["areas"]:
            assert sum(area["by_status"].values()) == area["measures"] == 4
        for point in figure["trend"]:
            assert sum(point["by_status"].values()) == 8

    check()
