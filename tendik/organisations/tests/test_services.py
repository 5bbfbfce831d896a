import pytest
from django.urls import reverse

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.organisations import services
from tendik.organisations.filters import OrganisationFilterSet
from tendik.organisations.models import Organisation, User
from tendik.organisations.selectors import organisation_list

pytestmark = pytest.mark.django_db


def test_update_is_audited_with_old_and_new_values_and_reason(world):
    coordinator = world.users["coordinator"]
    services.organisation_update(organisation=world.home_org, actor=coordinator,
                                 reason="переименование", name_en="Ministry of Labour")
    entry = AuditEntry.objects.filter(object_id=str(world.home_org.pk), action="update").get()
    assert entry.actor == coordinator and entry.actor_name == "coordinator"
    assert entry.changes == {"name_en": {"old": "", "new": "Ministry of Labour"}}
    assert entry.reason == "переименование"
    assert entry.country_code == "KG"


def test_update_without_changes_writes_no_audit_row(world):
    before = AuditEntry.objects.count()
    _, changes = services.organisation_update(organisation=world.home_org,
                                              actor=world.users["coordinator"],
                                              name_ru=world.home_org.name_ru)
    assert changes == {} and AuditEntry.objects.count() == before


def test_create_and_delete_are_audited(world):
    organisation = services.organisation_create(actor=world.users["coordinator"], kind="cso",
                                                name_ru="ОО «Ынтымак»", country=world.kg)
    created = AuditEntry.objects.get(object_id=str(organisation.pk), action="create")
    assert created.changes["name_ru"] == {"old": None, "new": "ОО «Ынтымак»"}
    other = services.organisation_name_add(organisation=organisation,
                                           actor=world.users["coordinator"], kind="acronym",
                                           acronym="Ынт")
    services.organisation_name_remove(other_name=other, actor=world.users["coordinator"])
    assert AuditEntry.objects.filter(action="delete", object_repr="Ынт").exists()


def test_three_names_of_one_ministry_resolve_to_it(world):
    coordinator = world.users["coordinator"]
    for acronym, name in [("МТСР", "Министерство труда и социального развития"),
                          ("МЗСР", "Министерство здравоохранения и социального развития")]:
        services.organisation_name_add(organisation=world.home_org, actor=coordinator,
                                       kind="former", name=name, acronym=acronym)
    for query in ("МТСР", "мзср", "МТСОиМ", "здравоохранения и социального"):
        found = list(OrganisationFilterSet({"search": query},
                                           queryset=organisation_list(user=coordinator)).qs)
        assert found == [world.home_org], query


def test_coordinator_cannot_write_another_countrys_organisation(world):
    with pytest.raises(DomainError) as error:
        services.organisation_update(organisation=world.kz_org, actor=world.users["coordinator"],
                                     name_en="x")
    assert error.value.code == "forbidden"
    with pytest.raises(DomainError):
        services.organisation_create(actor=world.users["coordinator"], kind="cso",
                                     name_ru="Чужая", country=world.kz)
    with pytest.raises(DomainError):
        services.organisation_update(organisation=world.home_org, actor=world.users["focal_point"],
                                     name_en="x")


def test_parent_cycle_is_refused(world):
    coordinator = world.users["coordinator"]
    child = services.organisation_create(actor=coordinator, kind="state_agency",
                                         name_ru="Агентство", country=world.kg,
                                         parent=world.home_org)
    with pytest.raises(DomainError, match="цикл"):
        services.organisation_update(organisation=world.home_org, actor=coordinator, parent=child)


def test_user_create_checks_password_policy_and_roles(world):
    coordinator = world.users["coordinator"]
    with pytest.raises(DomainError):
        services.user_create(actor=coordinator, username="weak", password="12345",
                             organisation=world.home_org, country=world.kg, roles=["focal_point"])
    with pytest.raises(DomainError, match="администратора"):
        services.user_create(actor=coordinator, username="boss", password="Long-enough-pass-1",
                             organisation=world.home_org, country=world.kg, roles=["admin"])
    user = services.user_create(actor=coordinator, username="aigul",
                                password="Long-enough-pass-1", organisation=world.home_org,
                                country=world.kg, roles=["focal_point", "observer"])
    assert sorted(user.role_assignments.values_list("role", flat=True)) == ["focal_point",
                                                                           "observer"]
    services.user_update(user=user, actor=coordinator, roles=["observer"])
    change = AuditEntry.objects.filter(object_id=str(user.pk)).order_by("-id").first().changes
    assert change == {"roles": {"old": ["focal_point", "observer"], "new": ["observer"]}}
    assert not User.objects.get(pk=user.pk).check_password("x")


def test_organisations_created_by_services_are_searchable(world):
    organisation = services.organisation_create(actor=world.users["admin"], kind="international",
                                                name_ru="Структура «ООН-Женщины»",
                                                name_en="UN Women", acronym="ООН-Женщины")
    assert organisation.search_text == "структура «оон-женщины» | un women | оон-женщины"
    assert Organisation.objects.filter(search_text__contains="un women").exists()


def test_coordinator_sets_the_language_a_user_gets_mail_in(world):
    client = world.client("coordinator")
    response = client.post(reverse("organisations:user_create"), {
        "username": "aizada", "email": "aizada@example.org", "language": "en",
        "organisation": world.home_org.pk, "roles": ["focal_point"],
        "password": "Long-enough-pass-1", "is_active": "on"})
    assert response.status_code == 302
    user = User.objects.get(username="aizada")
    assert user.language == "en"
    services.user_update(user=user, actor=world.users["coordinator"], language="ky")
    user.refresh_from_db()
    assert user.language == "ky"
