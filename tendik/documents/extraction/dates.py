"""Dates and periods in Russian text, each normalised to its first and last day.

Regexes over the plain text: dates are written in a few fixed shapes, and a grammar would cost time
without finding more. Every rule proposes candidates; where they overlap the longest wins (a range
beats the day at its end, a month with its year beats the bare year). A day or month written
without a year takes the year that puts it nearest the publication date (a dated dateline stands in
for one), else the year of the nearest earlier full date; without either it is skipped, never guessed.

Kinds: day, iso, dateline, range, month, year, period (several years, a quarter, a half), deadline
(«до 2030 года»: its last day), relative («вчера», «в прошлом году», «в минувшую пятницу»; «на этой
неделе» is too vague and skipped).

A fact's span leaves out a preposition («в апреле» gives «апреле», «с 12 по 15 октября» gives
«12 по 15 октября»), but keeps the ones that make a deadline: «до 2030 года», «к 2030 году».
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from .facts import DateFact

# A Russian month by its first three letters, which its abbreviation also starts with; «ма» is May.
_RUSSIAN = ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
_ENGLISH = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_NO_LETTER_BEFORE = r"(?<![а-яёa-z])"
_NO_LETTER_AFTER = r"(?![а-яёa-z])"
# Every case of every month («декабря», «апреле», «марту», «май») and the abbreviations of news sites'
# bylines («04 дек. 2020»), never inside a longer word.
_RU_MONTH = (_NO_LETTER_BEFORE + r"(?P<{0}>январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]"
             r"|июн[ьяею]|июл[ьяею]|август[аеу]?|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею]"
             r"|(?:янв|фев|мар|апр|авг|сент?|окт|нояб?|дек)(?:\.|(?![а-яёa-z])))" + _NO_LETTER_AFTER)
_EN_MONTH = (r"(?<![a-z])(?=[jfmasond])(?P<{0}>january|february|march|april|may|june|july|august|september"
             r"|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?![a-z])")
_YEAR = r"(?P<{0}>(?:19|20)\d\d)(?!\d)"
# «года», «году», «годы», «г.», «гг.», «гг», «2023-м году»: a 4-digit number is a year only with one.
_YEAR_WORD = r"(?:(?:-(?:го|м|й)\s*|\s*)(?:год(?:а|у|ом|ы|ов|ах)?|гг?\.?)" + _NO_LETTER_AFTER + ")"
_DAY = r"(?=[«\d])(?<![\d.,:])«?(?P<{0}>[0-3]?\d)»?(?:-(?:го|е|ое))?"
_DASH = r"\s*[-–—]\s*"
# Between the ends of a range: «12-13», «12 – 13», «(с) 12 по 15», «(с) 1 до 5». A leading «с» stays out
# of the span, like every preposition.
_TO = _DASH + r"|\s+(?:по|до)\s+"
_NO_NUMBER_SIGN = r"(?<!№)(?<!№\s)"
# A first-character lookahead lets the regex engine skip most positions at once: five times faster.
_A_NUMBER = r"(?=\d)" + _NO_NUMBER_SIGN


def _mon(name):
    return _RU_MONTH.format(name)


def _year(name, word="?"):
    """A year with its group named `name`; the year word optional (`word="?"`) or required."""
    return "(?:" + _YEAR.format(name) + _YEAR_WORD + word + ")"


_RELATIVE_YEAR = r"(?:позапрошл|прошл|минувш|эт|текущ|нынешн|следующ|будущ|наступающ)[а-я]{1,3}"


def _year_after(name, relative=False):
    """The optional year after a month: « 2021 года», «, 2021 /Кабар/», « прошлого года» (`relative`)."""
    comma = rf",\s+(?=(?:19|20)\d\d(?:{_YEAR_WORD}|\s*[/(–—-]|[ \t]*(?:\n|$)))"
    written = rf"(?:\s+|{comma}){_year(name)}"
    if relative:
        written += rf"|\s+(?P<rel>{_RELATIVE_YEAR}\s+года){_NO_LETTER_AFTER}"
    return f"(?:{written})?"


def _numeric(s):
    """«04.12.2020», «4.12.2020 г.», «05.12.20»: one separator used twice."""
    return (rf"(?=\d)(?<![\d.])(?P<d{s}>[0-3]?\d)(?P<sep{s}>[./])(?P<m{s}>[01]?\d)(?P=sep{s})"
            rf"(?P<y{s}>(?:19|20)\d\d|\d\d)(?!\d|[.,]\d)(?:{_YEAR_WORD})?")


_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern
    kind: str
    # (match, year when the text wrote none, publication date) -> (first day, last day) or None
    days: Callable
    # «сегодня», «в прошлом году»: only with a publication date
    relative: bool = False


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str
    match: re.Match
    rule: _Rule
    has_year: bool


def _month_number(word: str) -> int:
    word = word.lower()
    if word[:3] in _ENGLISH:
        return _ENGLISH.index(word[:3]) + 1
    return _RUSSIAN.index(word[:3]) + 1 if word[:3] in _RUSSIAN else 5  # «мая», «май», «мае»


def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _full_year(digits: str, published: datetime.date | None) -> int:
    """«20» in «05.12.20» is 2020: two digits belong to this century unless they lie in the future."""
    if len(digits) == 4:
        return int(digits)
    pivot = (published.year % 100 + 1) if published else 40
    return (2000 if int(digits) <= pivot else 1900) + int(digits)


def _written_year(m: re.Match, fallback: int | None, published) -> int | None:
    """The year the text wrote («2021 года», «прошлого года»), else the fallback."""
    if m.group("y"):
        return int(m.group("y"))
    relative = m.groupdict().get("rel")
    if relative:
        return published.year + _shift(relative, _YEAR_SHIFTS) if published else None
    return fallback


def _day(m, year, published):
    y = _written_year(m, year, published)
    if y is None:
        return None
    day = datetime.date(y, _month_number(m.group("m")), int(m.group("d")))
    return day, day


def _numeric_day(m, year, published):
    if len(m.group("y")) == 2 and (len(m.group("d")) < 2 or len(m.group("m")) < 2):
        return None  # «3.1.12» is a section number, not a date
    day = datetime.date(_full_year(m.group("y"), published), int(m.group("m")), int(m.group("d")))
    return day, day


def _numeric_range(m, year, published):
    """«12.10.2021 - 15.10.2021», «28.11 – 02.12.2022»: a start without its year shares the end's."""
    last = datetime.date(_full_year(m.group("y2"), published), int(m.group("m2")), int(m.group("d2")))
    written = m.groupdict().get("y1")
    start_year = _full_year(written, published) if written else last.year
    first = datetime.date(start_year, int(m.group("m1")), int(m.group("d1")))
    if first > last and not written:
        first = first.replace(year=start_year - 1)
    return (first, last) if first < last else None


