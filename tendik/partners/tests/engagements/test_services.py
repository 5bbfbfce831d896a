"""The rules of recording meetings and agreements, and their bad input."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.partners.engagements import services
from tendik.partners.models import Engagement, FollowUp
from tendik.partners.tests.factories import ProjectFactory
from tendik.testing.factories import PersonFactory

from .conftest import MEETING_DAY, record

pytestmark = pytest.mark.django_db


def _error(exc_info) -> tuple[str, str]:
    exc = exc_info.value
    return exc.code, exc.errors[0]["field"] if exc.errors else ""


def test_a_coordinator_records_a_meeting_with_its_people_topics_and_agreements(world, meeting):
    assert meeting.country == world.kg and meeting.version == 1
    assert meeting.topic_list == ["экономические возможности женщин", "дорожная карта"]
    assert set(meeting.organisations.all()) == {world.home_org, world.other_kg_org}
    participant = meeting.participants.get()
    assert (participant.name, participant.position, participant.organisation) == (
        "Асанова Айгуль", "министр", world.home_org)
    follow_up = meeting.follow_ups.get()
    assert (follow_up.owner, follow_up.status, follow_up.version) == (world.home_org, "open", 1)


def test_creation_is_audited_with_the_people_and_organisations(world, meeting):
    entry = AuditEntry.objects.get(content_type=ContentType.objects.get_for_model(Engagement),
                                   object_id=str(meeting.pk))
    assert entry.action == "create" and entry.country_code == "KG"
    assert entry.changes["participants"]["new"] == [f"Асанова Айгуль — министр — {world.home_org}"]
    assert len(entry.changes["organisations"]["new"]) == 2
    assert AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(FollowUp)).count() == 1


def test_a_person_from_the_directory_keeps_the_position_they_held_at_the_meeting(world):
    person = PersonFactory(organisation=world.home_org, position="заместитель министра")
    meeting = record(world, participants=[{"person": person.pk}, {
        "person": person.pk, "position": "и. о. министра"}])
    person.position = "министр"
    person.save()
    first, second = meeting.participants.all()
    assert (first.name, first.position, first.organisation) == (
        person.full_name, "заместитель министра", world.home_org)
    assert second.position == "и. о. министра"


@pytest.mark.parametrize("overrides,code,field", [
    ({"kind": "party"}, "invalid", "kind"),
    ({"title_ru": "  "}, "invalid", "title_ru"),
    ({"date": "вчера"}, "invalid", "date"),
    ({"follow_ups": [{"text": "x", "owner": None, "due_date": MEETING_DAY}]}, "invalid",
     "follow_ups.0.owner"),
    ({"follow_ups": [{"text": "x", "owner": 1, "due_date": datetime.date(2025, 3, 3)}]},
     "invalid", "follow_ups.0.due_date"),
    ({"participants": [{"name": "", "position": "министр"}]}, "invalid", "participants.0.name"),
    ({"topics": "не список", "place": "x" * 256}, "invalid", "place"),
])
def test_bad_input_is_refused_naming_the_field(world, overrides, code, field):
    if "follow_ups" in overrides and overrides["follow_ups"][0]["owner"] == 1:
        overrides["follow_ups"][0]["owner"] = world.home_org.pk
    with pytest.raises(DomainError) as caught:
        record(world, **overrides)
    assert _error(caught) == (code, field)
    assert not Engagement.objects.exists()


def test_ids_outside_the_country_are_not_found_naming_the_field(world):
    kz_person = PersonFactory(organisation=world.kz_org)
    kz_project = ProjectFactory(country=world.kz)
    cases = [({"organisations": [world.kz_org.pk]}, "organisations"),
             ({"organisations": [10**9]}, "organisations"),
             ({"participants": [{"person": kz_person.pk}]}, "participants.0.person"),
             ({"participants": [{"name": "A", "organisation": world.kz_org.pk}]},
              "participants.0.organisation"),
             ({"projects": [kz_project.pk]}, "projects"),
             ({"country": "KZ"}, "country"),
             ({"follow_ups": [{"text": "x", "owner": world.kz_org.pk,
                               "due_date": MEETING_DAY}]}, "follow_ups.0.owner")]
    for overrides, field in cases:
        with pytest.raises(DomainError) as caught:
            record(world, **overrides)
        assert _error(caught) == ("not_found", field), overrides


def test_a_project_of_the_country_may_be_linked(world):
    project = ProjectFactory(country=world.kg)
    assert list(record(world, projects=[project.pk]).projects.all()) == [project]


@pytest.mark.parametrize("role", ["observer", "focal_point", "partner", "committee"])
def test_only_coordinators_record_meetings(world, role):
    with pytest.raises(DomainError) as caught:
        record(world, actor=world.users[role])
    assert caught.value.code == "forbidden"


def test_an_update_replaces_participants_and_topics_as_wholes_and_is_audited(world, meeting):
    updated = services.engagement_update(
        actor=world.users["coordinator"], engagement=meeting, version=1, data={
            "topics": ["дорожная карта"], "place": "Ош",
            "participants": [{"name": "Иванова Анна", "position": "представитель"}]})
    assert updated.version == 2 and updated.place == "Ош"
    assert updated.topic_list == ["дорожная карта"]
    assert [p.name for p in updated.participants.all()] == ["Иванова Анна"]
    entry = AuditEntry.objects.filter(action="update", object_id=str(meeting.pk)).get()
    assert set(entry.changes) == {"topics", "place", "participants"}


def test_an_update_that_changes_nothing_writes_nothing(world, meeting):
    updated = services.engagement_update(
        actor=world.users["coordinator"], engagement=meeting, version=1, data={
            "place": "Бишкек", "topics": ["экономические возможности женщин", "дорожная карта"],
            "organisations": [world.other_kg_org.pk, world.home_org.pk],
            "participants": [{"name": "Асанова Айгуль", "position": "министр",
                              "organisation": world.home_org.pk}]})
    assert updated.version == 1
    assert not AuditEntry.objects.filter(action="update").exists()


def test_a_stale_update_is_a_conflict(world, meeting):
    services.engagement_update(actor=world.users["coordinator"], engagement=meeting, version=1,
                               data={"place": "Ош"})
    with pytest.raises(DomainError) as caught:
        services.engagement_update(actor=world.users["admin"], engagement=meeting, version=1,
                                   data={"place": "Нарын"})
    assert caught.value.code == "conflict"
    assert Engagement.objects.get().place == "Ош"


def test_a_meeting_cannot_move_after_its_agreements_are_due(world, meeting):
    with pytest.raises(DomainError) as caught:
        services.engagement_update(actor=world.users["coordinator"], engagement=meeting,
                                   version=1, data={"date": datetime.date(2025, 7, 1)})
    assert _error(caught) == ("invalid", "date")


def test_an_unknown_field_is_named(world, meeting):
    with pytest.raises(DomainError) as caught:
        services.engagement_update(actor=world.users["coordinator"], engagement=meeting,
                                   version=1, data={"country": "KZ"})
    assert _error(caught) == ("invalid", "country")


def test_other_countries_do_not_find_the_meeting_and_observers_may_not_write(world, meeting):
    for role, code in (("coordinator_kz", "not_found"), ("observer", "forbidden"),
                       ("focal_point", "forbidden")):
        with pytest.raises(DomainError) as caught:
            services.engagement_update(actor=world.users[role], engagement=meeting, version=1,
                                       data={"place": "Ош"})
        assert caught.value.code == code, role


def test_an_agreement_is_added_after_the_meeting(world, meeting):
    follow_up = services.follow_up_add(
        actor=world.users["coordinator"], engagement=meeting.pk, text="Провести семинар",
        owner=world.other_kg_org.pk, due_date=datetime.date(2025, 9, 1))
    assert follow_up.engagement == meeting and follow_up.owner == world.other_kg_org
    with pytest.raises(DomainError) as caught:
        services.follow_up_add(actor=world.users["coordinator"], engagement=meeting, text="x",
                               owner=world.home_org, due_date=datetime.date(2024, 1, 1))
    assert _error(caught) == ("invalid", "due_date")
    with pytest.raises(DomainError) as caught:
        services.follow_up_add(actor=world.users["focal_point"], engagement=meeting, text="x",
                               owner=world.home_org, due_date=datetime.date(2025, 9, 1))
    assert caught.value.code == "forbidden"
