import datetime
import io

import pytest
from openpyxl import load_workbook

from tendik.core.errors import DomainError
from tendik.plans import services
from tendik.plans.matrix import matrix_workbook
from tendik.plans.models import Indicator, Plan
from tendik.plans.selectors import plan_document, plan_tree

from .factories import build_plan

pytestmark = pytest.mark.django_db
EXPORTED = ("title_ru", "expected_result_ru", "deadline", "lead_executor", "co_executors",
            "partners", "territories", "indicators", "budget_lines", "frameworks", "code")


def _comparable(document: dict) -> list:
    return [(area["code"], area["title_ru"], [
        (objective["code"], objective["title_ru"],
         [{key: measure[key] for key in EXPORTED} for measure in objective["measures"]])
        for objective in area["objectives"]]) for area in document["areas"]]


def _import(world, content: bytes, **extra):
    return services.plan_import_matrix(
        actor=world.users["coordinator"], content=content, country=world.kg, kind="programme",
        title_ru="Импорт", period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2024, 12, 31), **extra)


def test_export_then_import_gives_an_identical_plan(world):
    plan, _strategy = build_plan(world)
    content = matrix_workbook(plan, plan_tree(plan))
    copy = _import(world, content)
    assert _comparable(plan_document(copy)) == _comparable(plan_document(plan))
    assert Indicator.objects.count() == 1  # matched by code, not duplicated


def _edit(content: bytes, edits: dict, delete_row: int | None = None) -> bytes:
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    for cell, value in edits.items():
        sheet[cell] = value
    if delete_row:
        sheet.delete_rows(delete_row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def exported(world):
    plan, _strategy = build_plan(world)
    return matrix_workbook(plan, plan_tree(plan))


def _errors(world, content) -> list[dict]:
    plans_before = Plan.objects.count()
    with pytest.raises(DomainError) as error:
        _import(world, content)
    assert Plan.objects.count() == plans_before
    return error.value.errors


def test_wrong_column_is_named(world, exported):
    errors = _errors(world, _edit(exported, {"C2": "Срок"}))
    assert errors[0]["column"] == "Срок исполнения" and errors[0]["row"] == 2


def test_unknown_executor_names_row_and_suggests(world, exported):
    errors = _errors(world, _edit(exported, {"D5": "Министерство труд"}))
    assert errors == [{"row": 5, "column": "Ответственные исполнители",
                       "message": "неизвестный исполнитель «Министерство труд» — "
                                  "возможно, «МТСОиМ»?"}]


def test_duplicate_code_is_refused(world, exported):
    errors = _errors(world, _edit(exported, {"A6": "1.1.1"}))
    assert any(e["row"] == 6 and "повторяется" in e["message"] for e in errors)


def test_bad_date_is_refused(world, exported):
    errors = _errors(world, _edit(exported, {"C5": "31.02.2023"}))
    assert errors[0]["row"] == 5 and errors[0]["column"] == "Срок исполнения"


def test_structure_broken_in_the_middle(world, exported):
    sheet = load_workbook(io.BytesIO(exported)).active
    objective_row = next(r for r in range(3, sheet.max_row + 1)
                         if str(sheet.cell(r, 1).value).startswith("1.2. "))
    errors = _errors(world, _edit(exported, {}, delete_row=objective_row))
    assert any("структура" in e["message"] for e in errors)


def test_bad_money_and_unknown_indicator(world, exported):
    errors = _errors(world, _edit(exported, {"F5": "республиканский бюджет: много денег",
                                             "E5": "И-9.9"}))
    columns = {e["column"] for e in errors}
    assert {"Источник финансирования", "Индикаторы"} <= columns


def test_not_an_xlsx(world):
    with pytest.raises(DomainError, match="не файл XLSX"):
        _import(world, b"not a spreadsheet")
