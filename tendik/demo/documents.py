"""The demo's documents: news items and a ministry presentation, written for the demo in the genre
Tendik reads, with dates relative to the day the demo is loaded. Each is read as the worker
reads it, and the focal point has already turned one event into an activity of their draft."""

import datetime

from tendik.documents import review, services
from tendik.documents.models import Document, FactKind
from tendik.documents.selectors import evidence_reports_for
from tendik.organisations.models import User

MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
          "октября", "ноября", "декабря"]


def _day(date: datetime.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year} года"


def _texts(today: datetime.date) -> list[tuple[str, str, datetime.date, str]]:
    training = today - datetime.timedelta(days=9)
    day_before = training - datetime.timedelta(days=1)
    days = (f"{day_before.day}-{training.day} {MONTHS[training.month - 1]} {training.year} года"
            if day_before.month == training.month else f"{_day(day_before)} – {_day(training)}")
    meeting = today - datetime.timedelta(days=4)
    campaign = today - datetime.timedelta(days=20)
    return [
        ("focal", "https://kabar.kg/news/demo-training", training + datetime.timedelta(days=1), f"""\
В Оше обучили специалистов ОМСУ гендерному бюджетированию

Ош, {training + datetime.timedelta(days=1):%d.%m.%y} /Кабар/. {days} в Оше Министерство труда, социального обеспечения и миграции Кыргызской Республики совместно со Страновым офисом Структуры «ООН-Женщины» в Кыргызской Республике провело тренинг по гендерному бюджетированию для сотрудников органов местного самоуправления.

В тренинге приняли участие более 40 специалистов айыл окмоту из Ошской, Джалал-Абадской и Баткенской областей, из них 29 женщин и 13 мужчин.

Заведующая отделом гендерной политики министерства Айгуль Токтосунова отметила, что в {today.year} году такие тренинги прошли во всех 7 областях страны.

По итогам тренинга участники договорились до конца года подготовить гендерные разделы местных бюджетов.

Поделиться
Комментарии
"""),
        ("focal", "", meeting, f"""\
Министр принял делегацию Европейского Союза

Бишкек, {meeting:%d.%m.%y} /Кабар/. Сегодня министр труда, социального обеспечения и миграции Кыргызской Республики принял делегацию Представительства Европейского Союза в Кыргызской Республике.

В ходе встречи стороны обсудили ход реализации Национального плана действий по достижению гендерного равенства на {today.year - 1}-{today.year + 1} годы и поддержку кризисных центров «Сезим» и «Ак-Журок».

Представители ЕС выразили намерение продолжить финансирование программы по профилактике семейного насилия в {today.year + 1} году.
"""),
        ("partner", "", campaign, f"""\
# Результаты проекта «ДаткАйым» за полугодие

Проект «ДаткАйым» — продвигаем гендерное равенство по-новому

{_day(campaign)}, Бишкек

- Проведена информационная кампания «16 дней активизма против гендерного насилия» в 38 школах Чуйской области;
- Около 1 200 учащихся приняли участие в уроках о равенстве;
- Создано 14 местных комитетов по защите от семейного насилия;
- Подготовлено руководство для ответственных по гендерным вопросам в государственных органах.
"""),
        ("focal-kz", "", today - datetime.timedelta(days=6), """\
Астанада гендерлік теңдік мәселелері бойынша кеңес өтті. Кеңеске министрліктер мен азаматтық қоғам өкілдері қатысты. Қатысушылар ұлттық жоспардың орындалуын талқылады және жаңа ұсыныстар берді.
"""),
    ]


def documents_demo_load(*, today: datetime.date) -> int:
    if Document.objects.exists():
        return 0
    for username, source, published, text in _texts(today):
        actor = User.objects.get(username=username)
        document = services.document_create(actor=actor, text=text, source_url=source,
                                            published=published)
        # Its job is run here, as the worker would: the worker then finds it done.
        services.document_extract_job(job_id=document.job_id)
    _accept_first_training(User.objects.get(username="focal"))
    return Document.objects.count()


def _accept_first_training(focal) -> None:
    """The focal point has made one activity from a document, so the link shows both ways."""
    event = (Document.objects.filter(organisation=focal.organisation).order_by("pk").first()
             .facts.filter(kind=FactKind.EVENT, found__type="training").first())
    report = evidence_reports_for(focal).first()
    if event is None or report is None:
        return
    item = event.found
    start = datetime.date.fromisoformat(item["date_start"]) if item.get("date_start") else None
    if start is None:
        return
    in_plan = set(report.plan.measures.values_list("pk", flat=True))
    measure = next((m["id"] for m in item.get("measures") or [] if m["id"] in in_plan), None)
    review.fact_event_accept(
        actor=focal, fact_id=event.pk, version=event.version, report_id=report.pk,
        measure_id=measure, kind="training",
        title="Тренинг по гендерному бюджетированию для сотрудников ОМСУ (Ош)", start=start,
        end=datetime.date.fromisoformat(item.get("date_end") or item["date_start"]),
        participants_women=item.get("women") or 0, participants_men=item.get("men") or 0,
        participants_total=max(item.get("participants") or 0,
                               (item.get("women") or 0) + (item.get("men") or 0)))
