"""The agreement's life-cycle: the one transition table decides every move."""


import pytest
from django.utils import timezone

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.partners.engagements import services
from tendik.partners.engagements.workflow import TRANSITIONS, may_move, next_statuses
from tendik.partners.models import FollowUpStatus

from .conftest import record

S = FollowUpStatus
ALL_MOVES = [(old, new) for old in S.values for new in S.values if old != new]


def test_the_table_names_every_status_and_only_known_ones():
    assert set(TRANSITIONS) == set(S.values)
    assert all(targets <= set(S.values) for targets in TRANSITIONS.values())


def test_done_only_reopens_to_in_progress_and_dropped_only_to_open():
    assert next_statuses(S.DONE) == [S.DONE, S.IN_PROGRESS]
    assert next_statuses(S.DROPPED) == [S.DROPPED, S.OPEN]
    assert may_move(S.OPEN, S.OPEN)


@pytest.mark.django_db
@pytest.mark.parametrize("old,new", ALL_MOVES, ids=[f"{o}->{n}" for o, n in ALL_MOVES])
def test_the_service_follows_the_table(world, old, new):
    follow_up = record(world).follow_ups.get()
    type(follow_up).objects.filter(pk=follow_up.pk).update(status=old)
    actor = world.users["focal_point"]
    if may_move(old, new):
        moved = services.follow_up_update(actor=actor, follow_up=follow_up, version=1, status=new)
        assert moved.status == new and moved.version == 2
        assert (moved.done_on == timezone.localdate()) == (new == S.DONE)
    else:
        with pytest.raises(DomainError) as caught:
            services.follow_up_update(actor=actor, follow_up=follow_up, version=1, status=new)
        assert caught.value.code == "conflict"


@pytest.mark.django_db
def test_a_note_alone_changes_without_a_move_and_the_same_save_writes_nothing(world):
    follow_up = record(world).follow_ups.get()
    actor = world.users["focal_point"]
    noted = services.follow_up_update(actor=actor, follow_up=follow_up, version=1,
                                      status="open", note="Черновик готов")
    assert noted.version == 2
    entry = AuditEntry.objects.get(action="update", object_id=str(follow_up.pk))
    assert entry.changes == {"note": {"old": "", "new": "Черновик готов"}}
    again = services.follow_up_update(actor=actor, follow_up=follow_up, version=2,
                                      status="open", note="Черновик готов")
    assert again.version == 2
    with pytest.raises(DomainError) as caught:
        services.follow_up_update(actor=actor, follow_up=follow_up, version=1, status="done")
    assert caught.value.code == "conflict"
    with pytest.raises(DomainError) as caught:
        services.follow_up_update(actor=actor, follow_up=follow_up, version=2, status="later")
    assert caught.value.errors[0]["field"] == "status"
