"""A small document with every kind of block, for the renderers' tests (no database needed)."""

from dataclasses import replace
from decimal import Decimal

from tendik.analytics.charts import bar_chart
from tendik.exports.document import (
    Column,
    Document,
    Figure,
    Heading,
    Paragraph,
    Run,
    Section,
    Table,
)

NARRATIVE = ("в отчётном периоде проведены обучающие семинары для сотрудников территориальных "
             "подразделений по вопросам гендерного равенства и предотвращения насилия; охвачено "
             "{n} участников, из них женщин — 68 %, подготовлены методические рекомендации, "
             "результаты обсуждены на заседании координационного совета.")
FORMULA_LIKE = ["=SUM(A1:A9)", "+996 312 62 16 20", "-5 участников", "@cmd"]


def sample_png() -> bytes:
    return bar_chart(title="Мероприятия по статусу", description="Выполнено 12, в процессе 7",
                     categories=["Выполнено", "В процессе"], series=[("Мероприятия", [12, 7])],
                     fmt="png")


def sample_document(*, rows: int = 3, png: bytes | None = None) -> Document:
    measure_rows = [
        [f"1.{n}", f"Провести обучение сотрудников ОВД, блок {n}", "2023–2024", "МВД, МТСОМ",
         [Run("МВД (2023): ", bold=True), Run("обучено 74 сотрудника. "),
          Run("МТСОМ (2023): ", bold=True),
          Run("Описание на русском [текст только на русском]", fallback=True)],
         "Выполнено"]
        for n in range(1, rows + 1)
    ]
    measures = Table(
        columns=[Column("№", width=0.5), Column("Мероприятие", width=3),
                 Column("Срок", width=1), Column("Исполнители", width=1.5),
                 Column("Информация о выполнении", width=5), Column("Статус", width=1.2)],
        rows=measure_rows, caption="Таблица 1. Мероприятия направления 1")
    reach = Table(
        columns=[Column("Вид"), Column("Мероприятий", "number"), Column("Женщин", "number"),
                 Column("Мужчин", "number"), Column("Доля женщин", "percent")],
        rows=[["Тренинг", 12, 340, 120, Decimal("73.9")],
              [FORMULA_LIKE[0], 1, 2, 3, None],
              [FORMULA_LIKE[1], 0, 0, 0, 0.0],
              [FORMULA_LIKE[2], 1, 5, 0, 100],
              [FORMULA_LIKE[3], 1, 1, 1, 50],
              ["Итого", 15, 348, 124, Decimal("73.7")]],
        total_row=True)
    return Document(
        language="ru",
        title="Национальный доклад о реализации НПД",
        title_lines=["Национальный план действий по достижению гендерного равенства "
                     "на 2022–2024 годы", "Отчётный период: 2022–2023"],
        facts=[("Утверждён", "постановлением Кабинета министров № 123 от 01.03.2022"),
               ("Дата формирования", "03.12.2026 10:15"),
               ("Данные на", "последний принятый отчёт — 28.11.2026 16:02")],
        sections=[
            Section("summary", "1. Основные показатели", [
                Paragraph.of("Учтены принятые отчёты: 37 из 56."),
                Figure("Мероприятия по статусу", "Выполнено 12, в процессе 7",
                       png or sample_png()),
                Paragraph.of("Методика: статус по последнему принятому отчёту.", "note"),
            ]),
            Section("measures", "2. Выполнение мероприятий", [
                Heading("2.1. Расширение экономических возможностей женщин", 2),
                measures,
            ]),
            Section("activities", "3. Мероприятия и охват", [reach]),
            Section("empty", "4. Пустой раздел", [
                Paragraph.of("За выбранные периоды нет принятых отчётов.")]),
        ],
        labels={"contents": "Содержание", "page": "Страница", "of": "из", "empty": "—"},
    )


def report_of_300_measures() -> Document:
    """The size the issue names: 300 measures, each with several attributed narratives of a few
    hundred characters, ~40 small tables and ~30 charts."""
    document = sample_document(rows=300)
    measures = document.sections[1].blocks[1]
    rows = [[*row[:4], _narratives(number), row[5]] for number, row in enumerate(measures.rows)]
    document.sections[1].blocks[1] = replace(measures, rows=rows)
    small_table = document.sections[2].blocks[0]
    charts = [Figure(f"Показатель {n}", f"Выполнено {n}, в процессе 7", bar_chart(
        title=f"Показатель {n}", description=f"Выполнено {n}, в процессе 7",
        categories=["Выполнено", "В процессе"], series=[("Мероприятия", [n, 7])], fmt="png"))
        for n in range(30)]
    document.sections[2].blocks = [small_table] * 40 + charts
    return document


def _narratives(number: int) -> list[Run]:
    runs = []
    for agency in ("МВД", "МТСОМ", "МОН", "МЗ"):
        runs += [Run(f"{agency} (2023): ", bold=True), Run(NARRATIVE.format(n=number) + " ")]
    return runs
