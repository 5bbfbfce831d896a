"""The life-cycle: the one transition table decides every move and who makes it."""

import pytest

from tendik.committees.statistics import services
from tendik.committees.statistics.workflow import EDITABLE, TRANSITIONS
from tendik.core.errors import DomainError

from .conftest import COUNTS

pytestmark = pytest.mark.django_db
STATES = ("draft", "submitted", "returned", "accepted")


@pytest.fixture
def form(secretary, committee, last_month):
    return services.statistics_save(actor=secretary, committee=committee, month=last_month,
                                    counts=COUNTS)[0]


def move(actor, row, to, note=""):
    return services.statistics_transition(actor=actor, row=row, to=to, note=note)


def put_in(row, state):
    type(row).objects.filter(pk=row.pk).update(state=state)
    row.refresh_from_db()
    return row


def test_the_table_is_the_issues_life_cycle():
    assert TRANSITIONS == {("draft", "submitted"): "staff", ("returned", "submitted"): "staff",
                           ("submitted", "accepted"): "manager",
                           ("submitted", "returned"): "manager",
                           ("accepted", "returned"): "manager"}
    assert {"draft", "returned"} == EDITABLE


@pytest.mark.parametrize("start,to", [(s, t) for s in STATES for t in STATES
                                      if (s, t) not in TRANSITIONS])
def test_every_move_outside_the_table_is_a_conflict(coordinator, form, start, to):
    with pytest.raises(DomainError) as caught:
        move(coordinator, put_in(form, start), to, note="Причина")
    assert caught.value.code == "conflict"


def test_the_secretary_submits_and_the_coordinator_accepts(secretary, coordinator, form):
    row = move(secretary, form, "submitted")
    assert row.state == "submitted" and row.submitted_at is not None and row.version == 2
    row = move(coordinator, row, "accepted")
    assert row.state == "accepted" and row.reviewed_at is not None


def test_the_secretary_may_not_review(secretary, form):
    move(secretary, form, "submitted")
    with pytest.raises(DomainError) as caught:
        move(secretary, form, "accepted")
    assert caught.value.code == "forbidden"


def test_a_return_needs_a_note_and_keeps_it(secretary, coordinator, form):
    move(secretary, form, "submitted")
    with pytest.raises(DomainError) as caught:
        move(coordinator, form, "returned")
    assert caught.value.errors[0]["field"] == "note"
    row = move(coordinator, form, "returned", note="Проверьте перенаправления.")
    assert row.state == "returned" and row.review_note == "Проверьте перенаправления."
    assert move(secretary, row, "submitted").state == "submitted"


def test_a_coordinator_reopens_an_accepted_form_with_a_note(coordinator, form):
    move(coordinator, move(coordinator, form, "submitted"), "accepted")
    assert move(coordinator, form, "returned", note="Уточнить число ордеров.").state == "returned"


@pytest.mark.parametrize("state", ["submitted", "accepted"])
def test_counts_are_locked_outside_draft_and_returned(secretary, form, committee, last_month,
                                                       state):
    put_in(form, state)
    with pytest.raises(DomainError) as caught:
        services.statistics_save(actor=secretary, committee=committee, month=last_month,
                                 counts={**COUNTS, "protection_orders_total": 1},
                                 version=form.version)
    assert caught.value.code == "conflict"
    assert form.get_state_display() in str(caught.value)


def test_a_returned_form_may_be_corrected(secretary, coordinator, form, committee, last_month):
    move(coordinator, move(secretary, form, "submitted"), "returned", note="Исправьте.")
    form.refresh_from_db()
    row, created = services.statistics_save(
        actor=secretary, committee=committee, month=last_month,
        counts={**COUNTS, "protection_orders_total": 1}, version=form.version)
    assert not created and row.protection_orders_total == 1


def test_a_note_with_personal_data_is_refused(secretary, coordinator, form):
    move(secretary, form, "submitted")
    with pytest.raises(DomainError) as caught:
        move(coordinator, form, "returned", note="Позвоните 0 555 12-34-56")
    assert caught.value.errors[0]["field"] == "note"


def test_another_committees_secretary_does_not_find_the_form(world, other_committee, form):
    from tendik.testing.factories import user_with_role

    other = user_with_role("committee", username="other_secretary",
                           organisation=other_committee.organisation)
    with pytest.raises(DomainError) as caught:
        move(other, form, "submitted")
    assert caught.value.code == "not_found"
