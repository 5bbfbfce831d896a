"""The parts of a committee, a member and a meeting as a client sends them, checked: each
problem names its field; every id is looked up within the actor's scope (404 outside it).
Nothing here writes."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.errors import field_error
from tendik.organisations.models import Organisation, OrganisationKind, Person
from tendik.organisations.selectors import organisations_visible_to, people_visible_to
from tendik.partners.engagements.inputs import not_found, pk_of
from tendik.territories.models import Level, Territory

from ..models import CommitteeStatus, Institution, MemberRole
from .capabilities import manages_country

LIMITS = {"act": 500, "name": 255, "position": 500, "agenda": 20_000, "decisions": 20_000}
ATTENDANCE_MAX = 32_767  # PositiveSmallIntegerField


def text(field: str, value, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise field_error(field, _("Ожидается текст."))
    value = value.strip()
    if required and not value:
        raise field_error(field, _("Обязательное поле."))
    if len(value) > LIMITS[field]:
        raise field_error(field, _("Не длиннее %(max)s символов.") % {"max": LIMITS[field]})
    return value


def past_date(field: str, value) -> datetime.date:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise field_error(field, _("Укажите дату."))
    if value > timezone.localdate():
        raise field_error(field, _("Дата не может быть в будущем."))
    return value


def choice(field: str, value, choices) -> str:
    if value not in choices.values:
        raise field_error(field, _("Выберите одно из значений списка."))
    return value


def count(field: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise field_error(field, _("Укажите целое число не меньше нуля."))
    if value > ATTENDANCE_MAX:
        raise field_error(field, _("Слишком большое число."))
    return value


def _organisations(actor):
    return Organisation.objects.all() if actor is None else organisations_visible_to(actor)


def lsg(actor, value) -> Organisation:
    """An ОМСУ of a country the actor manages that has no committee yet."""
    found = _organisations(actor).select_related("country").filter(pk=pk_of(value)).first()
    if found is None or not manages_country(actor, found.country_id):
        raise not_found("organisation", _("Такой организации нет в реестре вашей страны."))
    if found.kind != OrganisationKind.LSG:
        raise field_error("organisation", _("Комитет создаётся при органе местного "
                                            "самоуправления (ОМСУ)."))
    if hasattr(found, "committee"):
        raise field_error("organisation", _("У этого ОМСУ уже есть комитет."))
    return found


def territory(country, value) -> Territory:
    """A municipality or a district of the committee's country, by id or code."""
    query = Q(code=value) if isinstance(value, str) and not value.isdecimal() \
        else Q(pk=pk_of(value))
    found = Territory.objects.filter(query, country_code=country.code).first()
    if found is None:
        raise not_found("territory", _("Такой территории в стране нет."))
    if found.level not in (Level.MUNICIPALITY, Level.DISTRICT):
        raise field_error("territory", _("Укажите район, город или айыльный аймак."))
    return found


def member_organisation(actor, country, value) -> Organisation | None:
    if value in (None, ""):
        return None
    found = _organisations(actor).filter(Q(country=country) | Q(country__isnull=True),
                                         pk=pk_of(value)).first()
    if found is None:
        raise not_found("organisation", _("Такой организации нет в реестре вашей страны."))
    return found


def person(actor, country, value) -> Person | None:
    if value in (None, ""):
        return None
    people = Person.objects.all() if actor is None else people_visible_to(actor)
    found = people.select_related("organisation").filter(
        Q(organisation__country=country) | Q(organisation__country__isnull=True),
        pk=pk_of(value)).first()
    if found is None:
        raise not_found("person", _("Такого сотрудника нет в справочнике."))
    return found


def member_values(actor, committee, data: dict) -> dict:
    """A member's fields, checked; a person from the directory brings their name, position
    and organisation (what is typed wins)."""
    linked = person(actor, committee.country, data.get("person"))
    name = text("name", data.get("name") or "") or (linked.full_name if linked else "")
    if not name:
        raise field_error("name", _("Укажите имя или выберите сотрудника из справочника."))
    organisation = member_organisation(actor, committee.country, data.get("organisation"))
    return {"person": linked, "name": name,
            "position": text("position", data.get("position") or "")
            or (linked.position if linked else ""),
            "institution": choice("institution", data.get("institution"), Institution),
            "organisation": organisation or (linked.organisation if linked else None),
            "role": choice("role", data.get("role", MemberRole.MEMBER), MemberRole)}


MEETING_FIELDS = ("date", "agenda", "decisions", "attended_women", "attended_men")


def meeting_values(data: dict, *, partial: bool = False) -> dict:
    values = {}
    if "date" in data or not partial:
        values["date"] = past_date("date", data.get("date"))
    if "agenda" in data or not partial:
        values["agenda"] = text("agenda", data.get("agenda", ""), required=True)
    if "decisions" in data or not partial:
        values["decisions"] = text("decisions", data.get("decisions", ""))
    for name in ("attended_women", "attended_men"):
        if name in data or not partial:
            values[name] = count(name, data.get(name, 0))
    return values


COMMITTEE_FIELDS = ("territory", "established", "act", "status")


def committee_values(committee_country, data: dict, *, partial: bool = False) -> dict:
    values = {}
    if "territory" in data or not partial:
        values["territory"] = territory(committee_country, data.get("territory"))
    if "established" in data or not partial:
        values["established"] = past_date("established", data.get("established"))
    if "act" in data or not partial:
        values["act"] = text("act", data.get("act", ""))
    if "status" in data or not partial:
        values["status"] = choice("status", data.get("status", CommitteeStatus.ACTIVE),
                                  CommitteeStatus)
    return values
