"""A write a device resends under the same client id changes nothing the second time."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.reporting import services
from tendik.reporting.models import Activity, ClientWrite, Evidence
from tendik.testing.factories import user_with_role

from .factories import fill_report, open_period

pytestmark = pytest.mark.django_db

ACTIVITY = {"kind": "training", "title": "Тренинг для акимов", "start": "2023-03-01",
            "end": "2023-03-02", "participants_women": 12, "participants_men": 8,
            "participants_total": 20}
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n"


def _progress(report):
    return report.progress.order_by("measure_id").first()


def test_a_resent_progress_save_returns_the_first_result_and_writes_nothing(world):
    _, _, report, _, _ = open_period(world)
    focal, progress, client_id = world.users["focal_point"], _progress(report), uuid.uuid4()
    save = {"actor": focal, "report": report, "measure_id": progress.measure_id,
            "version": progress.version, "data": {"narrative_ru": "Проведено 3 семинара"},
            "client_id": client_id}
    first = services.progress_save(**save)
    audits = AuditEntry.objects.count()
    again = services.progress_save(**save)
    assert again == first
    progress.refresh_from_db()
    assert progress.version == first["version"] == save["version"] + 1
    assert AuditEntry.objects.count() == audits
    assert ClientWrite.objects.filter(user=focal, client_id=client_id).count() == 1


def test_a_replay_after_a_colleague_saved_still_gets_its_first_result(world):
    _, _, report, _, _ = open_period(world)
    focal, progress, client_id = world.users["focal_point"], _progress(report), uuid.uuid4()
    colleague = user_with_role("focal_point", username="focal-2", organisation=world.home_org,
                               email="colleague@example.org")
    first = services.progress_save(actor=focal, report=report, measure_id=progress.measure_id,
                                   version=progress.version, client_id=client_id,
                                   data={"narrative_ru": "Мой текст"})
    services.progress_save(actor=colleague, report=report, measure_id=progress.measure_id,
                           version=first["version"], data={"narrative_ru": "Текст коллеги"})
    replayed = services.progress_save(actor=focal, report=report,
                                      measure_id=progress.measure_id, version=progress.version,
                                      client_id=client_id, data={"narrative_ru": "Мой текст"})
    assert replayed["narrative_ru"] == "Мой текст" and replayed["version"] == first["version"]
    progress.refresh_from_db()
    assert progress.narrative_ru == "Текст коллеги"  # the replay overwrote nothing


def test_a_replay_after_the_report_was_submitted_is_not_refused(world):
    _, _, report, _, _ = open_period(world)
    focal, client_id = world.users["focal_point"], uuid.uuid4()
    first = services.activity_create(actor=focal, report=report, data=dict(ACTIVITY),
                                     client_id=client_id)
    fill_report(report, focal)
    services.report_act(actor=focal, report=report, action="submit")
    again = services.activity_create(actor=focal, report=report, data=dict(ACTIVITY),
                                     client_id=client_id)
    assert again["id"] == first["id"]
    with pytest.raises(DomainError) as refused:  # a new write is refused as before
        services.activity_create(actor=focal, report=report, data=dict(ACTIVITY),
                                 client_id=uuid.uuid4())
    assert refused.value.code == "conflict"


def test_a_resent_activity_is_created_once(world):
    _, _, report, _, _ = open_period(world)
    focal, client_id = world.users["focal_point"], uuid.uuid4()
    first = services.activity_create(actor=focal, report=report, data=dict(ACTIVITY),
                                     client_id=client_id)
    version = type(report).objects.get(pk=report.pk).activities_version
    second = services.activity_create(actor=focal, report=report, data=dict(ACTIVITY),
                                      client_id=client_id)
    assert second["id"] == first["id"]
    assert Activity.objects.filter(report=report).count() == 1
    assert type(report).objects.get(pk=report.pk).activities_version == version
    assert AuditEntry.objects.filter(action="create", object_id=str(first["id"]),
                                     content_type__model="activity").count() == 1


def test_without_a_client_id_each_request_is_a_new_activity(world):
    _, _, report, _, _ = open_period(world)
    focal = world.users["focal_point"]
    for _ in range(2):
        services.activity_create(actor=focal, report=report, data=dict(ACTIVITY))
    assert Activity.objects.filter(report=report).count() == 2
    assert not ClientWrite.objects.exists()


def test_resent_indicator_values_are_saved_once(world):
    _, _, report, indicator, _ = open_period(world)
    focal, client_id = world.users["focal_point"], uuid.uuid4()
    values = [{"indicator": indicator.pk, "value": "7"}]
    first = services.observations_save(actor=focal, report=report, version=1, values=values,
                                       client_id=client_id)
    again = services.observations_save(actor=focal, report=report, version=1, values=values,
                                       client_id=client_id)
    assert again["version"] == first["version"] == 2
    assert type(report).objects.get(pk=report.pk).observations_version == 2


def test_a_resent_upload_stores_one_file(world):
    _, _, report, _, _ = open_period(world)
    focal, client_id = world.users["focal_point"], uuid.uuid4()
    first = services.evidence_add(actor=focal, report=report, client_id=client_id,
                                  upload=SimpleUploadedFile("scan.pdf", PDF))
    again = services.evidence_add(actor=focal, report=report, client_id=client_id,
                                  upload=SimpleUploadedFile("scan.pdf", PDF))
    assert (again.pk, again.original_name, again.size) == (first.pk, "scan.pdf", len(PDF))
    assert Evidence.objects.filter(report=report).count() == 1


def test_a_refused_write_is_not_remembered_and_can_be_sent_again(world):
    _, _, report, _, _ = open_period(world)
    focal, progress, client_id = world.users["focal_point"], _progress(report), uuid.uuid4()
    with pytest.raises(DomainError) as stale:
        services.progress_save(actor=focal, report=report, measure_id=progress.measure_id,
                               version=progress.version + 5, client_id=client_id,
                               data={"narrative_ru": "С устройства"})
    assert stale.value.code == "conflict" and not ClientWrite.objects.exists()
    saved = services.progress_save(actor=focal, report=report, measure_id=progress.measure_id,
                                   version=progress.version, client_id=client_id,
                                   data={"narrative_ru": "С устройства"})
    assert saved["narrative_ru"] == "С устройства"


def test_a_save_that_changes_nothing_keeps_no_receipt(world):
    _, _, report, _, _ = open_period(world)
    focal, progress = world.users["focal_point"], _progress(report)
    services.progress_save(actor=focal, report=report, measure_id=progress.measure_id,
                           version=progress.version, client_id=uuid.uuid4(), data={})
    assert not ClientWrite.objects.exists()


def test_one_client_id_cannot_name_two_different_writes(world):
    _, _, report, _, _ = open_period(world)
    focal, client_id = world.users["focal_point"], uuid.uuid4()
    services.activity_create(actor=focal, report=report, data=dict(ACTIVITY),
                             client_id=client_id)
    progress = _progress(report)
    with pytest.raises(DomainError) as error:
        services.progress_save(actor=focal, report=report, measure_id=progress.measure_id,
                               version=progress.version, client_id=client_id,
                               data={"narrative_ru": "Другое"})
    assert error.value.code == "conflict" and error.value.errors[0]["column"] == "client_id"


def test_a_client_id_is_the_senders_own(world):
    """Another user sending the same id writes their own change: receipts are per user."""
    _, _, report, _, _ = open_period(world)
    colleague = user_with_role("focal_point", username="focal-2", organisation=world.home_org,
                               email="colleague@example.org")
    client_id = uuid.uuid4()
    for actor in (world.users["focal_point"], colleague):
        services.activity_create(actor=actor, report=report, data=dict(ACTIVITY),
                                 client_id=client_id)
    assert Activity.objects.filter(report=report).count() == 2


def test_a_replay_is_still_checked_against_the_senders_rights(world):
    _, _, report, _, other_focal = open_period(world)
    client_id = uuid.uuid4()
    services.activity_create(actor=world.users["focal_point"], report=report,
                             data=dict(ACTIVITY), client_id=client_id)
    with pytest.raises(DomainError) as error:
        services.activity_create(actor=other_focal, report=report, data=dict(ACTIVITY),
                                 client_id=client_id)
    assert error.value.code == "forbidden"


def test_old_receipts_are_let_go(world):
    _, _, report, _, _ = open_period(world)
    focal, client_id = world.users["focal_point"], uuid.uuid4()
    services.activity_create(actor=focal, report=report, data=dict(ACTIVITY),
                             client_id=client_id)
    ClientWrite.objects.update(created_at=timezone.now() - datetime.timedelta(days=91))
    services.activity_create(actor=focal, report=report, data=dict(ACTIVITY),
                             client_id=uuid.uuid4())
    assert not ClientWrite.objects.filter(client_id=client_id).exists()
    assert ClientWrite.objects.count() == 1
