"""Writes: help services (crisis centres, hotlines and the like). Every change is audited; a
service carries a version, and a stale one is a conflict (409)."""

import re

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from tendik.committees.models import HelpService, ServiceKind
from tendik.core.audit import AuditAction, audit_log
from tendik.core.errors import DomainError, field_error
from tendik.core.services import model_create, model_update
from tendik.partners.commitments.selectors import countries_for
from tendik.reporting.services.common import as_int, conflict

from .capabilities import may_create_help_services, may_edit_help_service
from .selectors import help_services_visible_to, organisations_for, territories_for

# The languages a service may answer in: the country's and its neighbours'.
LANGUAGE_CHOICES = (("ru", _l("русский")), ("ky", _l("кыргызский")), ("kk", _l("казахский")),
                    ("en", _l("английский")), ("uz", _l("узбекский")), ("tg", _l("таджикский")),
                    ("tk", _l("туркменский")))
LANGUAGES = tuple(code for code, _label in LANGUAGE_CHOICES)
NAMES = ("name_ru", "name_ky", "name_kk", "name_en")
TEXTS = (*NAMES, "hours", "phone", "accessibility", "address_public")
# What `help_service_update` may change; the country is fixed once the service exists.
FIELDS = ("organisation", *TEXTS, "services", "languages", "shelter_beds", "territories",
          "national_hotline", "is_active", "is_demo")
PHONE = re.compile(r"^\+?[\d\s-]+$")


def _forbidden() -> DomainError:
    return DomainError(_("Недостаточно прав"), code="forbidden")


def _pk(value) -> int | None:
    return as_int(getattr(value, "pk", value))


@transaction.atomic
def help_service_create(*, actor, organisation, country, name_ru: str, name_ky: str = "",
                        name_kk: str = "", name_en: str = "", services: list[str],
                        hours: str = "", phone: str, languages: list[str] = (),
                        accessibility: str = "", shelter_beds: int | None = None,
                        address_public: str = "", territories=(),
                        national_hotline: bool = False, is_active: bool = True,
                        is_demo: bool = False) -> HelpService:
    """`organisation`, `country` and `territories` are rows or their ids."""
    if not may_create_help_services(actor):
        raise _forbidden()
    found = countries_for(actor).filter(pk=_pk(country)).first()
    if found is None:
        raise field_error("country", _("Страна не найдена."), code="not_found")
    values = _checked(found, {
        "organisation": organisation, "name_ru": name_ru, "name_ky": name_ky, "name_kk": name_kk,
        "name_en": name_en, "services": services, "hours": hours, "phone": phone,
        "languages": languages, "accessibility": accessibility, "shelter_beds": shelter_beds,
        "address_public": address_public, "territories": territories,
        "national_hotline": national_hotline, "is_active": is_active, "is_demo": is_demo})
    served = values.pop("territories")
    service = model_create(instance=HelpService(country=found, **values), actor=actor)
    _territories_save(actor, service, served, old=[])
    return service


def _locked(actor, service) -> HelpService:
    """The service, locked, if it is in the actor's scope (else 404)."""
    visible = help_services_visible_to(actor) if actor is not None else HelpService.objects
    locked = visible.select_for_update(of=("self",)).filter(pk=_pk(service)).first()
    if locked is None:
        raise DomainError(_("Служба помощи не найдена."), code="not_found")
    return locked


@transaction.atomic
def help_service_update(*, actor, service, version: int, data: dict) -> HelpService:
    """Change the fields named in `data`; a save that changes nothing writes nothing."""
    service = _locked(actor, service)
    if not may_edit_help_service(actor, service):
        raise _forbidden()
    if as_int(version) is None:
        raise field_error("version", _("Укажите версию, которую вы изменяете."))
    if as_int(version) != service.version:
        raise conflict(_("Эту службу уже изменил другой пользователь."),
                       {"version": service.version})
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise field_error(sorted(unknown)[0], _("Это поле изменить нельзя."))
    if _pk(data.get("organisation", service.organisation_id)) != service.organisation_id \
            and not may_create_help_services(actor):
        raise _forbidden()  # an organisation keeps its own service; coordinators move it
    current = {name: getattr(service, name) for name in FIELDS if name != "territories"}
    current["services"] = service.service_list
    current["languages"] = _codes(service.languages)
    current["territories"] = [row.pk for row in service.territories.all()]
    values = _checked(service.country, {**current, **data})
    served = values.pop("territories")
    _instance, changes = model_update(instance=service, actor=actor, data=values)
    changes.update(_territories_save(actor, service, served, old=current["territories"]))
    if changes:
        HelpService.objects.filter(pk=service.pk).update(version=F("version") + 1)
        service.refresh_from_db(fields=["version"])
    return service