def _days_of_one_month(m, year, published):
    """«12-13 октября 2021 года», «с 1 по 3 марта», «12–15.10.2021», «3, 4 и 5 апреля»."""
    y = _written_year(m, year, published)
    if y is None:
        return None
    month = int(m.group("m")) if m.group("m").isdigit() else _month_number(m.group("m"))
    first = datetime.date(y, month, int(m.group("d1")))
    last = datetime.date(y, month, int(m.group("d2")))
    return (first, last) if first < last else None


def _years_of_two_months(m, year, m1: int, m2: int) -> tuple[int, int] | None:
    """The years of a range from month `m1` to month `m2`: over New Year the start is a year earlier."""
    turn = 1 if m2 < m1 else 0
    y1, y2 = m.group("y1"), m.group("y2")
    if y1 or y2:
        y1 = int(y1) if y1 else int(y2) - turn
        return y1, int(y2) if y2 else y1 + turn
    return None if year is None else (year, year + turn)


def _days_of_two_months(m, year, published):
    """«30 сентября - 2 октября 2021 года», «30 декабря - 2 января 2021 года»."""
    m1, m2 = _month_number(m.group("m1")), _month_number(m.group("m2"))
    years = _years_of_two_months(m, year, m1, m2)
    if years is None:
        return None
    first = datetime.date(years[0], m1, int(m.group("d1")))
    last = datetime.date(years[1], m2, int(m.group("d2")))
    return (first, last) if first < last else None


def _months(m, year, published):
    """«в октябре-ноябре 2021 года», «с апреля по июнь»."""
    if not (m.group("y1") or m.group("y2") or _after_preposition(m, _IN_OR_FROM)):
        return None
    m1, m2 = _month_number(m.group("m1")), _month_number(m.group("m2"))
    years = _years_of_two_months(m, year, m1, m2)
    if years is None or (years[0], m1) >= (years[1], m2):
        return None
    return datetime.date(years[0], m1, 1), _last_day(years[1], m2)


