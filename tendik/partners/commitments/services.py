"""Writes: commitments, their publication and their yearly progress. Every change is audited;
a commitment and a year's progress carry a version, and a stale one is a conflict (409)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.audit import AuditAction, audit_log
from tendik.core.errors import DomainError, field_error
from tendik.core.files import EXTENSIONS, checked_upload
from tendik.core.i18n import per_language
from tendik.core.services import model_create, model_update
from tendik.partners.models import (
    ActionCoalition,
    Commitment,
    CommitmentFramework,
    CommitmentProgress,
    CommitmentStatus,
)
from tendik.plans.models import Indicator, Measure
from tendik.reporting.services.common import as_int, conflict

from .capabilities import (
    commitment_capabilities,
    is_member,
    manages_country,
    may_create_commitments,
)
from .reference import action_area
from .selectors import (
    cedaw_items,
    commitments_visible_to,
    countries_for,
    indicators_for,
    makers_for,
    measures_for,
)

TEXTS = per_language("title", "text")
# What `commitment_update` may change; the country is fixed once the commitment exists.
FIELDS = ("made_by", "framework", "action_coalition", "action_area", "cedaw_item", *TEXTS,
          "made_on", "target_date", "status", "is_demo")
TITLE_MAX = Commitment._meta.get_field("title_ru").max_length
URL_MAX = CommitmentProgress._meta.get_field("evidence_url").max_length


def _forbidden() -> DomainError:
    return DomainError(_("Недостаточно прав"), code="forbidden")


def _not_found(field: str, message: str) -> DomainError:
    return field_error(field, message, code="not_found")


def _pk(value) -> int | None:
    return as_int(getattr(value, "pk", value))


@transaction.atomic
def commitment_create(*, actor, country, made_by, framework: str, action_coalition: str = "",
                      action_area: str = "", cedaw_item=None, title_ru: str, title_ky: str = "",
                      title_kk: str = "", title_en: str = "", text_ru: str, text_ky: str = "",
                      text_kk: str = "", text_en: str = "", made_on: datetime.date | None = None,
                      target_date: datetime.date, status: str = CommitmentStatus.PLANNED,
                      measures=(), indicators=(), is_demo: bool = False) -> Commitment:
    """`country`, `made_by`, `cedaw_item`, `measures` and `indicators` are rows or their ids."""
    if not may_create_commitments(actor):
        raise _forbidden()
    country = _country(actor, country)
    values = {"made_by": made_by, "framework": framework, "action_coalition": action_coalition,
              "action_area": action_area, "cedaw_item": cedaw_item, "made_on": made_on,
              "target_date": target_date, "status": status, "is_demo": is_demo,
              "title_ru": title_ru, "title_ky": title_ky, "title_kk": title_kk,
              "title_en": title_en, "text_ru": text_ru, "text_ky": text_ky, "text_kk": text_kk,
              "text_en": text_en}
    commitment = Commitment(country=country, **_checked(actor, country, values))
    commitment = model_create(instance=commitment, actor=actor)
    _links_save(actor, commitment, measures=measures, indicators=indicators, created=True)
    return commitment


def _country(actor, country):
    found = countries_for(actor).filter(pk=_pk(country)).first()
    if found is None:
        raise _not_found("country", _("Страна не найдена."))
    if not (manages_country(actor, found.pk) or is_member(actor)):
        raise _forbidden()
    return found


def _checked(actor, country, values: dict) -> dict:
    """The fields as they will be stored, or a 400 (404 for an unknown id) naming the field."""
    values = {**values, "made_by": _maker(actor, country, values["made_by"])}
    values.update(_framework(country, values))
    for name in TEXTS:
        values[name] = (values.get(name) or "").strip()
    if not values["title_ru"]:
        raise field_error("title_ru", _("Укажите название на русском языке."))
    if not values["text_ru"]:
        raise field_error("text_ru", _("Укажите текст обязательства на русском языке."))
    for name in per_language("title"):
        if len(values[name]) > TITLE_MAX:
            raise field_error(name, _("Не длиннее %(max)s символов.") % {"max": TITLE_MAX})
    if values["status"] not in CommitmentStatus.values:
        raise field_error("status", _("Нет такого статуса."))
    if not values["target_date"]:
        raise field_error("target_date", _("Укажите срок."))
    if values["made_on"] and values["target_date"] < values["made_on"]:
        raise field_error("target_date", _("Срок раньше даты обязательства."))
    values["is_demo"] = bool(values["is_demo"])
    return values


def _maker(actor, country, made_by):
    """A government body, a CSO or a partner of the country; a member records only their own."""
    if is_member(actor) and not manages_country(actor, country.pk):
        if _pk(made_by) not in (None, actor.organisation_id):
            raise field_error("made_by", _("Можно записывать только обязательства своей "
                                           "организации."))
        made_by = actor.organisation_id
    if made_by in (None, ""):
        raise field_error("made_by", _("Укажите, кто взял обязательство."))
    found = makers_for(country).filter(pk=_pk(made_by)).first()
    if found is None:
        raise _not_found("made_by", _("Такой организации нет среди государственных органов, "
                                      "организаций гражданского общества и партнёров страны."))
    return found


def _framework(country, values: dict) -> dict:
    """Generation Equality needs a coalition and one of its action areas; CEDAW a
    recommendation; a national pledge neither (what it does not need is cleared)."""
    framework = values["framework"]
    coalition, area = values.get("action_coalition") or "", values.get("action_area") or ""
    if framework == CommitmentFramework.GENERATION_EQUALITY:
        if coalition not in ActionCoalition.values:
            raise field_error("action_coalition", _("Выберите коалицию действий."))
        if action_area(coalition, area) is None:
            raise field_error("action_area", _("Выберите направление действий этой коалиции."))
        return {"action_coalition": coalition, "action_area": area, "cedaw_item": None}
    if framework == CommitmentFramework.CEDAW:
        if values.get("cedaw_item") in (None, ""):
            raise field_error("cedaw_item", _("Выберите рекомендацию или статью КЛДЖ."))
        item = cedaw_items(country).filter(pk=_pk(values["cedaw_item"])).first()
        if item is None:
            raise _not_found("cedaw_item", _("Такой статьи КЛДЖ или рекомендации Комитета "
                                             "этой стране нет."))
        return {"action_coalition": "", "action_area": "", "cedaw_item": item}
    if framework == CommitmentFramework.NATIONAL:
        return {"action_coalition": "", "action_area": "", "cedaw_item": None}
    raise field_error("framework", _("Выберите рамку обязательства."))


def _links_save(actor, commitment: Commitment, *, measures, indicators,
                created: bool = False) -> dict:
    """Replace the linked measures and indicators (each an id of the country in the actor's
    scope, else 404); audit and return what changed."""
    changes = {}
    for name, found in (("measures", _linked(actor, commitment, "measures", measures)),
                        ("indicators", _linked(actor, commitment, "indicators", indicators))):
        if found is None:
            continue
        manager = getattr(commitment, name)
        before = [] if created else sorted(str(row) for row in manager.all())
        manager.set(found)
        after = sorted(str(row) for row in found)
        if before != after:
            changes[name] = {"old": before, "new": after}
    if changes:
        audit_log(actor=actor, instance=commitment, action=AuditAction.UPDATE, changes=changes)
    return changes


def _linked(actor, commitment: Commitment, name: str, values) -> list | None:
    if values is None:
        return None
    ids = {_pk(value) for value in values}
    if not ids:
        return []
    if actor is None:
        model = Measure if name == "measures" else Indicator
        scoped = model.objects.filter(**({"plan__country": commitment.country} if model is Measure
                                         else {"country": commitment.country}))
    else:
        read = measures_for if name == "measures" else indicators_for
        scoped = read(actor, commitment.country)
    found = list(scoped.filter(pk__in=ids - {None}))
    if None in ids or len(found) != len(ids):
        raise _not_found(name, _("Не найдено: %(what)s.") % {
            "what": ", ".join(sorted(str(v) for v in ids - {row.pk for row in found}))})
    return found


def _locked(actor, commitment: Commitment) -> Commitment:
    """The commitment with its row locked, if the actor can see it (else 404)."""
    visible = commitments_visible_to(actor) if actor is not None else Commitment.objects
    locked = visible.select_for_update(of=("self",)).filter(pk=_pk(commitment)).first()
    if locked is None:
        raise DomainError(_("Обязательство не найдено."), code="not_found")
    return locked


def _bump(commitment: Commitment) -> None:
    Commitment.objects.filter(pk=commitment.pk).update(version=F("version") + 1)
    commitment.refresh_from_db(fields=["version"])


@transaction.atomic
def commitment_update(*, actor, commitment: Commitment, version: int, data: dict) -> Commitment:
    """Change the fields named in `data` (and `measures`, `indicators`); a save that changes
    nothing writes nothing."""
    if as_int(version) is None:
        raise field_error("version", _("Укажите версию, которую вы изменяете."))
    commitment = _locked(actor, commitment)
    if not commitment_capabilities(actor, commitment).edit:
        raise _forbidden()
    if as_int(version) != commitment.version:
        raise conflict(_("Это обязательство уже изменил другой пользователь."),
                       {"version": commitment.version})
    unknown = set(data) - {*FIELDS, "measures", "indicators"}
    if unknown:
        raise field_error(sorted(unknown)[0], _("Это поле изменить нельзя."))
    current = {name: getattr(commitment, name) for name in FIELDS}
    values = _checked(actor, commitment.country, {**current, **{
        name: value for name, value in data.items() if name in FIELDS}})
    _instance, changes = model_update(instance=commitment, actor=actor, data=values)
    changes.update(_links_save(actor, commitment, measures=data.get("measures"),
                               indicators=data.get("indicators")))
    if changes:
        _bump(commitment)
    return commitment


@transaction.atomic
def commitment_publish(*, actor, commitment: Commitment, published: bool) -> Commitment:
    """Show the commitment and its progress on the public page, or take it off."""
    commitment = _locked(actor, commitment)
    if not commitment_capabilities(actor, commitment).publish:
        raise _forbidden()
    _instance, changes = model_update(instance=commitment, actor=actor, data={
        "published": bool(published),
        "published_at": commitment.published_at if bool(published) == commitment.published
        else (timezone.now() if published else None)})
    if changes:
        _bump(commitment)
    return commitment


@transaction.atomic
def commitment_progress_save(*, actor, commitment: Commitment, year: int, status: str,
                             text: str, percent: int | None = None, evidence_upload=None,
                             evidence_url: str = "", version: int | None = None
                             ) -> CommitmentProgress:
    """One year's progress: the first save creates it, the next ones (with its version) update
    it. The commitment's status becomes the latest year's."""
    commitment = _locked(actor, commitment)
    if not commitment_capabilities(actor, commitment).progress:
        raise _forbidden()
    values = _progress_values(commitment, year=year, status=status, text=text, percent=percent,
                              evidence_url=evidence_url)
    row = CommitmentProgress.objects.select_for_update().filter(
        commitment=commitment, year=values["year"]).first()
    if row is not None:
        if as_int(version) is None:
            raise field_error("version", _("За %(year)s год ход выполнения уже записан: "
                                           "изменить его можно только с его текущей версией.")
                              % values)
        if as_int(version) != row.version:
            raise conflict(_("Ход выполнения за этот год уже изменил другой пользователь."),
                           {"version": row.version})
    if evidence_upload is not None:
        values.update(_evidence(evidence_upload))
    row = _progress_write(actor, commitment, row, values)
    _status_follow_latest(actor, commitment)
    return row


def _progress_values(commitment, *, year, status, text, percent, evidence_url) -> dict:
    year = as_int(year)
    this_year = timezone.localdate().year
    first = commitment.made_on.year if commitment.made_on else 1900
    if year is None or year > this_year or year < first:
        raise field_error("year", _("Год — от %(first)s до %(last)s.") % {
            "first": first if commitment.made_on else "…", "last": this_year})
    if status not in CommitmentStatus.values:
        raise field_error("status", _("Нет такого статуса."))
    percent = _percent(percent)
    if not (text or "").strip():
        raise field_error("text", _("Опишите, что сделано."))
    evidence_url = (evidence_url or "").strip()
    if evidence_url:
        try:
            URLValidator(schemes=["http", "https"])(evidence_url)
        except ValidationError as exc:
            raise field_error("evidence_url", _("Укажите ссылку вида https://…")) from exc
        if len(evidence_url) > URL_MAX:
            raise field_error("evidence_url", _("Не длиннее %(max)s символов.") % {"max": URL_MAX})
    return {"year": year, "status": status, "text": text.strip(), "evidence_url": evidence_url,
            "percent": percent}


def _percent(value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not str(value).strip().isdecimal() or int(value) > 100:
        raise field_error("percent", _("Процент — целое число от 0 до 100."))
    return int(value)


def _evidence(upload) -> dict:
    try:
        content, content_type = checked_upload(upload)
    except DomainError as exc:
        raise DomainError(exc.message, code=exc.code,
                          errors=[{"field": "evidence", "message": str(exc)}]) from exc
    stored = ContentFile(content, name=f"evidence.{EXTENSIONS[content_type]}")
    return {"evidence_file": stored, "evidence_name": upload.name[:255]}


def _progress_write(actor, commitment, row, values) -> CommitmentProgress:
    if row is None:
        return model_create(instance=CommitmentProgress(commitment=commitment, **values),
                            actor=actor)
    old_file = row.evidence_file.name if "evidence_file" in values and row.evidence_file else ""
    _instance, changes = model_update(instance=row, actor=actor, data=values)
    if changes:
        CommitmentProgress.objects.filter(pk=row.pk).update(version=F("version") + 1)
        row.refresh_from_db(fields=["version"])
    if old_file:  # the replaced file goes once the new one is committed
        storage = CommitmentProgress._meta.get_field("evidence_file").storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return row


def _status_follow_latest(actor, commitment: Commitment) -> None:
    latest = commitment.progress.order_by("-year").values_list("status", flat=True).first()
    _instance, changes = model_update(instance=commitment, actor=actor, data={"status": latest})
    if changes:
        _bump(commitment)
