"""Reads of the audit log and jobs, scoped to the user."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, Job
from .permissions import is_installation_admin, is_manager


def user_country_code(user) -> str:
    return user.country.code if getattr(user, "country_id", None) else ""


def audit_entries_visible_to(user) -> QuerySet[AuditEntry]:
    """Coordinators read their country's trail and that of shared reference data."""
    if not is_manager(user):
        raise PermissionDenied
    entries = AuditEntry.objects.select_related("content_type")
    if is_installation_admin(user):
        return entries
    return entries.filter(Q(country_code=user_country_code(user)) | Q(country_code=""))


def object_history(instance) -> QuerySet[AuditEntry]:
    """The trail of one object the caller has already been allowed to see."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    return AuditEntry.objects.filter(content_type=content_type, object_id=str(instance.pk)
                                     ).select_related("content_type")


def jobs_visible_to(user) -> QuerySet[Job]:
    """One's own jobs; a coordinator also sees the shared jobs of their country."""
    if is_installation_admin(user):
        return Job.objects.all()
    mine = Q(created_by=user)
    if is_manager(user):
        mine |= Q(shared=True, country_code=user_country_code(user))
    return Job.objects.filter(mine)


# Keys the reader gains nothing from: identifiers, counters and derived search text.
HIDDEN_CHANGES = {"id", "uid", "version", "observations_version", "search_text", "created_at",
                  "updated_at", "created_by", "updated_by"}
# Keys services log for whole sections rather than model fields.
SECTION_LABELS = {
    "observations": _("Значения индикаторов"),
    "activities": _("Проведённые мероприятия"),
    "roles": _("Роли"),
    "two_factor": _("Двухфакторная проверка"),
    "password": _("Пароль"),
}
SECTION_MODELS = {"observations": "plans.Indicator"}  # keys read "<indicator id>:<breakdown>"


@dataclass
class ChangeRow:
    label: str
    old: object = None
    new: object = None
    parts: list = field(default_factory=list)


def readable_history(entries) -> list[AuditEntry]:
    """Entries with `rows`: field labels, choice labels and related names instead of raw keys.

    Ids are resolved with one query per related model for the whole page, never per row.
    """
    entries = list(entries)
    wanted = _related_ids(entries)
    names = {model: {str(pk): obj for pk, obj in model._default_manager.in_bulk(ids).items()}
             for model, ids in wanted.items() if ids}
    for entry in entries:
        entry.type_label = _type_label(entry)
        entry.rows = [_row(entry.content_type.model_class(), key, change, names)
                      for key, change in entry.changes.items() if key not in HIDDEN_CHANGES]
    return entries


def _type_label(entry: AuditEntry) -> str:
    """The model's verbose name when it has one («отчёт»), not the class name «review comment»."""
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name) if model and "verbose_name" in (
        model._meta.original_attrs) else ""


def _field(model, key: str):
    try:
        return model._meta.get_field(key) if model else None
    except FieldDoesNotExist:
        return None


def _section_model(key: str):
    return apps.get_model(SECTION_MODELS[key]) if key in SECTION_MODELS else None


def _ids(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [str(v) for v in values if isinstance(v, int) and not isinstance(v, bool)]


def _related_ids(entries: list[AuditEntry]) -> dict:
    wanted: dict = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for key, change in entry.changes.items():
            target = _section_model(key)
            if target is not None and isinstance(change, dict):
                wanted[target] |= {part.split(":")[0] for part in change}
                continue
            related = _field(model, key)
            if related is not None and related.is_relation and isinstance(change, dict):
                wanted[related.related_model] |= {
                    *_ids(change.get("old")), *_ids(change.get("new"))}
    return wanted


def _row(model, key: str, change, names: dict) -> ChangeRow:
    model_field = _field(model, key)
    if model_field is not None:
        return ChangeRow(_label(model_field),
                         *(_value(model_field, change.get(side), names) for side in ("old", "new")))
    label = capfirst(SECTION_LABELS.get(key, key.replace("_", " ")))
    if isinstance(change, dict) and not {"old", "new"} & change.keys():
        return ChangeRow(label, parts=[_part(_section_model(key), name, part, names)
                                       for name, part in change.items()])
    return ChangeRow(label, *(_value(None, change.get(side), names) for side in ("old", "new")))


def _label(model_field) -> str:
    """A field's verbose name; a reverse relation (budget lines) reads as the related plural."""
    name = getattr(model_field, "verbose_name", None)
    return capfirst(name or model_field.related_model._meta.verbose_name_plural)


def _part(target, key: str, change: dict, names: dict) -> ChangeRow:
    """One item of a section, e.g. «И-1.1 (итого)» for the observation key «12:total»."""
    pk, _sep, breakdown = key.partition(":")
    item = names.get(target, {}).get(pk)
    label = getattr(item, "code", None) or (str(item) if item else pk)
    if breakdown:
        label = f"{label} ({gettext('итого') if breakdown == 'total' else breakdown})"
    return ChangeRow(label, change.get("old"), change.get("new"))


def _value(model_field, value, names: dict):
    if isinstance(value, bool):
        return gettext("да") if value else gettext("нет")
    if model_field is None:
        return value
    if model_field.is_relation and _ids(value):
        known = names.get(model_field.related_model, {})
        shown = [str(known.get(pk, pk)) for pk in _ids(value)]
        return shown if isinstance(value, list) else shown[0]
    if getattr(model_field, "choices", None) and isinstance(value, str):
        return dict(model_field.flatchoices).get(value, value)
    return value
