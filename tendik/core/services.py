"""Generic audited writes, used by every app's services, the background-job and API-token services."""

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop
from knox.models import AuthToken

from .audit import AuditAction, audit_log, creation_changes, diff, snapshot
from .errors import DomainError
from .models import Job, JobStatus

logger = logging.getLogger(__name__)


def _validate(instance: models.Model, exclude: list[str] | None = None) -> None:
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        messages = [f"{field}: {'; '.join(errs)}" for field, errs in exc.message_dict.items()]
        raise DomainError("; ".join(messages), errors=[exc.message_dict]) from exc


@transaction.atomic
def model_create(*, instance: models.Model, actor, reason: str = "") -> models.Model:
    if hasattr(instance, "created_by_id"):
        instance.created_by = actor if actor is not None and actor.is_authenticated else None
        instance.updated_by = instance.created_by
    _validate(instance)
    instance.save()
    audit_log(
        actor=actor,
        instance=instance,
        action=AuditAction.CREATE,
        changes=creation_changes(instance),
        reason=reason,
    )
    return instance


@transaction.atomic
def model_update(
    *, instance: models.Model, data: dict[str, Any], actor, reason: str = ""
) -> tuple[models.Model, dict]:
    """Apply `data`, validate, save only the changed fields and audit them."""
    fields = list(data)
    before = snapshot(instance, fields)
    for name, value in data.items():
        setattr(instance, name, value)
    changes = diff(before, snapshot(instance, fields))
    if not changes:
        return instance, {}
    _validate(instance)
    update_fields = list(changes)
    if hasattr(instance, "updated_by_id"):
        instance.updated_by = actor if actor is not None and actor.is_authenticated else None
        update_fields += ["updated_by", "updated_at"]
    instance.save(update_fields=update_fields)
    audit_log(actor=actor, instance=instance, action=AuditAction.UPDATE, changes=changes,
              reason=reason)
    return instance, changes


@transaction.atomic
def model_delete(*, instance: models.Model, actor, reason: str = "") -> None:
    audit_log(
        actor=actor,
        instance=instance,
        action=AuditAction.DELETE,
        changes={name: {"old": value, "new": None} for name, value in snapshot(instance).items()},
        reason=reason,
    )
    instance.delete()


@transaction.atomic
def job_create(
    *, kind: str, actor, params: dict | None = None, upload=None, country_code: str = ""
) -> Job:
    job = Job(kind=kind, params=params or {}, country_code=country_code)
    if upload is not None:
        job.input_name = upload.name[:255]
        job.input_file.save(upload.name, upload, save=False)
    return model_create(instance=job, actor=actor)


@transaction.atomic
def job_create_once(*, kind: str, actor, dedupe_key: str, params: dict | None = None,
                    country_code: str = "", shared: bool = False) -> tuple[Job, bool]:
    """A new job, or the queued or running one with the same key: `(job, created)`.

    The database's partial unique index decides, so two requests at the same moment still make
    one job. A job whose worker died no longer blocks its key (`jobs_fail_stale`)."""
    jobs_fail_stale()
    in_flight = Job.objects.filter(dedupe_key=dedupe_key,
                                   status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
    existing = in_flight.first()
    if existing is not None:
        return existing, False
    job = Job(kind=kind, params=params or {}, country_code=country_code, shared=shared,
              dedupe_key=dedupe_key)
    try:
        with transaction.atomic():
            return model_create(instance=job, actor=actor), True
    except (IntegrityError, DomainError):
        # The other request won between our read and our insert (the index refused it) or our
        # validation (which checks the same constraint): its job is the one.
        winner = in_flight.first()
        if winner is None:
            raise
        return winner, False


def jobs_fail_stale(*, now=None) -> int:
    """A running job that has not reported progress for TENDIK_JOB_STALE_MINUTES lost its worker
    (a restart, a crash): it is marked failed, so nothing stays «running» forever."""
    cutoff = (now or timezone.now()) - datetime.timedelta(minutes=settings.TENDIK_JOB_STALE_MINUTES)
    return Job.objects.filter(status=JobStatus.RUNNING, updated_at__lt=cutoff).update(
        status=JobStatus.FAILED, finished_at=now or timezone.now(), progress=0,
        message=gettext_noop("Задание прервано: обработчик перестал отвечать"), message_params={},
        errors=[{"message": "stale"}])


def job_progress(*, job: Job, progress: int, message: str = "", params: dict | None = None) -> None:
    """Progress is written outside the job's own transaction so the UI sees it move.

    `message` is an untranslated msgid (gettext_noop) and `params` its values: the job page
    translates it for whoever reads it.
    """
    Job.objects.filter(pk=job.pk).update(progress=min(progress, 100), message=message[:255],
                                         message_params=params or {}, updated_at=timezone.now())


def job_run(*, job_id: int, handler: Callable[[Job, Callable[..., None]], dict]) -> Job:
    """Run one job: mark it running, call the handler, store its result or its error."""
    jobs_fail_stale()
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return job
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now(),
                                         updated_at=timezone.now())

    def report(progress: int, message: str = "", params: dict | None = None) -> None:
        job_progress(job=job, progress=progress, message=message, params=params)

    try:
        result = handler(job, report)
    except DomainError as exc:
        # A refusal (a wrong file, a broken rule) is the user's to fix: a warning with the code
        # only, because the message and the errors may quote what the user sent.
        logger.warning("Job %s (%s) refused: %s", job.pk, job.kind, exc.code,
                       extra={"job_id": job.pk, "kind": job.kind, "code": exc.code})
        _job_fail(job, message=str(exc), errors=exc.errors or [{"message": str(exc)}])
    except Exception as exc:
        # Anything else is our bug: the job must still end, and the log keeps the traceback.
        logger.exception("Job %s (%s) failed", job.pk, job.kind,
                         extra={"job_id": job.pk, "kind": job.kind})
        message = gettext_noop("Внутренняя ошибка при выполнении задания")
        _job_fail(job, message=message, errors=[{"message": message,
                                                 "error": type(exc).__name__}])
    else:
        # A handler that made a file returns where to download it as `result_url`.
        url = result.pop("result_url", "")
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE, finished_at=timezone.now(), progress=100,
            result=result, result_url=url, message="",
        )
    job.refresh_from_db()
    return job


def _job_fail(job: Job, *, message: str, errors: list) -> None:
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, finished_at=timezone.now(),
                                         updated_at=timezone.now(),
                                         message=message[:255], message_params={}, errors=errors)


@transaction.atomic
def api_token_issue(*, user) -> tuple[str, datetime.datetime | None]:
    """A new token for each login (each client its own), expiring after REST_KNOX's TOKEN_TTL.

    Only its digest is stored; the user's expired tokens are dropped on the way.
    """
    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    instance, token = AuthToken.objects.create(user=user)
    return token, instance.expiry


@transaction.atomic
def api_token_revoke(*, token: AuthToken) -> None:
    token.delete()


@transaction.atomic
def api_tokens_revoke_all(*, user) -> int:
    """Every API token of a user ends: on a password change, deactivation or a logout-all."""
    deleted, _count = AuthToken.objects.filter(user=user).delete()
    return deleted