# A month named without a year is a date only after one of these: «в апреле», «с мая», «в течение марта».
_IN_MONTH = re.compile(_NO_LETTER_BEFORE + r"(?:во?|на|с|со|по|к|до|течение|начал[еау]|конц[еау]|середин[еы])"
                       r"\s+$", _FLAGS)
_IN_OR_FROM = re.compile(_NO_LETTER_BEFORE + r"(?:во?|с|со)\s+$", _FLAGS)


def _after_preposition(m: re.Match, preposition: re.Pattern) -> bool:
    return preposition.search(m.string, max(0, m.start() - 20), m.start()) is not None


def _month(m, year, published):
    if not (m.group("y") or m.group("rel") or _after_preposition(m, _IN_MONTH)):
        return None  # a bare «апреля» or «Марта» is too often a name or a fragment
    y = _written_year(m, year, published)
    if y is None:
        return None
    month = _month_number(m.group("m"))
    return datetime.date(y, month, 1), _last_day(y, month)


_SEASONS = {"весн": (3, 5), "лет": (6, 8), "осен": (9, 11), "зим": (12, 2)}


def _season(m, year, published):
    """«осенью 2022 года», «летом прошлого года»; a winter's December is the year before's."""
    y = _written_year(m, year, published)
    if y is None:
        return None
    season = m.group("season").lower()
    first, last = next(months for stem, months in _SEASONS.items() if season.startswith(stem))
    return datetime.date(y - (first > last), first, 1), _last_day(y, last)


def _iso_day(m, year, published):
    day = datetime.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return day, day


def _english_day(m, year, published):
    day = datetime.date(int(m.group("y")), _month_number(m.group("m")), int(m.group("d")))
    return day, day


def _year_only(m, year, published):
    y = int(m.group("y"))
    if m.group("deadline"):
        return datetime.date(y, 12, 31), datetime.date(y, 12, 31)
    return datetime.date(y, 1, 1), datetime.date(y, 12, 31)


def _months_of_year(m, year, published):
    """«за 9 месяцев 2022 года»: from January to the end of the ninth month."""
    months = int(m.group("n"))
    y = int(m.group("y"))
    return (datetime.date(y, 1, 1), _last_day(y, months)) if 0 < months < 12 else None


def _years(m, year, published):
    """«2021-2023 гг.», «2018–2040 годы», «2021-23 гг.», «с 2018 по 2020 год»."""
    first, last = m.group("y1"), m.group("y2")
    if len(last) == 2:
        if not m.group("w"):
            return None  # «2021-23» without a year word may be anything
        last = first[:2] + last
    first, last = int(first), int(last)
    if not 0 < last - first <= 60:
        return None
    return datetime.date(first, 1, 1), datetime.date(last, 12, 31)


_ORDINAL = r"перв\w*|втор\w*|трет\w*|четв[её]рт\w*|[1-4](?:-?[а-я]{1,3})?|iv|i{1,3}"
_ORDINALS = (("перв", 1), ("втор", 2), ("трет", 3), ("четв", 4), ("iv", 4), ("iii", 3), ("ii", 2),
             ("i", 1), ("1", 1), ("2", 2), ("3", 3), ("4", 4))


def _part_of_year(m, year, published):
    """«в первом квартале 2023 года», «во втором полугодии», «в первой половине 2022 года», «I–II
    кварталы»."""
    y = _written_year(m, year, published)
    if y is None:
        return None
    first, last = (next(n for prefix, n in _ORDINALS if word.lower().startswith(prefix))
                   for word in (m.group("ord"), m.group("ord2") or m.group("ord")))
    months = 3 if m.group("unit").lower().startswith("квартал") else 6
    if last * months > 12 or first > last:
        return None
    return datetime.date(y, (first - 1) * months + 1, 1), _last_day(y, last * months)


_DAY_SHIFTS = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}
_YEAR_SHIFTS = {"позапрошл": -2, "прошл": -1, "минувш": -1, "эт": 0, "текущ": 0, "нынешн": 0,
                "следующ": 1, "будущ": 1, "наступающ": 1}


def _shift(word: str, table: dict) -> int:
    return next(n for stem, n in table.items() if word.lower().startswith(stem))


