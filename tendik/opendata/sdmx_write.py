"""An indicator's public rows as SDMX-ML 2.1, written by sdmx1 (the library the importer reads
with): structure-specific data, and the structure message (concepts, code lists, a data structure
definition per indicator) without which no SDMX reader can read the data.

Series carry SERIES and UNIT_MEASURE when the rows have them, REF_AREA (the country) and one
attribute per dimension the rows use, `_T` for a total; observations TIME_PERIOD and OBS_VALUE
(the value's text as found, so nothing is rounded on the way)."""

import re
from itertools import groupby

import sdmx
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy
from sdmx import message
from sdmx.model import common
from sdmx.model import v21 as m

from tendik.core.i18n import CONTENT_LANGUAGES, texts_of

from .exporting import Table

TOTAL = "_T"
TOTAL_LABEL = gettext_lazy("Всего")


def _in_every_language(text) -> dict[str, str]:
    names = {}
    for language in CONTENT_LANGUAGES:
        with translation.override(language):
            names[language] = str(text)
    return names


def _id(text: str) -> str:
    """An SDMX IDType ([A-Za-z0-9_@$-]+): «5.5.2» → «5_5_2», «Sex group» → «SEX_GROUP»."""
    return re.sub(r"[^A-Za-z0-9_@$-]", "_", text)


def _agency() -> m.Agency:
    return m.Agency(id=_id(settings.TENDIK_OPEN_DATA_PUBLISHER.upper()) or "TENDIK")


def _names(instance, prefix: str) -> dict[str, str]:
    texts = texts_of(instance, prefix)
    return {lang: texts[f"{prefix}_{lang}"] for lang in CONTENT_LANGUAGES if texts[f"{prefix}_{lang}"]}


def _concept_of(table: Table) -> dict[str, object]:
    """Concept id → our dimension, per dimension the rows use."""
    return {_id(table.headers[d.code]).upper(): d for d in table.dimensions}


def _concepts(table: Table) -> list[str]:
    """SERIES, REF_AREA, the dimensions, UNIT_MEASURE. A dimension named REF_AREA in the source
    (regions) is REF_AREA itself, its total the country, as SDMX files have it."""
    return ((["SERIES"] if table.has_series else []) + ["REF_AREA"]
            + [c for c in _concept_of(table) if c != "REF_AREA"]
            + (["UNIT_MEASURE"] if table.has_unit else []))


def structure_of(table: Table) -> tuple[m.DataStructureDefinition, list]:
    """The indicator's data structure definition and the schemes and code lists it refers to."""
    agency, indicator = _agency(), table.indicator
    concepts = m.ConceptScheme(id=f"CS_{_id(indicator.country.code)}", maintainer=agency,
                               version="1.0")
    dsd = m.DataStructureDefinition(
        id=f"DSD_{_id(indicator.country.code)}_{_id(indicator.code)}", maintainer=agency,
        version="1.0", name=_names(indicator, "name"))
    lists = []
    by_concept = _concept_of(table)
    for concept_id in [*_concepts(table), "TIME_PERIOD", "OBS_VALUE"]:
        dimension = by_concept.get(concept_id)
        concepts.append(m.Concept(id=concept_id, name=_names(dimension, "name") if dimension
                                  else {"en": concept_id}))
    for concept_id in _concepts(table):
        extra = {}
        dimension = by_concept.get(concept_id)
        if dimension is not None:
            codes = m.Codelist(id=f"CL_{concept_id}", maintainer=agency, version="1.0")
            total = indicator.country.code if concept_id == "REF_AREA" else TOTAL
            codes.append(m.Code(id=total, name=_in_every_language(TOTAL_LABEL)))
            for (of, code), value in sorted(table.values.items()):
                if of == dimension.code:
                    codes.append(m.Code(id=code, name=_names(value, "label")))
            lists.append(codes)
            extra["local_representation"] = common.Representation(enumerated=codes)
        dsd.dimensions.getdefault(concept_id, concept_identity=concepts[concept_id], **extra)
    dsd.dimensions.getdefault("TIME_PERIOD", cls=m.TimeDimension,
                              concept_identity=concepts["TIME_PERIOD"])
    dsd.measures.getdefault("OBS_VALUE", concept_identity=concepts["OBS_VALUE"])
    return dsd, [concepts, *lists]


def structure_bytes(tables: list[Table]) -> bytes:
    """A structure message for one indicator or a whole country (a DSD per indicator)."""
    structure = message.StructureMessage(header=message.Header(sender=_agency()))
    seen: set[str] = set()
    for table in tables:
        dsd, parts = structure_of(table)
        for part in parts:
            if part.id not in seen:  # a country's concepts are one scheme
                structure.add(part)
                seen.add(part.id)
            elif isinstance(part, m.ConceptScheme):
                kept = structure.concept_scheme[part.id]
                for concept in part:
                    if concept.id not in kept:
                        kept.append(concept)
        structure.add(dsd)
    return sdmx.to_xml(structure, pretty_print=True)


def data_bytes(table: Table) -> bytes:
    """Structure-specific data: one Series per (series, unit, key), its years as Obs."""
    dsd, _parts = structure_of(table)
    dataset = m.StructureSpecificDataSet(structured_by=dsd)
    measure = dsd.measures[0]
    country = table.indicator.country.code
    for _key, rows in groupby(table.rows, key=lambda r: (r.series, r.unit, r.key)):
        rows = list(rows)
        first = rows[0]
        values = {"REF_AREA": country, **{
            concept: first.codes.get(d.code, country if concept == "REF_AREA" else TOTAL)
            for concept, d in _concept_of(table).items()}}
        if table.has_series:
            values["SERIES"] = first.series or TOTAL
        if table.has_unit:
            values["UNIT_MEASURE"] = first.unit or TOTAL
        key = dsd.make_key(m.SeriesKey, {k: values[k] for k in _concepts(table)})
        dataset.add_obs([m.Observation(
            series_key=key, dimension=dsd.make_key(m.Key, {"TIME_PERIOD": str(row.year)}),
            value=row.text, value_for=measure) for row in rows], key)
    data = message.DataMessage(data=[dataset], header=message.Header(sender=_agency()))
    return sdmx.to_xml(data, pretty_print=True)
