"""Requesting a national report: one job per request in flight, scope (404 before 403), bad
choices named by field; building it: the file, its snapshot and a content fingerprint that
changes only with the data; a failure that ends the job; jobs that lost their worker."""

import datetime

import pytest
from django.utils import timezone

from tendik.analytics.tests.factories import kz_plan_and_period, local
from tendik.core.errors import DomainError
from tendik.core.models import Job, JobStatus
from tendik.core.services import job_create_once, jobs_fail_stale
from tendik.exports import services
from tendik.exports.models import NationalReport
from tendik.exports.services import national_report_job_run, national_report_request

from .conftest import LAST_ACCEPTED, settle

pytestmark = pytest.mark.django_db


def _request(actor, national, **overrides):
    params = {"plan_id": national["plan"].pk, "period_from": str(national["p22"].pk),
              "period_to": str(national["p23"].pk), "fmt": "xlsx", "language": "ru"}
    return national_report_request(actor=actor, **{**params, **overrides})


def _built(actor, national, **overrides) -> NationalReport:
    report, _created = _request(actor, national, **overrides)
    national_report_job_run(job_id=report.job_id)
    report.refresh_from_db()
    return report


def test_a_request_makes_a_shared_job_and_a_report_row(coordinator, national):
    report, created = _request(coordinator, national)
    assert created
    assert (report.plan, report.format, report.language) == (national["plan"], "xlsx", "ru")
    assert (report.date_from, report.date_to) == (datetime.date(2022, 1, 1),
                                                 datetime.date(2023, 12, 31))
    job = report.job
    assert (job.kind, job.status, job.shared, job.country_code) == (
        "national_report", JobStatus.QUEUED, True, "KG")
    assert job.created_by == coordinator and not report.file


def test_the_same_request_in_flight_joins_its_job_another_language_does_not(
        coordinator, admin, national):
    first, _created = _request(coordinator, national)
    again, created = _request(admin, national)  # another manager, the same parameters
    assert not created and again.pk == first.pk and again.job_id == first.job_id
    kyrgyz, created = _request(coordinator, national, language="ky")
    assert created and kyrgyz.job_id != first.job_id
    assert NationalReport.objects.count() == Job.objects.count() == 2


def test_once_the_job_has_finished_the_same_request_starts_a_new_one(coordinator, national):
    done = _built(coordinator, national)
    assert done.job.status == JobStatus.DONE
    again, created = _request(coordinator, national)
    assert created and again.job_id != done.job_id


def test_a_plan_out_of_sight_is_not_found_and_a_reporter_is_forbidden(
        coordinator_kz, focal_point, national):
    with pytest.raises(DomainError) as outside:
        _request(coordinator_kz, national)
    assert outside.value.code == "not_found"
    with pytest.raises(DomainError) as reporter:
        _request(focal_point, national)
    assert reporter.value.code == "forbidden"
    assert not Job.objects.exists()


def test_an_admin_may_request_any_countrys_report(admin, national):
    _report, created = _request(admin, national)
    assert created


def test_a_kazakh_plan_is_reported_in_kazakh_not_in_kyrgyz(world, coordinator_kz):
    plan, _period = kz_plan_and_period(world)
    report, created = national_report_request(actor=coordinator_kz, plan_id=plan.pk, fmt="pdf",
                                              language="kk")
    assert created and report.job.country_code == "KZ"
    with pytest.raises(DomainError) as error:
        national_report_request(actor=coordinator_kz, plan_id=plan.pk, fmt="pdf", language="ky")
    assert error.value.errors[0]["field"] == "language"


@pytest.mark.parametrize("overrides,field", [
    ({"fmt": "doc"}, "format"),
    ({"language": "kk"}, "language"),  # Kazakh is for KZ plans
    ({"period_from": "p23", "period_to": "p22"}, "period_from"),
    ({"period_from": "other"}, "period_from"),
    ({"period_to": "other"}, "period_to"),
])
def test_a_bad_choice_is_a_400_naming_the_field(request, coordinator, national, overrides,
                                                field):
    periods = {"p22": national["p22"], "p23": national["p23"]}
    if "other" in overrides.values():
        periods["other"] = request.getfixturevalue("other_plan").periods.get()
    overrides = {key: str(periods[value].pk) if value in periods else value
                 for key, value in overrides.items()}
    with pytest.raises(DomainError) as error:
        _request(coordinator, national, **overrides)
    assert error.value.code == "invalid"
    assert [e["field"] for e in error.value.errors] == [field]
    assert not Job.objects.exists()


