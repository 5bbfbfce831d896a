"""The reviewer's decisions on facts: accept, correct or reject; accepting an event makes an
activity with the document as its evidence in a draft report of the reviewer's organisation."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tendik.core.audit import audit_log
from tendik.core.errors import DomainError, field_error
from tendik.core.models import AuditAction
from tendik.organisations.selectors import organisations_visible_to
from tendik.reporting import services as reporting
from tendik.territories.models import Territory

from .models import Document, DocumentKind, Fact, FactKind, FactStatus
from .selectors import documents_visible_to, evidence_reports_for, may_add_documents

# The reporting service's names for an activity's fields, as this form and API call them.
FORM_FIELDS = {"measures": "measure", "organisers": ""}
DECISIONS = {"accept": FactStatus.ACCEPTED, "correct": FactStatus.CORRECTED,
             "reject": FactStatus.REJECTED}
QUALIFIERS = (">", "≈", "<", "=", "all")
EVENT_TYPES = ("meeting", "training", "consultation", "campaign", "dialogue", "conference",
               "adoption", "establishment")



def _fact_locked(actor, fact_id, version) -> Fact:
    try:
        fact_id, version = int(fact_id), int(version)
    except (TypeError, ValueError) as exc:
        raise DomainError(_("Факт не найден."), code="not_found") from exc
    fact = Fact.objects.select_for_update(of=("self",)).select_related("document").filter(
        pk=fact_id, document__in=documents_visible_to(actor)).first()
    if fact is None:
        raise DomainError(_("Факт не найден."), code="not_found")
    if not may_add_documents(actor):
        raise DomainError(_("Недостаточно прав"), code="forbidden")
    if fact.version != version:
        raise DomainError(_("Этот факт уже проверил другой пользователь: обновите страницу."),
                          code="conflict")
    if fact.activity_id:
        raise DomainError(_("По этому событию уже создано мероприятие."), code="conflict")
    return fact


def _date(field: str, value) -> str | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError as exc:
        raise field_error(field, _("Дата в формате ГГГГ-ММ-ДД.")) from exc


def _corrections(actor, fact: Fact, data: dict) -> dict:
    """The corrected values a fact of this kind may take, checked."""
    clean: dict = {}
    if fact.kind in (FactKind.DATE, FactKind.EVENT):
        for name in ("date_start", "date_end"):
            if name in data:
                clean[name] = _date(name, data[name])
        if clean.get("date_start") and clean.get("date_end") and clean["date_end"] < clean["date_start"]:
            raise field_error("date_end", _("Окончание раньше начала."))
    if fact.kind == FactKind.EVENT and "type" in data:
        if data["type"] not in EVENT_TYPES:
            raise field_error("type", _("Неизвестный вид события."))
        clean["type"] = data["type"]
    if fact.kind == FactKind.QUANTITY:
        clean.update(_quantity(data))
    if fact.kind == FactKind.PERSON:
        clean.update({k: str(data[k])[:300] for k in ("name", "role") if k in data})
    return clean


def _quantity(data: dict) -> dict:
    clean = {}
    if "qualifier" in data:
        if data["qualifier"] not in QUALIFIERS:
            raise field_error("qualifier", _("Неизвестный признак количества."))
        clean["qualifier"] = data["qualifier"]
    if "value" in data:
        try:
            value = float(str(data["value"]).replace(",", ".").replace(" ", ""))
        except ValueError as exc:
            raise field_error("value", _("Введите число.")) from exc
        clean["value"] = int(value) if value.is_integer() else value
    if "unit" in data:
        clean["unit"] = str(data["unit"]).strip()[:100]
    return clean


def _links(actor, fact: Fact, organisation_id, territory_id) -> dict:
    """Registry links a reviewer sets: each id exists and is within their scope."""
    links = {}
    if organisation_id not in (None, "") and fact.kind == FactKind.ORGANISATION:
        org = organisations_visible_to(actor).filter(pk=_int("organisation", organisation_id)).first()
        if org is None:
            raise field_error("organisation", _("Такой организации в реестре нет."))
        links["organisation_id"] = org.pk
    if territory_id not in (None, "") and fact.kind in (FactKind.PLACE, FactKind.EVENT):
        territory = Territory.objects.filter(pk=_int("territory", territory_id)).first()
        if territory is None:
            raise field_error("territory", _("Такой территории нет."))
        links["territory_id"] = territory.pk
    return links


def _int(field: str, value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise field_error(field, _("Неверный номер.")) from exc


@transaction.atomic
def fact_decide(*, actor, fact_id, version, decision: str, data: dict | None = None,
                organisation_id=None, territory_id=None) -> Fact:
    """Accept, correct or reject one fact; the same decision twice writes nothing."""
    if decision not in DECISIONS:
        raise field_error("decision", _("Неизвестное решение."))
    fact = _fact_locked(actor, fact_id, version)
    values = _corrections(actor, fact, data or {}) if decision == "correct" else {}
    links = _links(actor, fact, organisation_id, territory_id)
    after = {"status": DECISIONS[decision], "data": {**fact.data, **values},
             **links}
    changes = {k: {"old": getattr(fact, k), "new": v} for k, v in after.items()
               if getattr(fact, k) != v}
    if not changes:
        return fact
    for name, value in after.items():
        setattr(fact, name, value)
    fact.updated_by = actor
    fact.version = F("version") + 1
    fact.save()
    fact.refresh_from_db()
    audit_log(actor=actor, instance=fact, action=AuditAction.UPDATE, changes=changes)
    return fact


@transaction.atomic
def fact_event_accept(*, actor, fact_id, version, report_id, title: str, kind: str, start, end,
                      territory_id=None, measure_id=None, venue: str = "",
                      participants_women=0, participants_men=0, participants_total=0,
                      organisers: list | None = None) -> Fact:
    """Accept an event: an activity in one of the reviewer's draft reports, with the document as
    its evidence. The fact keeps the activity, so the activity traces back to its words."""
    fact = _fact_locked(actor, fact_id, version)
    if fact.kind != FactKind.EVENT:
        raise DomainError(_("Мероприятие создаётся только из события."))
    report = evidence_reports_for(actor).filter(pk=_int("report", report_id)).first()
    if report is None:
        raise field_error("report", _("Выберите черновик отчёта вашей организации."))
    measures = [_int("measure", measure_id)] if measure_id not in (None, "") else []
    data = {"kind": kind, "title": title, "start": start, "end": end, "venue": venue,
            "territory": territory_id, "participants_women": participants_women,
            "participants_men": participants_men, "participants_total": participants_total,
            "organisers": organisers or [], "measures": measures}
    try:
        activity = reporting.activity_create(actor=actor, report=report, data=data)
    except DomainError as exc:
        raise DomainError(exc.message, code=exc.code, errors=[
            {"field": FORM_FIELDS.get(e.get("column") or e.get("field"), e.get("column") or ""),
             "message": e["message"]}
            for e in exc.errors]) from exc
    evidence = _evidence(actor, report, fact.document, measures)
    changes = {"status": {"old": fact.status, "new": FactStatus.ACCEPTED},
               "activity": {"old": None, "new": activity["id"]},
               "evidence": {"old": None, "new": evidence.pk}}
    Fact.objects.filter(pk=fact.pk).update(
        status=FactStatus.ACCEPTED, activity_id=activity["id"], evidence=evidence,
        measure_id=measures[0] if measures else None, version=F("version") + 1, updated_by=actor)
    fact.refresh_from_db()
    audit_log(actor=actor, instance=fact, action=AuditAction.UPDATE, changes=changes)
    return fact


def _evidence(actor, report, document: Document, measures: list[int]):
    """The document as evidence: its own PDF or DOCX, or a DOCX of its text, with its source link."""
    measure = measures[0] if measures and report.progress.filter(measure_id=measures[0]).exists() \
        else None
    description = _("Из документа «%(title)s»") % {"title": document.title[:400]}
    if document.kind in (DocumentKind.PDF, DocumentKind.DOCX) and document.file:
        with document.file.open("rb") as stored:
            content = stored.read()
        name = document.original_name or f"document.{document.kind}"
    else:
        content, name = _text_as_docx(document), f"document-{document.pk}.docx"
    return reporting.evidence_add(actor=actor, report=report, upload=ContentFile(content, name=name),
                                  url=document.source_url, measure_id=measure,
                                  description=description[:500])


def _text_as_docx(document: Document) -> bytes:
    """A pasted text, a TXT or an HTML page kept as a real DOCX: its title, source and text."""
    import io

    import docx

    book = docx.Document()
    book.add_heading(document.title, level=1)
    for label, value in ((_("Источник"), document.source_url),
                         (_("Дата публикации"), document.published and document.published.isoformat())):
        if value:
            book.add_paragraph(f"{label}: {value}")
    for paragraph in document.text.split("\n"):
        book.add_paragraph(paragraph)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
