"""Writing help services: what is stored and audited, every refused input named by its field,
versions, and who may write what."""

import pytest

from tendik.committees.directory import services
from tendik.committees.models import HelpService
from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _error(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def _field(error: DomainError) -> str:
    return error.errors[0]["field"]


def test_a_service_is_stored_with_its_codes_and_territories_and_audited(world, place, make):
    service = make(services=["shelter", "legal"], shelter_beds=12, languages=["ky", "ru"],
                   territories=[place.district.pk, place.region])
    service.refresh_from_db()
    assert (service.services, service.languages, service.shelter_beds) == ("shelter,legal",
                                                                         "ky,ru", 12)
    assert set(service.territories.all()) == {place.district, place.region}
    entries = AuditEntry.objects.filter(object_id=str(service.pk))
    assert {entry.action for entry in entries} == {"create", "update"}
    assert any("territories" in entry.changes for entry in entries)


@pytest.mark.parametrize("fields,field", [
    ({"services": []}, "services"),
    ({"services": ["massage"]}, "services"),
    ({"shelter_beds": 5}, "shelter_beds"),
    ({"phone": "звоните нам"}, "phone"),
    ({"phone": "12"}, "phone"),
    ({"phone": "+1 234 567 890 123 456 789 012"}, "phone"),
    ({"languages": ["fr"]}, "languages"),
    ({"national_hotline": True}, "national_hotline"),
    ({"services": ["shelter"], "address_public": "ул. Токтогула, 1"}, "address_public"),
    ({"name_ru": "  "}, "name_ru"),
    ({"territories": ["KG-C"]}, "territories"),
])
def test_bad_input_is_refused_naming_the_field(world, place, make, fields, field):
    error = _error(lambda: make(**fields))
    assert (error.code, _field(error)) == ("invalid", field)
    assert not HelpService.objects.exists()


def test_a_territory_of_another_country_is_refused(world, place, make):
    error = _error(lambda: make(territories=[place.kz_region.pk]))
    assert _field(error) == "territories" and not HelpService.objects.exists()


def test_an_organisation_of_another_country_is_not_found(world, make):
    error = _error(lambda: make(organisation=world.kz_org))
    assert (error.code, _field(error)) == ("not_found", "organisation")


def test_a_coordinator_cannot_add_to_another_country(world, make):
    error = _error(lambda: make(actor=world.users["coordinator_kz"]))
    assert (error.code, _field(error)) == ("not_found", "country")


@pytest.mark.parametrize("role", ["observer", "partner", "focal_point", "committee"])
def test_only_coordinators_add_services(world, make, role):
    assert _error(lambda: make(actor=world.users[role])).code == "forbidden"


def test_a_national_hotline_offers_the_hotline_service(world, make):
    service = make(services=["hotline"], national_hotline=True, phone="111")
    assert service.national_hotline and service.phone == "111"


def test_a_save_that_changes_nothing_writes_nothing(world, make):
    service = make()
    before = AuditEntry.objects.count()
    saved = services.help_service_update(actor=world.users["coordinator"], service=service,
                                         version=1, data={"hours": "круглосуточно"})
    assert saved.version == 1 and AuditEntry.objects.count() == before


def test_an_update_bumps_the_version_and_a_stale_one_is_a_conflict(world, place, make):
    service = make()
    coordinator = world.users["coordinator"]
    saved = services.help_service_update(actor=coordinator, service=service, version=1,
                                         data={"hours": "9:00–18:00",
                                               "territories": [place.district.pk]})
    assert saved.version == 2 and list(saved.territories.all()) == [place.district]
    changes = {name: change for entry in AuditEntry.objects.filter(
        object_id=str(service.pk), action="update") for name, change in entry.changes.items()}
    assert changes["hours"] == {"old": "круглосуточно", "new": "9:00–18:00"}
    assert changes["territories"] == {"old": [], "new": [place.district.pk]}
    error = _error(lambda: services.help_service_update(
        actor=coordinator, service=service, version=1, data={"hours": "10:00–17:00"}))
    assert error.code == "conflict" and error.current == {"version": 2}


def test_adding_a_shelter_keeps_the_rule_on_beds_and_address(world, make):
    service = make(address_public="ул. Токтогула, 1")
    error = _error(lambda: services.help_service_update(
        actor=world.users["coordinator"], service=service, version=1,
        data={"services": ["shelter"], "shelter_beds": 8}))
    assert _field(error) == "address_public"


def test_the_organisations_own_users_edit_their_service(world, make):
    service = make()
    saved = services.help_service_update(actor=world.users["partner"], service=service,
                                         version=1, data={"phone": "+996 555 00 00 00"})
    assert saved.phone == "+996 555 00 00 00"


def test_only_a_coordinator_moves_a_service_to_another_organisation(world, crisis_centre, make):
    service = make()
    error = _error(lambda: services.help_service_update(
        actor=world.users["partner"], service=service, version=1,
        data={"organisation": crisis_centre.pk}))
    assert error.code == "forbidden"
    moved = services.help_service_update(actor=world.users["coordinator"], service=service,
                                         version=1, data={"organisation": crisis_centre})
    assert moved.organisation == crisis_centre and moved.version == 2


def test_another_organisations_user_and_the_observer_may_not_edit(world, make):
    service = make(organisation=world.other_kg_org)
    for role in ("partner", "observer"):
        error = _error(lambda role=role: services.help_service_update(
            actor=world.users[role], service=service, version=1, data={"hours": "—"}))
        assert error.code == "forbidden"


def test_another_countrys_coordinator_does_not_find_the_service(world, make):
    service = make()
    error = _error(lambda: services.help_service_update(
        actor=world.users["coordinator_kz"], service=service, version=1, data={"hours": "—"}))
    assert error.code == "not_found"


def test_an_unknown_field_is_refused(world, make):
    service = make()
    error = _error(lambda: services.help_service_update(
        actor=world.users["coordinator"], service=service, version=1,
        data={"country": world.kz.pk}))
    assert _field(error) == "country"


def test_a_crisis_centre_of_the_country_may_run_the_service(world, crisis_centre, make):
    assert make(organisation=crisis_centre.pk).organisation == crisis_centre
