"""manage.py backup PATH: one archive of the database, the private files and their manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tendik.system.backup.errors import BackupError
from tendik.system.backup.services import backup_create


class Command(BaseCommand):
    help = "Резервная копия: база данных, закрытые файлы и манифест с контрольными суммами в одном архиве."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="файл архива, например /srv/backups/tendik.tar.gz")

    def handle(self, *args, path: Path, **options):
        try:
            job = backup_create(path=path, trigger="manual")
        except BackupError as error:
            raise CommandError(str(error)) from error
        result = job.result
        self.stdout.write(_(
            "Резервная копия записана: %(path)s, %(size)s МБ; таблиц %(tables)s, строк %(rows)s, "
            "файлов %(files)s; %(seconds)s с.") % {**result, "size": round(result["size"] / 2**20, 1)})
