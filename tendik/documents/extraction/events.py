"""Events: one typed event per unit and type, found by trigger lemmas, with the unit's date, place,
organisations, people and quantities attached.

A noun trigger («встреча», «тренинг») beats a verb one; a verb is an event only with its object
(«принял представительницу» is a meeting, «принят закон» an adoption, «созданы комитеты» an
establishment). Plans («планируется провести», «будет проведен») are commitments, not events.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import re

from .facts import DateFact, Event, Extraction, Place
from .nlp import Analysis, Token, Unit

_NOUNS = {
    "встреча": "meeting", "заседание": "meeting", "совещание": "meeting", "переговоры": "meeting",
    "визит": "meeting", "аудиенция": "meeting", "видеоконференция": "meeting", "телемост": "meeting",
    "тренинг": "training", "семинар": "training", "мастер-класс": "training", "вебинар": "training",
    "тренинг-семинар": "training", "семинар-тренинг": "training", "обучение": "training",
    "курс": "training", "практикум": "training", "воркшоп": "training",
    "консультация": "consultation", "слушание": "consultation", "слушания": "consultation",
    "кампания": "campaign", "акция": "campaign", "марафон": "campaign", "флешмоб": "campaign",
    "активизм": "campaign", "челлендж": "campaign",
    "диалог": "dialogue",
    "конференция": "conference", "форум": "conference", "саммит": "conference", "съезд": "conference",
    "конгресс": "conference", "курултай": "conference", "пресс-конференция": "conference",
}
# Words of a site's menu next to event nouns: «Новости», «Мероприятия», «Анонсы».
_MENU = {"новость", "мероприятие", "событие", "анонс", "пресс-релиз", "архив", "все"}
_SCHOOL_SUBJECTS = {"лидерство", "лидер", "тренер", "журналист", "медиатор", "активист", "молодой",
                    "политический", "гражданский", "женский"}
# Adjectives that type the event they qualify: «консультативная встреча» is a consultation.
_ADJECTIVES = {"консультативный": "consultation", "консультационный": "consultation"}
# Nouns too common as abstractions («доступ к обучению», «политический диалог», «курс валют») to be
# an event without a word that says something took place.
_WEAK = {"обучение", "курс", "диалог", "акция", "кампания", "визит", "слушание"}
_HAPPENED = {
    "провести", "проводить", "состояться", "пройти", "проходить", "организовать", "организованный",
    "участие", "участник", "участвовать", "собрать", "объединить", "охватить", "стартовать",
    "начаться", "завершиться", "открыться", "прошедший", "проведенный", "посетить", "обучить",
    "пройденный", "запустить", "принять", "приурочить", "прибыть",
}
_DOCUMENTS = {
    "закон", "стратегия", "план", "постановление", "программа", "указ", "распоряжение", "меморандум",
    "соглашение", "концепция", "положение", "приказ", "кодекс", "поправка", "резолюция", "договор",
    "протокол", "устав", "регламент", "рекомендация", "руководство", "декларация", "конвенция",
    "законопроект",
    "дорожный", "карта", "изменение", "дополнение", "конституция", "инструкция", "стандарт",
}
_ADOPT_VERBS = {"принять", "утвердить", "одобрить", "подписать", "ратифицировать", "утверждать",
                "подписывать", "принимать"}
_ADOPT_NOUNS = {"принятие", "утверждение", "подписание", "ратификация"}
_ESTABLISH_VERBS = {"создать", "учредить", "образовать", "открыть", "сформировать", "основать",
                    "создавать", "открывать", "открыться", "заработать", "запустить"}
# «оказаны бесплатные юридические консультации» is a service to people, not a consultation event.
_SERVICES = {"юридический", "психологический", "бесплатный", "оказать", "оказывать", "получить",
             "правовой", "медицинский", "индивидуальный", "консультация", "получать"}
_ESTABLISH_NOUNS = {"создание", "открытие", "учреждение", "образование"}
_BODIES = {
    "центр", "комитет", "группа", "совет", "комиссия", "сеть", "офис", "отдел", "служба", "фонд",
    "ассоциация", "альянс", "клуб", "приют", "пункт", "кабинет", "платформа", "линия", "коалиция",
    "кризисный", "управление", "подразделение", "сектор", "объединение", "союз", "организация",
    "механизм", "дом", "бюро", "институт", "агентство", "ресурсный", "отделение", "штаб",
}
_GUESTS = {
    "представитель", "представительница", "посол", "делегация", "глава", "министр", "координатор",
    "директор", "председатель", "руководитель", "посланник", "делегат", "заместитель", "президент",
    "спецдокладчик", "докладчик", "советник", "губернатор", "аким", "хоким", "мэр", "депутат",
    "участник", "активист", "эксперт", "генсек", "генеральный", "секретарь", "омбудсмен", "лидер",
}
# Plans, wishes and proposals: the event has not happened yet.
_PLANNED = {
    "планировать", "планироваться", "запланировать", "намереваться", "намерен", "намерение", "предстоящий",
    "предстоять", "предложить", "предлагать", "необходимо", "нужно", "следовать", "должный",
    "надо", "намечать", "наметить", "будущий", "планируемый", "рекомендовать", "призвать",
    "договориться", "договоренность", "обязаться", "обязываться", "поручить", "готовность",
}
# Where a clause before the trigger ends: a plan there («договорились, что») is not the trigger's.
_CLAUSE_BREAKS = {";", "что", "который", "чтобы", "."}
# Plans on either side of the trigger: «семинар планируется провести».
_SCHEDULED = {"планировать", "планироваться", "запланировать", "намечать", "наметить", "предстоять",
              "намереваться", "намерен", "намеренный"}
_AHEAD = {"накануне", "перед", "подготовка", "канун"}
_FUTURE_AUX = {"будет", "будут", "буду", "будем", "будете", "будешь"}
# Words before a noun trigger that refer back to an event already told («в ходе встречи»).
_BACK_REFERENCES = {"ход", "рамка", "итог", "время", "участник", "завершение", "после", "результат",
                    "организатор", "тема", "продолжение", "цель"}
_ANOTHER = {"также", "еще", "ещё", "другой", "следующий", "второй", "новый", "кроме", "помимо", "затем"}
_SPAN_BEFORE = re.compile(r"(?<!\w)(?:за|на|до|к)\s+$", re.IGNORECASE)
_DAY_KINDS = {"day": 0, "range": 0, "iso": 0, "relative": 0, "dateline": 1, "month": 2, "year": 3,
              "period": 4}
# A dateline opens its unit: a place of a few words, then the date.
_DATELINE_REACH = 40
# What closes a dateline: «г.», «/Кабар/», «(КазТАГ)», «, КАЗИНФОРМ», then a dash or a stop.
_DATELINE_END = re.compile(r"[^\S\n]*(?:г\.|года)?[^\S\n]*(?:/[^/\n]{1,40}/|\([^()\n]{1,30}\))?"
                           r"(?:[^\S\n]*[.,][^\S\n]*[А-ЯЁA-Z]{4,}(?![а-яё]))?[^\S\n]*(?:[.,]?[^\S\n]*[–—-]|\.)\s*")
# A news agency's name in capitals and a dash: «КАЗИНФОРМ – Сегодня…», «АКИpress — …».
_AGENCY = re.compile(r"\s*[А-ЯЁA-Z]{4,}[\w.-]*(?:[^\S\n]+[А-ЯЁA-Z]{2,}[\w.-]*)?[^\S\n]*[–—-][^\S\n]+(?=\S)")
# The dates of a heading that its list items take.
_SECTION_KINDS = {"year", "month", "period"}
# How many units after a dated event a sentence still tells of its happenings.
_FOLLOWING = 4
# How many units back a later mention may still repeat an event.
_WINDOW = 30
_PARTICIPANTS = {"человек", "участник", "участница", "специалист", "сотрудник", "представитель",
                 "представительница", "делегат", "слушатель", "специалистка", "работник", "сотрудница",
                 "лидер", "активист", "активистка", "студент", "школьник", "молодой", "житель", "член"}
_WOMEN = {"женщина", "девушка", "девочка"}
_MEN = {"мужчина", "юноша", "мальчик"}
# A press release's first paragraphs tell of the event of its dateline.
_LEAD = 1200
# «в Бишкеке», «в г. Оше», «на территории», «во всех регионах»: a place right after a preposition.
_LOCATIVE = re.compile(r"(?<!\w)(?:в|во|на|по)\s+(?:(?:г|с|пгт)\.\s*|городе\s+|селе\s+|всех\s+)?$",
                       re.IGNORECASE)
_COUNTRY_WORDS = {"республика", "кр", "рк", "казахстан", "кыргызстан", "киргизия", "узбекистан",
                  "таджикистан", "туркменистан", "россия", "ру", "страна"}


@dataclasses.dataclass
class _Context:
    analysis: Analysis
    found: Extraction
    lead_date: DateFact | None
    lead_place: Place | None
    previous: tuple[int, Event] | None = None  # the last event with a date of its own, and its unit
    sections: list[int | None] = dataclasses.field(default_factory=list)  # each unit's section head
    organisations: _Index | None = None
    people: _Index | None = None
    quantities: _Index | None = None


@dataclasses.dataclass
class _Found:
    event: Event
    unit: int
    kind: str  # the unit's kind
    own_date: bool  # the date came from the event's own sentence
    key: tuple[str, str]  # the trigger's lemma and the next word's: «заседание межведомственный»
    another: bool  # «Также состоялся флешмоб»: the unit says it tells of one more event
    introduced: bool  # «организовал информационную кампанию»: the trigger names a new happening


def find_events(analysis: Analysis, *, found: Extraction, published: datetime.date | None) -> list[Event]:
    ctx = _Context(analysis, found, _lead_date(found), None)
    ctx.lead_place = _lead_place(found, ctx.lead_date)
    ctx.sections = _sections(analysis.units)
    ctx.organisations, ctx.people = _Index(found.organisations), _Index(found.people)
    ctx.quantities = _Index(found.quantities)
    kept: list[_Found] = []
    for index, unit in enumerate(analysis.units):
        for trigger, kind, back_reference in _triggers(unit):
            event, own_date = _event(ctx, index, unit, trigger, kind)
            if own_date:
                ctx.previous = (index, event)
            another = any(t.lemma in _ANOTHER for t in unit.tokens)
            new = _Found(event, index, unit.kind, own_date, _key(unit, trigger), another,
                         _introduced(unit.tokens, trigger))
            _add(kept, new, back_reference)
    return [f.event for f in kept]


def _triggers(unit: Unit) -> list[tuple[Token, str, bool]]:
    """(trigger token, type, refers back) for each type in the unit: a noun before a verb, a
    subject before an oblique mention. A menu line («Конференции») or a word inside a «…» name
    (ОФ «Форум женщин», проект «Диалог») is no event."""
    tokens = unit.tokens
    words = [t for t in tokens if t.pos not in {"PUNCT", "CCONJ", "ADP"}]
    if all(t.lemma in _NOUNS or t.lemma in _MENU for t in words):
        return []
    happened = any(t.lemma in _HAPPENED for t in tokens)
    quoted = _quoted(tokens)
    chosen: dict[str, tuple[tuple, Token, bool]] = {}
    for i in range(len(tokens)):
        if quoted[i]:
            continue
        found = _noun_type(tokens, i, happened) or _verb_type(tokens, i)
        if found is None or _planned(tokens, i):
            continue
        kind, is_noun = found
        oblique = _oblique(tokens, i) if is_noun else False
        if oblique and not happened:
            # «присоединиться к Коалиции … Форума» names an event, it does not report one.
            continue
        rank = (not is_noun, oblique)
        if kind not in chosen or rank < chosen[kind][0]:
            chosen[kind] = (rank, _phrase(tokens, i), oblique or _refers_back(tokens, i))
    return [(token, kind, back) for kind, (_, token, back) in chosen.items()]


def _quoted(tokens: tuple[Token, ...]) -> list[bool]:
    """Whether each token is inside «…» (or “…”)."""
    inside, depth = [], 0
    for token in tokens:
        if token.text in {"»", "”"} and depth:
            depth -= 1
        inside.append(depth > 0)
        if token.text in {"«", "“"}:
            depth += 1
    return inside


def _phrase(tokens: tuple[Token, ...], i: int) -> Token:
    """The trigger as written: «Круглый стол» is one, not «стол»."""
    if tokens[i].lemma == "стол" and i:
        first = tokens[i - 1]
        text = first.text + " " * (tokens[i].start - first.end) + tokens[i].text
        return dataclasses.replace(tokens[i], start=first.start, text=text)
    return tokens[i]


def _oblique(tokens: tuple[Token, ...], i: int) -> bool:
    """«в ходе встречи», «на заседании», «в консультациях» mention an event already told; «5 семинаров»
    counts new ones."""
    if tokens[i].feats.get("Case") not in {"Gen", "Dat", "Loc", "Ins"}:
        return False
    j = i - 1
    while j >= 0 and tokens[j].pos == "ADJ" and not tokens[j].text.isdigit():
        j -= 1
    return j < 0 or not (tokens[j].pos == "NUM" or tokens[j].text.isdigit())


def _noun_type(tokens: tuple[Token, ...], i: int, happened: bool) -> tuple[str, bool] | None:
    lemma = tokens[i].lemma
    if lemma in _ADJECTIVES:
        # «консультативная встреча», but not «консультативная поддержка».
        following = tokens[i + 1:i + 3]
        return (_ADJECTIVES[lemma], True) if any(t.lemma in _NOUNS for t in following) else None
    if lemma == "стол" and i and tokens[i - 1].lemma == "круглый":
        return "dialogue", True
    # «общественные обсуждения законопроекта» consult the public; a plain «обсуждение» is talk.
    if lemma == "обсуждение" and i and tokens[i - 1].lemma in {"общественный", "публичный"}:
        return "consultation", True
    # «Школа лидерства», «летняя школа» train people; «38 школ» are buildings.
    if lemma == "школа" and (_near(tokens, i, _SCHOOL_SUBJECTS, after=1, before=0)
                             or (i and tokens[i - 1].lemma in {"летний", "зимний"})):
        return "training", True
    # «состоялось подписание меморандума», not «работа по созданию комитетов».
    subject = happened and tokens[i].feats.get("Case") == "Nom"
    if lemma in _ADOPT_NOUNS and subject and _near(tokens, i, _DOCUMENTS, after=4, before=0):
        return "adoption", True
    if lemma in _ESTABLISH_NOUNS and subject and _near(tokens, i, _BODIES, after=4, before=0):
        return "establishment", True
    kind = _NOUNS.get(lemma) or _NOUNS.get(tokens[i].text.lower()) or _NOUNS.get(lemma.rsplit("-", 1)[-1])
    if kind is None or (i and tokens[i - 1].lemma in _ADJECTIVES):
        return None
    if kind == "consultation" and _near(tokens, i, _SERVICES, after=2, before=3):
        return None
    if lemma == "курс" and tokens[i].feats.get("Number") != "Plur":
        return None
    # An election campaign is not an awareness campaign.
    if kind == "campaign" and i and tokens[i - 1].lemma in {"избирательный", "предвыборный"}:
        return None
    if lemma in _WEAK and not happened:
        return None
    return kind, True


def _verb_type(tokens: tuple[Token, ...], i: int) -> tuple[str, bool] | None:
    token = tokens[i]
    if token.pos != "VERB" or _after_lemma(tokens, i, {"участие", "мера", "решение", "меры"}):
        return None
    if token.lemma == "встретиться":
        return "meeting", False
    if token.lemma in _ADOPT_VERBS:
        # «Закон был принят депутатами» is an adoption; «принял посла» a meeting.
        guest = _near(tokens, i, _GUESTS, after=5, before=0)
        if _near(tokens, i, _DOCUMENTS, after=0, before=4) or (
                not guest and _near(tokens, i, _DOCUMENTS, after=5, before=0)):
            return "adoption", False
        if guest and token.lemma in {"принять", "принимать"}:
            return "meeting", False
    if token.lemma in _ESTABLISH_VERBS and _created_body(tokens, i):
        return "establishment", False
    return None


def _created_body(tokens: tuple[Token, ...], i: int) -> bool:
    """The thing created is a body, as the verb's object or passive subject: «создана рабочая группа»,
    «созданы 14 комитетов», «центр был открыт», «Коалиции…, которая была создана»; not «создать
    возможности для организаций»."""
    relative = next((j for j in range(i - 1, max(-1, i - 4), -1) if tokens[j].lemma == "который"), None)
    if relative is not None and any(t.lemma in _BODIES for t in tokens[max(0, relative - 7):relative]):
        return True
    for j in range(max(0, i - 4), min(len(tokens), i + 6)):
        token = tokens[j]
        if j == i or token.lemma not in _BODIES:
            continue
        case = token.feats.get("Case")
        counted = any(t.pos == "NUM" or t.text.isdigit() for t in tokens[max(0, j - 3):j])
        if case in {"Nom", "Acc"} or (case == "Gen" and counted):
            return True
    return False


def _after_lemma(tokens: tuple[Token, ...], i: int, lemmas: set[str]) -> bool:
    """Whether the verb's next word is one of `lemmas` («принять участие», «принять меры»)."""
    return any(t.lemma in lemmas for t in tokens[i + 1:i + 3])


