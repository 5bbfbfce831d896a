"""Read one file's facts from the command line: the extractor exactly as the worker runs it."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from tendik.core.errors import DomainError
from tendik.documents import ingest
from tendik.documents.extraction.gazetteer import EMPTY
from tendik.documents.extraction.pipeline import as_json, extract
from tendik.documents.gazetteer import registry_gazetteer
from tendik.territories.models import Level, Territory


class Command(BaseCommand):
    help = "Extract events, organisations, people, quantities and commitments from a document."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--published", type=datetime.date.fromisoformat,
                            help="publication date YYYY-MM-DD: resolves «сегодня», «вчера»")
        parser.add_argument("--country", help="ISO code whose registry links organisations "
                                              "(default: every country's)")
        parser.add_argument("--json", action="store_true", help="print the facts as JSON")
        parser.add_argument("--text", action="store_true",
                            help="print the plain text the spans point into")

    def handle(self, *args, path, published, country, json: bool, text: bool, **options):
        try:
            kind, plain = ingest.read_document(Path(path).read_bytes())
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        if text:
            self.stdout.write(plain, ending="")
            if not json:
                return
        facts = as_json(extract(plain, published=published, gazetteer=self._gazetteer(country)))
        if json:
            self.stdout.write(_dumps(facts))
            return
        for name in ("events", "organisations", "people", "places", "dates", "quantities",
                     "commitments"):
            self.stdout.write(f"{name}: {len(facts[name])}")

    def _gazetteer(self, code: str | None):
        """The registry when there is a database; the built-in knowledge alone when there is not."""
        try:
            country = None
            if code:
                country = Territory.objects.filter(level=Level.COUNTRY, code=code.upper()).first()
                if country is None:
                    raise CommandError(f"No country {code}")
            return registry_gazetteer(country)
        except DatabaseError:
            return EMPTY


def _dumps(facts: dict) -> str:
    return json.dumps(facts, ensure_ascii=False, indent=2)
