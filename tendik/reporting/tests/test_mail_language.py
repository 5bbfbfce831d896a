"""E-mails are written in each recipient's language, whoever triggers them."""

import datetime

import pytest
from django.core import mail

from tendik.reporting import services

from .factories import fill_report, open_period

pytestmark = pytest.mark.django_db


def test_reminders_are_written_in_each_recipients_language(world):
    _, period, report, _, _ = open_period(world)
    english = world.users["focal_point"]
    english.email, english.language = "focal@example.org", "en"
    english.save()
    colleague = world.users["partner"]
    colleague.email, colleague.language = "partner@example.org", "ru"
    colleague.save()
    services.report_remind(report=report, today=period.due_date + datetime.timedelta(days=3))
    subjects = {tuple(message.to): message.subject for message in mail.outbox}
    assert "overdue" in subjects[("focal@example.org",)]
    assert "просрочен" in subjects[("partner@example.org",)]


def test_workflow_mail_follows_the_recipients_language(world, django_capture_on_commit_callbacks):
    _, _, report, _, _ = open_period(world)
    coordinator = world.users["coordinator"]
    coordinator.email, coordinator.language = "coordinator@example.org", "en"
    coordinator.save()
    fill_report(report, world.users["focal_point"])
    with django_capture_on_commit_callbacks(execute=True):
        services.report_act(actor=world.users["focal_point"], report=report, action="submit")
    assert mail.outbox[-1].to == ["coordinator@example.org"]
    assert "submitted" in mail.outbox[-1].subject