def _near(tokens: tuple[Token, ...], i: int, lemmas: set[str], *, after: int, before: int) -> bool:
    """One of `lemmas` within so many words of token i; a «…» name counts as one word («Закон «О
    равных правах» был принят»)."""
    return any(t.lemma in lemmas for t in _outside_quotes(reversed(tokens[:i]), "»", "«")[:before]) or any(
        t.lemma in lemmas for t in _outside_quotes(tokens[i + 1:], "«", "»")[:after])


def _outside_quotes(tokens, opening: str, closing: str) -> list[Token]:
    """The words in reading order away from the trigger, without those inside quotes."""
    words, depth = [], 0
    for token in tokens:
        if token.text == opening:
            depth += 1
        elif token.text == closing and depth:
            depth -= 1
        elif not depth:
            words.append(token)
        if len(words) > 8:
            break
    return words


def _planned(tokens: tuple[Token, ...], i: int) -> bool:
    """A plan or a future tense in the trigger's clause: «планируется провести тренинг», «будет
    проведен семинар», «следующий семинар планируется…», «конференция состоится», «пройдут
    мероприятия: лекции, марафоны». A call before the trigger counts; after it, a call is another
    clause («одобрили декларацию и призвали…»)."""
    # «следующий семинар», «к Форуму», «накануне конференции», «подготовка конференции»: not yet held.
    j = i - 1
    while j >= 0 and tokens[j].pos == "ADJ":
        j -= 1
    if j >= 0 and tokens[j].lemma in {"к", "ко", "следующий"}:
        return True
    if any(t.lemma in _AHEAD for t in tokens[max(0, i - 3):i]):
        return True
    start = i
    while start > 0 and i - start < 12 and tokens[start - 1].lemma not in _CLAUSE_BREAKS:
        start -= 1
    end = i + 1
    while end < len(tokens) and end - i <= 10 and tokens[end].pos != "PUNCT":
        end += 1
    before = any(t.lemma in _PLANNED or _future(t) for t in tokens[start:i])
    return before or any(_future(t) for t in tokens[i:end]) or _planned_list(tokens, i)


