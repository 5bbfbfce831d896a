"""The whole extraction: one analysis of the text, then each rule over it, in a fixed order.

Deterministic: the same text, publication date and gazetteer always give the same facts.
"""

from __future__ import annotations

import datetime

from . import commitments, dates, events, organisations, people, places, quantities
from .facts import Extraction
from .gazetteer import EMPTY, Gazetteer
from .language import detect_language
from .nlp import analyse


def extract(text: str, *, published: datetime.date | None = None,
            gazetteer: Gazetteer = EMPTY) -> Extraction:
    language = detect_language(text)
    if language != "ru":
        # Kyrgyz, Kazakh, English or unknown text is stored and flagged; Russian rules would
        # invent facts in it.
        return Extraction(language=language, supported=False)
    analysis = analyse(text)
    found = Extraction(language=language, supported=True)
    found.dates = dates.find_dates(analysis, published=published)
    found.organisations = organisations.find_organisations(analysis, gazetteer=gazetteer)
    found.people = people.find_people(analysis, organisations=found.organisations)
    found.places = places.find_places(analysis, gazetteer=gazetteer)
    found.quantities = quantities.find_quantities(analysis, dates=found.dates)
    found.events = events.find_events(analysis, found=found, published=published)
    found.commitments = commitments.find_commitments(analysis)
    return found


def as_json(found: Extraction) -> dict:
    """The stable JSON of `extract_document --json` and `GET /api/v1/documents/{id}/facts/`."""

    def day(value):
        return value.isoformat() if value else None

    return {
        "language": found.language,
        "supported": found.supported,
        "events": [{"type": e.type, "date_start": day(e.date_start), "date_end": day(e.date_end),
                    "place": e.place or None, "span": [e.start, e.end], "trigger": e.trigger,
                    "participants": e.participants, "women": e.women, "men": e.men,
                    "territory_id": e.territory_id,
                    "organisation_ids": sorted({found.organisations[i].organisation_id
                                                for i in e.organisations
                                                if found.organisations[i].organisation_id})}
                   for e in found.events],
        "organisations": [{"text": o.text, "span": [o.start, o.end],
                           "organisation_id": o.organisation_id, "canonical": o.canonical}
                          for o in found.organisations],
        "people": [{"name": p.name, "role": p.role or None, "span": [p.start, p.end]}
                   for p in found.people],
        "places": [{"text": p.text, "span": [p.start, p.end], "territory_id": p.territory_id}
                   for p in found.places],
        "dates": [{"text": d.text, "span": [d.start, d.end], "date_start": day(d.date_start),
                   "date_end": day(d.date_end), "kind": d.kind} for d in found.dates],
        "quantities": [{"qualifier": q.qualifier, "value": q.value, "unit": q.unit,
                        "text": q.text, "span": [q.start, q.end], "complement": q.complement or None}
                       for q in found.quantities],
        "commitments": [{"text": c.text, "span": [c.start, c.end]} for c in found.commitments],
    }
