"""Writes to organisations, people and user accounts. Each one is validated, scoped and audited."""

import datetime
from collections import Counter
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from tendik.core.audit import AuditAction, audit_log, audit_value, snapshot
from tendik.core.errors import DomainError
from tendik.core.i18n import CONTENT_LANGUAGES, per_language
from tendik.core.permissions import Role, ensure_manages_country, user_roles
from tendik.core.services import api_tokens_revoke_all, model_create, model_delete, model_update
from tendik.core.xlsx import read_workbook
from tendik.territories.models import Territory

from .directory_import import directory_plan
from .models import Organisation, OrganisationName, Person, RoleAssignment, User
from .selectors import organisation_resolve, organisations_visible_to, people_visible_to
from .xlsx_io import ORGANISATIONS_SHEET, PEOPLE_SHEET

ORGANISATION_FIELDS = ("kind", "parent", "country", "territory", *per_language("name"), "acronym",
                       "is_active")
PERSON_FIELDS = ("last_name", "first_name", "patronymic", "sex", "position", "organisation",
                 "is_focal_point", "email", "phone")


def _search_text(organisation: Organisation) -> str:
    parts = [*(getattr(organisation, name) for name in per_language("name")),
             organisation.acronym]
    if organisation.pk:
        for other in organisation.other_names.all():
            parts += [other.name, other.acronym]
    return " | ".join(part for part in parts if part).lower()


def _refresh_search_text(organisation: Organisation) -> None:
    Organisation.objects.filter(pk=organisation.pk).update(search_text=_search_text(organisation))


@transaction.atomic
def organisation_create(*, actor, reason: str = "", **fields) -> Organisation:
    organisation = Organisation(**{k: v for k, v in fields.items() if k in ORGANISATION_FIELDS})
    ensure_manages_country(actor, organisation.country)
    _ensure_territory_in_country(organisation.territory, organisation.country)
    organisation.search_text = _search_text(organisation)
    return model_create(instance=organisation, actor=actor, reason=reason)


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, actor, reason: str = "", **fields
) -> tuple[Organisation, dict]:
    ensure_manages_country(actor, organisation.country)
    data = {k: v for k, v in fields.items() if k in ORGANISATION_FIELDS}
    if "country" in data:
        ensure_manages_country(actor, data["country"])
    _ensure_no_parent_cycle(organisation, data.get("parent", organisation.parent))
    _ensure_territory_in_country(data.get("territory", organisation.territory),
                                 data.get("country", organisation.country))
    organisation, changes = model_update(instance=organisation, data=data, actor=actor,
                                         reason=reason)
    if changes:
        _refresh_search_text(organisation)
    return organisation, changes


def _ensure_territory_in_country(territory: Territory | None, country: Territory | None) -> None:
    """An organisation of one country is never placed in another country's territory."""
    if territory is None or country is None or territory.country_code == country.country_code:
        return
    message = _("Территория «%(territory)s» не относится к стране организации (%(country)s)") % {
        "territory": territory.code, "country": country.code}
    raise DomainError(message, errors=[{"field": "territory", "message": message}])


