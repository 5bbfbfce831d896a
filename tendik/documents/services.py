"""Writes: adding a document, reading its facts (a job), and the reviewer's decisions.

Accepting an event writes an activity and its evidence through the reporting services, so every
rule of the report form (dates, scope, the report's state) holds for it too."""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tendik.core.audit import audit_log_many
from tendik.core.errors import DomainError, field_error
from tendik.core.models import AuditAction, Job
from tendik.core.services import job_create_once, job_run, model_create, model_update
from tendik.core.xlsx import check_upload_size
from tendik.plans.models import Measure

from . import ingest, search
from .extraction.language import detect_language
from .extraction.pipeline import as_json, extract
from .gazetteer import registry_gazetteer
from .models import Document, DocumentKind, ExtractionState, Fact, FactKind
from .review import fact_decide, fact_event_accept  # noqa: F401 — the public surface
from .selectors import LISTS, documents_visible_to, may_add_documents

KIND = "document_extract"
TITLE_MAX = Document._meta.get_field("title").max_length
URL_MAX = Document._meta.get_field("source_url").max_length
PASTE_MAX_CHARS = 2_000_000


@transaction.atomic
def document_create(*, actor, upload=None, text: str = "", title: str = "", source_url: str = "",
                    published: datetime.date | None = None) -> Document:
    """Store a document (a file or pasted text) and queue the reading of its facts."""
    if not may_add_documents(actor):
        raise DomainError(_("Добавлять документы могут сотрудники организаций и координаторы."),
                          code="forbidden")
    _check_source(source_url)
    kind, plain, content = _read(upload, text)
    document = Document(
        organisation_id=actor.organisation_id, kind=kind, text=plain,
        title=(title.strip() or _title_of(plain, upload))[:TITLE_MAX], source_url=source_url,
        published=published, language=detect_language(plain),
        sha256=hashlib.sha256(plain.encode()).hexdigest(), size=len(content))
    document.supported = document.language == "ru"
    if upload is not None:
        document.original_name = upload.name[:255]
        document.file.save(f"document.{kind}", ContentFile(content), save=False)
    document = model_create(instance=document, actor=actor)
    document_extract_request(actor=actor, document=document)
    document.refresh_from_db()
    return document


def _check_source(url: str) -> None:
    """The source is recorded, never fetched."""
    if not url:
        return
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise field_error("source_url", _("Укажите ссылку вида https://…")) from exc
    if len(url) > URL_MAX:
        raise field_error("source_url", _("Ссылка длиннее %(max)s символов.") % {"max": URL_MAX})


def _read(upload, text: str) -> tuple[str, str, bytes]:
    if upload is not None:
        check_upload_size(upload.size)
        try:
            kind, plain = ingest.read_document(upload.read())
        except DomainError as exc:
            raise DomainError(exc.message, code=exc.code,
                              errors=[{"field": "file", "message": str(exc)}]) from exc
        upload.seek(0)
        return kind, plain, upload.read()
    if not text.strip():
        raise field_error("file", _("Загрузите файл или вставьте текст."))
    if len(text) > PASTE_MAX_CHARS:
        raise field_error("text", _("Текст длиннее %(max)s символов: загрузите его файлом.")
                           % {"max": PASTE_MAX_CHARS}, code="too_large")
    plain = ingest.plain_text(text.encode("utf-8"), "txt")
    if not plain.strip():
        raise field_error("text", _("В тексте нет ничего, кроме служебных строк."))
    return DocumentKind.PASTED, plain, text.encode("utf-8")


def _title_of(plain: str, upload) -> str:
    for line in plain.splitlines():
        if len(line.strip()) >= 10:
            return line.strip().lstrip("#•-– ").strip()[:200]
    return upload.name if upload is not None else _("Документ без названия")


def _editable(actor, document: Document) -> Document:
    """The document if `actor` may change it: 404 outside their scope, 403 for a reader only."""
    found = documents_visible_to(actor).filter(pk=document.pk).first()
    if found is None:
        raise DomainError(_("Документ не найден."), code="not_found")
    if not may_add_documents(actor):
        raise DomainError(_("Недостаточно прав"), code="forbidden")
    return found


