"""Reads of the audit log and jobs, scoped to the user."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

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


def audit_search(
    *,
    user,
    model: str = "",
    object_id: str = "",
    actor: str = "",
    action: str = "",
    text: str = "",
    date_from=None,
    date_to=None,
) -> QuerySet[AuditEntry]:
    entries = audit_entries_visible_to(user)
    if model:
        entries = entries.filter(content_type__model=model.lower())
    if object_id:
        entries = entries.filter(object_id=str(object_id))
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    if action:
        entries = entries.filter(action=action)
    if text:
        entries = entries.filter(Q(object_repr__icontains=text) | Q(reason__icontains=text))
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries


def object_history(instance) -> QuerySet[AuditEntry]:
    """The trail of one object the caller has already been allowed to see."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    return AuditEntry.objects.filter(content_type=content_type, object_id=str(instance.pk))


def jobs_visible_to(user) -> QuerySet[Job]:
    if is_installation_admin(user):
        return Job.objects.all()
    return Job.objects.filter(created_by=user)
