"""`manage.py worker`: django-tasks' `db_worker` (same options) with a heartbeat, and the
scheduled jobs queued at start.

The scheduled jobs (daily reminders, the nightly backup) each enqueue their own next run when
they run; queuing them at start makes sure a fresh installation, or one whose queue was emptied,
has them. Each schedule function does nothing if its next run is already waiting."""

import os

from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from tendik.system.heartbeat import Heartbeat


class Command(DbWorkerCommand):
    help = "Run the background worker: tasks from the database, with a heartbeat and the daily jobs"

    def handle(self, *args, worker_id: str, reload: bool, batch: bool, **options) -> None:
        if reload and not batch and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The reloader's parent only restarts its child, which runs this again and beats.
            return super().handle(*args, worker_id=worker_id, reload=reload, batch=batch, **options)
        # Dotted paths (settings): tendik.system sits below the apps that own these jobs.
        for path in settings.TENDIK_WORKER_SCHEDULES:
            import_string(path)()
        heartbeat = Heartbeat(worker_id=worker_id)
        heartbeat.start()
        try:
            return super().handle(*args, worker_id=worker_id, reload=reload, batch=batch, **options)
        finally:
            heartbeat.stop()
