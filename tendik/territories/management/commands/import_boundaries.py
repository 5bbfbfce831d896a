from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tendik.core.errors import DomainError
from tendik.territories.services import boundaries_import


class Command(BaseCommand):
    help = ("Import territory boundaries from a GeoJSON FeatureCollection (Polygon or "
            "MultiPolygon features), matched by territory code. All or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--code-property", default="code",
                            help="the feature property holding Territory.code (default: code)")

    def handle(self, *args, path: Path, code_property: str, **options):
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        try:
            counts = boundaries_import(actor=None, content=content, code_property=code_property,
                                       source=path.name)
        except DomainError as exc:
            for error in exc.errors:
                self.stderr.write(f"{error['row']} ({error['code'] or '—'}): {error['column']}: "
                                  f"{error['message']}")
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"created {counts['created']}, updated {counts['updated']}, "
                          f"unchanged {counts['unchanged']}; {counts['points']} points stored")
