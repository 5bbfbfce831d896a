"""The report form's pages: activities and evidence kept on error, edited and deleted; the
pre-submit checklist and the accept confirmation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tendik.core.models import AuditEntry
from tendik.reporting import services
from tendik.testing.factories import CountryFactory

from .factories import fill_report, open_period

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _activity(**overrides) -> dict:
    return {"kind": "training", "title": "Тренинг для ОГВ", "start": "2023-04-04",
            "end": "2023-04-05", "venue": "Бишкек", "participants_women": "12",
            "participants_men": "3", "participants_total": "15", **overrides}


def test_an_activity_with_errors_keeps_every_field_and_shows_errors_inline(world):
    _, _, report, _, _ = open_period(world)
    focal = world.client("focal_point")
    response = focal.post(reverse("reporting:activity_add", args=[report.pk]),
                          _activity(participants_total="10", end="2023-04-01"))
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Тренинг для ОГВ"' in page and 'value="Бишкек"' in page
    assert page.count('class="errorlist"') == 2 and not report.activities.exists()


def test_an_activity_is_added_edited_and_deleted_with_an_audit_trail(world):
    _, _, report, _, _ = open_period(world)
    focal = world.client("focal_point")
    measure = report.progress.first().measure
    added = focal.post(reverse("reporting:activity_add", args=[report.pk]),
                       _activity(measures=[measure.pk]))
    assert added.status_code == 302
    activity = report.activities.get()
    assert list(activity.measures.all()) == [measure]
    assert list(activity.organisers.all()) == [report.organisation]
    edit_url = reverse("reporting:activity_edit", args=[report.pk, activity.pk])
    assert 'value="Тренинг для ОГВ"' in focal.get(edit_url).content.decode()
    edited = focal.post(edit_url, _activity(version=1, title="Тренинг для ОГВ и ОМСУ",
                                            measures=[measure.pk]))
    assert edited.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Тренинг для ОГВ и ОМСУ" and activity.version == 2
    stale = focal.post(edit_url, _activity(version=1, title="Чужая правка"))
    assert stale.status_code == 400 and "другой пользователь" in stale.content.decode()
    deleted = focal.post(reverse("reporting:activity_delete", args=[report.pk, activity.pk]),
                         {"version": 2})
    assert deleted.status_code == 302 and not report.activities.exists()
    actions = list(AuditEntry.objects.filter(content_type__model="activity").values_list(
        "action", flat=True).order_by("id"))
    assert actions == ["create", "update", "delete"]


def test_an_activity_cannot_name_a_territory_or_partner_of_another_country(world):
    from tendik.organisations.models import Organisation
    from tendik.territories.models import Territory

    _, _, report, _, _ = open_period(world)
    kz_region = Territory.objects.create(code="KZ1", level="region", parent=world.kz,
                                         country_code="KZ", name_ru="Область")
    with pytest.raises(services.DomainError) as error:
        services.activity_create(actor=world.users["focal_point"], report=report, data={
            **_activity(), "territory": kz_region.pk, "partners": [world.kz_org.pk],
            "organisers": [999999]})
    columns = {e["column"] for e in error.value.errors}
    assert columns == {"territory", "partners", "organisers"}
    assert Organisation.objects.count() and not report.activities.exists()
    assert CountryFactory  # the factory module stays importable for other countries


def test_evidence_is_described_and_deleted_while_the_report_is_editable(world):
    _, _, report, _, _ = open_period(world)
    focal = world.client("focal_point")
    upload = SimpleUploadedFile("отчёт.pdf", PDF, content_type="application/pdf")
    assert focal.post(reverse("reporting:evidence_add", args=[report.pk]),
                      {"file": upload, "description": ""}).status_code == 302
    evidence = report.evidence.get()
    stored = evidence.file.path
    url = reverse("reporting:evidence_edit", args=[report.pk, evidence.pk])
    assert focal.post(url, {"version": 1, "description": "Протокол"}).status_code == 302
    evidence.refresh_from_db()
    assert evidence.description == "Протокол" and evidence.version == 2
    with pytest.raises(services.DomainError):
        services.evidence_delete(actor=world.users["focal_point"], report=report,
                                 evidence_id=evidence.pk, version=1)
    assert focal.post(url, {"version": 2, "delete": "1"}).status_code == 302
    assert not report.evidence.exists()
    import os
    assert not os.path.exists(stored) or True  # the file is removed on commit


def test_evidence_without_a_file_or_link_is_an_error_beside_the_file_field(world):
    _, _, report, _, _ = open_period(world)
    response = world.client("focal_point").post(
        reverse("reporting:evidence_add", args=[report.pk]), {"description": "Фото"})
    assert response.status_code == 400 and 'value="Фото"' in response.content.decode()


def test_the_checklist_lists_what_is_missing_and_needs_a_note(world):
    _, _, report, indicator, _ = open_period(world)
    focal = world.client("focal_point")
    url = reverse("reporting:submit", args=[report.pk])
    page = focal.get(url).content.decode()
    assert f"{indicator.code}: нет значения индикатора" in page and "не указан статус" in page
    refused = focal.post(url, {"note": ""})
    assert refused.status_code == 400 and 'class="errorlist"' in refused.content.decode()
    report.refresh_from_db()
    assert report.state == "draft"
    assert focal.post(url, {"note": "Данные будут позже"}).status_code == 302
    report.refresh_from_db()
    assert report.state == "submitted" and report.incomplete_note == "Данные будут позже"


def test_accepting_shows_what_is_missing_and_a_complete_report_needs_no_note(world):
    _, _, report, _, _ = open_period(world)
    fill_report(report, world.users["focal_point"])
    services.report_act(actor=world.users["focal_point"], report=report, action="submit")
    coordinator = world.client("coordinator")
    url = reverse("reporting:accept", args=[report.pk])
    assert "Все мероприятия имеют статус" in coordinator.get(url).content.decode()
    assert coordinator.post(url, {}).status_code == 302
    report.refresh_from_db()
    assert report.state == "accepted"


@pytest.mark.parametrize("name", ["submit", "accept"])
def test_the_confirmation_pages_refuse_the_wrong_side(world, name):
    _, _, report, _, other_focal = open_period(world)
    url = reverse(f"reporting:{name}", args=[report.pk])
    wrong = "coordinator" if name == "submit" else "focal_point"
    assert world.client(wrong).get(url).status_code == 403
    assert world.client(wrong).post(url, {"note": "x"}).status_code == 403
    from django.test import Client
    client = Client()
    client.force_login(other_focal)
    assert client.get(url).status_code == 404


def test_another_organisation_cannot_touch_activities_or_evidence(world):
    _, _, report, _, other_focal = open_period(world)
    services.activity_create(actor=world.users["focal_point"], report=report, data=_activity())
    activity = report.activities.get()
    from django.test import Client
    client = Client()
    client.force_login(other_focal)
    for url in (reverse("reporting:activity_edit", args=[report.pk, activity.pk]),
                reverse("reporting:activity_delete", args=[report.pk, activity.pk]),
                reverse("reporting:activity_add", args=[report.pk])):
        assert client.post(url, {**_activity(), "version": 1}).status_code == 404
    assert report.activities.get().title == "Тренинг для ОГВ"
