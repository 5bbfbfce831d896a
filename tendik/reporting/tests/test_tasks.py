import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tendik.reporting.tasks import next_run, reminders_schedule, reminders_task

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