def test_the_job_builds_the_file_with_its_snapshot(coordinator, national):
    report, _created = _request(coordinator, national, fmt="docx")
    job = national_report_job_run(job_id=report.job_id)
    report.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress == 100 and job.message == ""
    assert job.result_url == f"/api/v1/exports/national-reports/{report.pk}/download/"
    assert job.result == {"national_report": report.pk, "size": report.size}
    with report.file.open("rb") as stored:
        content = stored.read()
    assert content.startswith(b"PK") and len(content) == report.size
    assert report.file.name.endswith("-2022-2023-ru.docx")
    assert report.snapshot_at == LAST_ACCEPTED
    assert report.reports_counted == 3
    assert report.period_label == "2022 – 2023"
    assert len(report.content_sha256) == 64 and report.generated_at is not None


def test_the_same_data_gives_the_same_content_and_a_new_acceptance_changes_it(
        coordinator, national):
    first = _built(coordinator, national)
    second = _built(coordinator, national)
    assert second.pk != first.pk and second.generated_at > first.generated_at
    assert second.content_sha256 == first.content_sha256
    settle(national["o23"], "accepted", submitted=local(2024, 2, 10),
           accepted=local(2024, 3, 1))
    third = _built(coordinator, national)
    assert third.content_sha256 != first.content_sha256
    assert third.snapshot_at == local(2024, 3, 1) and third.reports_counted == 4


def test_a_failing_renderer_fails_the_job_with_a_message(coordinator, national, monkeypatch,
                                                         caplog):
    seen = []

    def broken(document):
        seen.append(Job.objects.get().status)  # what the UI saw while the file was drawn
        raise OSError("cannot identify image file")

    monkeypatch.setattr(services, "renderer", lambda fmt: broken)
    report, _created = _request(coordinator, national)
    job = national_report_job_run(job_id=report.job_id)
    assert seen == [JobStatus.RUNNING]
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert job.message_text == ("Не удалось сформировать файл XLSX (OSError). Сообщите "
                                "администратору.")
    assert "cannot identify" not in str(job.errors)  # the details stay in the log
    report.refresh_from_db()
    assert not report.file and report.snapshot_at is None
    assert "cannot identify image file" in caplog.text
    # The key is free again: the same request starts over.
    assert _request(coordinator, national)[1]


def test_a_running_job_that_stopped_reporting_is_marked_failed(coordinator, national):
    report, _created = _request(coordinator, national)
    stale = timezone.now() - datetime.timedelta(hours=2)
    Job.objects.filter(pk=report.job_id).update(status=JobStatus.RUNNING, updated_at=stale)
    assert jobs_fail_stale() == 1
    job = Job.objects.get(pk=report.job_id)
    assert job.status == JobStatus.FAILED
    assert job.message_text == "Задание прервано: обработчик перестал отвечать"
    # A fresh running job keeps running.
    fresh, _created = _request(coordinator, national, language="en")
    Job.objects.filter(pk=fresh.job_id).update(status=JobStatus.RUNNING)
    assert jobs_fail_stale() == 0


def test_a_job_already_in_flight_under_the_key_is_returned(coordinator):
    existing = Job.objects.create(kind="national_report", dedupe_key="k", status="queued")
    job, created = job_create_once(kind="national_report", actor=coordinator, dedupe_key="k")
    assert (job, created) == (existing, False)


def _rival_after_the_read(monkeypatch) -> list:
    """Another request's job is committed under the same key right after job_create_once found
    none in flight: the service builds its Job after that read, so the rival lands there."""
    from tendik.core import services as core_services

    rivals = []

    class RacingJob:
        objects = Job.objects  # the read itself is untouched

        def __new__(cls, **fields):
            rivals.extend(Job.objects.bulk_create([Job(kind=fields["kind"],
                                                       dedupe_key=fields["dedupe_key"])]))
            return Job(**fields)

    monkeypatch.setattr(core_services, "Job", RacingJob)
    return rivals


def test_a_job_committed_after_the_validation_wins_the_race(coordinator, monkeypatch):
    """The rival commits once our validation has passed: the partial unique index refuses our
    insert (IntegrityError) and the rival's job is returned."""
    rivals = _rival_after_the_read(monkeypatch)
    monkeypatch.setattr(Job, "validate_constraints", lambda self, exclude=None: None)
    job, created = job_create_once(kind="national_report", actor=coordinator, dedupe_key="race")
    assert (job, created) == (rivals[0], False)
    assert Job.objects.filter(dedupe_key="race").count() == 1


def test_a_job_committed_before_the_validation_wins_the_race(coordinator, monkeypatch):
    rivals = _rival_after_the_read(monkeypatch)
    job, created = job_create_once(kind="national_report", actor=coordinator, dedupe_key="race")
    assert (job, created) == (rivals[0], False)