def _planned_list(tokens: tuple[Token, ...], i: int) -> bool:
    """A list after a colon shares its predicate: «пройдут мероприятия: лекции, встречи, марафон»."""
    colon = next((j for j in range(i - 1, -1, -1) if tokens[j].text == ":"), None)
    if colon is None:
        return False
    start = colon
    while start > 0 and tokens[start - 1].lemma not in _CLAUSE_BREAKS:
        start -= 1
    return any(_future(t) for t in tokens[start:colon])


def _future(token: Token) -> bool:
    if token.lemma in _SCHEDULED or token.text.lower() in _FUTURE_AUX:
        return True
    return token.pos == "VERB" and token.feats.get("Tense") == "Fut"


def _refers_back(tokens: tuple[Token, ...], i: int) -> bool:
    return any(t.lemma in _BACK_REFERENCES for t in tokens[max(0, i - 3):i])


def _event(ctx: _Context, index: int, unit: Unit, trigger: Token, kind: str) -> tuple[Event, bool]:
    found = ctx.found
    date = _date_in(ctx.analysis.text, found.dates, unit, trigger)
    # A dateline in the sentence is when the news was filed, not a date the event itself was given.
    own_date = date is not None and date.kind != "dateline"
    span = (date.date_start, date.date_end) if date else _inherited(ctx, index, unit)
    in_lead = (date is None and span == _dates_of(ctx.lead_date)) or unit.start < _LEAD
    lead_place = ctx.lead_place if in_lead else None
    place = _place_in(ctx.analysis.text, found.places, unit, trigger, lead_place)
    people = ctx.people.inside(unit.start, unit.end)
    if kind == "meeting":
        people = _meeting_people(ctx, index, people)
    quantities = ctx.quantities.inside(unit.start, unit.end)
    counts = _counts([found.quantities[q] for q in quantities])
    start = _body_start(ctx.analysis.text, found.dates, unit)
    event = Event(start, unit.end, kind, trigger.text, trigger.start, trigger.end,
                  *span,
                  (place.name or place.text) if place else "", place.territory_id if place else None,
                  ctx.organisations.inside(unit.start, unit.end), people, quantities, *counts)
    return event, own_date


