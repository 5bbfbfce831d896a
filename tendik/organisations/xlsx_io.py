"""The organisations-and-people workbook: its columns, its export, and row parsing for import."""

from django.utils.translation import gettext as _

from tendik.core.i18n import per_language
from tendik.core.xlsx import Column, build_workbook

from .models import OrganisationKind, Sex

ORGANISATIONS_SHEET = "Организации"
PEOPLE_SHEET = "Сотрудники"

ORGANISATION_COLUMNS = [
    Column("id", "ID"),
    Column("kind", "Вид", required=True),
    Column("name_ru", "Название (рус.)", required=True),
    Column("name_ky", "Название (кырг.)"),
    Column("name_kk", "Название (каз.)"),
    Column("name_en", "Название (англ.)"),
    Column("acronym", "Аббревиатура"),
    Column("country", "Страна"),
    Column("territory", "Код территории"),
    Column("parent", "Вышестоящая организация"),
    Column("is_active", "Действует"),
]
PERSON_COLUMNS = [
    Column("id", "ID"),
    Column("last_name", "Фамилия", required=True),
    Column("first_name", "Имя", required=True),
    Column("patronymic", "Отчество"),
    Column("sex", "Пол", required=True),
    Column("position", "Должность"),
    Column("organisation", "Организация", required=True),
    Column("is_focal_point", "Ответственный по гендерным вопросам"),
    Column("email", "Эл. почта"),
    Column("phone", "Телефон"),
]
TRUE_WORDS = {"да", "ооба", "иә", "yes", "true", "1", "+"}
FALSE_WORDS = {"нет", "жок", "жоқ", "no", "false", "0", "-", ""}

def choice_value(text: str, choices) -> str | None:
    """A choice given by its code or by its label in any active language."""
    wanted = text.strip().lower()
    for value, label in choices.choices:
        if wanted in {value.lower(), str(label).lower()}:
            return value
    return None


def bool_value(text: str) -> bool | None:
    wanted = text.strip().lower()
    if wanted in TRUE_WORDS:
        return True
    if wanted in FALSE_WORDS:
        return False
    return None


def yes_no(value: bool) -> str:
    return "да" if value else "нет"


def export_workbook(organisations, people) -> bytes:
    organisation_rows = [
        [o.pk, o.kind, *(getattr(o, name) for name in per_language("name")), o.acronym,
         o.country.code if o.country_id else "", o.territory.code if o.territory_id else "",
         o.parent.name_ru if o.parent_id else "", yes_no(o.is_active)]
        for o in organisations
    ]
    person_rows = [
        [p.pk, p.last_name, p.first_name, p.patronymic, p.sex, p.position,
         p.organisation.name_ru, yes_no(p.is_focal_point), p.email, p.phone]
        for p in people
    ]
    return build_workbook([
        (ORGANISATIONS_SHEET, ORGANISATION_COLUMNS, organisation_rows),
        (PEOPLE_SHEET, PERSON_COLUMNS, person_rows),
    ])


def kinds_help() -> str:
    return ", ".join(f"{value} — {label}" for value, label in OrganisationKind.choices)


def sex_help() -> str:
    return ", ".join(f"{value} — {label}" for value, label in Sex.choices)


def unknown_choice_message(text: str, help_text: str) -> str:
    return _("неизвестное значение «%(value)s»; допустимо: %(allowed)s") % {
        "value": text, "allowed": help_text}