def _ensure_no_parent_cycle(organisation: Organisation, parent: Organisation | None) -> None:
    seen = {organisation.pk}
    while parent is not None:
        if parent.pk in seen:
            raise DomainError(_("Организация не может входить сама в себя (цикл подчинения)"))
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def organisation_name_add(
    *,
    organisation: Organisation,
    actor,
    kind: str,
    name: str = "",
    acronym: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> OrganisationName:
    ensure_manages_country(actor, organisation.country)
    other = model_create(
        instance=OrganisationName(organisation=organisation, kind=kind, name=name.strip(),
                                  acronym=acronym.strip(), valid_from=valid_from,
                                  valid_to=valid_to),
        actor=actor,
    )
    _refresh_search_text(organisation)
    return other


@transaction.atomic
def organisation_name_remove(*, other_name: OrganisationName, actor) -> None:
    organisation = other_name.organisation
    ensure_manages_country(actor, organisation.country)
    model_delete(instance=other_name, actor=actor)
    _refresh_search_text(organisation)


@transaction.atomic
def person_create(*, actor, reason: str = "", **fields) -> Person:
    person = Person(**{k: v for k, v in fields.items() if k in PERSON_FIELDS})
    ensure_manages_country(actor, person.organisation.country if person.organisation_id else None)
    return model_create(instance=person, actor=actor, reason=reason)


@transaction.atomic
def person_update(*, person: Person, actor, reason: str = "", **fields) -> tuple[Person, dict]:
    ensure_manages_country(actor, person.organisation.country)
    data = {k: v for k, v in fields.items() if k in PERSON_FIELDS}
    if "organisation" in data:
        ensure_manages_country(actor, data["organisation"].country)
    return model_update(instance=person, data=data, actor=actor, reason=reason)


# Admins outrank coordinators, who outrank every other role.
ROLE_RANK = {Role.ADMIN: 2, Role.COORDINATOR: 1}


def _rank(roles) -> int:
    return max((ROLE_RANK.get(role, 0) for role in roles), default=0)


def _ensure_may_manage(actor, user: User) -> None:
    """Nobody changes an account that holds a role above their own: a coordinator cannot take
    over an admin's account by resetting its password, roles or active flag."""
    if actor is None or actor.pk == user.pk:
        return
    if _rank(user_roles(user)) > _rank(user_roles(actor)):
        raise DomainError(_("Нельзя изменять учётную запись с ролью выше вашей"), code="forbidden")


def _check_roles(actor, roles: list[str]) -> list[str]:
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise DomainError(_("Неизвестная роль: %(roles)s") % {"roles": ", ".join(sorted(unknown))})
    if actor is not None and _rank(roles) > _rank(user_roles(actor)):
        raise DomainError(_("Роль администратора может назначить только администратор"),
                          code="forbidden")
    return sorted(set(roles))


def _set_roles(user: User, roles: list[str]) -> tuple[list[str], list[str]]:
    before = sorted(user.role_assignments.values_list("role", flat=True))
    user.role_assignments.exclude(role__in=roles).delete()
    for role in set(roles) - set(before):
        RoleAssignment.objects.create(user=user, role=role)
    user._tendik_roles = None
    return before, roles


def _validated_password(password: str, user: User) -> str:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), errors=[{"column": "password",
                                                          "message": m} for m in exc.messages]) from exc
    return password


def user_country(*, actor, organisation: Organisation | None) -> Territory | None:
    """An account's country is its organisation's; international ones take the manager's."""
    if organisation is not None and organisation.country_id:
        return organisation.country
    return actor.country if actor is not None else None


@transaction.atomic
def user_save(*, actor, user: User | None = None, data: dict, password: str | None = None) -> User:
    """Create or change an account, its roles and its password in one transaction.

    The user form and the API both call this; the country follows the organisation.
    """
    data = dict(data)
    organisation = data.pop("organisation", user.organisation if user is not None else None)
    country = user_country(actor=actor, organisation=organisation)
    if user is None:
        data.pop("is_active", None)  # a new account starts active
        return user_create(actor=actor, password=password or "", organisation=organisation,
                           country=country, **data)
    user_update(user=user, actor=actor, organisation=organisation, country=country, **data)
    if password:
        user_set_password(user=user, actor=actor, password=password)
    return user


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    organisation: Organisation,
    country: Territory,
    roles: list[str],
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    person: Person | None = None,
    check_password: bool = True,
    language: str = settings.LANGUAGE_CODE,
) -> User:
    ensure_manages_country(actor, country)
    roles = _check_roles(actor, roles)
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("Пользователь «%(name)s» уже существует") % {"name": username})
    user = User(username=username, email=email, first_name=first_name, last_name=last_name,
                organisation=organisation, country=country, person=person, language=language)
    user.set_password(_validated_password(password, user) if check_password else password)
    user = model_create(instance=user, actor=actor)
    _set_roles(user, roles)
    audit_log(actor=actor, instance=user, action=AuditAction.UPDATE,
              changes={"roles": {"old": [], "new": roles}})
    return user


@transaction.atomic
def user_update(
    *, user: User, actor, roles: list[str] | None = None, reason: str = "", **fields
) -> User:
    ensure_manages_country(actor, user.country)
    _ensure_may_manage(actor, user)
    allowed = ("email", "first_name", "last_name", "organisation", "country", "person",
               "is_active", "language")
    data = {k: v for k, v in fields.items() if k in allowed}
    if "country" in data:
        ensure_manages_country(actor, data["country"])
    _user, changes = model_update(instance=user, data=data, actor=actor, reason=reason)
    if "is_active" in changes and not user.is_active:
        api_tokens_revoke_all(user=user)
    if roles is not None:
        roles = _check_roles(actor, roles)
        before, after = _set_roles(user, roles)
        if before != after:
            audit_log(actor=actor, instance=user, action=AuditAction.UPDATE,
                      changes={"roles": {"old": before, "new": after}}, reason=reason)
    return user