def _body_start(text: str, dates: list[DateFact], unit: Unit) -> int:
    """Where the sentence starts after a dateline that opens it («Нарын, 27 октября 2023 г. — …»,
    «КАЗИНФОРМ – Сегодня…»): the dateline dates the news, it is not part of the event's words."""
    start = unit.start
    for date in dates:
        if date.kind == "dateline" and unit.start <= date.start < unit.start + _DATELINE_REACH:
            start = max(start, date.end)
    if start == unit.start:
        agency = _AGENCY.match(text, unit.start, unit.end) if unit.start < _LEAD else None
        return agency.end() if agency else start
    separator = _DATELINE_END.match(text, start, unit.end)
    return separator.end() if separator else unit.start


def _dates_of(date: DateFact | None) -> tuple[datetime.date | None, datetime.date | None]:
    return (date.date_start, date.date_end) if date else (None, None)


def _inherited(ctx: _Context, index: int, unit: Unit) -> tuple[datetime.date | None, datetime.date | None]:
    """A sentence without a date of its own happened when its section's heading says («Итоги 2022–2023
    годов»), else with the event just told («На форуме была принята декларация»), else, in the lead of
    a news item, on its dateline. List items of a report are its results over time, not the
    happenings of its date."""
    heading = ctx.analysis.units[ctx.sections[index]] if ctx.sections[index] is not None else None
    if heading is not None and heading.tokens:
        date = _date_in(ctx.analysis.text, ctx.found.dates, heading, heading.tokens[0], report=True)
        # A section covers a span of time; a day in a heading is the date of a slide deck or a talk. A
        # sentence, unlike a list item, tells of one happening: a plan's years («(2022–2024)») do not date it.
        if date is not None and date.kind in (_SECTION_KINDS if unit.kind == "item" else {"month"}):
            return _dates_of(date)
    if unit.kind == "item":
        return None, None
    if ctx.previous is not None and index - ctx.previous[0] <= _FOLLOWING:
        return ctx.previous[1].date_start, ctx.previous[1].date_end
    if ctx.lead_date is not None and unit.start < _LEAD + ctx.lead_date.start:
        return _dates_of(ctx.lead_date)
    return None, None


