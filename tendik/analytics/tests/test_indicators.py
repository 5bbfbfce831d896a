"""Indicator figures: exact numbers over a small fixture, breakdowns, scope and the progress method."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tendik.analytics.basis import basis_for
from tendik.analytics.indicators import (
    indicator_figure,
    indicator_for_figure,
    indicator_statuses,
    progress_status,
    yearly_points,
)
from tendik.core.errors import DomainError
from tendik.plans.models import IndicatorTarget
from tendik.reporting import services
from tendik.reporting.models import Observation, Report, ReportingPeriod
from tendik.reporting.tests.factories import open_period
from tendik.testing.factories import OrganisationFactory


def _values(report, indicator, values: dict[str, str]) -> None:
    Observation.objects.bulk_create([
        Observation(report=report, indicator=indicator, disaggregation=key, value=Decimal(value))
        for key, value in values.items()])


def build_figures(world):
    """2022 and 2023 of a `sum` indicator split by sex, reported by three organisations.

    2022: home accepted 20 (F 12, M 8); other org's draft 100 never counts.
    2023: home accepted 30 (F 20, M 10); other org accepted only by sex (F 5, M 7: total 12);
    a third org's submitted 8 (F 4, M 4) counts only for a coordinator asking for it.
    """
    plan, period23, home23, indicator, _other_focal = open_period(world)
    indicator.baseline_value, indicator.baseline_year = Decimal(10), 2021
    indicator.save()
    IndicatorTarget.objects.create(indicator=indicator, year=2025, value=Decimal(100))
    other23 = period23.reports.get(organisation=world.other_kg_org)
    third = OrganisationFactory(country=world.kg)
    third23 = Report.objects.create(period=period23, plan=plan, organisation=third,
                                    state="submitted")
    period22 = ReportingPeriod.objects.create(
        plan=plan, kind="year", start=datetime.date(2022, 1, 1), end=datetime.date(2022, 12, 31),
        due_date=datetime.date(2023, 1, 31), state="closed")
    home22 = Report.objects.create(period=period22, plan=plan, organisation=world.home_org,
                                   state="accepted")
    other22 = Report.objects.create(period=period22, plan=plan, organisation=world.other_kg_org,
                                    state="draft")
    Report.objects.filter(pk__in=[home23.pk, other23.pk]).update(state="accepted")
    _values(home22, indicator, {"": "20", "sex=F": "12", "sex=M": "8"})
    _values(other22, indicator, {"": "100", "sex=F": "50", "sex=M": "50"})
    _values(home23, indicator, {"": "30", "sex=F": "20", "sex=M": "10"})
    _values(other23, indicator, {"sex=F": "5", "sex=M": "7"})
    _values(third23, indicator, {"": "8", "sex=F": "4", "sex=M": "4"})
    return plan, indicator, period22, period23


@pytest.fixture
def figures(world):
    return build_figures(world)


def _figure(user, indicator, **params):
    basis = basis_for(user, require_plan=False, **params)
    return indicator_figure(basis, indicator_for_figure(user, indicator.pk),
                            breakdown=params.get("breakdown_", "sex"))


def test_a_coordinator_sees_accepted_reports_of_every_organisation_combined(world, figures):
    _plan, indicator, period22, period23 = figures
    figure = _figure(world.users["coordinator"], indicator)
    assert [(p["period"], p["value"]) for p in figure["series"]] == [
        (period22.pk, 20.0), (period23.pk, 42.0)]
    assert [p["breakdown"] for p in figure["series"]] == [
        {"F": 12.0, "M": 8.0}, {"F": 25.0, "M": 17.0}]
    assert figure["baseline"] == 10.0 and figure["targets"] == [{"year": 2025, "value": 100.0}]
    assert figure["based_on"]["accepted"] == 3 and figure["based_on"]["with_values"] == 3


def test_submitted_reports_count_only_when_a_coordinator_asks(world, figures):
    _plan, indicator, _p22, _p23 = figures
    asked = _figure(world.users["coordinator"], indicator, include="submitted")
    assert [p["value"] for p in asked["series"]] == [20.0, 50.0]
    assert asked["series"][1]["breakdown"] == {"F": 29.0, "M": 21.0}
    focal = _figure(world.users["focal_point"], indicator, include="submitted")
    assert [p["value"] for p in focal["series"]] == [20.0, 30.0]  # own organisation, accepted


def test_the_gender_gap_is_women_minus_men_and_their_ratio(world, figures):
    figure = _figure(world.users["coordinator"], figures[1])
    assert [(g["women"], g["men"], g["gap"], g["ratio"]) for g in figure["gender_gap"]] == [
        (12.0, 8.0, 4.0, 1.5), (25.0, 17.0, 8.0, 1.4706)]
    sex = figure["breakdowns"][0]
    assert sex["dimension"] == "sex"
    assert [(s["code"], s["values"]) for s in sex["series"]] == [
        ("F", [12.0, 25.0]), ("M", [8.0, 17.0])]


def test_a_breakdown_the_indicator_lacks_is_refused_naming_it(world, figures):
    basis = basis_for(world.users["coordinator"], require_plan=False)
    with pytest.raises(DomainError) as error:
        indicator_figure(basis, figures[1], breakdown="age_group")
    assert error.value.code == "invalid" and "age_group" in str(error.value)
    assert error.value.errors[0]["field"] == "breakdown"


def test_a_range_without_counted_data_is_empty_not_an_error(world, figures):
    figure = _figure(world.users["coordinator"], figures[1], period_from="2019",
                     period_to="2020")
    assert figure["series"] == [] and figure["progress"]["status"] == "no_data"
    assert figure["based_on"]["with_values"] == 0


def test_a_range_narrows_the_series(world, figures):
    figure = _figure(world.users["coordinator"], figures[1], period_from="2023")
    assert [p["value"] for p in figure["series"]] == [42.0]


def test_progress_of_the_fixture_follows_the_method(world, figures):
    progress = _figure(world.users["coordinator"], figures[1])["progress"]
    # base 2021: 10, 2023: 42 → CAGR 104.9 %; needed for 100 by 2025: 77.8 % → R 1.349
    assert progress["status"] == "on_track" and progress["method"] == "target_ratio"
    assert progress["value"] == pytest.approx(1.3490, abs=1e-3)
    assert "2021" in progress["note"] and "2025" in progress["note"]


def test_an_average_indicator_takes_the_mean_of_organisations(world, figures):
    indicator = figures[1]
    indicator.aggregation = "average"
    indicator.save()
    figure = _figure(world.users["coordinator"], indicator)
    # 2023: home 30 and other (mean of 5 and 7 = 6) → 18; F: (20 + 5) / 2, M: (10 + 7) / 2
    assert [p["value"] for p in figure["series"]] == [20.0, 18.0]
    assert figure["series"][1]["breakdown"] == {"F": 12.5, "M": 8.5}


def test_an_indicator_of_another_country_is_not_found(world, figures):
    with pytest.raises(DomainError) as error:
        indicator_for_figure(world.users["coordinator_kz"], figures[1].pk)
    assert error.value.code == "not_found"


def test_statuses_cover_every_indicator_of_the_plan(world, figures, django_assert_num_queries):
    plan, indicator, _p22, _p23 = figures
    basis = basis_for(world.users["coordinator"], plan_id=plan.pk)
    with django_assert_num_queries(5):
        statuses = indicator_statuses(basis)
    by_code = {s["code"]: s for s in statuses}
    assert set(by_code) == {"И-1.1", "И-2.1"}
    assert by_code["И-2.1"]["latest"] == 42.0 and by_code["И-2.1"]["target"] == 100.0
    assert by_code["И-2.1"]["status"] == "on_track"
    assert by_code["И-1.1"]["status"] == "no_data" and by_code["И-1.1"]["latest"] is None


def test_kept_figures_stay_live(world, figures, django_assert_num_queries):
    """The observations' totals are kept under the counted reports' fingerprint: a repeat read
    costs two queries less, and accepting or returning a report shows at once."""
    plan, indicator, _p22, period23 = figures
    basis = basis_for(world.users["coordinator"], plan_id=plan.pk)
    assert _latest(indicator_statuses(basis), indicator) == 42.0
    with django_assert_num_queries(3):  # the fingerprint instead of the aggregate and periods
        assert _latest(indicator_statuses(basis), indicator) == 42.0
    third23 = period23.reports.get(state="submitted")
    services.report_act(actor=world.users["coordinator"], report=third23, action="accept",
                        note="без значений по части мероприятий")
    assert _latest(indicator_statuses(basis), indicator) == 50.0  # 30 + 12 + 8
    home23 = period23.reports.get(organisation=world.home_org)
    services.report_act(actor=world.users["coordinator"], report=home23, action="reopen",
                        reason="Ошибка в данных")
    assert _latest(indicator_statuses(basis), indicator) == 20.0  # 12 + 8


def _latest(statuses, indicator):
    return next(s["latest"] for s in statuses if s["id"] == indicator.pk)


def test_the_figure_reads_in_constant_queries(world, figures, django_assert_max_num_queries):
    _plan, indicator, _p22, period23 = figures
    user = world.users["coordinator"]
    with django_assert_max_num_queries(9) as first:
        _figure(user, indicator)
    more = OrganisationFactory(country=world.kg)
    for n in range(5):
        report = Report.objects.create(period=ReportingPeriod.objects.create(
            plan=period23.plan, kind="year", start=datetime.date(2010 + n, 1, 1),
            end=datetime.date(2010 + n, 12, 31), due_date=datetime.date(2011 + n, 1, 31)),
            plan=period23.plan, organisation=more, state="accepted")
        _values(report, indicator, {"": "1", "sex=F": "1", "sex=M": "0"})
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert len(_figure(user, indicator)["series"]) == 7


# ---------------------------------------------------------------- the method's boundaries

def _status(ratio_or_growth: float, *, target: bool, direction: str = "increase") -> str:
    """Build points whose R (with target) or CAGR (without) equals the given value exactly
    over one year, so each threshold can be hit on its boundary."""
    base = 100.0
    if target:
        # required growth over one year: target 200 → +100 %; observed = ratio × 100 %
        current = base * (1 + ratio_or_growth)
        return progress_status(points={2020: base, 2021: current}, direction=direction,
                               target=(2021, 200.0 if direction == "increase" else 50.0),
                               ).status
    current = base * (1 + ratio_or_growth)
    return progress_status(points={2020: base, 2021: current}, direction=direction).status


@pytest.mark.parametrize(("ratio", "expected"), [
    (0.95, "on_track"), (0.9499, "needs_acceleration"), (0.6, "needs_acceleration"),
    (0.5999, "limited_progress"), (0.0, "limited_progress"), (-0.0001, "deterioration"),
    (1.0, "target_achieved")])
def test_ratio_thresholds_with_a_target(ratio, expected):
    assert _status(ratio, target=True) == expected


@pytest.mark.parametrize(("growth", "expected"), [
    (0.015, "on_track"), (0.0149, "needs_acceleration"), (0.005, "needs_acceleration"),
    (0.0049, "limited_progress"), (0.0, "limited_progress"), (-0.0001, "deterioration")])
def test_growth_thresholds_without_a_target(growth, expected):
    assert _status(growth, target=False) == expected


@pytest.mark.parametrize(("growth", "expected"), [
    (-0.015, "on_track"), (-0.0149, "needs_acceleration"), (0.0001, "deterioration")])
def test_a_decrease_indicator_reads_falling_values_as_progress(growth, expected):
    assert _status(growth, target=False, direction="decrease") == expected


def test_a_decrease_target_is_achieved_at_or_below_it():
    assert progress_status(points={2020: 80.0, 2022: 50.0}, direction="decrease",
                           target=(2025, 50.0)).status == "target_achieved"
    # needs 80 → 50 in 5 years (−8.98 %/yr); did 80 → 72 in 2 (−5.13 %/yr): R 0.571
    progress = progress_status(points={2020: 80.0, 2022: 72.0}, direction="decrease",
                               target=(2025, 50.0))
    assert progress.status == "limited_progress"
    assert progress.value == pytest.approx(0.5712, abs=1e-3)


def test_unassessable_cases():
    assert progress_status(points={}, direction="increase").status == "no_data"
    assert progress_status(points={2023: 5.0}, direction="increase").status == \
        "unable_to_assess"
    assert progress_status(points={2022: -5.0, 2023: 5.0}, direction="increase").status == \
        "unable_to_assess"
    # a zero base is replaced by 0.001, not a division by zero
    assert progress_status(points={2022: 0.0, 2023: 5.0}, direction="increase").status == \
        "on_track"


def test_a_yes_no_indicator_is_achieved_or_not():
    assert progress_status(points={2023: 1.0}, direction="increase", unit="boolean",
                           target=(2024, 1.0)).status == "target_achieved"
    assert progress_status(points={2023: 0.0}, direction="increase", unit="boolean",
                           target=(2024, 1.0)).status == "not_achieved"


def test_maintain_is_on_track_while_not_below_the_base():
    assert progress_status(points={2020: 10.0, 2023: 10.0}, direction="maintain").status == \
        "on_track"
    assert progress_status(points={2020: 10.0, 2023: 9.0}, direction="maintain").status == \
        "deterioration"


def test_a_target_equal_to_the_base_not_reached_is_deterioration():
    assert progress_status(points={2020: 10.0, 2023: 9.0}, direction="increase",
                           target=(2025, 10.0)).status == "deterioration"


@given(st.floats(min_value=-0.99, max_value=5, allow_nan=False),
       st.sampled_from(["increase", "decrease"]))
def test_any_growth_gets_exactly_one_known_status(growth, direction):
    status = _status(growth, target=False, direction=direction)
    assert status in {"on_track", "needs_acceleration", "limited_progress", "deterioration"}


def test_a_half_reported_year_of_a_flow_is_left_out_of_the_method():
    series = [{"value": 10.0, "period_start": datetime.date(2023, m, 1),
               "period_end": datetime.date(2023, m + 2, 28 if m == 1 else 30)}
              for m in (1, 4)]
    series[0]["period_end"] = datetime.date(2023, 3, 31)
    assert yearly_points(series, "sum") == {}
    assert yearly_points(series, "average") == {2023: 10.0}


def test_a_year_reported_under_two_plans_is_one_point_and_counts_once(world, figures):
    """The home ministry reported 2022 under the plan and again under a roadmap: the later
    report's 25 replaces 20, and the series has one «2022», not two."""
    from .factories import approved_plan

    _plan, indicator, _p22, _p23 = figures
    roadmap = approved_plan(world, measures_per_objective=1)
    period = ReportingPeriod.objects.create(
        plan=roadmap, kind="year", start=datetime.date(2022, 1, 1),
        end=datetime.date(2022, 12, 31), due_date=datetime.date(2023, 1, 31), state="closed")
    again = Report.objects.create(period=period, plan=roadmap, organisation=world.home_org,
                                  state="accepted")
    _values(again, indicator, {"": "25", "sex=F": "15", "sex=M": "10"})
    figure = _figure(world.users["coordinator"], indicator)
    points = [(p["label"], p["value"], p["breakdown"]) for p in figure["series"]]
    assert points == [("2022", 25.0, {"F": 15.0, "M": 10.0}),
                      ("2023", 42.0, {"F": 25.0, "M": 17.0})]