@transaction.atomic
def user_language_set(*, user: User, language: str) -> User:
    """Anyone chooses the language of their own mail; no manager's permission needed."""
    if language not in CONTENT_LANGUAGES:
        raise DomainError(_("Неизвестный язык"))
    model_update(instance=user, data={"language": language}, actor=user)
    return user


@transaction.atomic
def user_set_password(*, user: User, actor, password: str) -> User:
    if actor != user:
        ensure_manages_country(actor, user.country)
        _ensure_may_manage(actor, user)
    user.set_password(_validated_password(password, user))
    user.save(update_fields=["password"])
    api_tokens_revoke_all(user=user)
    audit_log(actor=actor, instance=user, action=AuditAction.UPDATE,
              changes={"password": {"old": "***", "new": "***"}})
    return user


@transaction.atomic
def user_totp_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator; it guards logins only once a code confirms it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Tendik", confirmed=False)


@transaction.atomic
def user_totp_confirm(*, user: User, token: str) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None or not device.verify_token(token.strip()):
        raise DomainError(_("Неверный код подтверждения"))
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_log(actor=user, instance=user, action=AuditAction.UPDATE,
              changes={"two_factor": {"old": False, "new": True}})
    return device


@transaction.atomic
def user_totp_disable(*, user: User, actor) -> None:
    if actor != user:
        ensure_manages_country(actor, user.country)
        _ensure_may_manage(actor, user)
    deleted, _count = TOTPDevice.objects.filter(user=user).delete()
    if deleted:
        audit_log(actor=actor, instance=user, action=AuditAction.UPDATE,
                  changes={"two_factor": {"old": True, "new": False}})


@transaction.atomic
def directory_import_xlsx(*, actor, content: bytes) -> dict:
    """Import organisations and people from one workbook: every row is valid, or nothing is saved."""
    book = read_workbook(content)
    if ORGANISATIONS_SHEET not in book.sheetnames and PEOPLE_SHEET not in book.sheetnames:
        raise DomainError(_("В книге нет листов «%(a)s» и «%(b)s»")
                          % {"a": ORGANISATIONS_SHEET, "b": PEOPLE_SHEET})
    visible = list(organisations_visible_to(actor).select_related("country", "parent")
                   .prefetch_related("other_names"))
    people = {p.pk: p for p in people_visible_to(actor).select_related("organisation__country")}
    plan = directory_plan(actor=actor, book=book, visible=visible, people=people)
    if plan.errors:
        raise DomainError(_("Файл не загружен: ошибок — %(count)s. Ничего не сохранено.")
                          % {"count": len(plan.errors)}, errors=plan.errors)
    counts = {"organisations": Counter(), "people": Counter()}
    reason = _("импорт XLSX")
    for planned in plan.organisations:
        parent_text = planned.references["parent"]
        parent = organisation_resolve(text=parent_text, organisations=visible) if parent_text else None
        data = {**planned.data, "parent": parent}
        with _row_errors(ORGANISATIONS_SHEET, planned.row):
            if planned.existing is None:
                visible.append(organisation_create(actor=actor, reason=reason, **data))
                outcome = "created"
            else:
                outcome = _update_if_changed(organisation_update, "organisation", planned,
                                             actor, reason, data)
        counts["organisations"][outcome] += 1
    for planned in plan.people:
        organisation = organisation_resolve(text=planned.references["organisation"],
                                            organisations=visible)
        data = {**planned.data, "organisation": organisation}
        with _row_errors(PEOPLE_SHEET, planned.row):
            if planned.existing is None:
                person_create(actor=actor, reason=reason, **data)
                outcome = "created"
            else:
                outcome = _update_if_changed(person_update, "person", planned, actor, reason,
                                             data)
        counts["people"][outcome] += 1
    return {sheet: dict(counter) for sheet, counter in counts.items()}


def _update_if_changed(update, argument: str, planned, actor, reason, data) -> str:
    """Unchanged rows are skipped, so a coordinator may re-upload rows they may only read."""
    if snapshot(planned.existing, list(data)) == {k: audit_value(v) for k, v in data.items()}:
        return "unchanged"
    update(**{argument: planned.existing}, actor=actor, reason=reason, **data)
    return "updated"


@contextmanager
def _row_errors(sheet: str, row: int):
    try:
        yield
    except DomainError as exc:
        raise DomainError(exc.message, code=exc.code, errors=[
            {"sheet": sheet, "row": row, "column": "", "message": str(exc)}]) from exc