def _sections(units: list[Unit]) -> list[int | None]:
    """For each unit, the index of the nearest section head before it."""
    heads, last = [], None
    for index, unit in enumerate(units):
        heads.append(last)
        if _heads_section(unit):
            last = index
    return heads


def _heads_section(unit: Unit) -> bool:
    """A heading, or the line that opens a list («Результаты проекта за 2021–2022 годы:»)."""
    return unit.kind == "heading" or unit.text.rstrip().endswith(":")


def _date_in(text: str, dates: list[DateFact], unit: Unit, trigger: Token, *,
             report: bool = False) -> DateFact | None:
    """The unit's date nearest the trigger, a day before a month before a year. A plan's span («на
    2021-2023 гг.», «до 2030 года») is not when anything happened, nor, in a sentence, the span a
    report covers («по итогам за 2022 год»); in a section's heading that span dates its items."""
    inside = [d for d in dates if unit.start <= d.start < unit.end and d.kind in _DAY_KINDS
              and not _span(text, d, report)]
    if not inside:
        return None
    return min(inside, key=lambda d: (_DAY_KINDS[d.kind], abs(d.start - trigger.start)))


def _span(text: str, date: DateFact, report: bool) -> bool:
    before = _SPAN_BEFORE.search(text, max(0, date.start - 8), date.start)
    if before is not None and report and before.group().strip().lower() == "за":
        return False
    return date.kind in {"year", "month", "period"} and before is not None


