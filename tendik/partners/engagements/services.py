"""Writes: meetings with their participants, topics and organisations, and the agreements
reached at them. Every id a client sends is looked up within the actor's scope; every change is
audited; meetings and agreements are saved only at the version they were read at."""

import datetime

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.audit import AuditAction, audit_log, audit_value, creation_changes, diff, snapshot
from tendik.core.errors import DomainError, field_error
from tendik.core.services import model_create, model_update
from tendik.reporting.services.common import as_int

from ..models import Engagement, EngagementParticipant, FollowUp, FollowUpStatus
from . import inputs
from .capabilities import follow_up_capabilities, manages_country, may_add_engagements
from .selectors import engagements_visible_to, follow_ups_visible_to
from .workflow import ILLEGAL_MOVE, may_move


def _author(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _participant_key(participant: EngagementParticipant) -> tuple:
    return (participant.name, participant.position, participant.organisation_id,
            participant.person_id)


def _participant_label(participant: EngagementParticipant) -> str:
    parts = [participant.name, participant.position, str(participant.organisation or "")]
    return " — ".join(part for part in parts if part)


def _relations(engagement: Engagement, names) -> dict:
    """The named related rows as they are now."""
    rows = {"organisations": lambda: engagement.organisations.order_by("pk"),
            "projects": lambda: engagement.projects.order_by("pk"),
            "participants": lambda: engagement.participants.select_related("organisation")}
    return {name: list(rows[name]()) for name in names}


def _compare(name: str, rows: list) -> list:
    if name == "participants":
        return [_participant_key(p) for p in rows]
    return sorted(row.pk for row in rows)


def _audited(name: str, rows: list) -> list:
    return [_participant_label(p) for p in rows] if name == "participants" else audit_value(rows)


def _relate(engagement: Engagement, related: dict) -> None:
    if "organisations" in related:
        engagement.organisations.set(related["organisations"])
    if "projects" in related:
        engagement.projects.set(related["projects"])
    if "participants" in related:
        engagement.participants.all().delete()
        for participant in related["participants"]:
            participant.engagement = engagement
        EngagementParticipant.objects.bulk_create(related["participants"])


# --- agreements --------------------------------------------------------------------------

def _follow_up_save(actor, engagement: Engagement, values: dict) -> FollowUp:
    return model_create(instance=FollowUp(engagement=engagement, **values), actor=actor)


# --- the services ------------------------------------------------------------------------

@transaction.atomic
def engagement_create(*, actor, country, kind: str, date: datetime.date, place: str = "",
                      title_ru: str, title_ky: str = "", title_kk: str = "", title_en: str = "",
                      summary: str = "", topics: list[str] = (), organisations: list = (),
                      participants: list[dict] = (), follow_ups: list[dict] = (),
                      projects: list = (), is_demo: bool = False) -> Engagement:
    """Record a meeting with its participants and the agreements reached at it."""
    if not may_add_engagements(actor):
        raise DomainError(_("Встречи записывают координаторы."), code="forbidden")
    country = inputs.country_of(actor, country)
    values = inputs.scalars({"kind": kind, "date": date, "place": place, "title_ru": title_ru,
                             "title_ky": title_ky, "title_kk": title_kk, "title_en": title_en,
                             "summary": summary})
    engagement = Engagement(country=country, is_demo=is_demo, created_by=_author(actor),
                            updated_by=_author(actor), topics=inputs.topics_text(topics), **values)
    related = {"organisations": inputs.organisations(actor, country, organisations),
               "participants": inputs.participants(actor, country, participants),
               "projects": inputs.projects(actor, country, projects)}
    agreements = inputs.follow_up_rows(actor, engagement, follow_ups)
    engagement.save()
    _relate(engagement, related)
    audit_log(actor=actor, instance=engagement, action=AuditAction.CREATE, changes={
        **creation_changes(engagement),
        **{name: {"old": None, "new": _audited(name, rows)} for name, rows in related.items()
           if rows}})
    for values in agreements:
        _follow_up_save(actor, engagement, values)
    return engagement


def _engagement_writable(actor, engagement) -> Engagement:
    """The meeting with its row locked, if `actor` may change it: 404 outside their scope,
    403 for those who only read it."""
    engagements = Engagement.objects if actor is None else engagements_visible_to(actor)
    found = engagements.select_for_update(of=("self",)).filter(pk=inputs.pk_of(engagement)).first()
    if found is None:
        raise DomainError(_("Встреча не найдена."), code="not_found")
    if not manages_country(actor, found.country_id):
        raise DomainError(_("Недостаточно прав"), code="forbidden")
    return found


@transaction.atomic
def engagement_update(*, actor, engagement, version: int, data: dict) -> Engagement:
    """Change a meeting's fields; participants, topics, organisations and projects are replaced
    as wholes. A save that changes nothing writes nothing and keeps the version."""
    engagement = _engagement_writable(actor, engagement)
    if as_int(version) != engagement.version:
        raise DomainError(_("Эту встречу уже изменил другой пользователь: обновите страницу."),
                          code="conflict")
    unknown = sorted(set(data) - set(inputs.SCALARS) - set(inputs.RELATIONS))
    if unknown:
        raise field_error(unknown[0], _("Это поле здесь не изменяется."))
    values = inputs.scalars(data, partial=True)
    if "topics" in data:
        values["topics"] = inputs.topics_text(data["topics"])
    if "date" in values:
        _check_agreements_after(engagement, values["date"])
    before = snapshot(engagement, list(values))
    for name, value in values.items():
        setattr(engagement, name, value)
    changes = diff(before, snapshot(engagement, list(values)))
    related = _new_relations(actor, engagement, data)
    current = _relations(engagement, related)
    related = {name: rows for name, rows in related.items()
               if _compare(name, rows) != _compare(name, current[name])}
    changes |= {name: {"old": _audited(name, current[name]), "new": _audited(name, rows)}
                for name, rows in related.items()}
    if not changes:
        return engagement
    engagement.version += 1
    engagement.updated_by = _author(actor)
    engagement.save(update_fields=[*values, "version", "updated_by", "updated_at"])
    _relate(engagement, related)
    audit_log(actor=actor, instance=engagement, action=AuditAction.UPDATE, changes=changes)
    return engagement


def _new_relations(actor, engagement: Engagement, data: dict) -> dict:
    country = engagement.country
    related = {}
    if "organisations" in data:
        related["organisations"] = inputs.organisations(actor, country, data["organisations"])
    if "participants" in data:
        related["participants"] = inputs.participants(actor, country, data["participants"])
    if "projects" in data:
        related["projects"] = inputs.projects(actor, country, data["projects"])
    return related


def _check_agreements_after(engagement: Engagement, date: datetime.date) -> None:
    earliest = engagement.follow_ups.order_by("due_date").values_list("due_date", flat=True).first()
    if earliest is not None and earliest < date:
        raise field_error("date", _("Встреча не может быть позже срока её договорённости "
                                    "(%(due)s).") % {"due": earliest.strftime("%d.%m.%Y")})


@transaction.atomic
def follow_up_add(*, actor, engagement, text: str, owner, due_date: datetime.date) -> FollowUp:
    """A new agreement of a meeting, with its owner organisation and due date."""
    engagement = _engagement_writable(actor, engagement)
    values = inputs.follow_up_values(actor, engagement, {"text": text, "owner": owner,
                                                   "due_date": due_date})
    return _follow_up_save(actor, engagement, values)


def _follow_up_locked(actor, follow_up, version):
    follow_ups = FollowUp.objects.select_related("engagement") if actor is None \
        else follow_ups_visible_to(actor)
    found = follow_ups.select_for_update(of=("self",)).filter(pk=inputs.pk_of(follow_up)).first()
    if found is None:
        raise DomainError(_("Договорённость не найдена."), code="not_found")
    capabilities = follow_up_capabilities(actor, found)
    if not capabilities.update:
        raise DomainError(_("Недостаточно прав"), code="forbidden")
    if as_int(version) != found.version:
        raise DomainError(_("Эту договорённость уже изменил другой пользователь: обновите "
                            "страницу."), code="conflict")
    return found, capabilities


@transaction.atomic
def follow_up_update(*, actor, follow_up, version: int, status: str, note: str | None = None,
                     due_date: datetime.date | None = None) -> FollowUp:
    """Move an agreement along its life-cycle (workflow.TRANSITIONS) and say what was done.
    `note` None keeps the note; `due_date` None keeps the date (only coordinators move it)."""
    follow_up, capabilities = _follow_up_locked(actor, follow_up, version)
    if status not in FollowUpStatus.values:
        raise field_error("status", _("Неизвестный статус."))
    if not may_move(follow_up.status, status):
        raise DomainError(ILLEGAL_MOVE % {
            "from": follow_up.get_status_display(), "to": FollowUpStatus(status).label},
            code="conflict")
    values = {"status": status, "done_on": _done_on(follow_up, status)}
    if note is not None:
        values["note"] = inputs.text("note", note)
    if due_date is not None and due_date != follow_up.due_date:
        if not capabilities.reschedule:
            raise DomainError(_("Срок меняет координатор."), code="forbidden")
        values["due_date"] = inputs.due_date(follow_up.engagement, due_date, "due_date")
    follow_up, changes = model_update(instance=follow_up, actor=actor, data=values)
    if changes:
        FollowUp.objects.filter(pk=follow_up.pk).update(version=models.F("version") + 1)
        follow_up.refresh_from_db(fields=["version"])
    return follow_up


def _done_on(follow_up: FollowUp, status: str) -> datetime.date | None:
    if status != FollowUpStatus.DONE:
        return None
    return follow_up.done_on if follow_up.status == FollowUpStatus.DONE else timezone.localdate()
