"""The project services: each rule, its bad input named by field, the audit rows, versions."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.partners.models import Disbursement, Project
from tendik.partners.projects import services
from tendik.plans.models import FrameworkItem
from tendik.plans.tests.factories import build_plan
from tendik.testing.factories import OrganisationFactory, TerritoryFactory

from .conftest import make_project, project_data

pytestmark = pytest.mark.django_db


def _audit(project) -> list[AuditEntry]:
    content_type = ContentType.objects.get_for_model(Project)
    return list(AuditEntry.objects.filter(content_type=content_type, object_id=str(project.pk))
                .order_by("id"))


def _fails(code: str, field: str, call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == code, caught.value
    assert field in [e["field"] for e in caught.value.errors], caught.value.errors
    return caught.value


def test_a_coordinator_creates_a_project_with_partners_budget_and_one_audit_row(world, donor):
    project = make_project(world, donor)
    assert project.version == 1 and project.country == world.kg
    assert sorted(project.partners.values_list("role", flat=True)) == ["counterpart", "donor"]
    lines = list(project.budget.order_by("year"))
    assert [(line.amount, line.currency) for line in lines] == [
        (Decimal("100000.00"), "USD"), (Decimal("250000.50"), "KGS")]
    [entry] = _audit(project)
    assert entry.action == "create" and entry.country_code == "KG"
    assert entry.changes["budget"]["new"] == ["2024 donor 100000.00 USD",
                                              "2025 republican 250000.50 KGS"]
    assert len(entry.changes["partners"]["new"]) == 2


def test_thematic_links_are_checked_against_the_country(world, donor):
    plan, _strategy = build_plan(world, measures_per_objective=1)
    measure = plan.measures.first()
    region = TerritoryFactory(parent=world.kg, code="KG02000000000")
    sdg = FrameworkItem.objects.get(kind="sdg", code="5.5")
    project = make_project(world, donor, measures=[measure.pk], territories=[region.code],
                           frameworks=[sdg.pk])
    assert list(project.measures.all()) == [measure]
    assert list(project.territories.all()) == [region]
    cedaw = FrameworkItem.objects.filter(kind="cedaw_article").first()
    _fails("not_found", "frameworks",
           lambda: make_project(world, donor, frameworks=[cedaw.pk]))
    kz_region = TerritoryFactory(parent=world.kz, code="KZ0001", country_code="KZ")
    _fails("not_found", "territories",
           lambda: make_project(world, donor, territories=[kz_region.code]))
    _fails("not_found", "measures", lambda: make_project(world, donor, measures=[10**9]))


@pytest.mark.parametrize("overrides,field", [
    ({"budget": [{"year": 2024, "amount": "10", "currency": "XYZ", "source": "donor"}]},
     "budget[0].currency"),
    ({"budget": [{"year": 2024, "amount": "-1", "currency": "USD", "source": "donor"}]},
     "budget[0].amount"),
    ({"budget": [{"year": 2024, "amount": "abc", "currency": "USD", "source": "donor"}]},
     "budget[0].amount"),
    ({"budget": [{"year": 2030, "amount": "1", "currency": "USD", "source": "donor"}]},
     "budget[0].year"),
    ({"budget": [{"year": 2024, "amount": "1", "currency": "USD", "source": "grant"}]},
     "budget[0].source"),
    ({"partners": [{"organisation": "donor", "role": "sponsor"}]}, "partners[0].role"),
    ({"period_end": datetime.date(2023, 1, 1)}, "period_end"),
    ({"title_ru": "  "}, "title_ru"),
    ({"status": "done"}, "status"),
])
def test_bad_input_is_a_400_naming_the_field(world, donor, overrides, field):
    # "donor" stands for the donor's id, which differs between databases.
    overrides = {key: [{**row, "organisation": donor.pk} if row.get("organisation") == "donor"
                       else row for row in value] if key == "partners" else value
                 for key, value in overrides.items()}
    _fails("invalid", field, lambda: make_project(world, donor, **overrides))
    assert not Project.objects.exists()


def test_organisations_out_of_the_country_are_404_on_their_field(world, donor):
    overrides = {"partners": [{"organisation": world.kz_org.pk, "role": "donor"}]}
    _fails("not_found", "partners[0].organisation", lambda: make_project(world, donor,
                                                                         **overrides))
    line = {"year": 2024, "amount": "1", "currency": "USD", "source": "donor",
            "funder": world.kz_org.pk}
    _fails("not_found", "budget[0].funder", lambda: make_project(world, donor, budget=[line]))


def test_a_coordinator_creates_only_in_their_country_and_an_admin_anywhere(world, donor):
    _fails("not_found", "country", lambda: make_project(world, donor, country="KZ"))
    kz_partner = [{"organisation": world.kz_org.pk, "role": "counterpart"}]
    project = make_project(world, donor, actor="admin", country="KZ", partners=kz_partner)
    assert project.country == world.kz


def test_a_partner_creates_only_with_its_own_organisation_among_the_partners(world, donor):
    project = make_project(world, donor, actor="partner")
    assert project.partners.filter(organisation=world.home_org).exists()
    others = [{"organisation": donor.pk, "role": "donor"}]
    with pytest.raises(DomainError) as caught:
        make_project(world, donor, actor="partner", partners=others)
    assert caught.value.code == "forbidden"


@pytest.mark.parametrize("role", ["observer", "focal_point", "committee"])
def test_readers_may_not_create(world, donor, role):
    with pytest.raises(DomainError) as caught:
        make_project(world, donor, actor=role)
    assert caught.value.code == "forbidden"


def test_an_update_replaces_the_lists_and_audits_their_difference(world, donor):
    project = make_project(world, donor)
    budget = [{"year": 2026, "amount": "5000", "currency": "EUR", "source": "donor",
               "funder": donor.pk}]
    project = services.project_update(actor=world.users["coordinator"], project=project,
                                      version=1, data={"title_en": "Life free of violence",
                                                       "budget": budget})
    assert project.version == 2
    assert [(line.currency, line.funder) for line in project.budget.all()] == [("EUR", donor)]
    entry = _audit(project)[-1]
    assert entry.action == "update"
    assert entry.changes["title_en"] == {"old": "", "new": "Life free of violence"}
    assert entry.changes["budget"]["new"] == [f"2026 donor 5000.00 EUR funder={donor.pk}"]
    assert "partners" not in entry.changes


def test_a_save_that_changes_nothing_writes_nothing(world, donor):
    project = make_project(world, donor)
    data = project_data(world, donor)
    data.pop("country")
    services.project_update(actor=world.users["coordinator"], project=project, version=1,
                            data=data)
    project.refresh_from_db()
    assert project.version == 1 and len(_audit(project)) == 1


def test_a_stale_version_is_a_conflict(world, donor):
    project = make_project(world, donor)
    services.project_update(actor=world.users["coordinator"], project=project, version=1,
                            data={"code": "KG-1"})
    with pytest.raises(DomainError) as caught:
        services.project_update(actor=world.users["partner"], project=project, version=1,
                                data={"code": "KG-2"})
    assert caught.value.code == "conflict"
    project.refresh_from_db()
    assert project.code == "KG-1"


def test_shortening_the_period_past_a_budget_year_is_refused(world, donor):
    project = make_project(world, donor)
    _fails("invalid", "period_end", lambda: services.project_update(
        actor=world.users["coordinator"], project=project, version=1,
        data={"period_end": datetime.date(2024, 12, 31)}))


def test_a_partner_editing_another_partners_project_finds_nothing(world, donor):
    other = make_project(world, donor, partners=[{"organisation": donor.pk, "role": "donor"}])
    with pytest.raises(DomainError) as caught:
        services.project_update(actor=world.users["partner"], project=other, version=1,
                                data={"code": "X"})
    assert caught.value.code == "not_found"


@pytest.mark.parametrize("role,code", [("observer", "forbidden"), ("focal_point", "forbidden"),
                                       ("coordinator_kz", "not_found")])
def test_readers_and_other_countries_may_not_update(world, donor, role, code):
    project = make_project(world, donor)
    with pytest.raises(DomainError) as caught:
        services.project_update(actor=world.users[role], project=project, version=1,
                                data={"code": "X"})
    assert caught.value.code == code


def test_transitions_follow_the_one_table(world, donor):
    project = make_project(world, donor, status="pipeline")
    actor = world.users["coordinator"]
    with pytest.raises(DomainError) as caught:
        services.project_transition(actor=actor, project=project, to="completed")
    assert caught.value.code == "conflict"
    for to in ("active", "suspended", "active", "completed"):
        project = services.project_transition(actor=actor, project=project, to=to)
    assert project.status == "completed" and project.version == 5
    with pytest.raises(DomainError) as caught:
        services.project_transition(actor=actor, project=project, to="active")
    assert caught.value.code == "conflict"
    _fails("invalid", "to", lambda: services.project_transition(actor=actor, project=project,
                                                                to="finished"))
    assert _audit(project)[-1].changes["status"] == {"old": "active", "new": "completed"}


def test_an_update_may_not_jump_the_life_cycle(world, donor):
    project = make_project(world, donor, status="pipeline")
    with pytest.raises(DomainError) as caught:
        services.project_update(actor=world.users["coordinator"], project=project, version=1,
                                data={"status": "completed"})
    assert caught.value.code == "conflict"


def test_a_disbursement_within_the_budget_has_no_warning(world, donor):
    project = make_project(world, donor)
    row, warnings = services.disbursement_add(
        actor=world.users["coordinator"], project=project, date=datetime.date(2024, 5, 1),
        amount="60000", currency="usd", funder=donor.pk, note="Первый транш")
    assert (row.amount, row.currency, row.funder, warnings) == (
        Decimal("60000.00"), "USD", donor, [])
    assert AuditEntry.objects.filter(object_id=str(row.pk), action="create",
                                     content_type__model="disbursement").count() == 1


def test_a_disbursement_beyond_the_budget_is_saved_with_a_warning(world, donor):
    project = make_project(world, donor)
    actor = world.users["partner"]
    services.disbursement_add(actor=actor, project=project, date=datetime.date(2024, 5, 1),
                              amount="90000", currency="USD")
    row, warnings = services.disbursement_add(actor=actor, project=project,
                                              date=datetime.date(2024, 6, 1), amount="20000",
                                              currency="USD")
    assert row.pk and len(warnings) == 1 and "на 10\xa0000,00 USD" in warnings[0]
    _row, warnings = services.disbursement_add(actor=actor, project=project,
                                               date=datetime.date(2024, 6, 1), amount="1",
                                               currency="EUR")
    assert "EUR" in warnings[0]
    assert project.disbursements.count() == 3


@pytest.mark.parametrize("overrides,field", [
    ({"date": datetime.date(2027, 1, 1)}, "date"),
    ({"date": datetime.date(2023, 12, 31)}, "date"),
    ({"amount": "0"}, "amount"),
    ({"amount": "-5"}, "amount"),
    ({"currency": "ABC"}, "currency"),
])
def test_a_bad_disbursement_is_a_400_naming_the_field(world, donor, overrides, field):
    project = make_project(world, donor)
    data = {"date": datetime.date(2024, 5, 1), "amount": "10", "currency": "USD", **overrides}
    _fails("invalid", field, lambda: services.disbursement_add(
        actor=world.users["coordinator"], project=project, **data))
    assert not Disbursement.objects.exists()


def test_an_observer_may_not_add_or_delete_a_disbursement(world, donor):
    project = make_project(world, donor)
    row, _w = services.disbursement_add(actor=world.users["coordinator"], project=project,
                                        date=datetime.date(2024, 5, 1), amount="10",
                                        currency="USD")
    for call in (lambda: services.disbursement_add(
            actor=world.users["observer"], project=project, date=datetime.date(2024, 5, 1),
            amount="10", currency="USD"),
            lambda: services.disbursement_delete(actor=world.users["observer"],
                                                 project=project, disbursement=row)):
        with pytest.raises(DomainError) as caught:
            call()
        assert caught.value.code == "forbidden"


def test_a_disbursement_is_deleted_with_its_audit_row(world, donor):
    project = make_project(world, donor)
    row, _w = services.disbursement_add(actor=world.users["coordinator"], project=project,
                                        date=datetime.date(2024, 5, 1), amount="10",
                                        currency="USD")
    other = make_project(world, donor)
    with pytest.raises(DomainError) as caught:
        services.disbursement_delete(actor=world.users["coordinator"], project=other,
                                     disbursement=row.pk)
    assert caught.value.code == "not_found"
    services.disbursement_delete(actor=world.users["coordinator"], project=project,
                                 disbursement=row.pk)
    assert not Disbursement.objects.exists()
    assert AuditEntry.objects.filter(object_id=str(row.pk), action="delete",
                                     content_type__model="disbursement").exists()


def test_an_international_organisation_without_a_country_may_be_a_partner(world):
    donor = OrganisationFactory(country=None, kind="international")
    project = make_project(world, donor)
    assert project.partners.filter(organisation=donor).exists()
