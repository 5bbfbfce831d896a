"""Checking an organisations-and-people workbook row by row, before anything is written."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tendik.core.i18n import per_language
from tendik.core.permissions import is_installation_admin
from tendik.core.xlsx import sheet_rows
from tendik.territories.models import Territory

from .models import Organisation, OrganisationKind, Person, Sex
from .selectors import organisation_resolve
from .xlsx_io import (
    ORGANISATION_COLUMNS,
    ORGANISATIONS_SHEET,
    PEOPLE_SHEET,
    PERSON_COLUMNS,
    bool_value,
    choice_value,
    kinds_help,
    sex_help,
    unknown_choice_message,
)


@dataclass
class PlannedRow:
    row: int
    existing: object | None
    data: dict
    references: dict = field(default_factory=dict)


@dataclass
class DirectoryPlan:
    organisations: list[PlannedRow] = field(default_factory=list)
    people: list[PlannedRow] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)


def _label(columns, key: str) -> str:
    return next(column.label for column in columns if column.key == key)


class _Checker:
    def __init__(self, *, actor, book, visible: list[Organisation]):
        self.actor, self.book, self.visible = actor, book, visible
        self.by_id = {o.pk: o for o in visible}
        self.countries = {t.code: t for t in Territory.objects.filter(level="country")}
        self.plan = DirectoryPlan()
        self.file_names: set[str] = set()

    def error(self, sheet, row, columns, key, message):
        self.plan.errors.append({"sheet": sheet, "row": row,
                                 "column": _label(columns, key), "message": message})

    def _existing(self, model, row_id: str, sheet, row, columns, scope: dict):
        if not row_id:
            return None
        if not row_id.isdigit() or int(row_id) not in scope:
            self.error(sheet, row, columns, "id", _("нет записи с ID %(id)s в вашем доступе")
                       % {"id": row_id})
            return None
        return scope[int(row_id)]

    def _model_errors(self, instance, sheet, row, columns, exclude):
        try:
            instance.full_clean(exclude=exclude, validate_unique=False,
                                validate_constraints=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                key = name if any(c.key == name for c in columns) else columns[1].key
                self.error(sheet, row, columns, key, " ".join(messages))

    def organisations(self) -> None:
        sheet, columns = ORGANISATIONS_SHEET, ORGANISATION_COLUMNS
        rows = list(sheet_rows(self.book, sheet, columns, self.plan.errors))
        territory_codes = {row["territory"] for _n, row in rows if row.get("territory")}
        territories = {t.code: t for t in Territory.objects.filter(code__in=territory_codes)}
        seen: dict[tuple, int] = {}
        for number, row in rows:
            data = self._organisation_data(number, row, territories)
            key = (data.get("country").code if data.get("country") else "", row["name_ru"].lower())
            if key in seen:
                self.error(sheet, number, columns, "name_ru",
                           _("организация повторяется (строка %(row)s)") % {"row": seen[key]})
            seen[key] = number
            self.file_names |= {row["name_ru"].lower(), row.get("acronym", "").lower()} - {""}
            existing = self._existing(Organisation, row.get("id", ""), sheet, number, columns,
                                      self.by_id)
            if existing is None and not row.get("id") and data.get("country"):
                existing = next((o for o in self.visible if o.country_id == data["country"].pk
                                 and o.name_ru.lower() == row["name_ru"].lower()), None)
            self._model_errors(Organisation(**data), sheet, number, columns,
                               ["search_text", "parent"])
            self.plan.organisations.append(PlannedRow(number, existing, data,
                                                      {"parent": row.get("parent", "")}))

    def _organisation_data(self, number, row, territories) -> dict:
        sheet, columns = ORGANISATIONS_SHEET, ORGANISATION_COLUMNS
        data = {key: row.get(key, "") for key in (*per_language("name"), "acronym")}
        data["kind"] = choice_value(row["kind"], OrganisationKind)
        if data["kind"] is None:
            self.error(sheet, number, columns, "kind",
                       unknown_choice_message(row["kind"], kinds_help()))
        country = self.countries.get(row["country"].upper())
        if not row["country"]:
            pass  # regional and international organisations belong to no country
        elif country is None:
            self.error(sheet, number, columns, "country",
                       _("неизвестный код страны «%(code)s»") % {"code": row["country"]})
        elif not is_installation_admin(self.actor) and country.pk != self.actor.country_id:
            self.error(sheet, number, columns, "country",
                       _("можно загружать только организации своей страны"))
        data["country"] = country
        if row.get("territory"):
            data["territory"] = territories.get(row["territory"])
            if data["territory"] is None:
                self.error(sheet, number, columns, "territory",
                           _("неизвестный код территории «%(code)s»") % {"code": row["territory"]})
        active = bool_value(row.get("is_active", ""))
        if active is None:
            self.error(sheet, number, columns, "is_active", _("ожидается «да» или «нет»"))
        data["is_active"] = True if row.get("is_active", "") == "" else bool(active)
        if row.get("parent") and not self._known(row["parent"]):
            self.error(sheet, number, columns, "parent", _("неизвестная организация «%(name)s»")
                       % {"name": row["parent"]})
        return data

    def _known(self, text: str) -> bool:
        return (text.lower() in self.file_names
                or organisation_resolve(text=text, organisations=self.visible) is not None)

    def people(self, visible_people: dict[int, Person]) -> None:
        sheet, columns = PEOPLE_SHEET, PERSON_COLUMNS
        for number, row in sheet_rows(self.book, sheet, columns, self.plan.errors):
            data = {key: row.get(key, "") for key in ("last_name", "first_name", "patronymic",
                                                       "position", "email", "phone")}
            data["sex"] = choice_value(row["sex"], Sex)
            if data["sex"] is None:
                self.error(sheet, number, columns, "sex",
                           unknown_choice_message(row["sex"], sex_help()))
            focal = bool_value(row.get("is_focal_point", ""))
            if focal is None:
                self.error(sheet, number, columns, "is_focal_point", _("ожидается «да» или «нет»"))
            data["is_focal_point"] = bool(focal)
            if not self._known(row["organisation"]):
                self.error(sheet, number, columns, "organisation",
                           _("неизвестная организация «%(name)s»") % {"name": row["organisation"]})
            existing = self._existing(Person, row.get("id", ""), sheet, number, columns,
                                      visible_people)
            self._model_errors(Person(**data), sheet, number, columns, ["organisation"])
            self.plan.people.append(PlannedRow(number, existing, data,
                                               {"organisation": row["organisation"]}))


def directory_plan(*, actor, book, visible: list[Organisation], people: dict) -> DirectoryPlan:
    checker = _Checker(actor=actor, book=book, visible=visible)
    if ORGANISATIONS_SHEET in book.sheetnames:
        checker.organisations()
    if PEOPLE_SHEET in book.sheetnames:
        checker.people(people)
    return checker.plan
