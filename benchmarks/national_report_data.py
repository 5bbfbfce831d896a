"""Data for the national report benchmark: analytics_data's "report" scale (one plan of 300
measures in 5 priority areas, 150 organisations, 12 quarters, 40 indicators with observations,
≈3.6k activities with participants), plus what a report prints and that generator leaves short:
measure titles as long as a real plan's, and a progress row from every executor of a measure
(lead and co-executors), not only the lead, each with a 200–600 character narrative in Russian,
and in Kyrgyz or English for some. Text comes from arithmetic on ids, as in analytics_data.
"""

from analytics_data import _h, _status, populate
from django.db import transaction

SCALE = "report"
# Phrases of real NAP measures: action + subject + audience gives titles of 90–200 characters.
ACTIONS = ["Проведение обучения", "Разработка и внедрение методических рекомендаций",
           "Организация информационной кампании", "Совершенствование нормативной базы",
           "Проведение мониторинга и анализа", "Создание и поддержка механизмов"]
SUBJECTS = ["по вопросам гендерного равенства и недискриминации",
            "по предотвращению семейного насилия и защите пострадавших",
            "по учёту гендерных аспектов при планировании бюджета",
            "по расширению экономических возможностей женщин в сельской местности",
            "по продвижению женщин на руководящие должности в государственной службе"]
AUDIENCES = ["для сотрудников государственных органов", "для органов местного самоуправления",
             "с участием организаций гражданского общества", "для учителей и учащихся школ"]
# Sentences of a narrative, the same facts in each language; {n}, {p}, {w}, {k} are figures.
SENTENCES = {
    "ru": ["В отчётном периоде для сотрудников территориальных подразделений проведены обучающие "
           "семинары по вопросам гендерного равенства и предотвращения насилия (всего: {n}).",
           "Разработан и направлен на согласование проект методических рекомендаций по учёту "
           "гендерных аспектов при планировании бюджета.",
           "Охват: {p} человек, из них женщин — {w}; материалы размещены на официальном сайте.",
           "Совместно с партнёрами организованы выездные консультации (районов: {k}) с участием "
           "органов местного самоуправления и кризисных центров.",
           "Подготовлен аналитический обзор исполнения мероприятия с предложениями по устранению "
           "выявленных недостатков.",
           "Мероприятие выполняется в рамках утверждённого бюджета; дополнительное финансирование "
           "не привлекалось.",
           "Проведена информационная кампания в СМИ и социальных сетях; публикаций и видеороликов: "
           "{n}.",
           "Внесены изменения в ведомственные инструкции о порядке рассмотрения обращений "
           "пострадавших от насилия."],
    "ky": ["Отчеттук мезгилде аймактык бөлүмдөрдүн кызматкерлери үчүн гендердик теңчилик жана "
           "зомбулуктун алдын алуу боюнча {n} окуу семинары өткөрүлдү.",
           "Бюджетти пландаштырууда гендердик аспекттерди эске алуу боюнча методикалык "
           "сунуштардын долбоору иштелип чыгып, макулдашууга жөнөтүлдү.",
           "{p} адам камтылды, анын ичинен {w} аял; материалдар расмий сайтка жайгаштырылды.",
           "Өнөктөштөр менен биргеликте {k} районго чыгуу консультациялары уюштурулуп, ага "
           "жергиликтүү өз алдынча башкаруу органдары жана кризистик борборлор катышты.",
           "Иш-чаранын аткарылышына аналитикалык сереп даярдалып, аныкталган кемчиликтерди жоюу "
           "боюнча сунуштар берилди.",
           "Иш-чара бекитилген бюджеттин алкагында аткарылууда; кошумча каржылоо тартылган жок.",
           "ЖМКда жана социалдык тармактарда маалыматтык өнөктүк өткөрүлүп, {n} жарыя жана "
           "видеоролик чыгарылды.",
           "Зомбулуктан жабыр тарткандардын кайрылууларын кароо тартиби жөнүндө ведомстволук "
           "нускамаларга өзгөртүүлөр киргизилди."],
    "en": ["During the period {n} training seminars on gender equality and the prevention of "
           "violence were held for staff of territorial offices.",
           "Draft guidance on taking gender into account in budget planning was prepared and "
           "sent for approval.",
           "{p} people were reached, {w} of them women; the materials are on the official site.",
           "With partners, field consultations were held in {k} districts with local "
           "self-government bodies and crisis centres.",
           "An analytical review of the measure's implementation was prepared, with proposals to "
           "remedy the shortcomings found.",
           "The measure is carried out within the approved budget; no additional funding was "
           "raised.",
           "A media and social network campaign was run, with {n} publications and videos.",
           "Departmental instructions on handling complaints from survivors of violence were "
           "amended."],
}
NARRATIVE_MAX = 600


