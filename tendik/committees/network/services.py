"""Writes of the committees network: committees, their members and meetings. Every id a client
sends is looked up within the actor's scope; every change is audited; committees and meetings
are saved only at the version they were read at; a save that changes nothing writes nothing."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tendik.core.errors import DomainError, field_error
from tendik.core.services import model_create, model_delete, model_update
from tendik.partners.engagements.inputs import pk_of
from tendik.reporting.services.common import as_int

from ..models import Committee, CommitteeMeeting, CommitteeMember, MemberRole
from . import inputs
from .capabilities import committee_capabilities, may_add_committees
from .selectors import committees_visible_to, meetings_visible_to, members_visible_to

FORBIDDEN = gettext_lazy("Недостаточно прав")


@transaction.atomic
def committee_create(*, actor, organisation, territory, established: datetime.date,
                     act: str = "", status: str = "active", is_demo: bool = False) -> Committee:
    """A committee of an ОМСУ (one per ОМСУ) in its country's territory."""
    if not may_add_committees(actor):
        raise DomainError(FORBIDDEN, code="forbidden")
    omsu = inputs.lsg(actor, organisation)
    values = inputs.committee_values(omsu.country, {
        "territory": territory, "established": established, "act": act, "status": status})
    return model_create(instance=Committee(organisation=omsu, country=omsu.country,
                                           is_demo=is_demo, **values), actor=actor)


def _committee_locked(actor, committee, *, records: bool) -> Committee:
    """The committee with its row locked, if `actor` may change it (its establishment data, or
    with `records` its members and meetings): 404 outside their scope, 403 for a reader."""
    committees = Committee.objects if actor is None else committees_visible_to(actor)
    found = committees.select_for_update(of=("self",)).select_related("country").filter(
        pk=pk_of(committee)).first()
    if found is None:
        raise DomainError(_("Комитет не найден."), code="not_found")
    if actor is not None:
        capabilities = committee_capabilities(actor, found)
        if not records and not capabilities.edit:
            raise DomainError(FORBIDDEN, code="forbidden")
        if records and not capabilities.records:
            refuse(capabilities)
    return found


def refuse(capabilities) -> None:
    """Members and meetings refused: a secretary at another committee does not find it."""
    if capabilities.refusal == "not_found":
        raise DomainError(_("Комитет не найден."), code="not_found")
    raise DomainError(FORBIDDEN, code="forbidden")


def _check_version(instance, version, message) -> None:
    if as_int(version) != instance.version:
        raise DomainError(message, code="conflict")


def _save(actor, instance, values: dict) -> None:
    """Audited save of what changed, with the version bumped once; nothing changed, nothing
    written."""
    _instance, changes = model_update(instance=instance, data=values, actor=actor)
    if changes:
        instance.version += 1
        instance.save(update_fields=["version"])


def _unknown(data: dict, allowed) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise field_error(unknown[0], _("Это поле здесь не изменяется."))


@transaction.atomic
def committee_update(*, actor, committee, version: int, data: dict) -> Committee:
    """Change a committee's establishment data: territory, date, act, status."""
    committee = _committee_locked(actor, committee, records=False)
    _check_version(committee, version, _("Этот комитет уже изменил другой пользователь: "
                                         "обновите страницу."))
    _unknown(data, inputs.COMMITTEE_FIELDS)
    _save(actor, committee, inputs.committee_values(committee.country, data, partial=True))
    return committee


def _check_role(committee, role: str, member_id=None) -> None:
    """One chair and one secretary per committee (the database holds the same rule)."""
    if role == MemberRole.MEMBER:
        return
    taken = committee.members.filter(role=role).exclude(pk=member_id)
    if taken.exists():
        raise field_error("role", _("В комитете уже есть %(role)s.") % {
            "role": MemberRole(role).label})


@transaction.atomic
def member_add(*, actor, committee, institution: str, name: str = "", position: str = "",
               organisation=None, person=None, role: str = "member") -> CommitteeMember:
    """A member acting for an institution; a person from the directory brings their name."""
    committee = _committee_locked(actor, committee, records=True)
    values = inputs.member_values(actor, committee, {
        "institution": institution, "name": name, "position": position,
        "organisation": organisation, "person": person, "role": role})
    _check_role(committee, values["role"])
    return model_create(instance=CommitteeMember(committee=committee, **values), actor=actor)


def _member_locked(actor, member) -> CommitteeMember:
    members = CommitteeMember.objects if actor is None else members_visible_to(actor)
    found = members.filter(pk=pk_of(member)).first()
    if found is None:
        raise DomainError(_("Член комитета не найден."), code="not_found")
    found.committee = _committee_locked(actor, found.committee_id, records=True)
    return found


@transaction.atomic
def member_update(*, actor, member, data: dict) -> CommitteeMember:
    """Change a member's fields; those not in `data` stay as they are."""
    member = _member_locked(actor, member)
    _unknown(data, ("name", "position", "institution", "organisation", "person", "role"))
    current = {"name": member.name, "position": member.position,
               "institution": member.institution, "organisation": member.organisation_id,
               "person": member.person_id, "role": member.role}
    values = inputs.member_values(actor, member.committee, {**current, **data})
    _check_role(member.committee, values["role"], member.pk)
    model_update(instance=member, data=values, actor=actor)
    return member


@transaction.atomic
def member_remove(*, actor, member) -> None:
    model_delete(instance=_member_locked(actor, member), actor=actor)


@transaction.atomic
def meeting_add(*, actor, committee, date: datetime.date, agenda: str, decisions: str = "",
                attended_women: int = 0, attended_men: int = 0) -> CommitteeMeeting:
    """A meeting held (not planned: its date is not in the future) with attendance by sex."""
    committee = _committee_locked(actor, committee, records=True)
    values = inputs.meeting_values({"date": date, "agenda": agenda, "decisions": decisions,
                                    "attended_women": attended_women,
                                    "attended_men": attended_men})
    return model_create(instance=CommitteeMeeting(committee=committee, **values), actor=actor)


@transaction.atomic
def meeting_update(*, actor, meeting, version: int, data: dict) -> CommitteeMeeting:
    meetings = CommitteeMeeting.objects if actor is None else meetings_visible_to(actor)
    found = meetings.filter(pk=pk_of(meeting)).first()
    if found is None:
        raise DomainError(_("Заседание не найдено."), code="not_found")
    committee = _committee_locked(actor, found.committee_id, records=True)
    found = CommitteeMeeting.objects.select_for_update().get(pk=found.pk)
    found.committee = committee
    _check_version(found, version, _("Это заседание уже изменил другой пользователь: "
                                     "обновите страницу."))
    _unknown(data, inputs.MEETING_FIELDS)
    _save(actor, found, inputs.meeting_values(data, partial=True))
    return found