def _place_in(text: str, places: list[Place], unit: Unit, trigger: Token, lead: Place | None) -> Place | None:
    """Where the event took place: «в Бишкеке» in its sentence. A country, or a place that is not
    where (a genitive «посла Швеции», «акиматов всех регионов»), says less than the dateline's city."""
    inside = [p for p in places if unit.start <= p.start < unit.end]
    where = [p for p in inside if _LOCATIVE.search(text, max(0, p.start - 20), p.start)]
    best = min(where, key=lambda p: (_is_country(p), p.count is not None, abs(p.start - trigger.start)),
               default=None)
    return lead if lead is not None and (best is None or _is_country(best)) else best


def _is_country(place: Place) -> bool:
    if place.level:
        return place.level == "country"
    words = f"{place.name} {place.text}".lower().split()
    return any(word in _COUNTRY_WORDS or word.startswith("республик") for word in words)


def _lead_date(found: Extraction) -> DateFact | None:
    early = [d for d in found.dates if d.start < _LEAD and d.kind in {"dateline", "day", "iso", "relative"}]
    return early[0] if early else next((d for d in found.dates if d.kind == "relative"), None)


def _lead_place(found: Extraction, date: DateFact | None) -> Place | None:
    """The city next to the dateline («Бишкек, 05.12.20», «27 октября 2022, Бишкек»)."""
    if date is None:
        return None
    near = [p for p in found.places if abs(p.start - date.start) < 40 or abs(date.end - p.start) < 40]
    near = [p for p in near if not _is_country(p) and p.count is None]
    return min(near, key=lambda p: abs(p.start - date.start)) if near else None


