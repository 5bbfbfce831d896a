"""What the demo's reports say: narratives, spending, indicator values, activities and evidence files.

Everything is derived from a random generator seeded with the measure, the organisation and the
year, so a reload writes the same text and numbers. The texts were written by the Tendik team.
"""

import datetime
import functools
import io
import random
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

from docx import Document

from tendik.plans.models import Aggregation, Indicator, Measure, Unit
from tendik.reporting.validation import breakdown_keys, code_lists, parse_key

OPENINGS = {
    "completed": ["Мероприятие выполнено в полном объёме.",
                  "Работы, запланированные на {year} год, завершены в срок.",
                  "Мероприятие выполнено; результаты переданы координатору."],
    "in_progress": ["Выполнение продолжается по утверждённому графику.",
                    "Мероприятие рассчитано на несколько лет; этап {year} года выполнен.",
                    "Работа ведётся совместно с соисполнителями."],
    "partially_completed": ["Мероприятие выполнено частично.",
                            "Выполнена основная часть работ, запланированных на {year} год."],
    "not_completed": ["Мероприятие в {year} году не выполнено."],
}
DETAILS = [
    "Проведены обучающие семинары ({n}); обучено специалистов — {m}, из них женщин — {w}.",
    "Подготовлены и направлены в Кабинет Министров предложения по изменению нормативных актов "
    "(всего — {n}).",
    "Методические рекомендации согласованы с общественными объединениями и опубликованы на сайте.",
    "Выездные встречи с представителями ОМСУ и местных кенешей проведены в областях (всего — {n}).",
    "Данные с разбивкой по полу и возрасту переданы в Нацстатком для сборника «Женщины и мужчины».",
    "Проведена информационная кампания: публикаций в СМИ и социальных сетях — {n}, охват — около "
    "{m} тыс. человек.",
    "Консультации получили женщины (всего — {m}), из них жительницы сельской местности — {w}.",
    "Утверждён ведомственный план работы на {year} год, назначены ответственные в подразделениях.",
    "Совместно с партнёрами по развитию проведены круглые столы ({n}); участников — {m}.",
    "Разработан и апробирован учебный модуль; обучение прошли {m} чел. в районах (всего — {n}).",
    "Проведён мониторинг в айыл аймаках (всего — {n}); выявленные проблемы направлены в профильные "
    "органы.",
]
CLOSINGS = ["Подтверждающие документы приложены.",
            "Итоги рассмотрены на заседании коллегии.",
            "Отчёт согласован с курирующим заместителем руководителя.",
            ""]
REASONS = ["Средства республиканского бюджета не выделены; мероприятие перенесено на {next} год.",
           "Проект нормативного акта не прошёл согласование; доработка продолжится в {next} году."]
ACTIVITIES = [
    ("training", "Семинар для ответственных по гендерным вопросам", "civil_servants,lsg_staff"),
    ("meeting", "Рабочее совещание соисполнителей", "civil_servants"),
    ("consultation", "Консультации с общественными объединениями", "cso_activists,women"),
    ("campaign", "Информационная кампания в районах", "general_public"),
    ("conference", "Республиканская конференция по итогам года", "civil_servants,cso_activists"),
    ("publication", "Выпуск методического пособия", "civil_servants"),
    ("public_dialogue", "Общественный диалог с жителями айыл аймаков", "women,general_public"),
]
# Where events are held, with the territory each is recorded under: a region, a district or an
# aiyl aimak, as focal points really write them (the map rolls them up to regions).
PLACES = {
    "KG": [("Бишкек", "KG11000000000"), ("Ош", "KG21000000000"),
           ("Каракол", "KG02000000000"), ("Нарын", "KG04245000000"),
           ("Талас", "KG07232000000"), ("Баткен", "KG05214000000"),
           ("Джалал-Абад", "KG03000000000"), ("Чолпон-Ата", "KG02215000000"),
           ("с. Тамчы", "KG02215830000"), ("Токмок", "KG08000000000"),
           ("Кара-Балта", "KG08209000000"), ("Нарынская область", "KG04000000000")],
    "KZ": [("Астана", "KZ710000000"), ("Алматы", "KZ750000000"), ("Шымкент", "KZ790000000"),
           ("Караганда", "KZ350000000"), ("Актобе", "KZ150000000"),
           ("Павлодар", "KZ550000000"), ("Туркестан", "KZ610000000")],
}


def seeded(*parts) -> random.Random:
    # Reproducible demo text, never a secret: a seeded Mersenne Twister is what is wanted here.
    return random.Random("|".join(str(part) for part in parts))  # noqa: S311


