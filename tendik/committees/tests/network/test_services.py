"""The network's rules: who writes what, bad input named by field, versions, audit."""

import datetime

import pytest
from django.utils import timezone

from tendik.committees.models import Committee, CommitteeMember
from tendik.committees.network import services
from tendik.committees.tests.factories import CommitteeMeetingFactory, CommitteeMemberFactory
from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.testing.factories import OrganisationFactory, PersonFactory

from .conftest import DAY

pytestmark = pytest.mark.django_db


def _create(world, tree, actor=None, **overrides):
    data = {"organisation": tree.omsu[2].pk, "territory": tree.municipalities[2].code,
            "established": DAY, "act": "Решение айылного кенеша № 5"}
    data.update(overrides)
    return services.committee_create(actor=actor or world.users["coordinator"], **data)


def _field(exc) -> str:
    return exc.value.errors[0]["field"]


def test_a_coordinator_records_a_committee_in_an_omsu_and_it_is_audited(world, tree):
    committee = _create(world, tree)
    assert (committee.country, committee.territory, committee.status) == (
        world.kg, tree.municipalities[2], "active")
    assert AuditEntry.objects.filter(object_id=str(committee.pk), action="create").count() == 1


def test_one_committee_per_omsu(world, tree):
    _create(world, tree)
    with pytest.raises(DomainError) as exc:
        _create(world, tree)
    assert _field(exc) == "organisation" and exc.value.code == "invalid"


def test_a_committee_needs_an_omsu_not_a_ministry(world, tree):
    with pytest.raises(DomainError) as exc:
        _create(world, tree, organisation=world.other_kg_org.pk)
    assert _field(exc) == "organisation"


def test_an_omsu_of_another_country_is_not_found(world, tree):
    kz_omsu = OrganisationFactory(country=world.kz, kind="lsg")
    with pytest.raises(DomainError) as exc:
        _create(world, tree, organisation=kz_omsu.pk)
    assert exc.value.code == "not_found" and _field(exc) == "organisation"


@pytest.mark.parametrize("field,value", [
    ("territory", "NOWHERE"), ("established", timezone.localdate() + datetime.timedelta(1)),
    ("status", "dormant"), ("act", "x" * 501)])
def test_bad_committee_input_names_its_field(world, tree, field, value):
    with pytest.raises(DomainError) as exc:
        _create(world, tree, **{field: value})
    assert _field(exc) == field
    assert not Committee.objects.exists()


def test_a_region_is_no_committee_territory(world, tree):
    with pytest.raises(DomainError) as exc:
        _create(world, tree, territory=tree.region.code)
    assert _field(exc) == "territory"


@pytest.mark.parametrize("role", ["observer", "focal_point", "committee", "partner"])
def test_only_managers_record_committees(world, tree, role):
    with pytest.raises(DomainError) as exc:
        _create(world, tree, actor=world.users[role])
    assert exc.value.code == "forbidden"


def test_an_update_bumps_the_version_and_a_stale_one_conflicts(world, committee):
    coordinator = world.users["coordinator"]
    services.committee_update(actor=coordinator, committee=committee, version=1,
                              data={"status": "inactive"})
    committee.refresh_from_db()
    assert (committee.status, committee.version) == ("inactive", 2)
    with pytest.raises(DomainError) as exc:
        services.committee_update(actor=coordinator, committee=committee, version=1,
                                  data={"act": "другой"})
    assert exc.value.code == "conflict"


def test_a_save_that_changes_nothing_writes_nothing(world, committee):
    before = AuditEntry.objects.count()
    services.committee_update(actor=world.users["coordinator"], committee=committee, version=1,
                              data={"status": committee.status, "act": committee.act})
    committee.refresh_from_db()
    assert committee.version == 1 and AuditEntry.objects.count() == before


def test_the_secretary_may_not_change_the_establishment_data(world, committee):
    with pytest.raises(DomainError) as exc:
        services.committee_update(actor=world.users["committee"], committee=committee,
                                  version=1, data={"status": "inactive"})
    assert exc.value.code == "forbidden"


def test_the_kz_coordinator_does_not_find_a_kg_committee(world, committee):
    with pytest.raises(DomainError) as exc:
        services.committee_update(actor=world.users["coordinator_kz"], committee=committee,
                                  version=1, data={"status": "inactive"})
    assert exc.value.code == "not_found"


