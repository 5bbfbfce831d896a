"""Import a national bank's official rate table (CSV: date,currency,rate,base[,nominal])."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tendik.core.errors import DomainError
from tendik.partners.money.services import exchange_rates_import


class Command(BaseCommand):
    help = ("Import official exchange rates from a CSV with the columns date, currency, rate and "
            "base (KGS or KZT), optionally nominal. A file with any bad row imports nothing.")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--source", default="", help="whose table this is, e.g. «НБКР»")

    def handle(self, *args, path: str, source: str, **options):
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        try:
            result = exchange_rates_import(actor=None, file=content, source=source)
        except DomainError as exc:
            lines = [str(exc)] + [e["message"] for e in exc.errors if e["message"] != str(exc)]
            raise CommandError("\n".join(lines)) from exc
        counts = result.as_dict()
        self.stdout.write(" ".join(f"{name}={value}" for name, value in counts.items()))
