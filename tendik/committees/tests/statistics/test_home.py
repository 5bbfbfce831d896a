"""The home-page block of a body's staff: the months still to fill and the forms returned."""

import pytest
from django.urls import reverse

from tendik.committees.statistics.services import statistics_save, statistics_transition

from .conftest import COUNTS, key, month_back

pytestmark = pytest.mark.django_db


def _home(world, role):
    return world.client(role).get(reverse("home")).content.decode()


def test_the_secretary_is_offered_the_months_still_to_fill(world, committee, secretary):
    row, _created = statistics_save(actor=secretary, committee=committee,
                                    month=key(month_back(1)), counts=COUNTS)
    statistics_transition(actor=secretary, row=row, to="submitted")
    page = _home(world, "committee")
    assert "Ежемесячная статистика" in page
    form = reverse("fv_statistics:form", args=["committee", committee.pk, key(month_back(0))])
    assert form in page
    filled = reverse("fv_statistics:form", args=["committee", committee.pk, key(month_back(1))])
    assert filled not in page


def test_a_returned_form_is_listed_with_the_reviewers_note(world, committee, secretary,
                                                           coordinator):
    row, _created = statistics_save(actor=secretary, committee=committee,
                                    month=key(month_back(1)), counts=COUNTS)
    statistics_transition(actor=secretary, row=row, to="submitted")
    statistics_transition(actor=coordinator, row=row, to="returned",
                          note="Уточните число перенаправлений")
    page = _home(world, "committee")
    assert "возвращён на доработку" in page and "Уточните число перенаправлений" in page


def test_a_draft_waits_to_be_sent(world, committee, secretary):
    statistics_save(actor=secretary, committee=committee, month=key(month_back(1)),
                    counts=COUNTS)
    page = _home(world, "committee")
    assert "Не отправлены" in page and "черновик" in page


@pytest.mark.parametrize("role", ["coordinator", "observer", "partner", "focal_point"])
def test_nobody_else_gets_the_block(world, committee, role):
    assert "Ежемесячная статистика" not in _home(world, role)


def test_the_block_costs_the_same_queries_for_one_or_many_forms(world, committee, secretary,
                                                                django_assert_max_num_queries):
    from tendik.committees.statistics.home import staff_block

    statistics_save(actor=secretary, committee=committee, month=key(month_back(1)),
                    counts=COUNTS)
    for months in range(2, 8):
        statistics_save(actor=secretary, committee=committee, month=key(month_back(months)),
                        counts=COUNTS)
    secretary._tendik_roles = None
    with django_assert_max_num_queries(5):
        staff_block(secretary)