def measure_title(position: int) -> str:
    h = _h(position, 5)
    return (f"{ACTIONS[h % len(ACTIONS)]} {SUBJECTS[(h // 7) % len(SUBJECTS)]} "
            f"{AUDIENCES[(h // 41) % len(AUDIENCES)]} (мероприятие {position})")


def narrative(language: str, report_id: int, measure_id: int) -> str:
    """Sentences picked by the ids until a length drawn from 200–600 characters is reached."""
    h = _h(report_id, measure_id)
    wanted = 200 + h % 400
    people = 20 + h % 480
    figures = {"n": 2 + h % 25, "p": people, "w": people * (30 + h % 50) // 100, "k": 2 + h % 9}
    sentences = SENTENCES[language]
    text, k = "", 0
    while len(text) < wanted:
        sentence = sentences[(h // 3 + k * 5) % len(sentences)].format(**figures)
        if len(text) + len(sentence) + 1 > NARRATIVE_MAX:
            break
        text, k = f"{text} {sentence}".strip(), k + 1
    return text


def _executors(measures) -> dict[int, list]:
    """Organisation id → the measures it executes, as lead or co-executor."""
    by_org: dict[int, list] = {}
    for measure in measures:
        for org_id in (measure.lead_executor_id, *(o.pk for o in measure.co_executors.all())):
            by_org.setdefault(org_id, []).append(measure)
    return by_org


def _progress_row(report, measure, period_index: int, periods: int):
    from tendik.reporting.models import MeasureProgress

    status, reason = _status(measure.position, period_index, periods)
    h = _h(report.pk, measure.pk, 2)
    return MeasureProgress(
        report=report, measure=measure, status=status, reason=reason,
        narrative_ru=narrative("ru", report.pk, measure.pk),
        # Kyrgyz for about four rows in ten, English for one in four.
        narrative_ky=narrative("ky", report.pk, measure.pk) if h % 10 < 4 else "",
        narrative_en=narrative("en", report.pk, measure.pk) if h % 4 == 0 else "")


@transaction.atomic
def _texts(data) -> int:
    from tendik.plans.models import Measure
    from tendik.reporting.models import MeasureProgress, Report

    measures = list(Measure.objects.filter(plan=data.plan).prefetch_related("co_executors"))
    for measure in measures:
        measure.title_ru = measure_title(measure.position)
    Measure.objects.bulk_update(measures, ["title_ru"], batch_size=1000)
    MeasureProgress.objects.filter(report__plan=data.plan).delete()
    by_org = _executors(measures)
    index = {p.pk: n for n, p in enumerate(data.periods)}
    rows = [_progress_row(report, measure, index[report.period_id], len(data.periods))
            for report in Report.objects.filter(plan=data.plan).order_by("pk")
            for measure in by_org.get(report.organisation_id, [])]
    MeasureProgress.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def populate_report():
    """The plan's data (analytics_data.CountryData), generated with the texts above."""
    data = populate(SCALE)[0]
    print(f"  progress rows with narratives: {_texts(data):,}", flush=True)
    return data
