"""Commitments' rules: frameworks, who makes and who changes them, yearly progress, evidence,
publication, the audit trail and version locking."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.partners.commitments import services
from tendik.partners.models import CommitmentProgress
from tendik.testing.factories import OrganisationFactory

from .conftest import pdf

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year


def _field(exc) -> str:
    return exc.value.errors[0]["field"]


@pytest.mark.parametrize("fields,field", [
    ({"action_coalition": ""}, "action_coalition"),
    ({"action_area": ""}, "action_area"),
    ({"action_area": "econ-care"}, "action_area"),  # an area of another coalition
    ({"framework": "cedaw"}, "cedaw_item"),
    ({"framework": "treaty"}, "framework"),
    ({"title_ru": "  "}, "title_ru"),
    ({"text_ru": ""}, "text_ru"),
    ({"target_date": datetime.date(2020, 1, 1)}, "target_date"),
    ({"status": "done"}, "status"),
])
def test_a_broken_framework_rule_is_a_400_naming_its_field(make, fields, field):
    with pytest.raises(DomainError) as exc:
        make(**fields)
    assert exc.value.code == "invalid" and _field(exc) == field


def test_each_framework_keeps_only_what_it_needs(make, cedaw):
    gbv = make()
    assert (gbv.action_coalition, gbv.action_area, gbv.cedaw_item) == ("gbv", "gbv-services", None)
    cedaw_one = make(framework="cedaw", cedaw_item=cedaw.pk)
    assert (cedaw_one.action_coalition, cedaw_one.action_area) == ("", "")
    assert cedaw_one.cedaw_item == cedaw
    national = make(framework="national", cedaw_item=cedaw.pk)
    assert (national.action_coalition, national.cedaw_item) == ("", None)


def test_a_cedaw_item_that_is_no_cedaw_recommendation_is_not_found(make, cedaw):
    from tendik.plans.models import FrameworkItem

    sdg = FrameworkItem.objects.get(kind="sdg", code="5.5")
    with pytest.raises(DomainError) as exc:
        make(framework="cedaw", cedaw_item=sdg)
    assert exc.value.code == "not_found" and _field(exc) == "cedaw_item"


def test_the_maker_is_a_government_body_a_cso_or_a_partner_of_the_country(world, make, cso):
    assert make(made_by=cso).made_by == cso
    regional = OrganisationFactory(country=None, kind="international", name_ru="ООН-Женщины")
    assert make(made_by=regional.pk).made_by == regional
    for stranger in (OrganisationFactory(country=world.kg, kind="media"), world.kz_org):
        with pytest.raises(DomainError) as exc:
            make(made_by=stranger)
        assert exc.value.code == "not_found" and _field(exc) == "made_by"


def test_a_member_records_their_own_organisations_commitments_only(world, make, cso):
    focal = world.users["focal_point"]
    assert make(actor=focal, made_by=None).made_by == world.home_org
    with pytest.raises(DomainError) as exc:
        make(actor=focal, made_by=cso)
    assert _field(exc) == "made_by"


def test_an_observer_may_not_write_and_another_country_is_not_found(world, make):
    with pytest.raises(DomainError) as exc:
        make(actor=world.users["observer"])
    assert exc.value.code == "forbidden"
    with pytest.raises(DomainError) as exc:
        make(country=world.kz)
    assert exc.value.code == "not_found"


def test_measures_and_indicators_of_another_country_are_not_found(world, make):
    from tendik.plans.services import indicator_create

    kz_indicator = indicator_create(actor=None, country=world.kz, code="K-1", name_ru="КЗ")
    with pytest.raises(DomainError) as exc:
        make(indicators=[kz_indicator.pk])
    assert exc.value.code == "not_found" and _field(exc) == "indicators"


def test_creating_and_changing_are_audited_and_an_unchanged_save_writes_nothing(world, make):
    coordinator = world.users["coordinator"]
    commitment = make()
    assert AuditEntry.objects.filter(object_id=str(commitment.pk), action="create").exists()
    entries = AuditEntry.objects.count()
    services.commitment_update(actor=coordinator, commitment=commitment, version=1,
                               data={"title_ru": commitment.title_ru})
    commitment.refresh_from_db()
    assert (AuditEntry.objects.count(), commitment.version) == (entries, 1)
    services.commitment_update(actor=coordinator, commitment=commitment, version=1,
                               data={"title_ru": "Новое название", "status": "delayed"})
    commitment.refresh_from_db()
    entry = AuditEntry.objects.latest("id")
    assert entry.changes["title_ru"]["new"] == "Новое название" and commitment.version == 2


def test_a_stale_version_is_a_conflict(world, make):
    commitment = make()
    services.commitment_update(actor=world.users["coordinator"], commitment=commitment,
                               version=1, data={"status": "in_progress"})
    with pytest.raises(DomainError) as exc:
        services.commitment_update(actor=world.users["focal_point"], commitment=commitment,
                                   version=1, data={"status": "delayed"})
    assert exc.value.code == "conflict" and exc.value.current == {"version": 2}


def test_a_maker_edits_their_commitment_but_another_organisations_is_not_found(world, make, cso):
    mine = make()
    theirs = make(made_by=cso)
    focal = world.users["focal_point"]
    services.commitment_update(actor=focal, commitment=mine, version=1, data={"status": "delayed"})
    with pytest.raises(DomainError) as exc:
        services.commitment_update(actor=focal, commitment=theirs, version=1,
                                   data={"status": "delayed"})
    assert exc.value.code == "not_found"


def test_a_second_save_for_a_year_updates_it_with_its_version(world, make):
    commitment = make()
    focal = world.users["focal_point"]
    first = services.commitment_progress_save(actor=focal, commitment=commitment, year=2024,
                                              status="in_progress", text="Начато", percent=20)
    with pytest.raises(DomainError) as exc:
        services.commitment_progress_save(actor=focal, commitment=commitment, year=2024,
                                          status="in_progress", text="Дальше", percent=40)
    assert _field(exc) == "version"
    services.commitment_progress_save(actor=focal, commitment=commitment, year=2024,
                                      status="in_progress", text="Дальше", percent=40, version=1)
    assert CommitmentProgress.objects.filter(commitment=commitment).count() == 1
    first.refresh_from_db()
    assert (first.text, first.percent, first.version) == ("Дальше", 40, 2)
    with pytest.raises(DomainError) as exc:
        services.commitment_progress_save(actor=focal, commitment=commitment, year=2024,
                                          status="achieved", text="Всё", version=1)
    assert exc.value.code == "conflict"


@pytest.mark.parametrize("year", [THIS_YEAR + 1, 2020, "abc"])
def test_a_year_in_the_future_or_before_the_commitment_is_a_400(world, make, year):
    with pytest.raises(DomainError) as exc:
        services.commitment_progress_save(actor=world.users["coordinator"], commitment=make(),
                                          year=year, status="in_progress", text="Что-то")
    assert _field(exc) == "year"


@pytest.mark.parametrize("percent", [101, -1, "много"])
def test_a_percent_outside_0_to_100_is_a_400(world, make, percent):
    with pytest.raises(DomainError) as exc:
        services.commitment_progress_save(actor=world.users["coordinator"], commitment=make(),
                                          year=2024, status="in_progress", text="Что-то",
                                          percent=percent)
    assert _field(exc) == "percent"


def test_the_commitment_takes_the_latest_years_status(world, make):
    commitment = make()
    coordinator = world.users["coordinator"]
    for year, status in ((2024, "delayed"), (2023, "in_progress")):
        services.commitment_progress_save(actor=coordinator, commitment=commitment, year=year,
                                          status=status, text="Отчёт")
    commitment.refresh_from_db()
    assert commitment.status == "delayed"


def test_evidence_is_recognised_by_its_content(world, make):
    commitment = make()
    coordinator = world.users["coordinator"]
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as exc:
        services.commitment_progress_save(actor=coordinator, commitment=commitment, year=2024,
                                          status="in_progress", text="Отчёт", evidence_upload=fake)
    assert exc.value.code == "bad_type" and _field(exc) == "evidence"
    row = services.commitment_progress_save(actor=coordinator, commitment=commitment, year=2024,
                                            status="in_progress", text="Отчёт",
                                            evidence_upload=pdf("Отчёт 2024.pdf"))
    assert row.evidence_name == "Отчёт 2024.pdf" and row.evidence_file.name.endswith(".pdf")
    assert row.evidence_file.read().startswith(b"%PDF-")


def test_only_managers_publish_and_publishing_twice_changes_nothing(world, make):
    commitment = make()
    with pytest.raises(DomainError) as exc:
        services.commitment_publish(actor=world.users["focal_point"], commitment=commitment,
                                    published=True)
    assert exc.value.code == "forbidden"
    services.commitment_publish(actor=world.users["coordinator"], commitment=commitment,
                                published=True)
    commitment.refresh_from_db()
    assert commitment.published and commitment.published_at and commitment.version == 2
    services.commitment_publish(actor=world.users["coordinator"], commitment=commitment,
                                published=True)
    commitment.refresh_from_db()
    assert commitment.version == 2
    with pytest.raises(DomainError) as exc:
        services.commitment_publish(actor=world.users["coordinator_kz"], commitment=commitment,
                                    published=False)
    assert exc.value.code == "not_found"


def test_a_coordinator_must_say_who_made_it(make):
    with pytest.raises(DomainError) as exc:
        make(made_by=None)
    assert exc.value.code == "invalid" and _field(exc) == "made_by"


def test_the_system_records_demo_commitments_with_their_progress(world, cso):
    commitment = services.commitment_create(
        actor=None, country=world.kg.pk, made_by=cso.pk, framework="generation_equality",
        action_coalition="gbv", action_area="gbv-wro", title_ru="Фонд для женских организаций",
        text_ru="Создать фонд", target_date=datetime.date(2026, 12, 31), is_demo=True)
    services.commitment_progress_save(actor=None, commitment=commitment, year=2024,
                                      status="in_progress", text="Фонд учреждён", percent=30)
    services.commitment_publish(actor=None, commitment=commitment, published=True)
    commitment.refresh_from_db()
    assert commitment.is_demo and commitment.published and commitment.status == "in_progress"
    assert AuditEntry.objects.filter(object_id=str(commitment.pk), actor=None).count() >= 2


def test_a_cedaw_observation_to_another_country_is_not_found(make, cedaw):
    from tendik.plans.models import FrameworkItem

    to_kazakhstan = FrameworkItem.objects.get(kind="cedaw_co", code="KAZ-2019-GBV")
    with pytest.raises(DomainError) as exc:
        make(framework="cedaw", cedaw_item=to_kazakhstan)
    assert exc.value.code == "not_found" and _field(exc) == "cedaw_item"
    article = FrameworkItem.objects.get(kind="cedaw_article", code="art-16")
    assert make(framework="cedaw", cedaw_item=article).cedaw_item == article
