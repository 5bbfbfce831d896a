"""manage.py export_opensdg --country XX OUTDIR [--sdmx]: one Open SDG CSV per published indicator
of the country (imported official values and reported values of published periods)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.opendata.archive import country_files
from tendik.opendata.selectors import public_country


class Command(BaseCommand):
    help = "Выгрузка опубликованных индикаторов страны в форме Open SDG (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("outdir", type=Path)
        parser.add_argument("--country", required=True, help="ISO 3166-1 alpha-2, e.g. KG")
        parser.add_argument("--sdmx", action="store_true",
                            help="also SDMX-ML 2.1 data per indicator and structure.xml")

    def handle(self, *args, outdir: Path, country: str, sdmx: bool, **options):
        try:
            territory = public_country(country)
            written = country_files(territory, outdir, sdmx=sdmx)
        except DomainError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(_("Не удалось записать в %(path)s: %(error)s") % {
                "path": outdir, "error": error.strerror or error}) from error
        self.stdout.write(_("Записано файлов: %(count)s в %(path)s") % {
            "count": len(written), "path": outdir})