def _territories_save(actor, service, served: list, *, old: list[int]) -> dict:
    """Set the served territories and audit them (a many-to-many is no column model_update
    sees); nothing is written when they stay the same."""
    new = sorted(row.pk for row in served)
    if new == sorted(old):
        return {}
    service.territories.set(served)
    changes = {"territories": {"old": sorted(old), "new": new}}
    audit_log(actor=actor, instance=service, action=AuditAction.UPDATE, changes=changes)
    return changes


def _codes(value) -> list[str]:
    return [code for code in value.split(",") if code] if isinstance(value, str) else value


def _checked(country, values: dict) -> dict:
    """The fields as they will be stored, or a 400 (404 for an unknown id) naming the field."""
    values = dict(values)
    for name in TEXTS:
        if not isinstance(values.get(name) or "", str):
            raise field_error(name, _("Ожидается текст."))
        values[name] = (values.get(name) or "").strip()
    if not values["name_ru"]:
        raise field_error("name_ru", _("Укажите название на русском языке."))
    organisation = organisations_for(country).filter(pk=_pk(values["organisation"])).first()
    if organisation is None:
        raise field_error("organisation", _("Организация не найдена."), code="not_found")
    values["organisation"] = organisation
    services = _choices("services", values["services"], ServiceKind.values,
                        _("Нет такой услуги: «%(code)s»."))
    if not services:
        raise field_error("services", _("Выберите хотя бы одну услугу."))
    values["services"] = ",".join(services)
    values["languages"] = ",".join(_choices("languages", values["languages"], LANGUAGES,
                                            _("Нет такого языка: «%(code)s».")))
    values["phone"] = _phone(values["phone"])
    values["shelter_beds"] = _beds(values["shelter_beds"], services)
    if values["address_public"] and ServiceKind.SHELTER in services:
        raise field_error("address_public", _("Адрес службы, у которой есть убежище, "
                                              "не публикуется."))
    if values["national_hotline"] and ServiceKind.HOTLINE not in services:
        raise field_error("national_hotline", _("Национальная горячая линия должна "
                                                "оказывать услугу «телефон доверия»."))
    values["territories"] = _territories(country, values["territories"])
    for name in ("national_hotline", "is_active", "is_demo"):
        values[name] = bool(values[name])
    return values


def _choices(field: str, codes, allowed, message) -> list[str]:
    codes = _codes(codes or [])
    if not isinstance(codes, list | tuple):
        raise field_error(field, _("Ожидается список."))
    for code in codes:
        if code not in allowed:
            raise field_error(field, message % {"code": str(code)[:20]})
    return list(dict.fromkeys(codes))


def _phone(value: str) -> str:
    digits = sum(char.isdigit() for char in value)
    if not PHONE.match(value) or not 3 <= digits <= 20:
        raise field_error("phone", _("Телефон — цифры, «+», пробелы и дефисы; от 3 до 20 цифр."))
    return value


def _beds(value, services: list[str]) -> int | None:
    if value in (None, ""):
        return None
    if ServiceKind.SHELTER not in services:
        raise field_error("shelter_beds", _("Места указываются только для службы с убежищем."))
    beds = as_int(value)
    if beds is None or beds > 32767:
        raise field_error("shelter_beds", _("Число мест — целое число от 1 до 32767."))
    return beds


def _territories(country, ids) -> list:
    ids = list(ids or [])
    wanted = {_pk(value) for value in ids}
    if None in wanted:
        raise field_error("territories", _("Территория не найдена."))
    found = list(territories_for(country).filter(pk__in=wanted))
    if len(found) != len(wanted):
        # Territories are public reference data: naming one elsewhere is bad input, not scope.
        raise field_error("territories", _("Территория не найдена в стране службы."))
    return found
