"""manage.py import_opensdg PATH --country XX [--json] [--on-conflict=refuse|first|last]
[--structure FILE]: import Open SDG CSV or SDMX-ML files; the country is added when missing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.opendata.importing import opensdg_import
from tendik.opendata.models import OnConflict
from tendik.territories.services import country_ensure

SHOWN_WARNINGS = 20


class Command(BaseCommand):
    help = "Импорт данных Open SDG (CSV) и SDMX-ML 2.1: папка или файл."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--country", required=True, help="ISO 3166-1 alpha-2, e.g. KZ")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print the result as JSON")
        parser.add_argument("--on-conflict", choices=OnConflict.values, default=OnConflict.REFUSE,
                            help="rows giving one key different values: refuse the file (default), "
                                 "or take the first or the last")
        parser.add_argument("--structure", type=Path, help="SDMX structure message (DSD) file")

    def handle(self, *args, path: Path, country: str, as_json: bool, on_conflict: str,
               structure: Path | None, **options):
        try:
            territory, added = country_ensure(code=country)
            result = opensdg_import(actor=None, country=territory, path=path,
                                    on_conflict=on_conflict, structure=structure)
        except DomainError as error:
            raise CommandError(str(error)) from error
        summary = result.as_dict()
        if as_json:
            self.stdout.write(_dumps(summary))
        else:
            self._print(summary, territory.code if added else "")
        if result.errors:
            raise CommandError(_("Ошибок: %(count)s; файлы с ошибками не импортированы.")
                               % {"count": len(result.errors)})

    def _print(self, summary: dict, added: str) -> None:
        if added:
            self.stdout.write(_("Добавлена страна %(code)s.") % {"code": added})
        self.stdout.write(_(
            "Индикаторов: %(indicators)s, значений прочитано: %(observations)s; добавлено "
            "%(created)s, изменено %(updated)s, без изменений %(unchanged)s.") % summary)
        # Every error first, then the first warnings: a real folder gives hundreds (see --json).
        for title, rows, shown in ((_("Ошибки"), summary["errors"], None),
                                   (_("Предупреждения"), summary["warnings"], SHOWN_WARNINGS)):
            if rows:
                self.stdout.write(f"{title}: {len(rows)}")
            for row in rows[:shown]:
                self.stdout.write(f"  {row['file']}, {row['row']}, {row['column']}: {row['message']}")
            if shown is not None and len(rows) > shown:
                more = len(rows) - shown
                self.stdout.write("  " + _("… и ещё %(count)s (все — с --json)") % {"count": more})


def _dumps(summary: dict) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=2)