@transaction.atomic
def document_extract_request(*, actor, document: Document) -> Job:
    """Queue the reading of a document (again); one job per document and text at a time."""
    document = _editable(actor, document)
    job, created = job_create_once(
        kind=KIND, actor=actor, dedupe_key=f"{KIND}:{document.pk}:{document.sha256}",
        params={"document": document.pk}, country_code=document.audit_country_code())
    if created:
        model_update(instance=document, actor=actor,
                     data={"state": ExtractionState.QUEUED, "job": job})
        from .tasks import document_extract_task  # tasks import this module

        transaction.on_commit(lambda: document_extract_task.enqueue(job.pk))
    return job


def document_extract_job(*, job_id: int) -> Job:
    """The worker's entry: run the job, and leave the document done or failed whatever happens."""
    job = job_run(job_id=job_id, handler=lambda job, report: document_extract(
        document=Document.objects.get(pk=job.params["document"]), progress=report))
    if job.status == "failed":
        Document.objects.filter(job=job).update(state=ExtractionState.FAILED)
    return job


def document_extract(*, document: Document, progress=None) -> dict:
    """Read the facts of one document now. The same text always gives the same facts; facts a
    reviewer already decided stay as they were decided. The reading runs outside a transaction,
    so its state and progress show while it lasts; what it found is stored in one."""
    progress = progress or (lambda *args, **kwargs: None)
    Document.objects.filter(pk=document.pk).update(state=ExtractionState.RUNNING)
    document.state = ExtractionState.RUNNING  # so that «done» at the end is a change to write
    progress(10, gettext_noop("Чтение текста"))
    country = document.organisation.country
    found = as_json(extract(document.text, published=document.published,
                            gazetteer=registry_gazetteer(country)))
    progress(70, gettext_noop("Сопоставление с мероприятиями плана"))
    _propose_measures(found["events"], country, document.text)
    return _reading_save(document=document, found=found)


@transaction.atomic
def _reading_save(*, document: Document, found: dict) -> dict:
    created = _store_facts(document, found)
    search.index_document(document)
    model_update(instance=document, actor=None, data={
        "state": ExtractionState.DONE, "extracted_at": timezone.now(),
        "language": found["language"], "supported": found["supported"]})
    return {"facts": created, "events": len(found["events"])}


def _propose_measures(events: list[dict], country, text: str) -> None:
    from .matching import measure_index  # built once per plan set

    if not events:
        return
    index = measure_index(Measure.objects.filter(plan__country=country))
    for event in events:
        event["measures"] = [{"id": m.measure_id, "score": m.score}
                             for m in index.rank(text[event["span"][0]:event["span"][1]])]


def _store_facts(document: Document, found: dict) -> int:
    """Replace the undecided facts with this reading's; decided ones are kept as decided."""
    kept = {(f.kind, f.start, f.end) for f in document.facts.exclude(status="proposed")}
    document.facts.filter(status="proposed").delete()
    next_ordinal = {kind: (document.facts.filter(kind=kind).order_by("-ordinal")
                           .values_list("ordinal", flat=True).first() or 0) for kind in LISTS}
    new = []
    for kind, name in LISTS.items():
        for item in found[name]:
            start, end = item["span"]
            if (kind, start, end) in kept or end <= start:
                continue
            next_ordinal[kind] += 1
            new.append(Fact(document=document, kind=kind, ordinal=next_ordinal[kind], start=start,
                            end=end, found={k: v for k, v in item.items() if k != "span"},
                            territory_id=item.get("territory_id"),
                            organisation_id=item.get("organisation_id")))
    Fact.objects.bulk_create(new, batch_size=500)
    audit_log_many(actor=None, action=AuditAction.CREATE, items=[
        (fact, {"kind": {"old": None, "new": fact.kind}, "span": {"old": None,
                                                                 "new": [fact.start, fact.end]}})
        for fact in new])
    return len(new)


__all__ = ["document_create", "document_extract", "document_extract_job",
           "document_extract_request", "fact_decide", "fact_event_accept", "FactKind"]