def _relative_day(m, year, published):
    day = published + datetime.timedelta(days=_DAY_SHIFTS[m.group("fact").lower()])
    return day, day


# «в пятницу», «во вторник» in the accusative the preposition governs; «минувшую», «прошлый» before it.
_WEEKDAYS = {"понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4, "субботу": 5,
             "воскресенье": 6}


def _weekday(m, year, published):
    """The most recent such weekday on or before publication; «в минувшую пятницу» strictly before."""
    back = (published.weekday() - _WEEKDAYS[m.group("wd").lower()]) % 7
    if back == 0 and m.group("past"):
        back = 7
    day = published - datetime.timedelta(days=back)
    return day, day


def _relative_year(m, year, published):
    """«в прошлом году», «в этом месяце», «следующего года»."""
    shift = _shift(m.group("which") or "эт", _YEAR_SHIFTS)
    if m.group("unit").lower().startswith("месяц"):
        y, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
        return datetime.date(y, month + 1, 1), _last_day(y, month + 1)
    y = published.year + shift
    return datetime.date(y, 1, 1), datetime.date(y, 12, 31)


def _relative_end(m, year, published):
    """«до конца года», «к концу текущего месяца»: its last day."""
    last = _relative_year(m, year, published)[1]
    return last, last


def _rule(kind: str, pattern: str, days: Callable, relative=False) -> _Rule:
    return _Rule(re.compile(pattern, _FLAGS), kind, days, relative)


