"""Roles and the checks built on them. Scoping of querysets lives in each app's selectors."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Администратор")
    COORDINATOR = "coordinator", _("Координатор")
    FOCAL_POINT = "focal_point", _("Ответственный по гендерным вопросам")
    PARTNER = "partner", _("Партнёр")
    COMMITTEE = "committee", _("Местный комитет")
    OBSERVER = "observer", _("Наблюдатель")


MANAGER_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR})


def user_roles(user) -> frozenset[str]:
    """The roles a user holds, read once per user object."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_tendik_roles", None)
    if cached is None:
        cached = frozenset(user.role_assignments.values_list("role", flat=True))
        user._tendik_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def is_manager(user) -> bool:
    """Coordinators and admins manage organisations, people and users."""
    return has_role(user, *MANAGER_ROLES)


def is_installation_admin(user) -> bool:
    """Admins work across countries; everybody else stays in their own country."""
    return has_role(user, Role.ADMIN)


def ensure_manages_country(actor, country) -> None:
    """Coordinators write their own country's rows; country-less rows are the admins'.

    `actor=None` is the system itself (demo loader, management commands).
    """
    from django.utils.translation import gettext as _

    from .errors import DomainError

    if actor is None:
        return
    if not is_manager(actor):
        raise DomainError(_("Недостаточно прав"), code="forbidden")
    if is_installation_admin(actor):
        return
    if country is None or country.pk != actor.country_id:
        raise DomainError(_("Можно изменять только данные своей страны"), code="forbidden")