def test_the_secretary_adds_members_to_their_own_committee(world, committee):
    member = services.member_add(actor=world.users["committee"], committee=committee,
                                 name="Садыкова Нургуль", position="социальный работник",
                                 institution="social", role="secretary")
    assert member.committee == committee and member.role == "secretary"
    assert AuditEntry.objects.filter(object_id=str(member.pk), action="create").exists()


def test_the_secretary_does_not_find_another_committee_to_write(world, other_committee):
    with pytest.raises(DomainError) as exc:
        services.member_add(actor=world.users["committee"], committee=other_committee,
                            name="X", institution="police")
    assert exc.value.code == "not_found"


def test_a_reader_may_not_add_members(world, committee):
    with pytest.raises(DomainError) as exc:
        services.member_add(actor=world.users["observer"], committee=committee, name="X",
                            institution="police")
    assert exc.value.code == "forbidden"


@pytest.mark.parametrize("role", ["chair", "secretary"])
def test_a_second_chair_or_secretary_is_refused_naming_role(world, committee, role):
    CommitteeMemberFactory(committee=committee, role=role)
    with pytest.raises(DomainError) as exc:
        services.member_add(actor=world.users["coordinator"], committee=committee, name="X",
                            institution="health", role=role)
    assert _field(exc) == "role"


def test_a_member_from_the_directory_brings_name_and_position(world, committee):
    person = PersonFactory(organisation=world.home_org, last_name="Токтогулова",
                           first_name="Айжан", position="инспектор ИДН")
    member = services.member_add(actor=world.users["coordinator"], committee=committee,
                                 institution="police", person=person.pk)
    assert (member.name, member.position, member.organisation) == (
        "Токтогулова Айжан", "инспектор ИДН", world.home_org)


@pytest.mark.parametrize("data,field", [({"institution": "army"}, "institution"),
                                        ({"name": ""}, "name"), ({"person": 999999}, "person"),
                                        ({"role": "boss"}, "role")])
def test_bad_member_input_names_its_field(world, committee, data, field):
    with pytest.raises(DomainError) as exc:
        services.member_add(actor=world.users["coordinator"], committee=committee,
                            **{"name": "X", "institution": "police", **data})
    assert _field(exc) == field


def test_a_member_is_updated_and_removed_with_an_audit_trail(world, committee):
    member = CommitteeMemberFactory(committee=committee)
    secretary = world.users["committee"]
    services.member_update(actor=secretary, member=member, data={"role": "chair"})
    member.refresh_from_db()
    assert member.role == "chair"
    before = AuditEntry.objects.count()
    services.member_update(actor=secretary, member=member, data={"role": "chair"})
    assert AuditEntry.objects.count() == before
    services.member_remove(actor=secretary, member=member)
    assert not CommitteeMember.objects.exists()
    assert AuditEntry.objects.filter(object_id=str(member.pk), action="delete").exists()


def test_the_secretary_records_a_meeting(world, committee):
    meeting = services.meeting_add(actor=world.users["committee"], committee=committee,
                                   date=DAY, agenda="О профилактике", attended_women=6,
                                   attended_men=2)
    assert (meeting.attended_women, meeting.attended_men, meeting.version) == (6, 2, 1)


@pytest.mark.parametrize("data,field", [
    ({"date": timezone.localdate() + datetime.timedelta(1)}, "date"),
    ({"agenda": "  "}, "agenda"), ({"attended_women": -1}, "attended_women"),
    ({"attended_men": "3"}, "attended_men")])
def test_bad_meeting_input_names_its_field(world, committee, data, field):
    with pytest.raises(DomainError) as exc:
        services.meeting_add(actor=world.users["coordinator"], committee=committee,
                             **{"date": DAY, "agenda": "О работе", **data})
    assert _field(exc) == field


def test_a_meeting_update_is_versioned(world, committee):
    meeting = CommitteeMeetingFactory(committee=committee, date=DAY)
    secretary = world.users["committee"]
    services.meeting_update(actor=secretary, meeting=meeting, version=1,
                            data={"decisions": "Провести рейд"})
    meeting.refresh_from_db()
    assert (meeting.decisions, meeting.version) == ("Провести рейд", 2)
    with pytest.raises(DomainError) as exc:
        services.meeting_update(actor=secretary, meeting=meeting, version=1,
                                data={"decisions": "другое"})
    assert exc.value.code == "conflict"