class _Index:
    """A list of facts by start, so a unit finds its own by bisection."""

    def __init__(self, facts: list):
        order = sorted(range(len(facts)), key=lambda i: facts[i].start)
        self.starts = [facts[i].start for i in order]
        self.order = order

    def inside(self, start: int, end: int) -> tuple[int, ...]:
        """Indices of the facts that start in [start, end), in the list's order."""
        low, high = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return tuple(sorted(self.order[low:high]))


def _meeting_people(ctx: _Context, index: int, people: tuple[int, ...]) -> tuple[int, ...]:
    """A meeting's people are often named in the sentence before or after («Р.Казакбаев отметил»)."""
    units = ctx.analysis.units
    start = units[max(0, index - 1)].start
    end = units[min(len(units) - 1, index + 1)].end
    return tuple(sorted(set(people) | set(ctx.people.inside(start, end))))


def _counts(quantities: list) -> tuple[int | None, int | None, int | None]:
    def first(units: set[str]) -> int | None:
        return next((int(q.value) for q in quantities if q.unit in units), None)

    women, men = first(_WOMEN), first(_MEN)
    participants = first(_PARTICIPANTS)
    if participants is None and women is not None and men is not None:
        participants = women + men
    return women, men, participants


def _add(kept: list[_Found], new: _Found, back_reference: bool) -> None:
    """Keep one event per happening. A heading and the sentence that tells it are one event unless
    their dates differ; so are a later «в ходе встречи», a nearby sentence of the same type with no
    date or place of its own, and a restatement in the same words. List items are separate events.
    Only the events of the last few dozen units are looked at: a report of 3,000 items stays linear."""
    for i in range(len(kept) - 1, -1, -1):
        earlier = kept[i]
        if earlier.unit < new.unit - _WINDOW:
            break
        if earlier.event.type != new.event.type:
            continue
        if earlier.kind == "heading" and new.kind != "heading" and (
                not earlier.own_date or _same_day(earlier.event, new.event)):
            kept[i] = dataclasses.replace(new, event=_fill(new.event, earlier.event))
            return
        if new.kind == "item":
            continue
        # Acts («утверждена программа», «создан центр») are each their own event.
        repeated = (new.event.type not in {"adoption", "establishment"} and not new.own_date
                    and not new.another and not new.introduced and _same_place(earlier.event, new.event)
                    and new.unit - earlier.unit <= 3)
        if back_reference or repeated:
            kept[i] = dataclasses.replace(earlier, event=_fill(earlier.event, new.event))
            return
        # The same words again («Прошло заседание рабочей группы…» then «12 октября состоялось
        # заседание рабочей группы»), or the same noun right after a lead dated only by its dateline
        # («провели семинар…» then «Семинар прошёл 30 сентября»): a restatement, kept where it has its date.
        restated = new.key == earlier.key or (new.key[0] == earlier.key[0] and new.own_date
                                              and new.unit - earlier.unit <= 2 and not new.another)
        if restated and earlier.kind != "item" and not earlier.own_date:
            kept[i] = dataclasses.replace(new, event=_fill(new.event, earlier.event))
            return
    kept.append(new)


