"""The parts of a meeting and of an agreement as a client sends them, checked: each problem
names its field («participants.2.person»); every id is looked up within the actor's scope (404
outside it). Nothing here writes."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError, field_error
from tendik.core.i18n import per_language
from tendik.organisations.models import Organisation, Person
from tendik.organisations.selectors import organisations_visible_to, people_visible_to
from tendik.reporting.services.common import as_int
from tendik.territories.models import Territory

from ..models import Engagement, EngagementKind, EngagementParticipant, Project
from ..projects.selectors import projects_visible_to
from .capabilities import manages_country

TITLES = per_language("title")
SCALARS = ("kind", "date", "place", *TITLES, "summary")
RELATIONS = ("topics", "organisations", "participants", "projects")
LIMITS = {"place": 255, **dict.fromkeys(TITLES, 500), "summary": 20_000, "topic": 500,
          "name": 255, "position": 500, "text": 5_000, "note": 5_000}


def pk_of(value):
    return as_int(value.pk if isinstance(value, models.Model) else value)


def not_found(field: str, message) -> DomainError:
    return DomainError(message, code="not_found",
                       errors=[{"field": field, "message": str(message)}])


def text(field: str, value, *, required: bool = False, limit: str | None = None) -> str:
    if not isinstance(value, str):
        raise field_error(field, _("Ожидается текст."))
    value = value.strip()
    if required and not value:
        raise field_error(field, _("Обязательное поле."))
    maximum = LIMITS[limit or field.rsplit(".", 1)[-1]]
    if len(value) > maximum:
        raise field_error(field, _("Не длиннее %(max)s символов.") % {"max": maximum})
    return value


def date_of(field: str, value) -> datetime.date:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise field_error(field, _("Укажите дату."))
    return value


# --- -------------------------------------------------------------

def country_of(actor, value) -> Territory:
    value = pk_of(value) if not isinstance(value, str) or value.isdecimal() else value
    if value is None and actor is not None:
        value = actor.country_id
    query = Q(code=value) if isinstance(value, str) else Q(pk=value)
    country = Territory.objects.filter(query, level="country").first()
    if country is None or not manages_country(actor, country.pk):
        raise not_found("country", _("Такой страны нет среди ваших."))
    return country


def scalars(data: dict, *, partial: bool = False) -> dict:
    """The meeting's own fields that `data` holds, checked; on creation all of them."""
    values = {}
    if "kind" in data or not partial:
        if data.get("kind") not in EngagementKind.values:
            raise field_error("kind", _("Неизвестный вид встречи."))
        values["kind"] = data["kind"]
    if "date" in data or not partial:
        values["date"] = date_of("date", data.get("date"))
    for name in ("place", *TITLES, "summary"):
        if name in data or not partial:
            values[name] = text(name, data.get(name, ""), required=name == "title_ru")
    return values


def topics_text(value) -> str:
    """One topic per line, as the model keeps them; blanks and repeats dropped."""
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple):
        raise field_error("topics", _("Ожидается список тем."))
    topics = []
    for index, topic in enumerate(value):
        topic = " ".join(text(f"topics.{index}", topic, limit="topic").split())
        if topic and topic not in topics:
            topics.append(topic)
    return "\n".join(topics)


def _organisations_in_scope(actor):
    return Organisation.objects.all() if actor is None else organisations_visible_to(actor)


def organisations(actor, country, ids, field: str = "organisations") -> list[Organisation]:
    """Organisations of the meeting's country or international ones, each within scope."""
    if not isinstance(ids, list | tuple):
        raise field_error(field, _("Ожидается список организаций."))
    wanted = list(dict.fromkeys(pk_of(value) for value in ids))
    found = {org.pk: org for org in _organisations_in_scope(actor).filter(
        Q(country=country) | Q(country__isnull=True), pk__in=[pk for pk in wanted if pk])}
    if len(found) != len(wanted):
        raise not_found(field, _("Такой организации нет в реестре вашей страны."))
    return [found[pk] for pk in wanted]


def _person(actor, country, value, field: str) -> Person | None:
    if value in (None, ""):
        return None
    people = Person.objects.all() if actor is None else people_visible_to(actor)
    person = people.select_related("organisation").filter(
        Q(organisation__country=country) | Q(organisation__country__isnull=True),
        pk=pk_of(value)).first()
    if person is None:
        raise not_found(field, _("Такого сотрудника нет в справочнике."))
    return person


def participants(actor, country, rows) -> list[EngagementParticipant]:
    """People as they were at the meeting: a person from the directory brings their name and
    current position, unless a position is given; both are kept as they are now."""
    if not isinstance(rows, list | tuple):
        raise field_error("participants", _("Ожидается список участников."))
    participants = []
    for index, row in enumerate(rows):
        at = f"participants.{index}"
        if not isinstance(row, dict):
            raise field_error(at, _("Ожидается участник."))
        person = _person(actor, country, row.get("person"), f"{at}.person")
        organisation = None
        if row.get("organisation") not in (None, ""):
            organisation = organisations(actor, country, [row["organisation"]],
                                          f"{at}.organisation")[0]
        name = text(f"{at}.name", row.get("name") or "") or (person.full_name if person else "")
        if not name:
            raise field_error(f"{at}.name", _("Укажите имя участника или выберите сотрудника."))
        position = text(f"{at}.position", row.get("position") or "")
        participants.append(EngagementParticipant(
            person=person, name=name, position_order=index,
            position=position or (person.position if person else ""),
            organisation=organisation or (person.organisation if person else None)))
    return participants


def projects(actor, country, ids) -> list[Project]:
    if not isinstance(ids, list | tuple):
        raise field_error("projects", _("Ожидается список проектов."))
    wanted = list(dict.fromkeys(pk_of(value) for value in ids))
    projects = Project.objects.all() if actor is None else projects_visible_to(actor)
    found = {p.pk: p for p in projects.filter(country=country, pk__in=[pk for pk in wanted if pk])}
    if len(found) != len(wanted):
        raise not_found("projects", _("Такого проекта в вашей стране нет."))
    return [found[pk] for pk in wanted]


def follow_up_values(actor, engagement: Engagement, row: dict, prefix: str = "") -> dict:
    owner = row.get("owner")
    if owner in (None, ""):
        raise field_error(f"{prefix}owner", _("Укажите ответственную организацию."))
    return {"text": text(f"{prefix}text", row.get("text", ""), required=True, limit="text"),
            "owner": organisations(actor, engagement.country, [owner], f"{prefix}owner")[0],
            "due_date": due_date(engagement, row.get("due_date"), f"{prefix}due_date")}


def due_date(engagement: Engagement, value, field: str) -> datetime.date:
    due_date = date_of(field, value)
    if due_date < engagement.date:
        raise field_error(field, _("Срок раньше даты встречи (%(date)s).") % {
            "date": engagement.date.strftime("%d.%m.%Y")})
    return due_date


def follow_up_rows(actor, engagement: Engagement, rows) -> list[dict]:
    if not isinstance(rows, list | tuple):
        raise field_error("follow_ups", _("Ожидается список договорённостей."))
    return [follow_up_values(actor, engagement, row if isinstance(row, dict) else {},
                              f"follow_ups.{index}.") for index, row in enumerate(rows)]


