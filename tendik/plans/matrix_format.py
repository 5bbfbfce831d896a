"""The government matrix's cell formats: deadlines, executors, indicators and financing as text.

Each `parse_*` returns a value or raises ValueError with a message for the user; each
`format_*` is its exact inverse, so that export → import gives the same plan.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .models import DeadlineKind, FundingSource

HEADERS = ["№", "Мероприятие", "Срок исполнения", "Ответственные исполнители", "Индикаторы",
           "Источник финансирования", "Ожидаемый результат", "Партнёры", "Территории",
           "Международные обязательства"]
REQUIRED_HEADERS = HEADERS[:7]
ONGOING_WORDS = {"постоянно", "на постоянной основе", "ongoing", "туруктуу", "тұрақты"}
SOURCE_WORDS = {
    FundingSource.REPUBLICAN: {"республиканский бюджет", "республиканский", "рб"},
    FundingSource.LOCAL: {"местный бюджет", "местный", "мб"},
    FundingSource.DONOR: {"донорские средства", "донор", "донорские"},
    FundingSource.NOT_REQUIRED: {"не требуется", "не требует финансирования",
                                 "в пределах выделенных средств"},
}
SOURCE_LABEL = {
    FundingSource.REPUBLICAN: "республиканский бюджет",
    FundingSource.LOCAL: "местный бюджет",
    FundingSource.DONOR: "донорские средства",
    FundingSource.NOT_REQUIRED: "не требуется",
}
QUARTERS = {"I": (1, 3), "II": (4, 6), "III": (7, 9), "IV": (10, 12)}
HEADING = re.compile(r"^\s*(\d+(?:\.\d+)?)\.?\s+(.+)$", re.S)
MEASURE_CODE = re.compile(r"^\d+\.\d+\.\d+$")
SEPARATORS = re.compile(r"[;\n]+")
DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")


def split_list(text: str) -> list[str]:
    return [part.strip() for part in SEPARATORS.split(text or "") if part.strip()]


def _date(text: str) -> datetime.date:
    text = text.strip().rstrip(".").replace(" г", "")
    match = DATE.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("неверная дата «%(text)s» (ожидается ДД.ММ.ГГГГ)") % {"text": text}) from None


def parse_deadline(text: str) -> dict:
    """«постоянно», «2022, 2023», «2022–2024», «31.12.2023», «01.01.2022–30.06.2023»,
    «IV квартал 2023»."""
    raw = " ".join((text or "").split())
    cleaned = raw.lower().replace("гг.", "").replace("гг", "").replace("г.", "").strip(" .")
    if not cleaned:
        raise ValueError(_("не указан срок исполнения"))
    if cleaned in ONGOING_WORDS:
        return {"deadline_kind": DeadlineKind.ONGOING}
    quarter = re.match(r"^(i{1,3}|iv)\s+квартал\s+(\d{4})$", cleaned)
    if quarter:
        first, last = QUARTERS[quarter.group(1).upper()]
        year = int(quarter.group(2))
        end = (datetime.date(year + (last == 12), last % 12 + 1, 1) - datetime.timedelta(days=1))
        return {"deadline_kind": DeadlineKind.PERIOD,
                "deadline_date": datetime.date(year, first, 1), "deadline_end": end}
    parts = [p.strip() for p in re.split(r"\s*[–—-]\s*(?=\d)", cleaned)]
    if all(re.fullmatch(r"\d{4}", p) for p in parts) and len(parts) == 2:
        start, end = int(parts[0]), int(parts[1])
        if end < start or end - start > 30:
            raise ValueError(_("неверный период «%(text)s»") % {"text": raw})
        return {"deadline_kind": DeadlineKind.YEARS,
                "deadline_years": ",".join(str(y) for y in range(start, end + 1))}
    years = [p.strip() for p in cleaned.split(",")]
    if all(re.fullmatch(r"\d{4}", y) for y in years):
        return {"deadline_kind": DeadlineKind.YEARS,
                "deadline_years": ",".join(sorted(set(years)))}
    if len(parts) == 2:
        start, end = _date(parts[0]), _date(parts[1])
        if end < start:
            raise ValueError(_("конец периода раньше начала: «%(text)s»") % {"text": raw})
        return {"deadline_kind": DeadlineKind.PERIOD, "deadline_date": start,
                "deadline_end": end}
    return {"deadline_kind": DeadlineKind.DATE, "deadline_date": _date(cleaned)}


def format_deadline(measure) -> str:
    if measure.deadline_kind == DeadlineKind.ONGOING:
        return "постоянно"
    if measure.deadline_kind == DeadlineKind.YEARS:
        return ", ".join(measure.deadline_years.split(","))
    if measure.deadline_kind == DeadlineKind.PERIOD:
        return f"{measure.deadline_date:%d.%m.%Y}–{measure.deadline_end:%d.%m.%Y}"
    return f"{measure.deadline_date:%d.%m.%Y}"


def _amount(text: str) -> Decimal:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("неверная сумма «%(text)s»") % {"text": text}) from None
    if value < 0:
        raise ValueError(_("сумма не может быть отрицательной: %(text)s") % {"text": text})
    return value


def _source(text: str) -> str:
    wanted = text.strip().lower()
    for source, words in SOURCE_WORDS.items():
        if wanted in words:
            return source
    raise ValueError(_("неизвестный источник финансирования «%(text)s»; допустимо: %(allowed)s")
                     % {"text": text, "allowed": ", ".join(SOURCE_LABEL.values())})


def parse_financing(text: str) -> list[dict]:
    """Lines such as «республиканский бюджет: 1 500 000 KGS» or «не требуется»."""
    lines = []
    for part in split_list(text):
        label, _sep, money = part.partition(":")
        source = _source(label)
        if source == FundingSource.NOT_REQUIRED:
            lines.append({"source": source, "amount": None, "currency": ""})
            continue
        match = re.fullmatch(r"\s*([\d\s\u00a0.,]+?)\s*([A-Za-z]{3})\s*", money)
        if not match:
            raise ValueError(_("укажите сумму и валюту: «%(text)s» (например, 1 500 000 KGS)")
                             % {"text": part})
        lines.append({"source": source, "amount": _amount(match.group(1)),
                      "currency": match.group(2).upper()})
    return lines


def format_financing(lines) -> str:
    parts = []
    for line in lines:
        if line.source == FundingSource.NOT_REQUIRED:
            parts.append(SOURCE_LABEL[line.source])
        else:
            amount = f"{line.amount:,.2f}".replace(",", " ").replace(".00", "")
            parts.append(f"{SOURCE_LABEL[line.source]}: {amount} {line.currency}")
    return ";\n".join(parts)


def parse_indicator(text: str) -> tuple[str, str]:
    """«И-1.1 — Доля женщин…» → (code, name); a bare code gives an empty name."""
    parts = re.split(r"\s+[—–-]\s+|:\s+", text.strip(), maxsplit=1)
    code = parts[0].strip()
    name = parts[1].strip() if len(parts) > 1 else ""
    return code, name


def format_indicator(indicator) -> str:
    return f"{indicator.code} — {indicator.name_ru}"


def parse_heading(text: str) -> tuple[str, str] | None:
    match = HEADING.match(text or "")
    return (match.group(1), match.group(2).strip()) if match else None
