"""Evidence attached to a report: files or links, each optionally tied to a measure."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.core.files import EXTENSIONS, checked_upload
from tendik.core.services import model_create, model_delete, model_update

from ..models import Evidence, Report
from ..selectors import evidence_document
from ..validation import text_problem
from .common import as_int, conflict, lock_for_write, touch
from .replay import lock_unless_replayed, write_remember

URL_MAX = Evidence._meta.get_field("url").max_length
DESCRIPTION_MAX = Evidence._meta.get_field("description").max_length


@transaction.atomic
def evidence_add(*, actor, report: Report, upload=None, url: str = "", measure_id=None,
                 description: str = "", client_id: uuid.UUID | None = None) -> Evidence:
    """Attach a file or a link. A device's resent upload (same `client_id`) gets the evidence
    it first created, as it was then, and stores no second file."""
    report, first = lock_unless_replayed(actor=actor, report=report, client_id=client_id,
                                         kind="evidence")
    if first is not None:
        return Evidence(report_id=first["report"], **{
            k: v for k, v in first.items() if k != "report"})
    measure_id = _evidence_measure(report, measure_id)
    _check_evidence_texts(url=url, description=description)
    evidence = Evidence(report=report, measure_id=measure_id, description=description, url=url)
    if upload is not None:
        content, content_type = checked_upload(upload)
        evidence.content_type, evidence.size = content_type, len(content)
        evidence.original_name = upload.name[:255]
        evidence.file.save(f"evidence.{EXTENSIONS[content_type]}", ContentFile(content),
                           save=False)
    elif not url:
        raise DomainError(_("Прикрепите файл или укажите ссылку."))
    evidence = model_create(instance=evidence, actor=actor)
    touch(report)
    write_remember(actor=actor, report=report, client_id=client_id, kind="evidence", result={
        "id": evidence.pk, "report": report.pk, "original_name": evidence.original_name,
        "content_type": evidence.content_type, "size": evidence.size, "url": evidence.url,
        "description": evidence.description, "measure_id": evidence.measure_id})
    return evidence


def _evidence_locked(report: Report, evidence_id: int, version: int) -> Evidence:
    evidence = Evidence.objects.select_for_update().filter(report=report,
                                                            pk=as_int(evidence_id)).first()
    if evidence is None:
        raise DomainError(_("Такого подтверждения в отчёте нет."), code="not_found")
    if evidence.version != version:
        raise conflict(_("Это подтверждение уже изменил другой пользователь."),
                       evidence_document(evidence))
    return evidence


def _evidence_measure(report: Report, measure_id) -> int | None:
    """The measure the evidence supports: none, or one of the report's own."""
    if measure_id in (None, ""):
        return None
    if not report.progress.filter(measure_id=as_int(measure_id)).exists():
        raise DomainError(_("Мероприятия %(id)s нет в отчёте.") % {"id": measure_id},
                          errors=[{"column": "measure", "message": _("нет в отчёте")}])
    return as_int(measure_id)


def _check_evidence_texts(*, url, description) -> None:
    errors = [{"column": column, "message": problem} for column, problem in (
        ("url", text_problem(url or "", URL_MAX)),
        ("description", text_problem(description or "", DESCRIPTION_MAX))) if problem]
    if not errors and url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors.append({"column": "url", "message": _("ссылка должна начинаться с http:// "
                                                         "или https://")})
    if errors:
        raise DomainError("; ".join(e["message"] for e in errors), errors=errors)


@transaction.atomic
def evidence_update(*, actor, report: Report, evidence_id: int, version: int,
                    description: str, measure_id: int | None = None) -> dict:
    report = lock_for_write(actor, report)
    evidence = _evidence_locked(report, evidence_id, version)
    measure_id = _evidence_measure(report, measure_id)
    _check_evidence_texts(url="", description=description)
    _instance, changes = model_update(instance=evidence, actor=actor, data={
        "description": description.strip(), "measure_id": measure_id})
    if changes:
        Evidence.objects.filter(pk=evidence.pk).update(version=F("version") + 1)
        evidence.refresh_from_db(fields=["version"])
        touch(report)
    return evidence_document(evidence)


@transaction.atomic
def evidence_delete(*, actor, report: Report, evidence_id: int, version: int) -> None:
    report = lock_for_write(actor, report)
    evidence = _evidence_locked(report, evidence_id, version)
    stored = evidence.file.name if evidence.file else ""
    model_delete(instance=evidence, actor=actor)
    if stored:  # the file goes only once the row is really gone
        storage = Evidence._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(stored))
    touch(report)
