"""The report's content: sections in order, the government measure table with every executor's
accepted words, the language with its marked Russian fallback, indicators, reach, discipline, the
short report of a range without accepted reports, and queries that do not grow with measures."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from tendik.analytics.tests.factories import local, open_year, report_of
from tendik.exports.content import build_document
from tendik.exports.document import Figure, Heading, Paragraph, Run, Table
from tendik.exports.text import plain
from tendik.plans.models import Measure
from tendik.reporting import services as reporting_services
from tendik.reporting.models import Activity, MeasureProgress

from .conftest import LAST_ACCEPTED, RETURNED_WORDS, basis_of, say, settle

pytestmark = pytest.mark.django_db

GENERATED = timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 30))
SECTIONS = ["summary", "measures", "indicators", "activities", "discipline"]
TITLES = ["Основные итоги", "Выполнение мероприятий по приоритетным направлениям", "Индикаторы",
          "Проведённые мероприятия и охват", "Приложение. Отчётная дисциплина"]


def _build(world, national, language="ru", **dates):
    return build_document(basis=basis_of(world, national, **dates), language=language,
                          generated_at=GENERATED)


def _section(document, key: str):
    return next(section for section in document.sections if section.key == key)


def _tables(document, key: str) -> list[Table]:
    return [block for block in _section(document, key).blocks if isinstance(block, Table)]


def _measure_rows(document) -> dict[str, list]:
    return {row[0]: row for table in _tables(document, "measures") for row in table.rows}


def _text(cell) -> str:
    return plain(cell) if isinstance(cell, list) else str(cell)


def _all_text(document) -> str:
    """Every word the document says, for «never says» checks."""
    parts = [document.title, *document.title_lines, *(f"{k} {v}" for k, v in document.facts)]
    for section in document.sections:
        parts.append(section.title)
        for block in section.blocks:
            if isinstance(block, Table):
                parts += [_text(cell) for row in block.rows for cell in row]
            elif isinstance(block, Paragraph):
                parts.append(plain(block.runs))
            elif isinstance(block, Heading | Figure):
                parts.append(getattr(block, "text", "") or block.title)
    return "\n".join(parts)


@pytest.fixture
def document_ru(world, national):
    return _build(world, national)


def test_the_sections_come_in_order_with_titles_from_the_catalogue(document_ru):
    document, data = document_ru
    assert [section.key for section in document.sections] == SECTIONS
    assert [section.title for section in document.sections] == [
        f"{n}. {title}" for n, title in enumerate(TITLES, start=1)]
    assert document.title == "Национальный доклад о ходе реализации плана"
    assert document.labels == {"contents": "Содержание", "page": "Страница", "of": "из",
                               "empty": "—"}
    assert data == {"reports": 3, "accepted_at": LAST_ACCEPTED, "period_label": "2022 – 2023"}
    facts = dict(document.facts)
    assert facts["Учтены отчёты"] == "принятые: 3 из 4"
    assert facts["Данные на"] == "последний учтённый отчёт принят 05.02.2024 10:00"
    assert facts["Дата формирования"] == "01.03.2026 09:30"


def test_titles_follow_the_catalogue_of_the_report_language(world, national):
    document, _data = _build(world, national, "ky")
    with translation.override("ky"):
        expected = [f"{n}. {gettext(title)}" for n, title in enumerate(TITLES, start=1)]
        labels = {"contents": gettext("Содержание"), "page": gettext("Страница")}
    assert [section.title for section in document.sections] == expected
    assert _section(document, "indicators").title != "3. Индикаторы"  # Kyrgyz is in the catalogue
    assert {key: document.labels[key] for key in labels} == labels


def test_the_measure_table_has_the_government_columns_and_a_row_per_measure_per_area(
        world, document_ru):
    document, _data = document_ru
    blocks = _section(document, "measures").blocks
    assert [b.text for b in blocks if isinstance(b, Heading)] == ["1. Направление 1",
                                                                  "2. Направление 2"]
    first, second = _tables(document, "measures")
    assert [column.label for column in first.columns] == [
        "№", "Мероприятие", "Срок", "Исполнители", "Информация о выполнении", "Статус"]
    assert [row[0] for row in first.rows] == ["1.1.1", "1.1.2", "1.2.1", "1.2.2"]
    assert [row[0] for row in second.rows] == ["2.1.1", "2.1.2", "2.2.1", "2.2.2"]
    row = _measure_rows(document)["1.1.1"]
    assert _text(row[1]) == "Мероприятие 1.1.1"
    assert row[3] == f"МТСОиМ, {world.other_kg_org.acronym}"
    assert row[5] == "выполнено"
    assert _measure_rows(document)["1.1.2"][4] == [Run("Информация не представлена")]


def test_information_attributes_every_executors_accepted_words_and_never_a_returned_report(
        world, document_ru):
    document, _data = document_ru
    other = world.other_kg_org.acronym
    information = _measure_rows(document)["1.1.1"][4]
    assert plain(information) == (
        f"МТСОиМ (2022): Обучено 40 сотрудников; {other} (2022): Проведено 2 семинара; "
        "МТСОиМ (2023): Обучено ещё 35 сотрудников")
    assert [run.text for run in information if run.bold] == [
        "МТСОиМ (2022): ", f"; {other} (2022): ", "; МТСОиМ (2023): "]
    assert RETURNED_WORDS not in _all_text(document)


def test_one_period_needs_no_period_beside_the_organisation(world, national):
    document, _data = _build(world, national, date_from=national["p23"].start,
                             date_to=national["p23"].end)
    assert plain(_measure_rows(document)["1.1.1"][4]) == "МТСОиМ: Обучено ещё 35 сотрудников"
    assert _measure_rows(document)["1.2.1"][4] == [Run("Информация не представлена")]


def test_kyrgyz_narratives_are_used_and_russian_ones_are_marked(world, national):
    document, _data = _build(world, national, "ky")
    with translation.override("ky"):
        marker = gettext("[на русском языке]")
    assert marker.strip("[] ")
    runs = _measure_rows(document)["1.1.1"][4]
    texts = [run for run in runs if not run.bold]
    assert [(run.text, run.fallback) for run in texts] == [
        ("40 кызматкер окутулду", False), (f"Проведено 2 семинара {marker}", True),
        ("Дагы 35 кызматкер окутулду", False)]
    assert _measure_rows(document)["1.2.1"][4][-1] == Run(
        f"Разработан проект положения {marker}", fallback=True)


def test_english_uses_the_one_english_narrative_and_marks_the_rest(world, national):
    document, _data = _build(world, national, "en")
    texts = [run for run in _measure_rows(document)["1.1.1"][4] if not run.bold]
    assert [run.fallback for run in texts] == [True, False, True]
    assert texts[1].text == "Two seminars held"
    assert texts[0].text.startswith("Обучено 40 сотрудников [")
    assert document.title_lines[0] == "NAP 2022–2024"  # the plan has an English title


def test_the_indicator_table_has_baseline_target_and_actual_and_a_chart(document_ru):
    document, _data = document_ru
    (table,) = _tables(document, "indicators")
    assert [column.label for column in table.columns][3:6] == ["Базовое значение", "Цель", "Факт"]
    (row,) = table.rows
    assert row[0] == "И-1.1"
    assert _text(row[1]) == "Доля женщин в местных кенешах"
    assert row[3:6] == ["20 (2021)", "30 (2023)", "28 (2023)"]  # the returned 99 never counts
    figures = [b for b in _section(document, "indicators").blocks if isinstance(b, Figure)]
    assert len(figures) == 1 and figures[0].png.startswith(b"\x89PNG")


def test_reach_totals_are_the_sums_of_the_counted_activities(world, national, document_ru):
    document, _data = document_ru
    counted = Activity.objects.filter(report__plan=national["plan"], report__state="accepted")
    women = sum(a.participants_women for a in counted)
    men = sum(a.participants_men for a in counted)
    total = sum(a.participants_total for a in counted)
    assert (counted.count(), women, men, total) == (3, 45, 15, 65)
    tables = _tables(document, "activities")
    assert len(tables) == 4  # by kind, audience, territory and measure of the plan
    for table in tables:
        assert table.total_row
        assert table.rows[-1][1:6] == [3, women, men, total - women - men, total]
    by_kind = tables[0]
    assert [sum(row[i] for row in by_kind.rows[:-1]) for i in range(1, 6)] == \
        by_kind.rows[-1][1:6]
    assert "Проведено мероприятий: 3. Участников: 65, из них женщин — 45, мужчин — 15" in \
        plain(_section(document, "activities").blocks[0].runs)


def test_the_discipline_annex_says_who_reported_on_time_and_who_late(world, document_ru):
    document, _data = document_ru
    headings = [b.text for b in _section(document, "discipline").blocks if isinstance(b, Heading)]
    assert headings == ["2022 (срок сдачи 31.01.2023)", "2023 (срок сдачи 31.01.2024)"]
    y2022, y2023 = _tables(document, "discipline")
    assert {row[0]: row[3] for row in y2022.rows} == {
        "Министерство труда": "в срок", world.other_kg_org.name_ru: "с опозданием на 10 дн."}
    assert {row[0]: row[1] for row in y2023.rows}[world.other_kg_org.name_ru] == \
        "возвращён на доработку"


def test_a_range_without_accepted_reports_gives_a_short_report_that_says_so(world, national):
    p24 = open_year(world, national["plan"], 2024)
    document, data = _build(world, national, date_from=p24.start, date_to=p24.end)
    assert [section.key for section in document.sections] == ["summary", "discipline"]
    assert [section.title for section in document.sections] == [
        "1. Основные итоги", "2. Приложение. Отчётная дисциплина"]
    assert "нет принятых отчётов" in plain(document.sections[0].blocks[0].runs)
    assert data["reports"] == 0 and data["accepted_at"] is None
    assert dict(document.facts)["Данные на"] == "принятых отчётов нет"
    (missing,) = _tables(document, "discipline")
    assert {row[3] for row in missing.rows} == {"не представлен"}


def test_the_builder_reports_its_progress_section_by_section(world, national):
    calls = []
    build_document(basis=basis_of(world, national), language="ru", generated_at=GENERATED,
                   report=lambda *args: calls.append(args))
    assert [params for _p, _message, params in calls] == [
        {"n": n, "total": 5} for n in range(1, 6)]
    assert [progress for progress, _m, _p in calls] == sorted(progress for progress, _m, _p in calls)
    assert gettext(calls[2][1]) % calls[2][2] == "Раздел 3 из 5"


def _more_measures(national, world, count: int) -> None:
    """Measures with a co-executor and an accepted narrative each: what the table reads per row."""
    plan, report = national["plan"], national["h23"]
    objective = Measure.objects.get(plan=plan, code="2.2.2").objective
    for n in range(count):
        measure = Measure.objects.create(
            plan=plan, objective=objective, position=100 + n, code=f"2.2.{100 + n}",
            title_ru=f"Новое {n}", lead_executor=world.home_org)
        measure.co_executors.add(world.other_kg_org)
        MeasureProgress.objects.create(report=report, measure=measure, status="in_progress",
                                       narrative_ru=f"Сделано {n}")


def test_queries_do_not_grow_with_measures(world, national, django_assert_max_num_queries):
    _build(world, national)  # warm the per-process caches (content types, translations)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        document, _data = _build(world, national)
    assert len(_measure_rows(document)) == 8
    _more_measures(national, world, 20)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        document, _data = _build(world, national)
    assert len(_measure_rows(document)) == 28
    assert len(few.captured_queries) <= 50, len(few.captured_queries)  # 38 when written


def _quarter(world, plan, start: datetime.date, end: datetime.date):
    period = reporting_services.period_create(actor=world.users["coordinator"], plan=plan,
                                              kind="quarter", start=start, end=end,
                                              due_date=end + datetime.timedelta(days=20))
    reporting_services.period_transition(actor=world.users["coordinator"], period=period,
                                         to="open")
    return report_of(period, world.home_org)


def test_a_year_of_quarters_gives_each_executors_latest_account_of_the_year(world, national):
    """Quarterly accounts build on each other: the year's last one stands for the year, and an
    empty later quarter does not hide an earlier one's words."""
    plan = national["plan"]
    q1 = _quarter(world, plan, datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    q2 = _quarter(world, plan, datetime.date(2024, 4, 1), datetime.date(2024, 6, 30))
    first, second = q1.progress.order_by("measure__code").values_list("measure__code",
                                                                      flat=True)[:2]
    say(q1, first, ru="За первый квартал обучено 10 сотрудников")
    say(q2, first, ru="За полугодие обучено 25 сотрудников")
    say(q1, second, ru="Положение внесено в Кабинет")
    for report, day in ((q1, 20), (q2, 21)):
        settle(report, "accepted", submitted=local(2024, 7, day), accepted=local(2024, 7, day))
    document, _data = _build(world, national, date_from=datetime.date(2024, 1, 1),
                             date_to=datetime.date(2024, 6, 30))
    rows = _measure_rows(document)
    assert plain(rows[first][4]) == "МТСОиМ (II кв. 2024): За полугодие обучено 25 сотрудников"
    assert plain(rows[second][4]) == "МТСОиМ (I кв. 2024): Положение внесено в Кабинет"
