"""Writes a device may send twice: the first success is remembered under the device's id.

The check runs before the report is locked, so a write that landed just before the report was
accepted still gets its result back rather than a refusal, and again after the lock, so two
copies of one request in flight at once cannot both pass: the second waits for the first's lock
and then finds its receipt.
"""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError

from ..models import ClientWrite, Report
from .common import lock_for_write

# A queue waits on a device for days, rarely months; a receipt older than this is let go.
RECEIPT_DAYS = 90


def _reused() -> DomainError:
    return DomainError(_("Этот идентификатор изменения уже использован для другой записи."),
                       code="conflict", errors=[{"column": "client_id", "message": _(
                           "уже использован для другой записи")}])


def write_replayed(*, actor, report: Report, client_id: uuid.UUID | None, kind: str):
    """The first result of this device write, or None when it is new (or has no id)."""
    if client_id is None or actor is None or not actor.is_authenticated:
        return None
    receipt = ClientWrite.objects.filter(user=actor, client_id=client_id).first()
    if receipt is None:
        return None
    if receipt.report_id != report.pk or receipt.kind != kind:
        raise _reused()
    return receipt.result


def write_remember(*, actor, report: Report, client_id: uuid.UUID | None, kind: str,
                   result) -> None:
    """Keep the result of a write that changed something; the caller's transaction commits it."""
    if client_id is None or actor is None or not actor.is_authenticated:
        return
    try:
        with transaction.atomic():  # a savepoint: the refusal below must not poison the rest
            ClientWrite.objects.create(user=actor, client_id=client_id, report_id=report.pk,
                                       kind=kind, result=result)
    except IntegrityError as exc:  # the same id sent at once for another report's write
        raise _reused() from exc
    ClientWrite.objects.filter(user=actor, created_at__lt=timezone.now() - datetime.timedelta(
        days=RECEIPT_DAYS)).delete()


def lock_unless_replayed(*, actor, report: Report, client_id: uuid.UUID | None, kind: str):
    """`(locked report, None)` for a new write; `(None, first result)` for a replay."""
    first = write_replayed(actor=actor, report=report, client_id=client_id, kind=kind)
    if first is None:
        report = lock_for_write(actor, report)
        first = write_replayed(actor=actor, report=report, client_id=client_id, kind=kind)
    return (None, first) if first is not None else (report, None)