def _introduced(tokens: tuple[Token, ...], trigger: Token) -> bool:
    """The object of a verb, adjectives and all («организовал информационную кампанию», «провел акцию»),
    introduces a happening; a restatement makes it the subject («Акция прошла в Оше»)."""
    i = next((j for j, t in enumerate(tokens) if t.start >= trigger.start), 0)
    verb = next((t for t in reversed(tokens[max(0, i - 4):i]) if t.pos != "ADJ"), None)
    return tokens[i].feats.get("Case") == "Acc" and verb is not None and verb.pos == "VERB"


def _key(unit: Unit, trigger: Token) -> tuple[str, str]:
    after = [t.lemma for t in unit.tokens if t.start >= trigger.end and t.pos != "PUNCT"]
    return trigger.lemma, after[0] if after else ""


def _same_day(a: Event, b: Event) -> bool:
    return a.date_start is None or b.date_start is None or a.date_start == b.date_start


def _same_place(a: Event, b: Event) -> bool:
    return not a.place or not b.place or a.place == b.place


def _fill(kept: Event, other: Event) -> Event:
    """The kept event takes the date and place only the other one had."""
    changes = {}
    if kept.date_start is None and other.date_start is not None:
        changes.update(date_start=other.date_start, date_end=other.date_end)
    if not kept.place and other.place:
        changes.update(place=other.place, territory_id=other.territory_id)
    return dataclasses.replace(kept, **changes) if changes else kept
