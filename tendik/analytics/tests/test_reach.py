"""Activities and reach: totals, each grouping, which reports count, and who sees what."""

import pytest

from tendik.analytics.basis import basis_for
from tendik.analytics.reach import activity_reach, recent_activities

from .factories import add_activity, open_year, reach_world, report_of, set_state

pytestmark = pytest.mark.django_db


def c(activities, women, men, total):
    return {"activities": activities, "women": women, "men": men,
            "not_recorded": total - women - men, "total": total}


@pytest.fixture
def rw(world):
    return reach_world(world)


def _reach(world, rw, role="coordinator", group_by=None, include=None, plan=True):
    user = world.users[role] if isinstance(role, str) else role
    basis = basis_for(user, plan_id=rw["plan"].pk if plan else None, include=include,
                      require_plan=plan)
    return activity_reach(basis, group_by=group_by)


def _groups(figure):
    return [(g["key"], g["label"], {k: g[k] for k in c(0, 0, 0, 0)}) for g in figure["groups"]]


def test_totals_with_not_recorded_as_the_rest(world, rw):
    figure = _reach(world, rw)
    assert figure["totals"] == c(5, 16, 8, 36)
    assert figure["based_on"] == {"accepted": 1, "under_review": 0, "reports": 2}
    assert figure["group_by"] == "" and figure["groups"] == []


def test_by_kind_in_the_order_of_the_kinds(world, rw):
    assert _groups(_reach(world, rw, group_by="kind")) == [
        ("meeting", "встреча", c(1, 2, 2, 4)),
        ("training", "тренинг", c(2, 13, 6, 24)),
        ("campaign", "информационная кампания", c(1, 1, 0, 1)),
        ("conference", "конференция", c(1, 0, 0, 7))]


def test_by_audience_counts_an_activity_in_each_of_its_audiences(world, rw):
    assert _groups(_reach(world, rw, group_by="audience")) == [
        ("civil_servants", "государственные служащие", c(2, 10, 5, 27)),
        ("lsg_staff", "сотрудники ОМСУ", c(1, 10, 5, 20)),
        ("pupils", "учащиеся", c(1, 2, 2, 4)),
        ("women", "женщины", c(1, 1, 0, 1)),
        ("", "не указана", c(1, 3, 1, 4))]


def test_by_territory_rolls_villages_and_districts_up_to_their_region(world, rw):
    groups = _groups(_reach(world, rw, group_by="territory"))
    assert groups[:2] == [
        ("KG02000000000", "Иссык-Кульская область", c(1, 2, 2, 4)),
        ("KG08000000000", "Чуйская область", c(2, 13, 6, 24))]
    # The activity placed in the whole country, then the one placed nowhere: no region,
    # each under its own key and label.
    assert groups[2:] == [("KG", "вся страна", c(1, 1, 0, 1)), ("", "не указана", c(1, 0, 0, 7))]


def test_by_measure_with_activities_of_no_measure_last(world, rw):
    assert _groups(_reach(world, rw, group_by="measure")) == [
        (str(rw["m111"].pk), "1.1.1", c(2, 13, 6, 24)),
        (str(rw["m121"].pk), "1.2.1", c(1, 10, 5, 20)),
        ("", "без мероприятия плана", c(3, 3, 2, 12))]


def test_by_partner_counts_an_activity_under_each_partner(world, rw):
    assert _groups(_reach(world, rw, group_by="partner")) == [
        (str(rw["third"].pk), "АС", c(2, 12, 7, 24)),
        (str(world.other_kg_org.pk), world.other_kg_org.acronym, c(1, 2, 2, 4)),
        ("", "без партнёров", c(3, 4, 1, 12))]


def test_by_period_in_the_order_of_the_periods(world, rw):
    p22 = open_year(world, rw["plan"], 2022)
    h22 = report_of(p22, world.home_org)
    add_activity(h22, women=4, men=4, total=9, start="2022-05-05")
    set_state(h22, "accepted")
    assert _groups(_reach(world, rw, group_by="period")) == [
        (str(p22.pk), "01.01.2022–31.12.2022", c(1, 4, 4, 9)),
        (str(rw["period"].pk), "01.01.2023–31.12.2023", c(5, 16, 8, 36))]
    ranged = basis_for(world.users["coordinator"], plan_id=rw["plan"].pk, period_to="2022")
    assert activity_reach(ranged)["totals"] == c(1, 4, 4, 9)


def test_only_activities_of_counted_reports(world, rw):
    set_state(rw["other"], "submitted")
    assert _reach(world, rw)["totals"] == c(5, 16, 8, 36)
    assert _reach(world, rw, include="submitted")["totals"] == c(6, 116, 108, 236)
    assert _reach(world, rw, role="observer", include="submitted")["totals"] == c(5, 16, 8, 36)
    for state in ("draft", "returned"):
        set_state(rw["other"], state)
        assert _reach(world, rw, include="submitted")["totals"] == c(5, 16, 8, 36), state


def test_a_partner_sees_only_the_activities_it_is_named_in(world, rw):
    figure = _reach(world, rw, role=rw["partner"], group_by="kind")
    assert figure["totals"] == c(2, 12, 7, 24)
    assert [g["key"] for g in figure["groups"]] == ["meeting", "training"]
    # The other organisation's draft names it too: not counted. Nor is a report under review.
    set_state(rw["home"], "submitted")
    assert _reach(world, rw, role=rw["partner"])["totals"] == c(0, 0, 0, 0)


def test_a_focal_point_counts_its_own_organisations_activities(world, rw):
    set_state(rw["other"], "accepted")
    assert _reach(world, rw)["totals"] == c(6, 116, 108, 236)
    assert _reach(world, rw, role="focal_point")["totals"] == c(5, 16, 8, 36)


def test_another_country_sees_nothing(world, rw):
    figure = _reach(world, rw, role="coordinator_kz", group_by="territory", plan=False)
    assert figure["totals"] == c(0, 0, 0, 0) and figure["groups"] == []
    assert figure["based_on"] == {"accepted": 0, "under_review": 0, "reports": 0}


def test_without_a_plan_every_visible_plan_counts(world, rw):
    assert _reach(world, rw, plan=False)["totals"] == c(5, 16, 8, 36)


def test_recent_activities_newest_first(world, rw):
    basis = basis_for(world.users["coordinator"], plan_id=rw["plan"].pk)
    assert [a.title for a in recent_activities(basis, limit=2)] == ["Кампания", "Встреча"]
    partner = basis_for(rw["partner"], plan_id=rw["plan"].pk)
    assert [a.title for a in recent_activities(partner)] == ["Встреча", "Тренинг в айыл аймаке"]
