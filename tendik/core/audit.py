"""Writing audit rows. Services call these; nothing else writes AuditEntry."""

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditAction, AuditEntry


def audit_value(value):
    """A JSON-friendly, human-readable form of a field value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [audit_value(item) for item in value]
    return str(value)


def audited_fields(instance: models.Model) -> list[str]:
    skip = {"created_at", "updated_at", "created_by", "updated_by", "password", "last_login"}
    return [
        field.name
        for field in instance._meta.concrete_fields
        if field.name not in skip and not field.primary_key
    ]


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    return {name: audit_value(getattr(instance, name)) for name in fields or audited_fields(instance)}


def diff(before: dict, after: dict) -> dict:
    """Changed fields as {field: {"old": …, "new": …}}."""
    return {
        name: {"old": before.get(name), "new": value}
        for name, value in after.items()
        if before.get(name) != value
    }


def _entry(*, actor, instance: models.Model, action: str, changes: dict | None,
           reason: str) -> AuditEntry:
    country_code = instance.audit_country_code() if hasattr(instance, "audit_country_code") else ""
    return AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=getattr(actor, "username", "") or "system",
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        country_code=country_code or "",
        changes=changes or {},
        reason=reason,
    )


def audit_log_many(*, actor, items: list[tuple[models.Model, dict]], action: str,
                   reason: str = "") -> None:
    """One audit row per (instance, changes), written in one statement for bulk operations."""
    AuditEntry.objects.bulk_create(
        [_entry(actor=actor, instance=instance, action=action, changes=changes, reason=reason)
         for instance, changes in items], batch_size=500)


def audit_log(
    *,
    actor,
    instance: models.Model,
    action: str,
    changes: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    entry = _entry(actor=actor, instance=instance, action=action, changes=changes, reason=reason)
    entry.save()
    return entry


def creation_changes(instance: models.Model) -> dict:
    return {
        name: {"old": None, "new": value}
        for name, value in snapshot(instance).items()
        if value not in (None, "")
    }


__all__ = ["AuditAction", "audit_log", "audit_log_many", "creation_changes", "diff", "snapshot"]