_RULES = (
    _rule("day", rf"(?P<fact>{_DAY.format('d')}\s+{_mon('m')}{_year_after('y', True)})", _day),
    _rule("day", rf"(?P<fact>{_NO_NUMBER_SIGN}{_numeric('')})", _numeric_day),
    _rule("iso", r"(?P<fact>(?<![\d.-])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d))", _iso_day),
    _rule("day", rf"(?P<fact>(?<![\d.,:])(?P<d>[0-3]?\d)\s+{_EN_MONTH.format('m')}\.?,?\s+"
                 rf"{_YEAR.format('y')})", _english_day),
    _rule("day", rf"(?P<fact>{_EN_MONTH.format('m')}\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+"
                 rf"{_YEAR.format('y')})", _english_day),
    _rule("range", rf"(?P<fact>{_DAY.format('d1')}(?:{_TO})(?P<d2>[0-3]?\d)\s+{_mon('m')}"
                   rf"{_year_after('y', True)})", _days_of_one_month),
    # Days listed in one month are taken as their range: «3, 4 и 5 апреля».
    _rule("range", rf"(?P<fact>{_DAY.format('d1')}(?:\s*,\s*[0-3]?\d){{0,8}}\s*,?\s+и\s+(?P<d2>[0-3]?\d)\s+"
                   rf"{_mon('m')}{_year_after('y', True)})", _days_of_one_month),
    _rule("range", rf"(?P<fact>{_DAY.format('d1')}\s+{_mon('m1')}"
                   rf"{_year_after('y1')}(?:{_TO})(?P<d2>[0-3]?\d)\s+{_mon('m2')}"
                   rf"{_year_after('y2')})", _days_of_two_months),
    _rule("range", rf"(?P<fact>{_numeric('1')}(?:{_TO}){_numeric('2')})", _numeric_range),
    _rule("range", rf"(?P<fact>(?=\d)(?<![\d.])(?P<d1>[0-3]?\d)\.(?P<m1>[01]\d)(?:{_TO}){_numeric('2')})",
          _numeric_range),
    _rule("range", rf"(?P<fact>(?=\d)(?<![\d.])(?P<d1>[0-3]?\d){_DASH}(?P<d2>[0-3]?\d)\.(?P<m>[01]\d)\."
                   rf"(?P<y>(?:19|20)\d\d)(?!\d|[.,]\d)(?:{_YEAR_WORD})?)", _days_of_one_month),
    _rule("range", rf"(?P<fact>{_mon('m1')}{_year_after('y1')}(?:{_TO}){_mon('m2')}{_year_after('y2')})",
          _months),
    _rule("period", rf"(?P<fact>{_NO_LETTER_BEFORE}за\s+(?:первые\s+)?(?P<n>\d\d?)\s+месяц(?:а|ев)\s+"
                    rf"{_year('y')})", _months_of_year),
    _rule("month", rf"(?P<fact>{_mon('m')}{_year_after('y', True)})", _month),
    _rule("period", rf"(?P<fact>{_NO_LETTER_BEFORE}(?P<season>весной|летом|осенью|зимой)(?:\s+{_year('y')}"
                    rf"|\s+(?P<rel>{_RELATIVE_YEAR}\s+года){_NO_LETTER_AFTER}))", _season),
    _rule("year", rf"(?=[дк\d])(?P<fact>(?P<deadline>{_NO_LETTER_BEFORE}(?:до(?:\s+конца)?|к(?:\s+концу)?)"
                  rf"\s+)?{_A_NUMBER}(?<![\d.,/–—-]){_year('y', '')})", _year_only),
    _rule("period", rf"(?P<fact>{_A_NUMBER}(?<![\d.,/–—-]){_YEAR.format('y1')}\s*[-–—/]\s*"
                    rf"(?P<y2>(?:19|20)\d\d|\d\d)(?![\d.,]\d|\d|-\d)(?P<w>{_YEAR_WORD})?)", _years),
    _rule("period", rf"(?P<fact>{_A_NUMBER}(?<![\d.,/–—-]){_YEAR.format('y1')}"
                    rf"(?:\s*,\s*(?:19|20)\d\d){{0,8}}"
                    rf"\s*,?\s+и\s+(?P<y2>(?:19|20)\d\d)(?P<w>{_YEAR_WORD}))", _years),
    _rule("period", rf"(?=с){_NO_LETTER_BEFORE}со?\s+(?P<fact>{_YEAR.format('y1')}{_YEAR_WORD}?\s+"
                    rf"(?:по|до)\s+(?P<y2>(?:19|20)\d\d)(?!\d)(?P<w>{_YEAR_WORD})?)", _years),
    _rule("period", rf"(?P<fact>(?<![\w])(?P<ord>{_ORDINAL})(?:{_DASH}(?P<ord2>{_ORDINAL}))?\s+"
                    rf"(?P<unit>квартал\w*|полугод\w*|половин\w*(?=\s+(?:года|\d)))"
                    rf"{_year_after('y', True)})", _part_of_year),
    _rule("relative", rf"{_NO_LETTER_BEFORE}(?P<fact>позавчера|вчера|сегодня|завтра|послезавтра)"
                      + _NO_LETTER_AFTER, _relative_day, relative=True),
    _rule("relative", rf"{_NO_LETTER_BEFORE}(?P<fact>(?P<which>{_RELATIVE_YEAR})\s+"
                      rf"(?P<unit>году|года|месяце|месяца)){_NO_LETTER_AFTER}",
          _relative_year, relative=True),
    _rule("relative", rf"{_NO_LETTER_BEFORE}во?\s+(?P<fact>(?:(?P<past>минувш|прошл)(?:ий|ую|ое|ый)\s+)?"
                      rf"(?P<wd>{'|'.join(_WEEKDAYS)})){_NO_LETTER_AFTER}", _weekday, relative=True),
    _rule("deadline", rf"{_NO_LETTER_BEFORE}(?P<fact>(?:до\s+конца|к\s+концу)\s+"
                      rf"(?:(?P<which>{_RELATIVE_YEAR})\s+)?(?P<unit>года|месяца)){_NO_LETTER_AFTER}",
          _relative_end, relative=True),
)

# «Бишкек, 05.12.20 /Кабар/.», «АЛМАТЫ, 21 июня –», «Астана. 3 марта. КАЗИНФОРМ»: a place first, or
# a date opening the line with an agency or a place after it («27 октября 2022, Бишкек»).
_BULLETS = " \t•*·-–—"
_DATELINE_BEFORE = re.compile(r"^[\s•*·\-–—]*(?:г\.\s*)?[А-ЯЁA-Z][\w.-]*(?:[ -][А-ЯЁA-Z][\w.-]*){0,2}"
                              r"\s*[,.–—-]\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:/[^/\n]{1,40}/|\([^()\n]{1,30}\)\s*[.–—-]|[.,]\s*[А-ЯЁA-Z]{4,}\b"
                             r"|,\s*[А-ЯЁ][а-яё-]+\s*$"
                             r"|[,|]?\s*(?:\d\d?:\d\d\s*)?$)")  # a date alone on its line, with its time