def progress_data(measure: Measure, status: str, year: int, rng: random.Random) -> dict:
    """A measure's status, narrative and spending for one period."""
    numbers = {"n": rng.randint(2, 9), "m": rng.randint(40, 480), "year": year, "next": year + 1}
    numbers["w"] = rng.randint(numbers["m"] // 2, numbers["m"])
    done = status != "not_completed"
    text = " ".join(part for part in [
        rng.choice(OPENINGS[status]), *rng.sample(DETAILS, 2 if done else 1),
        rng.choice(CLOSINGS)] if part)
    data = {"status": status, "narrative_ru": text.format(**numbers), "reason": ""}
    if not done:
        data["reason"] = rng.choice(REASONS).format(**numbers)
    line = next((b for b in measure.budget_lines.all() if b.amount and b.currency), None)
    if line is not None and done:
        share = Decimal(rng.randint(15, 45)) / 100
        data["spent_amount"] = (line.amount * share).quantize(Decimal("1"))
        data["spent_currency"] = line.currency
    return data


def status_for(measure: Measure, period_end: datetime.date, rng: random.Random) -> str:
    """Measures that end in the period are mostly done; longer ones mostly still running."""
    ends = measure.last_day
    if ends is not None and ends <= period_end:
        return rng.choices(["completed", "partially_completed", "not_completed"], [17, 2, 1])[0]
    return rng.choices(["in_progress", "completed"], [4, 1])[0]


# Indicator values --------------------------------------------------------------------------------

def _level(indicator: Indicator, year: int, rng: random.Random) -> float:
    targets = {t.year: float(t.value) for t in indicator.targets.all()}
    if year in targets:
        return targets[year] * rng.uniform(0.93, 1.05)
    base = float(indicator.baseline_value) if indicator.baseline_value is not None else 50.0
    since = max(year - (indicator.baseline_year or year), 0)
    step = {"increase": 0.04, "decrease": -0.04}.get(indicator.direction, 0.0)
    return max(base * (1 + step * since) * rng.uniform(0.95, 1.05), 0.0)


def _cells(indicator: Indicator) -> list[dict[str, str]]:
    """Every combination the report form asks for, the total left out."""
    return [parse_key(key) for key in breakdown_keys(code_lists(indicator))[1:]]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """Whole numbers that add up to the total exactly, as a `sum` indicator's breakdown must."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    shares = [int(total * w / sum(weights)) for w in weights]
    shares[-1] += total - sum(shares)
    return shares


def indicator_values(indicator: Indicator, year: int, share: float, rng: random.Random) -> list[dict]:
    """The total and the full breakdown of one indicator for one report."""
    cells = _cells(indicator)
    if indicator.unit == Unit.BOOLEAN:
        return [{"indicator": indicator.pk, "disaggregation": {},
                 "value": "1" if rng.random() < 0.8 else "0"}]
    if indicator.unit == Unit.PERCENT:
        total = min(_level(indicator, year, rng), 100.0)
        rows = [(cell, min(max(total * rng.uniform(0.9, 1.08), 0.0), 99.0)) for cell in cells]
        return [{"indicator": indicator.pk, "disaggregation": cell, "value": f"{value:.1f}"}
                for cell, value in [({}, total), *rows]]
    total = max(int(round(_level(indicator, year, rng) * share)), len(cells))
    if indicator.aggregation == Aggregation.SUM and cells:
        values = _split(total, len(cells), rng)
    else:
        values = [int(total * rng.uniform(0.7, 1.3)) for _ in cells]
    return [{"indicator": indicator.pk, "disaggregation": cell, "value": str(value)}
            for cell, value in [({}, total), *zip(cells, values, strict=True)]]


# Activities ------------------------------------------------------------------------------------

def activities_for(measures: list[Measure], start: datetime.date, end: datetime.date,
                   organisation_id: int, rng: random.Random,
                   places: list[tuple[str, int | None]]) -> list[dict]:
    """Up to two events the organisation held for its measures in the period, in one of
    `places` (venue, territory id), with the measure's partners named as partners."""
    rows = []
    for measure in rng.sample(measures, min(len(measures), rng.randint(0, 2))):
        kind, title, audiences = rng.choice(ACTIVITIES)
        day = start + datetime.timedelta(days=rng.randint(0, max((end - start).days - 3, 0)))
        venue, territory = rng.choice(places)
        women = rng.randint(8, 60)
        men = rng.randint(2, 30)
        rows.append({
            "kind": kind, "title": f"{title} (мероприятие {measure.code})", "start": day,
            "end": day + datetime.timedelta(days=rng.randint(0, 2)), "venue": venue,
            "territory": territory,
            "participants_women": women, "participants_men": men,
            "participants_total": women + men + rng.randint(0, 4), "audiences": audiences,
            "organisers": [organisation_id], "measures": [measure.pk],
            "partners": [partner.pk for partner in measure.partners.all()]})
    return rows


# Evidence files --------------------------------------------------------------------------------

@functools.cache
def _docx_template() -> dict[str, bytes]:
    # Opening python-docx's default template is slow; build it once and fill in the text.
    document = Document()
    document.add_heading("TITLE-HERE", level=1)
    document.add_paragraph("BODY-HERE")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def docx_note(title: str, paragraphs: list[str]) -> bytes:
    """A short DOCX memo ("справка") such as executors attach to their reports."""
    breaks = '</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">'
    body = breaks.join(escape(text) for text in paragraphs if text)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in _docx_template().items():
            if name == "word/document.xml":
                content = content.replace(b"TITLE-HERE", escape(title).encode()).replace(
                    b"BODY-HERE", body.encode())
            archive.writestr(name, content)
    return buffer.getvalue()


def pdf_note(lines: list[str]) -> bytes:
    """A one-page PDF. The built-in Helvetica has no Cyrillic, so its text is Latin."""
    text = "\n".join(f"({line.replace(chr(92), '').replace('(', '[').replace(')', ']')}) Tj T*"
                     for line in lines)
    stream = f"BT /F1 12 Tf 14 TL 72 770 Td\n{text}\nET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)
