"""The facts the extractor finds. Every fact keeps the character span it came from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DateFact:
    start: int
    end: int
    text: str
    date_start: datetime.date
    date_end: datetime.date
    # day | range | month | year | period | relative | dateline | iso
    kind: str


@dataclass(frozen=True)
class Organisation:
    start: int
    end: int
    text: str
    organisation_id: int | None = None
    # How it was found: gazetteer | quoted | ner | acronym
    source: str = "ner"
    # The registry's name when linked, otherwise the mention in its normal form (a proposal).
    canonical: str = ""


@dataclass(frozen=True)
class Person:
    start: int
    end: int
    name: str
    role: str = ""
    role_start: int | None = None
    role_end: int | None = None
    organisation_id: int | None = None


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    text: str
    territory_id: int | None = None
    name: str = ""
    # «во всех 7 регионах» names a set of territories rather than one.
    level: str = ""
    count: int | None = None


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    # ">" | "≈" | "<" | "=" | "all"
    qualifier: str
    value: float | int
    # The counted thing as a lemma: «сотрудник», «школа», «комитет».
    unit: str
    complement: str = ""


@dataclass(frozen=True)
class Event:
    start: int
    end: int
    # meeting | training | consultation | campaign | dialogue | conference | adoption | establishment
    type: str
    trigger: str
    trigger_start: int
    trigger_end: int
    date_start: datetime.date | None = None
    date_end: datetime.date | None = None
    place: str = ""
    territory_id: int | None = None
    organisations: tuple[int, ...] = ()  # indices into Extraction.organisations
    people: tuple[int, ...] = ()  # indices into Extraction.people
    quantities: tuple[int, ...] = ()  # indices into Extraction.quantities
    women: int | None = None
    men: int | None = None
    participants: int | None = None


@dataclass(frozen=True)
class Commitment:
    start: int
    end: int
    text: str
    actor: str = ""


@dataclass
class Extraction:
    language: str
    supported: bool
    dates: list[DateFact] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
