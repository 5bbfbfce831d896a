"""The home-page block of agreements due soon or overdue, for the people who owe them."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tendik.core.home import home_panel_register
from tendik.core.permissions import is_manager

from .selectors import follow_ups_visible_to, is_overdue, pending_q

SHOWN, HORIZON_DAYS = 8, 14


def follow_ups_due(user, today: datetime.date | None = None) -> dict | None:
    """Pending agreements owned by the user's organisation that are overdue or due within two
    weeks (coordinators: also their country's overdue ones), oldest due first; two queries."""
    if not user.is_authenticated:
        return None
    today = today or timezone.localdate()
    manager = is_manager(user)
    mine = Q(owner_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
    due = Q(due_date__lte=today + datetime.timedelta(days=HORIZON_DAYS))
    wanted = (mine & due) | Q(due_date__lt=today) if manager else mine & due
    follow_ups = follow_ups_visible_to(user).filter(pending_q(), wanted).order_by("due_date", "id")
    items = list(follow_ups[:SHOWN + 1])
    if not items:
        return None
    total = len(items) if len(items) <= SHOWN else follow_ups.count()
    query = "?status=open" + ("" if manager else f"&owner={user.organisation_id}")
    return {"items": [{"follow_up": f, "overdue": is_overdue(f, today)} for f in items[:SHOWN]],
            "more": total - min(total, SHOWN), "link": reverse("engagements:follow_ups") + query}


def register() -> None:
    home_panel_register(template="partners/engagements/_home_follow_ups.html",
                        provider=follow_ups_due)
