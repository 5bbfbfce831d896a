"""The figures: accepted forms only, mapped up to the level, small districts merged, every row
suppressed for the public and the readers who are not coordinators."""

import pytest

from tendik.committees.disclosure.figures import internal_rows, published_rows, published_years
from tendik.committees.tests.factories import MonthlyStatisticsFactory
from tendik.testing.factories import user_with_role

from .attacker import recover
from .conftest import FEB, JAN, SECRET, counts

pytestmark = pytest.mark.django_db


def _by(rows):
    return {(row.month, row.territory_code): row for row in rows}


def test_region_figures_sum_accepted_forms_of_municipalities_and_districts(scenario):
    rows = _by(published_rows(scenario.kg, "region"))
    assert set(rows) == {(JAN, "KG-R1"), (JAN, "KG-R2"), (FEB, "KG-R2")}
    assert rows[(JAN, "KG-R1")].cells["appeals_total"] == 20 + 10 + 3 + 7
    assert rows[(JAN, "KG-R1")].territory_name == "Чуйская область"
    assert rows[(JAN, "KG-R2")].cells["appeals_total"] == 12


def test_drafts_and_forms_under_review_never_count(scenario):
    for level in ("region", "district"):
        for row in published_rows(scenario.kg, level):
            assert all(value is None or value < SECRET for value in row.values)
    coordinator = user_with_role("coordinator", organisation__country=scenario.kg)
    for row in internal_rows(coordinator, scenario.kg, "district"):
        assert max(row.values) < SECRET


def test_small_districts_are_merged_with_the_next_smallest_of_their_region(scenario):
    rows = _by(published_rows(scenario.kg, "district"))
    assert set(rows) == {(JAN, "KG-R1-D1"), (JAN, "KG-R1-other"), (JAN, "KG-R2-D1"),
                         (FEB, "KG-R2-D1")}
    merged = rows[(JAN, "KG-R1-other")]
    assert merged.merged and merged.cells["appeals_total"] == 3 + 7
    assert merged.territory_name == "другие районы: Чуйская область"
    assert rows[(JAN, "KG-R1-D1")].cells["appeals_total"] == 30  # its municipality's 20 + 10


def test_a_small_month_is_suppressed_and_nothing_hidden_is_recoverable(scenario):
    rows = _by(published_rows(scenario.kg, "region"))
    february = rows[(FEB, "KG-R2")]
    assert february.cells["appeals_total"] is None
    assert all(not 0 < (value or 0) < 5 for value in february.values)
    for row in rows.values():
        assert recover(row.cells) == {}


def test_a_year_range_keeps_to_its_months(scenario):
    rows = published_rows(scenario.kg, "region", (FEB, FEB))
    assert {row.month for row in rows} == {FEB}
    assert published_years("KG") == [2025]
    assert published_years("KZ") == []


def test_coordinators_and_admins_read_the_figures_as_reported(scenario, world):
    for role in ("coordinator", "admin"):
        rows = _by(internal_rows(world.users[role], scenario.kg, "district"))
        assert rows[(JAN, "KG-R1-D2")].cells["appeals_total"] == 3
        assert rows[(FEB, "KG-R2-D1")].cells["persons_total"] == 2


@pytest.mark.parametrize("role", ["partner", "observer", "focal_point", "committee",
                                  "coordinator_kz"])
def test_everyone_else_reads_the_published_figures(scenario, world, role):
    rows = internal_rows(world.users[role], scenario.kg, "district")
    assert rows == published_rows(scenario.kg, "district")
    assert (JAN, "KG-R1-D2") not in _by(rows)


def test_query_count_does_not_grow_with_the_number_of_forms(scenario, world,
                                                            django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        published_rows(scenario.kg, "district")
    for month in range(1, 13):
        for territory in (scenario.d1, scenario.d2, scenario.e1, scenario.m1):
            MonthlyStatisticsFactory(committee__country=scenario.kg,
                                     committee__territory=territory,
                                     month=JAN.replace(year=2024, month=month), state="accepted",
                                     **counts(month))
    with django_assert_max_num_queries(2):
        assert len(published_rows(scenario.kg, "district")) > 20
