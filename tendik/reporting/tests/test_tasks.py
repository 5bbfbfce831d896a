import datetime
import logging
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tendik.reporting.tasks import next_run, reminders_schedule, reminders_task

from .factories import open_period

pytestmark = pytest.mark.django_db


def test_next_run_is_the_next_morning():
    evening = timezone.make_aware(datetime.datetime(2026, 11, 22, 18, 0))
    assert next_run(evening) == timezone.make_aware(datetime.datetime(2026, 11, 23, 9, 0))
    early = timezone.make_aware(datetime.datetime(2026, 11, 22, 7, 0))
    assert next_run(early).day == 22


def test_the_daily_job_is_queued_once_and_requeues_itself(world):
    reminders_schedule()
    reminders_schedule()
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    DBTaskResult.objects.all().delete()
    assert reminders_task.call() == 0  # nothing due in an empty database
    queued = DBTaskResult.objects.get(status="READY")
    assert queued.run_after > timezone.now()


class FailingSMTPBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("connection refused")


def test_a_mail_error_is_logged_and_tomorrows_run_is_still_queued(world, settings, caplog):
    open_period(world)  # its report is long overdue
    settings.TENDIK_REMINDER_EVERY_DAYS_AFTER = 1
    assert reminders_task.call() > 0  # with a working mail server, reminders go out
    DBTaskResult.objects.all().delete()
    settings.EMAIL_BACKEND = f"{__name__}.FailingSMTPBackend"
    with caplog.at_level(logging.ERROR, logger="tendik.reporting.tasks"):
        assert reminders_task.call() == 0
    assert "SMTPServerDisconnected" in caplog.text
    assert DBTaskResult.objects.filter(status="READY").count() == 1
