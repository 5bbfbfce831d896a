"""A source's dimensions and values → ours, through the country's saved mapping. What matches
nothing is added to our code lists and recorded as added by the import, so an operator can
remap it (`importing.value_mapping_update`) before the next import."""

import hashlib
import re

from django.utils.translation import gettext as _

from tendik.core.services import model_create
from tendik.plans.models import Dimension, DimensionValue

from .models import DimensionMapping, ValueMapping
from .opensdg_csv import LANGUAGES, Labels, problem

# The SDG data standard's concepts that are our dimensions under another name.
DEFAULT_DIMENSIONS = {"SEX": "sex", "AGE": "age_group", "URBANISATION": "urban_rural",
                      "DISABILITY_STATUS": "disability"}
# Labels of the global SDG code lists (CL_SEX, CL_URBANISATION, CL_DISABILITY) that differ from
# ours, so that a file written with labels («Female», «Город») lands on our codes.
STANDARD_LABELS = {
    "sex": {"female": "F", "male": "M", "girls": "F", "boys": "M", "женский": "F",
            "мужской": "M"},
    "urban_rural": {"город": "U", "село": "R", "городская": "U", "сельская": "R",
                    "urban areas": "U", "rural areas": "R"},
    "disability": {"persons with disability": "DIS", "persons without disability": "NODIS",
                   "лица с инвалидностью": "DIS", "лица без инвалидности": "NODIS"},
}
CODE = re.compile(r"[A-Za-z0-9_.+\-]{1,32}")
LABEL_LENGTH = 200
SOURCE_LENGTH = DimensionMapping._meta.get_field("source").max_length
VALUE_LENGTH = ValueMapping._meta.get_field("source_value").max_length


def _casefold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _labels(names: dict[str, str], fallback: str, prefix: str) -> dict[str, str]:
    """Our four label fields from the source's names; Russian is required, so the first name
    found (or the raw text) stands in for it."""
    fields = {f"{prefix}_{language}": names[language][:LABEL_LENGTH]
              for language in LANGUAGES if names.get(language)}
    fields.setdefault(f"{prefix}_ru", (names.get("en") or next(iter(names.values()), "")
                                       or fallback)[:LABEL_LENGTH])
    return fields


class Mapper:
    """Resolves one file's dimensions and values for a country. Built per file, so nothing it
    caches outlives the file's savepoint."""

    def __init__(self, *, country, actor):
        self.country, self.actor = country, actor
        self.warnings: list[dict] = []
        self.mappings = {m.source: m for m in DimensionMapping.objects.filter(country=country)
                         .select_related("dimension")}
        self.saved = {(v.mapping_id, v.source_value): v.value
                      for v in ValueMapping.objects.filter(mapping__country=country)
                      .select_related("value")}
        self.ours = {d.code.casefold(): d for d in Dimension.objects.all()}
        self.values: dict[int, list[DimensionValue]] = {}

    def dimension(self, source: str, labels: Labels) -> DimensionMapping:
        """The saved mapping of a source dimension; else the default, our dimension of the same
        code, or a new dimension of ours; saved for next time."""
        source = source[:SOURCE_LENGTH]  # as saved, so the next import finds it
        if source not in self.mappings:
            ours = (self.ours.get(DEFAULT_DIMENSIONS.get(source.upper(), "").casefold())
                    or self.ours.get(source.casefold()) or self._new_dimension(source, labels))
            self.mappings[source] = model_create(instance=DimensionMapping(
                country=self.country, source=source, dimension=ours), actor=self.actor)
        return self.mappings[source]

    def _new_dimension(self, source: str, labels: Labels) -> Dimension:
        code = re.sub(r"[^a-z0-9_]+", "_", source.casefold()).strip("_")[:32] or _digest(source)
        if code in self.ours:
            return self.ours[code]
        dimension = model_create(instance=Dimension(
            code=code, **_labels(labels.dimensions.get(source, {}), source, "name")), actor=self.actor)
        self.ours[code] = dimension
        self.warnings.append(problem("", source, _("Добавлен разрез «%(code)s».") % {"code": code}))
        return dimension

    def value(self, mapping: DimensionMapping, source_value: str, labels: Labels,
              row) -> DimensionValue:
        key = (mapping.pk, source_value)
        if key not in self.saved:
            value = self._match(mapping, source_value, labels)
            created = value is None
            if created:
                value = self._new_value(mapping, source_value, labels, row)
            model_create(instance=ValueMapping(mapping=mapping, source_value=source_value,
                                               value=value, created_by_import=created),
                         actor=self.actor)
            self.saved[key] = value
        return self.saved[key]

    def _our_values(self, dimension: Dimension) -> list[DimensionValue]:
        if dimension.pk not in self.values:
            self.values[dimension.pk] = list(dimension.values.all())
        return self.values[dimension.pk]

    def _match(self, mapping: DimensionMapping, text: str, labels: Labels) -> DimensionValue | None:
        """Our code; else, for the cell and for the source's own labels of it, our code or label
        in any language, or the global SDG code lists' label; else the source's code whose label
        the cell is, when that code is ours."""
        values = self._our_values(mapping.dimension)
        by_code = {v.code: v for v in values}
        if text in by_code:
            return by_code[text]
        ours = {}
        for value in values:
            for name in (value.code, *(getattr(value, f"label_{language}") for language in LANGUAGES)):
                if name:
                    ours.setdefault(_casefold(name), value)
        standard = STANDARD_LABELS.get(mapping.dimension.code, {})
        names = labels.values.get(mapping.source, {})
        for candidate in (text, *names.get(text, {}).values()):
            wanted = _casefold(candidate)
            found = ours.get(wanted) or by_code.get(standard.get(wanted))
            if found is not None:
                return found
        wanted = _casefold(text)
        for code, source_names in names.items():
            if code in by_code and wanted in {_casefold(name) for name in source_names.values()}:
                return by_code[code]
        return None

    def _new_value(self, mapping: DimensionMapping, text: str, labels: Labels,
                   row) -> DimensionValue:
        dimension, values = mapping.dimension, self._our_values(mapping.dimension)
        code = _unique(_code(text), {v.code for v in values})
        value = model_create(instance=DimensionValue(
            dimension=dimension, code=code, position=len(values) + 1,
            **_labels(labels.values.get(mapping.source, {}).get(text, {}), text, "label")),
            actor=self.actor)
        values.append(value)
        self.warnings.append(problem(row, mapping.source, _(
            "Значение «%(value)s» добавлено в перечень разреза «%(dimension)s» с кодом %(code)s.")
            % {"value": text, "dimension": dimension.code, "code": code}))
        return value


def _digest(text: str) -> str:
    return "V" + hashlib.sha256(text.encode()).hexdigest()[:8].upper()


def _code(text: str) -> str:
    """The source's code as it is when it is one; else a code made from the label."""
    if CODE.fullmatch(text):
        return text
    return re.sub(r"[^A-Z0-9]+", "_", text.upper()).strip("_")[:32] or _digest(text)


def _unique(code: str, taken: set[str]) -> str:
    candidate, number = code, 1
    while candidate in taken:
        number += 1
        candidate = f"{code[:32 - len(str(number)) - 1]}_{number}"
    return candidate
