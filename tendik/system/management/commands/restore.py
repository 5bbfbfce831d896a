"""manage.py restore PATH [--force]: the database and the private files from a backup archive."""

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.system.backup.errors import BackupError
from tendik.system.backup.services import backup_restore


class Command(BaseCommand):
    help = ("Восстановление из резервной копии. Архив проверяется целиком до того, как что-либо "
            "меняется; непустая база заменяется только с --force.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="архив, записанный manage.py backup")
        parser.add_argument("--force", action="store_true",
                            help="заменить базу данных, даже если в ней уже есть данные")

    def handle(self, *args, path: Path, force: bool, **options):
        try:
            result = backup_restore(path=path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        made = timezone.localtime(datetime.fromisoformat(result["created_at"]))
        self.stdout.write(_(
            "Восстановлено из копии от %(created_at)s: таблиц %(tables)s, строк %(rows)s, файлов "
            "%(files)s; %(seconds)s с. Все таблицы совпадают с манифестом.")
            % {**result, "created_at": f"{made:%Y-%m-%d %H:%M %Z}"})
        if result["migrate"]:
            self.stdout.write(_("Копия сделана более старой версией: выполните manage.py migrate."))
