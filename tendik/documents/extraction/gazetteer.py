"""What the registry knows, as plain data: organisations and territories with all their names.

`tendik.documents.gazetteer.registry_gazetteer()` builds one from the database; tests build one by
hand. The extractor never queries anything itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OrganisationEntry:
    organisation_id: int
    canonical: str  # the Russian name, shown to the reviewer
    names: tuple[str, ...] = ()  # names in every language, current and former
    acronyms: tuple[str, ...] = ()  # «МТСОиМ», «МИД КР», «UN Women», Kyrgyz and Kazakh spellings


@dataclass(frozen=True)
class PlaceEntry:
    territory_id: int
    canonical: str
    names: tuple[str, ...] = ()  # «Бишкек», «г. Бишкек», «Bishkek», «Чуйская область»…
    level: str = ""  # country | region | district | city | aiyl_aimak …
    parent_id: int | None = None
    country_code: str = ""


@dataclass
class Gazetteer:
    organisations: list[OrganisationEntry] = field(default_factory=list)
    places: list[PlaceEntry] = field(default_factory=list)


EMPTY = Gazetteer()
