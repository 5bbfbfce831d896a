from django.core.management.base import BaseCommand

from tendik.reporting.tasks import next_run, reminders_schedule


class Command(BaseCommand):
    help = "Make sure the daily reminder job is queued for the worker (idempotent)."

    def handle(self, *args, **options):
        reminders_schedule()
        self.stdout.write(f"Reminders: next run at {next_run():%Y-%m-%d %H:%M}")
