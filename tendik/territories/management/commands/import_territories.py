from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tendik.core.errors import DomainError
from tendik.territories.open_admin_data import parse_path
from tendik.territories.services import territory_import


class Command(BaseCommand):
    help = "Import a territory tree from a file or folder in Open Admin Data format (JSON/CSV)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            counts = territory_import(records=parse_path(path))
        except DomainError as exc:
            for error in exc.errors:
                self.stderr.write(f"{error.get('row')}: {error.get('column')}: {error['message']}")
            raise CommandError(str(exc)) from exc
        for level in ("country", "region", "district", "municipality"):
            if level in counts:
                figures = counts[level]
                self.stdout.write(
                    f"{level}: created {figures.get('created', 0)}, "
                    f"updated {figures.get('updated', 0)}, "
                    f"unchanged {figures.get('unchanged', 0)}"
                )
