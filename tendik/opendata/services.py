"""The all-data ZIP: requested (by the first reader who finds none for the current public data),
built by a shared job, stored, and served only while the public data is what it was built from."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from tendik.core.models import Job, JobStatus
from tendik.core.services import job_create_once, job_run, model_create, model_delete, model_update
from tendik.territories.models import Territory

from .archive import archive_bytes
from .models import OpenDataArchive
from .selectors import current_archive, public_data_version

KIND = "open_data_archive"
RETRY_FAILED_AFTER = datetime.timedelta(minutes=10)


@transaction.atomic
def open_data_archive_request(*, country: Territory, actor=None) -> tuple[OpenDataArchive, bool]:
    """The archive of the current public data: `(archive, False)` when it is built, or when its
    build is already queued or running (one job per country and data version, whoever asks);
    `(archive, True)` when this call queued the build."""
    ready = current_archive(country)
    if ready is not None:
        return ready, False
    version = public_data_version(country)
    failed = _failed_lately(country, version)
    if failed is not None:
        return failed, False
    job, created = job_create_once(
        kind=KIND, actor=actor, dedupe_key=f"{KIND}:{country.code}:{version}",
        params={"country": country.code, "version": version}, country_code=country.code,
        shared=True)
    if not created:
        return OpenDataArchive.objects.get(job=job), False
    archive = model_create(instance=OpenDataArchive(country=country, version=version, job=job),
                           actor=actor)
    from .tasks import open_data_archive_task  # tasks import this module

    transaction.on_commit(lambda: open_data_archive_task.enqueue(job.pk))
    return archive, True


def _failed_lately(country: Territory, version: str) -> OpenDataArchive | None:
    """A build of this data that failed a moment ago: anonymous readers asking again must not
    start one build after another (the failure is in the log and on the job)."""
    return OpenDataArchive.objects.filter(
        country=country, version=version, job__status=JobStatus.FAILED,
        job__finished_at__gte=timezone.now() - RETRY_FAILED_AFTER).order_by("-pk").first()


def open_data_archive_build(*, country: Territory, archive: OpenDataArchive | None = None,
                            progress=None) -> OpenDataArchive:
    """Build the ZIP now (the worker through the job; the benchmark and the command directly).

    The version is read before the data: if a publication changes while the ZIP is written,
    the archive carries the older fingerprint and is never served. Archives of other versions
    are deleted once this one is stored: they can no longer be served."""
    progress = progress or (lambda *args: None)
    version = public_data_version(country)
    content, indicators = archive_bytes(
        country, lambda percent: progress(percent, gettext_noop("Выгрузка индикаторов")))
    built_at = timezone.now()
    archive = archive or model_create(instance=OpenDataArchive(country=country, version=version),
                                      actor=None)
    name = f"opendata/{built_at:%Y/%m}/open-data-{country.code.lower()}-{version}.zip"
    stored = archive.file.storage.save(name, ContentFile(content))
    archive, _changes = model_update(instance=archive, actor=None, data={
        "version": version, "file": stored, "size": len(content), "indicators": indicators,
        "built_at": built_at})
    _delete_others(archive)
    return archive


def _delete_others(archive: OpenDataArchive) -> None:
    """Older archives of the country, and requests whose job failed; not a build in flight."""
    in_flight = Q(job__status__in=[JobStatus.QUEUED, JobStatus.RUNNING], built_at__isnull=True)
    for old in OpenDataArchive.objects.filter(country=archive.country_id).exclude(
            pk=archive.pk).exclude(in_flight).select_related("country"):
        if old.file:
            old.file.storage.delete(old.file.name)
        model_delete(instance=old, actor=None)


def open_data_archive_job_run(*, job_id: int) -> Job:
    """The worker's entry point: any failure fails the job with its reason, never «running»."""

    def handler(job: Job, progress) -> dict:
        archive = OpenDataArchive.objects.select_related("country").get(job=job)
        archive = open_data_archive_build(country=archive.country, archive=archive,
                                          progress=progress)
        return {"open_data_archive": archive.pk, "size": archive.size,
                "result_url": reverse("opendata:archive") + f"?country={archive.country.code}"}

    return job_run(job_id=job_id, handler=handler)
