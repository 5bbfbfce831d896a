"""GET /api/v1/jobs/{id}/: one's own jobs, the country's shared jobs for its managers, every
state under its contract name, and a result address only once the job is done."""

import pytest
from django.urls import reverse

from tendik.core.models import Job, JobStatus
from tendik.core.services import job_create, job_create_once
from tendik.testing.factories import user_with_role

pytestmark = pytest.mark.django_db


def _get(world, role: str, job: Job):
    return world.client(role).get(reverse("job-detail", args=[job.pk]))


@pytest.fixture
def shared(world) -> Job:
    job, _created = job_create_once(kind="national_report", actor=world.users["coordinator"],
                                    dedupe_key="national_report:1", country_code="KG",
                                    shared=True)
    return job


def test_ones_own_job_is_visible_and_anothers_is_not(world):
    own = job_create(kind="territory_import", actor=world.users["focal_point"])
    assert _get(world, "focal_point", own).status_code == 200
    for role in ("coordinator", "partner", "coordinator_kz"):
        assert _get(world, role, own).status_code == 404, role
    assert _get(world, "admin", own).status_code == 200  # an admin sees every job


def test_a_coordinators_private_job_is_not_shared_with_another_coordinator(world):
    job = job_create(kind="territory_import", actor=world.users["coordinator"],
                     country_code="KG")
    colleague = user_with_role("coordinator", organisation=world.other_kg_org)
    world.users["colleague"] = colleague
    assert _get(world, "colleague", job).status_code == 404


def test_a_shared_job_is_seen_by_the_countrys_coordinators_only(world, shared):
    world.users["colleague"] = user_with_role("coordinator", organisation=world.other_kg_org)
    for role in ("coordinator", "colleague", "admin"):
        assert _get(world, role, shared).status_code == 200, role
    for role in ("focal_point", "observer", "coordinator_kz"):
        assert _get(world, role, shared).status_code == 404, role
    assert _get(world, "anonymous", shared).status_code in {401, 403}


@pytest.mark.parametrize("status", [JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.FAILED])
def test_no_result_address_before_the_job_is_done(world, shared, status):
    Job.objects.filter(pk=shared.pk).update(status=status, result_url="/exports/x/download/")
    body = _get(world, "coordinator", shared).json()
    assert body["state"] == status.value
    assert body["result_url"] is None


def test_a_done_job_gives_its_absolute_result_address(world, shared):
    Job.objects.filter(pk=shared.pk).update(status=JobStatus.DONE, progress=100,
                                            result_url="/exports/national-report/7/download/")
    body = _get(world, "coordinator", shared).json()
    assert {key: body[key] for key in ("id", "state", "progress", "message", "result_url")} == {
        "id": shared.pk, "state": "done", "progress": 100, "message": "",
        "result_url": "http://testserver/exports/national-report/7/download/"}


def test_a_done_job_without_a_file_has_no_result_address(world):
    job = job_create(kind="territory_import", actor=world.users["coordinator"])
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    assert _get(world, "coordinator", job).json()["result_url"] is None


def test_the_message_is_read_in_the_readers_language_with_its_values(world, shared):
    Job.objects.filter(pk=shared.pk).update(status=JobStatus.RUNNING, progress=45,
                                            message="Раздел %(n)s из %(total)s",
                                            message_params={"n": 3, "total": 5})
    body = _get(world, "coordinator", shared).json()
    assert (body["state"], body["progress"], body["message"]) == ("running", 45, "Раздел 3 из 5")


def test_only_get_is_served(world, shared):
    client = world.client("coordinator")
    url = reverse("job-detail", args=[shared.pk])
    assert client.delete(url).status_code == 405
    assert client.patch(url, {"state": "done"}, content_type="application/json"
                        ).status_code == 405
