import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tendik.core.errors import DomainError
from tendik.organisations.models import Organisation, Person
from tendik.organisations.services import directory_import_xlsx
from tendik.organisations.xlsx_io import (
    ORGANISATION_COLUMNS,
    ORGANISATIONS_SHEET,
    PEOPLE_SHEET,
    PERSON_COLUMNS,
    export_workbook,
)

pytestmark = pytest.mark.django_db


def workbook(organisations=(), people=(), org_columns=None, person_columns=None) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, columns, rows in [
        (ORGANISATIONS_SHEET, org_columns or [c.label for c in ORGANISATION_COLUMNS], organisations),
        (PEOPLE_SHEET, person_columns or [c.label for c in PERSON_COLUMNS], people),
    ]:
        sheet = book.create_sheet(title)
        sheet.append(columns)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def org_row(name, kind="cso", country="KG", parent="", active="да", territory=""):
    return ["", kind, name, "", "", "", "", country, territory, parent, active]


def person_row(last, organisation, sex="женщина"):
    return ["", last, "Айгуль", "", sex, "Специалист", organisation, "да", "", ""]


def test_valid_workbook_imports_organisations_and_people(world):
    content = workbook(
        [org_row("ОО «Ак-Ниет»"), org_row("Филиал «Ак-Ниет»", parent="ОО «Ак-Ниет»")],
        [person_row("Осмонова", "ОО «Ак-Ниет»"), person_row("Турдубаева", "МТСОиМ")],
    )
    counts = directory_import_xlsx(actor=world.users["coordinator"], content=content)
    assert counts == {"organisations": {"created": 2}, "people": {"created": 2}}
    branch = Organisation.objects.get(name_ru="Филиал «Ак-Ниет»")
    assert branch.parent.name_ru == "ОО «Ак-Ниет»"
    assert Person.objects.get(last_name="Турдубаева").organisation == world.home_org
    again = directory_import_xlsx(actor=world.users["coordinator"], content=content)
    assert again["organisations"] == {"unchanged": 2}


def test_one_bad_row_imports_nothing_and_names_row_and_column(world):
    content = workbook(
        [org_row("ОО «Ак-Ниет»"), org_row("ОО «Жаңы»", kind="club"),
         org_row("ОО «Третье»", territory="KG99")],
        [person_row("Осмонова", "Неизвестная организация"), person_row("Бекова", "МТСОиМ", "?")],
    )
    with pytest.raises(DomainError) as error:
        directory_import_xlsx(actor=world.users["coordinator"], content=content)
    found = {(e["sheet"], e["row"], e["column"]) for e in error.value.errors}
    assert (ORGANISATIONS_SHEET, 3, "Вид") in found
    assert (ORGANISATIONS_SHEET, 4, "Код территории") in found
    assert (PEOPLE_SHEET, 2, "Организация") in found
    assert (PEOPLE_SHEET, 3, "Пол") in found
    assert not Organisation.objects.filter(name_ru="ОО «Ак-Ниет»").exists()
    assert not Person.objects.exists()


def test_missing_columns_are_named(world):
    content = workbook(org_columns=["Вид", "Страна"], person_columns=["Фамилия"])
    with pytest.raises(DomainError) as error:
        directory_import_xlsx(actor=world.users["coordinator"], content=content)
    messages = " ".join(e["message"] for e in error.value.errors)
    assert "Название (рус.)" in messages and "Организация" in messages


def test_a_file_that_is_not_xlsx_is_refused(world):
    with pytest.raises(DomainError, match="не файл XLSX"):
        directory_import_xlsx(actor=world.users["coordinator"], content=b"%PDF-1.7 fake")
    with pytest.raises(DomainError, match="нет книги Excel"):
        import zipfile
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", "<w/>")
        directory_import_xlsx(actor=world.users["coordinator"], content=buffer.getvalue())


def test_duplicate_rows_and_foreign_country_are_errors(world):
    content = workbook([org_row("ОО «Два»"), org_row("ОО «Два»"), org_row("ТОО", country="KZ")])
    with pytest.raises(DomainError) as error:
        directory_import_xlsx(actor=world.users["coordinator"], content=content)
    rows = {(e["row"], e["column"]) for e in error.value.errors}
    assert (3, "Название (рус.)") in rows and (4, "Страна") in rows


def test_formula_text_is_stored_as_text_and_exported_safely(world):
    payload = '=HYPERLINK("http://evil.example","click")'
    content = workbook([org_row(payload)])
    directory_import_xlsx(actor=world.users["coordinator"], content=content)
    organisation = Organisation.objects.get(name_ru=payload)
    exported = load_workbook(io.BytesIO(export_workbook([organisation], [])))
    cell = exported[ORGANISATIONS_SHEET]["C2"]
    assert cell.value == payload and cell.data_type == "s" and cell.quotePrefix


def test_upload_page_shows_errors_with_rows(world):
    content = workbook([org_row("ОО", kind="club")])
    from django.core.files.uploadedfile import SimpleUploadedFile
    response = world.client("coordinator").post(
        reverse("organisations:import"), {"file": SimpleUploadedFile("orgs.xlsx", content)})
    assert response.status_code == 400
    assert "club" in response.content.decode() and 'id="import-errors"' in response.content.decode()
    wrong = world.client("coordinator").post(
        reverse("organisations:import"), {"file": SimpleUploadedFile("orgs.csv", b"a,b")})
    assert "не файл XLSX" in wrong.content.decode()


def test_export_round_trips_through_import(world):
    response = world.client("coordinator").get(reverse("organisations:export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    counts = directory_import_xlsx(actor=world.users["coordinator"], content=response.content)
    assert set(counts["organisations"]) == {"unchanged"}


def test_unchanged_rows_of_shared_organisations_are_skipped_but_changes_refused(world):
    from tendik.testing.factories import OrganisationFactory
    shared = OrganisationFactory(country=None, kind="international", name_ru="ООН-Женщины")
    coordinator = world.users["coordinator"]
    content = world.client("coordinator").get(reverse("organisations:export")).content
    assert directory_import_xlsx(actor=coordinator, content=content)["organisations"] == {
        "unchanged": 3}
    row = [f"{shared.pk}", "international", "ООН-Женщины", "", "", "UN Women", "", "", "", "",
           "да"]
    with pytest.raises(DomainError) as error:
        directory_import_xlsx(actor=coordinator, content=workbook([row]))
    assert error.value.errors[0]["row"] == 2 and error.value.code == "forbidden"
