"""The installation admin's home-page warning: a failed or missing backup, a silent worker.

Registered in `SystemConfig.ready()`; it shows nothing when all is well, so the home page
stays quiet on a healthy installation."""

from tendik.core.home import home_panel_register
from tendik.core.permissions import is_installation_admin

from .checks import STALE, worker_status
from .selectors import backup_state


def admin_warning(user) -> dict | None:
    """None for everyone but installation admins, and for them when nothing needs doing;
    three queries otherwise (the last backup, the last good one, the worker's signal)."""
    if not user.is_authenticated or not is_installation_admin(user):
        return None
    backup = backup_state()
    worker_stale = worker_status() == STALE
    if not backup["warning"] and not worker_stale:
        return None
    return {"backup": backup, "worker_stale": worker_stale}


def register() -> None:
    home_panel_register(template="system/_home.html", provider=admin_warning)