# «Опубликовано: 12.05.2023», «Дата публикации: 5 мая 2023», «date 2026-02-24»
_PUBLISHED_BEFORE = re.compile(r"(?:опубликован[оа]?|дата(?:\s+публикации)?|date|published|обновлено)"
                               r"\s*:?\s*$", re.IGNORECASE)
_DATELINE_KINDS = ("day", "iso")
_LINE_LOOK = 80  # characters around a date searched for its dateline
# How far ahead of publication a date without its year may lie: within the year, or into the next one.
_THIS_YEAR_AHEAD = 183
_NEXT_YEAR_AHEAD = 61
# A period («на 2018-2040 годы») or a deadline says nothing about the year the text is telling of.
_CONTEXT_KINDS = ("day", "iso", "range", "month", "year")


def find_dates(analysis, *, published: datetime.date | None) -> list[DateFact]:
    text = analysis.text
    if isinstance(published, datetime.datetime):
        published = published.date()  # a date and a datetime cannot be compared
    chosen = _longest(c for rule in _RULES for c in _candidates(text, rule))
    # Without a publication date, a dateline with its year («Бишкек, 05.12.20 /Кабар/») is one, for
    # the text up to the next dateline.
    facts, context_year, reference = [], None, published
    for c in chosen:
        days = _resolve(c, reference, context_year)
        if days is None:
            continue
        if c.has_year and c.kind in _CONTEXT_KINDS:
            context_year = days[1].year
        kind = "dateline" if c.kind in _DATELINE_KINDS and _is_dateline(text, c) else c.kind
        if kind == "dateline" and c.has_year and published is None:
            reference = days[0]
        facts.append(DateFact(c.start, c.end, text[c.start:c.end], days[0], days[1], kind))
    return facts


def _candidates(text: str, rule: _Rule):
    for m in rule.regex.finditer(text):
        has_year = any(m.groupdict().get(g) for g in ("y", "y1", "y2", "rel"))
        # «до 2030 года», «к 2030 году» name a deadline: its last day
        kind = "deadline" if m.groupdict().get("deadline") else rule.kind
        yield _Candidate(*m.span("fact"), kind, m, rule, has_year or rule.relative)


def _longest(candidates) -> list[_Candidate]:
    """Non-overlapping candidates, longest first; the order of the rules breaks ties."""
    starts: list[int] = []  # of the taken candidates, which never overlap, so their ends are sorted too
    taken: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        i = bisect.bisect_left(starts, c.end)  # the taken ones starting before `c` ends: [:i]
        if i and taken[i - 1].end > c.start:
            continue
        starts.insert(i, c.start)
        taken.insert(i, c)
    return taken


def _resolve(c: _Candidate, published, context_year):
    """(first, last) day of a candidate, or None when it is no real date or its year is unknown."""
    if c.rule.relative and not published:
        return None
    if c.has_year or not published:
        return _attempt(c, None if c.has_year else context_year, published)
    if c.kind == "period":
        return _attempt(c, published.year, published)  # «во втором полугодии»: this year's, planned or done
    # The publication year, except over New Year: «28 декабря» in January's news is last December,
    # «15 января» in November's is next January.
    ahead = _attempt(c, published.year + 1, published)
    if ahead and (ahead[0] - published).days <= _NEXT_YEAR_AHEAD:
        return ahead
    days = _attempt(c, published.year, published)
    if days is None:  # «29 февраля» outside a leap year
        return _attempt(c, published.year - 1, published) or ahead
    if (days[0] - published).days > _THIS_YEAR_AHEAD:
        return _attempt(c, published.year - 1, published)
    return days


def _attempt(c: _Candidate, year, published):
    try:
        return c.rule.days(c.match, year, published)
    except (ValueError, OverflowError):  # «31 февраля», a year past 9999 after a shift
        return None


def _is_dateline(text: str, c: _Candidate) -> bool:
    """A place or «Опубликовано:» before the date on its line, or an agency, a place or nothing but the
    time after a date opening the line."""
    window = text[max(0, c.start - _LINE_LOOK):c.start]
    if "\n" not in window and c.start > _LINE_LOOK:
        return False  # too far into its line to be a dateline
    before = window.rsplit("\n", 1)[-1]
    after = text[c.end:c.end + _LINE_LOOK].split("\n", 1)[0]
    opens_line = not before.strip(_BULLETS)
    return bool(_DATELINE_BEFORE.match(before) or _PUBLISHED_BEFORE.search(before)
                or (opens_line and _DATELINE_AFTER.match(after)))
