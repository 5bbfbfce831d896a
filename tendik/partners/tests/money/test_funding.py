import datetime
from decimal import Decimal

import pytest

from tendik.core.errors import DomainError
from tendik.partners.money.funding import plan_funding
from tendik.partners.money.rates import MissingRate

from .scenario import VALUED_ON, add_projects, build_funding, rates

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(world):
    return build_funding(world)


def _figures(world, scenario, currency="KGS", role="coordinator", on=VALUED_ON):
    return plan_funding(world.users[role], plan_id=scenario.plan.pk, currency=currency, on=on)


def test_the_totals_by_source_count_each_amount_once(world, scenario):
    figures = _figures(world, scenario)
    # republican: four measures × 1 500 000; local: project B; donor: the donor lines of m5
    # and m7 (2 × 25 000,50 USD × 88) and project A's lines (10 000 USD × 88 + 1 000 EUR × 95).
    assert figures["by_source"] == {"republican": "6000000.00", "local": "500000.00",
                                    "donor": "5375088.00", "not_required": "0.00"}
    assert figures["total"] == figures["planned"] == "11875088.00"
    assert figures["currency"] == "KGS" and figures["valued_on"] == VALUED_ON


def test_a_measures_own_donor_line_is_left_out_when_a_project_covers_it(world, scenario):
    m1, _m2, m3, *_rest = scenario.measures
    measures = {m["id"]: m for m in _figures(world, scenario)["measures"]}
    assert measures[m1.pk]["sources"]["donor"] == "0.00"
    assert measures[m3.pk]["sources"]["donor"] == "95000.00"  # A's line named for m3
    assert any("посчитаны дважды" in note for note in _figures(world, scenario)["notes"])
    assert "донорских строк мероприятий по этому правилу: 2" in _figures(
        world, scenario)["notes"][-1]


def test_a_project_line_for_several_measures_counts_once_outside_any_measure(world, scenario):
    figures = _figures(world, scenario)
    assert sum(Decimal(m["planned"]) for m in figures["measures"]) == Decimal(
        figures["total"]) - 880000
    shared = figures["by_area"][-1]
    assert (shared["id"], shared["amount"], shared["disbursed"]) == (None, "880000.00",
                                                                      "435000.00")


def test_disbursements_are_valued_at_the_rate_of_their_own_day(world, scenario):
    figures = _figures(world, scenario)
    assert figures["disbursed"] == "515000.00"  # 5 000 × 87 + 1 000 × 80 (cancelled C)
    assert [(r["date"], r["rate"]) for r in figures["rates_disbursed"]] == [
        (datetime.date(2022, 5, 4), Decimal("80")), (datetime.date(2023, 3, 14), Decimal("87"))]
    assert {r["currency"] for r in figures["rates_planned"]} == {"USD", "EUR"}


def test_partners_are_the_lines_funder_else_the_projects_only_donor(world, scenario):
    rows = {r["name"]: (r["organisation"], r["amount"], r["disbursed"])
            for r in _figures(world, scenario)["by_partner"]}
    assert rows == {
        "ООН-Женщины": (scenario.donor.pk, "880000.00", "435000.00"),
        "Европейский союз": (scenario.funder.pk, "95000.00", "0.00"),
        "не указан": (None, "500000.00", "80000.00"),
    }


def test_unfunded_measures_have_no_amount_and_are_not_marked_not_required(world, scenario):
    m8 = scenario.measures[-1]
    figures = _figures(world, scenario)
    assert figures["unfunded_measures"] == [{"id": m8.pk, "code": m8.code, "title": m8.title}]
    assert figures["not_required_measures"] == 3


def test_figures_by_priority_area_split_by_source(world, scenario):
    first, second, _shared = _figures(world, scenario)["by_area"]
    assert first["by_source"] == {"republican": "3000000.00", "local": "500000.00",
                                  "donor": "95000.00", "not_required": "0.00"}
    assert second["amount"] == "7400088.00"


def test_in_usd_the_cross_rates_are_shown(world, scenario):
    figures = _figures(world, scenario, currency="usd")
    assert figures["currency"] == "USD"
    assert Decimal(figures["by_source"]["local"]) == (Decimal(500000) / 88).quantize(
        Decimal("0.01"))
    assert {(r["currency"], r["base"]) for r in figures["rates"]} >= {("USD", "KGS"),
                                                                     ("EUR", "KGS")}


def test_a_missing_rate_is_an_error_naming_currency_and_date(world, scenario):
    with pytest.raises(MissingRate) as caught:
        _figures(world, scenario, on=datetime.date(2026, 12, 3))
    assert caught.value.code == "conflict"
    assert "к KGS на 03.12.2026" in str(caught.value)


def test_a_currency_other_than_the_four_is_a_400_on_currency(world, scenario):
    rates(KGS_RUB="1.1")
    with pytest.raises(DomainError) as caught:
        _figures(world, scenario, currency="RUB")
    assert caught.value.errors[0]["field"] == "currency"


def test_a_plan_of_another_country_is_not_found(world, scenario):
    with pytest.raises(DomainError) as caught:
        _figures(world, scenario, role="coordinator_kz")
    assert caught.value.code == "not_found"


def test_a_plan_without_money_has_zeros_and_every_measure_unfunded(world):
    from tendik.plans.models import BudgetLine
    from tendik.plans.tests.factories import build_plan

    plan, _strategy = build_plan(world)
    BudgetLine.objects.filter(measure__plan=plan).delete()
    figures = plan_funding(world.users["observer"], plan_id=plan.pk, currency="EUR",
                           on=VALUED_ON)
    assert figures["total"] == "0.00" and figures["rates"] == []
    assert len(figures["unfunded_measures"]) == plan.measures.count()


def test_the_number_of_queries_does_not_grow_with_projects(world, scenario,
                                                           django_assert_max_num_queries):
    user = world.users["coordinator"]
    plan_funding(user, plan_id=scenario.plan.pk, currency="USD", on=VALUED_ON)  # roles cached
    with django_assert_max_num_queries(10):
        small = plan_funding(user, plan_id=scenario.plan.pk, currency="USD", on=VALUED_ON)
    add_projects(scenario, 15)
    with django_assert_max_num_queries(10):
        large = plan_funding(user, plan_id=scenario.plan.pk, currency="USD", on=VALUED_ON)
    assert Decimal(large["total"]) > Decimal(small["total"])
