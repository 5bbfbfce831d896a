"""Dates and periods: one rule per test, over sentences written for these tests."""

import datetime
import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendik.documents.extraction.dates import find_dates
from tendik.documents.extraction.nlp import Analysis

D = datetime.date
PUBLISHED = D(2021, 10, 15)


def dates_in(text, published=None):
    return find_dates(Analysis(text=text, units=[], ner=[]), published=published)


def only(text, published=None):
    found = dates_in(text, published)
    assert len(found) == 1, found
    return found[0]


def assert_fact(text, snippet, first, last, kind, published=None):
    fact = only(text, published)
    assert (fact.text, fact.date_start, fact.date_end, fact.kind) == (snippet, first, last, kind)
    assert text[fact.start:fact.end] == snippet


@pytest.mark.parametrize(("text", "snippet", "day"), [
    ("4 декабря 2020 года Министр иностранных дел КР принял постоянного координатора ООН.",
     "4 декабря 2020 года", D(2020, 12, 4)),
    ("Совещание прошло 17 марта 2023 г. в здании Жогорку Кенеша.", "17 марта 2023 г.", D(2023, 3, 17)),
    ("Приказ Министерства от 04.12.2020 утвердил план мероприятий.", "04.12.2020", D(2020, 12, 4)),
    ("Семинар состоялся 9.11.2022 г. в Оше.", "9.11.2022 г.", D(2022, 11, 9)),
    ("Акимат Шымкента 1 сентября 2022 открыл кризисный центр.", "1 сентября 2022", D(2022, 9, 1)),
    ("Договор подписан «15» мая 2019 г. в Душанбе.", "«15» мая 2019 г.", D(2019, 5, 15)),
])
def test_absolute_day(text, snippet, day):
    assert_fact(text, snippet, day, day, "day")


def test_ordinal_day():
    assert_fact("Встреча прошла 1-го декабря 2022 года в Оше.", "1-го декабря 2022 года",
                D(2022, 12, 1), D(2022, 12, 1), "day")


def test_ordinal_year():
    assert_fact("Итоги подвели в 2023-м году.", "2023-м году", D(2023, 1, 1), D(2023, 12, 31), "year")


@pytest.mark.parametrize(("text", "snippet", "first", "last"), [
    ("В марте прошлого года в Кулябе открылся центр.", "марте прошлого года", D(2020, 3, 1), D(2020, 3, 31)),
    ("Закон подписан 12 марта текущего года.", "12 марта текущего года", D(2021, 3, 12), D(2021, 3, 12)),
])
def test_month_or_day_with_relative_year(text, snippet, first, last):
    assert_fact(text, snippet, first, last, "day" if snippet[0].isdigit() else "month", PUBLISHED)


def test_month_with_relative_year_without_publication_date_is_skipped():
    assert dates_in("В марте прошлого года в Кулябе открылся центр.") == []


def test_year_after_a_comma_only_before_a_dateline_mark():
    assert only("Ташкент, 12 марта, 2023 /Дунё/. Сенат одобрил закон.").date_start == D(2023, 3, 12)
    assert only("Акция прошла 12 марта, 2000 человек вышли на марш.", PUBLISHED).text == "12 марта"


@pytest.mark.parametrize(("text", "snippet", "day"), [
    ("Пт, 04 дек. 2020 | Новости", "04 дек. 2020", D(2020, 12, 4)),
    ("Обновлено 5 сент. 2022, 14:05", "5 сент. 2022", D(2022, 9, 5)),
    ("Опубликовано 1 мар 2020", "1 мар 2020", D(2020, 3, 1)),
])
def test_abbreviated_month(text, snippet, day):
    fact = only(text)
    assert (fact.text, fact.date_start) == (snippet, day)


def test_iso_date():
    assert_fact("Отчёт ЮНФПА от 2023-03-08 размещён на сайте.", "2023-03-08",
                D(2023, 3, 8), D(2023, 3, 8), "iso")


@pytest.mark.parametrize(("text", "snippet"), [
    ("The grant agreement was signed on 4 December 2020 in Bishkek.", "4 December 2020"),
    ("Соглашение подписано December 4, 2020 в Бишкеке.", "December 4, 2020"),
])
def test_english_day(text, snippet):
    assert_fact(text, snippet, D(2020, 12, 4), D(2020, 12, 4), "day")


def test_day_without_year_takes_the_publication_year():
    assert_fact("4 октября в Таласе прошёл тренинг для сотрудников айыл окмоту.", "4 октября",
                D(2021, 10, 4), D(2021, 10, 4), "day", PUBLISHED)


def test_day_without_year_months_ahead_of_publication_is_last_years():
    assert_fact("Тренинг прошёл 28 декабря в Нарыне.", "28 декабря", D(2020, 12, 28), D(2020, 12, 28),
                "day", D(2021, 1, 10))


def test_day_without_year_weeks_after_new_year_is_next_years():
    assert_fact("Форум пройдёт 15 января в Худжанде.", "15 января", D(2022, 1, 15), D(2022, 1, 15),
                "day", D(2021, 11, 20))


def test_day_without_year_months_ahead_within_the_year_keeps_the_publication_year():
    assert only("Кампания стартует 25 ноября.", D(2023, 6, 1)).date_start == D(2023, 11, 25)


def test_leap_day_without_year_takes_the_nearest_leap_year():
    assert only("Акция прошла 29 февраля.", D(2021, 3, 10)).date_start == D(2020, 2, 29)


def test_day_without_year_takes_the_year_of_the_nearest_earlier_date():
    found = dates_in("В 2019 году программа стартовала. 12 марта 2020 года прошла встреча, "
                     "а 4 декабря состоялся круглый стол.")
    assert (found[-1].text, found[-1].date_start) == ("4 декабря", D(2020, 12, 4))


def test_day_without_any_year_is_skipped():
    assert dates_in("4 декабря в Бишкеке состоялся круглый стол ОБСЕ.") == []


def test_period_does_not_lend_its_year_to_a_day():
    assert [f.text for f in dates_in("План действий на 2021-2023 гг. обсудили 4 декабря.")] == [
        "2021-2023 гг."]


@pytest.mark.parametrize(("text", "snippet", "first", "last"), [
    ("12-13 октября 2021 года в Бишкеке прошли консультации.", "12-13 октября 2021 года",
     D(2021, 10, 12), D(2021, 10, 13)),
    ("Форум прошёл 12–13 октября в Алматы.", "12–13 октября", D(2021, 10, 12), D(2021, 10, 13)),
    ("с 12 по 15 октября 2021 г. прошла школа лидерства для девушек.", "12 по 15 октября 2021 г.",
     D(2021, 10, 12), D(2021, 10, 15)),
    ("Кампания длилась 30 сентября - 2 октября 2021 года в Хороге.", "30 сентября - 2 октября 2021 года",
     D(2021, 9, 30), D(2021, 10, 2)),
    ("Выставка работала с 1 по 3 марта в Самарканде.", "1 по 3 марта", D(2021, 3, 1), D(2021, 3, 3)),
    ("Марафон 30 декабря - 2 января 2021 года собрал волонтёров.", "30 декабря - 2 января 2021 года",
     D(2020, 12, 30), D(2021, 1, 2)),
    ("Мониторинг проводился 12.10.2021 - 15.10.2021 в пяти районах.", "12.10.2021 - 15.10.2021",
     D(2021, 10, 12), D(2021, 10, 15)),
    ("Сессии прошли 12-15.10.2021 в Оше.", "12-15.10.2021", D(2021, 10, 12), D(2021, 10, 15)),
    ("Акция длилась 28.11 – 02.12.2020.", "28.11 – 02.12.2020", D(2020, 11, 28), D(2020, 12, 2)),
    ("Школа работала 28.12-05.01.2021.", "28.12-05.01.2021", D(2020, 12, 28), D(2021, 1, 5)),
    ("Тренинги прошли 3, 4 и 5 апреля в Караколе.", "3, 4 и 5 апреля", D(2021, 4, 3), D(2021, 4, 5)),
    ("Встречи прошли 20 и 21 мая 2022 года.", "20 и 21 мая 2022 года", D(2022, 5, 20), D(2022, 5, 21)),
    ("Опрос проводился в октябре-ноябре 2020 года.", "октябре-ноябре 2020 года",
     D(2020, 10, 1), D(2020, 11, 30)),
    ("Приём заявок шёл с апреля по июнь.", "апреля по июнь", D(2021, 4, 1), D(2021, 6, 30)),
    ("Проект длился с декабря 2020 года по февраль 2021 года.", "декабря 2020 года по февраль 2021 года",
     D(2020, 12, 1), D(2021, 2, 28)),
])
def test_range(text, snippet, first, last):
    assert_fact(text, snippet, first, last, "range", PUBLISHED)


@pytest.mark.parametrize(("text", "snippet", "first", "last"), [
    ("В апреле 2022 года более 70 сотрудников прошли обучение.", "апреле 2022 года",
     D(2022, 4, 1), D(2022, 4, 30)),
    ("Отчёт за апрель 2022 представлен ЮНИСЕФ.", "апрель 2022", D(2022, 4, 1), D(2022, 4, 30)),
    ("В феврале 2024 г. прошли выборы.", "феврале 2024 г.", D(2024, 2, 1), D(2024, 2, 29)),
    ("В апреле в Джалал-Абаде открылся ресурсный центр.", "апреле", D(2021, 4, 1), D(2021, 4, 30)),
])
def test_month(text, snippet, first, last):
    assert_fact(text, snippet, first, last, "month", PUBLISHED)


def test_bare_month_name_is_not_a_date():
    assert dates_in("Марта Садыкова выступила с докладом.", PUBLISHED) == []


@pytest.mark.parametrize(("text", "snippet"), [
    ("В 2021 году в Кыргызстане приняли закон.", "2021 году"),
    ("Итоги 2021 г. подвели в Астане.", "2021 г."),
])
def test_year(text, snippet):
    assert_fact(text, snippet, D(2021, 1, 1), D(2021, 12, 31), "year")


@pytest.mark.parametrize(("text", "snippet", "first", "last"), [
    ("Национальный план действий на 2021-2023 гг. утверждён.", "2021-2023 гг.", 2021, 2023),
    ("Стратегия развития на 2018–2040 годы принята.", "2018–2040 годы", 2018, 2040),
    ("Разработка НПД на 2022-2024гг. продолжается.", "2022-2024гг.", 2022, 2024),
    ("Программа на 2021-23 гг. финансируется ЕС.", "2021-23 гг.", 2021, 2023),
    ("Проект действовал с 2018 по 2020 год.", "2018 по 2020 год", 2018, 2020),
    ("В 2020/2021 учебном году тренинги прошли в 38 школах.", "2020/2021", 2020, 2021),
    ("В 2019, 2020 и 2021 годах число кризисных центров росло.", "2019, 2020 и 2021 годах", 2019, 2021),
])
def test_period(text, snippet, first, last):
    assert_fact(text, snippet, D(first, 1, 1), D(last, 12, 31), "period")


@pytest.mark.parametrize(("text", "snippet", "year"), [
    ("Национальная стратегия до 2030 года одобрена.", "до 2030 года", 2030),
    ("Покончить с насилием к 2030 году.", "к 2030 году", 2030),
    ("Закон вступит в силу до конца 2022 года.", "до конца 2022 года", 2022),
])
def test_deadline(text, snippet, year):
    assert_fact(text, snippet, D(year, 12, 31), D(year, 12, 31), "deadline")


@pytest.mark.parametrize(("text", "snippet", "first", "last"), [
    ("Осенью 2022 года открылись три центра.", "Осенью 2022 года", D(2022, 9, 1), D(2022, 11, 30)),
    ("Летом прошлого года прошли лагеря.", "Летом прошлого года", D(2020, 6, 1), D(2020, 8, 31)),
    ("Зимой 2021 г. прошёл набор.", "Зимой 2021 г.", D(2020, 12, 1), D(2021, 2, 28)),
])
def test_season(text, snippet, first, last):
    assert_fact(text, snippet, first, last, "period", PUBLISHED)


def test_season_without_year_is_not_a_date():
    assert dates_in("Летом дети отдыхают в лагерях.", PUBLISHED) == []


def test_months_of_a_year():
    assert_fact("За 9 месяцев 2022 года поступило 812 обращений.", "За 9 месяцев 2022 года",
                D(2022, 1, 1), D(2022, 9, 30), "period")


@pytest.mark.parametrize(("text", "snippet", "first", "last"), [
    ("В первом квартале 2023 года обучено 120 судей.", "первом квартале 2023 года",
     D(2023, 1, 1), D(2023, 3, 31)),
    ("Во II квартале 2022 г. прошли рейды.", "II квартале 2022 г.", D(2022, 4, 1), D(2022, 6, 30)),
    ("В первом полугодии проведено 14 встреч.", "первом полугодии", D(2021, 1, 1), D(2021, 6, 30)),
    ("Во второй половине 2022 года открыты центры.", "второй половине 2022 года",
     D(2022, 7, 1), D(2022, 12, 31)),
    ("Выплаты за I–II кварталы 2023 года произведены.", "I–II кварталы 2023 года",
     D(2023, 1, 1), D(2023, 6, 30)),
])
def test_part_of_a_year(text, snippet, first, last):
    assert_fact(text, snippet, first, last, "period", PUBLISHED)


@pytest.mark.parametrize(("text", "snippet", "day"), [
    ("Бишкек, 05.12.20 /Кабар/. Министр принял делегацию.", "05.12.20", D(2020, 12, 5)),
    ("АЛМАТЫ, 21 июня – Региональная консультация завершилась.", "21 июня", D(2021, 6, 21)),
    ("Астана. 3 марта. КАЗИНФОРМ – В столице прошёл форум.", "3 марта", D(2021, 3, 3)),
    ("27 октября 2022, Бишкек", "27 октября 2022", D(2022, 10, 27)),
    ("г. Ош, 2 июля 2022 г. Акимат провёл форум.", "2 июля 2022 г.", D(2022, 7, 2)),
    ("Опубликовано: 12.05.2021 10:45 | Просмотров: 2021", "12.05.2021", D(2021, 5, 12)),
    ("2021-05-12\nВ Худжанде открылся центр.", "2021-05-12", D(2021, 5, 12)),
])
def test_dateline(text, snippet, day):
    assert_fact(text, snippet, day, day, "dateline", PUBLISHED)


@pytest.mark.parametrize(("digits", "published", "year"), [
    ("20", D(2020, 12, 6), 2020),
    ("21", D(2020, 12, 6), 2021),
    ("98", D(2020, 12, 6), 1998),
    ("20", None, 2020),
])
def test_two_digit_year(digits, published, year):
    assert only(f"Бишкек, 05.12.{digits} /Кабар/. Встреча прошла.", published).date_start.year == year


@pytest.mark.parametrize(("text", "snippet", "first", "last"), [
    ("Сегодня в Душанбе стартовала кампания «16 дней».", "Сегодня", D(2021, 10, 15), D(2021, 10, 15)),
    ("Вчера состоялось заседание.", "Вчера", D(2021, 10, 14), D(2021, 10, 14)),
    ("Завтра откроется форум.", "Завтра", D(2021, 10, 16), D(2021, 10, 16)),
    ("В этом году обучено 300 женщин.", "этом году", D(2021, 1, 1), D(2021, 12, 31)),
    ("В прошлом году закон был принят.", "прошлом году", D(2020, 1, 1), D(2020, 12, 31)),
    ("В следующем месяце начнётся набор.", "следующем месяце", D(2021, 11, 1), D(2021, 11, 30)),
])
def test_relative(text, snippet, first, last):
    assert_fact(text, snippet, first, last, "relative", PUBLISHED)


@pytest.mark.parametrize(("text", "snippet", "day"), [
    ("Стороны договорились до конца года доработать программу.", "до конца года", D(2021, 12, 31)),
    ("Отчёт будет готов к концу текущего месяца.", "к концу текущего месяца", D(2021, 10, 31)),
])
def test_relative_deadline(text, snippet, day):
    assert_fact(text, snippet, day, day, "deadline", PUBLISHED)


def test_publication_datetime_is_taken_as_its_date():
    assert only("Вчера прошёл семинар.", datetime.datetime(2021, 10, 15, 9, 30)).date_start == D(2021, 10, 14)


def test_relative_without_publication_date_is_skipped():
    assert dates_in("Сегодня в Душанбе стартовала кампания.") == []


def test_relative_without_publication_date_takes_the_dateline():
    found = dates_in("Бишкек, 05.12.20 /Кабар/. Вчера в Бишкеке прошёл круглый стол.")
    assert [(f.text, f.date_start) for f in found] == [("05.12.20", D(2020, 12, 5)),
                                                       ("Вчера", D(2020, 12, 4))]


def test_date_alone_on_its_line_is_a_dateline_and_dates_what_follows():
    found = dates_in("Пресс-релиз\n\n21 июня 2021\n\nАЛМАТЫ – Сегодня в Алматы прошла консультация.")
    assert [(f.text, f.date_start, f.kind) for f in found] == [
        ("21 июня 2021", D(2021, 6, 21), "dateline"), ("Сегодня", D(2021, 6, 21), "relative")]


def test_day_without_year_after_a_dated_dateline_is_nearest_to_it():
    found = dates_in("г. Бишкек, 5 января 2021 г.\nТренинг прошёл 28 декабря в Оше.")
    assert found[-1].date_start == D(2020, 12, 28)


def test_vague_relative_is_skipped():
    assert dates_in("На прошлой неделе прошли встречи с активистками.", PUBLISHED) == []


@pytest.mark.parametrize("text", [
    "Резолюция 1325 Совета Безопасности ООН остаётся ориентиром.",
    "Реализация резолюции СБ ООН 1325 обсуждалась на форуме.",
    "Постановление № 2021 утратило силу.",
    "Последствия COVID-19 ударили по женщинам.",
    "Звоните по телефону +996 312 62-12-20.",
    "В акции приняли участие 2000 человек.",
    "Концепция «Стратегия-2030» обсуждалась с ОБСЕ.",
    "Показатели выросли до 12.5 и 89.11 процента.",
    "См. раздел 3.1.12 отчёта.",
    "31 февраля 2021 года прошла встреча.",
])
def test_not_a_date(text):
    assert dates_in(text, PUBLISHED) == []


def test_date_after_a_document_number():
    assert only("Постановлением № 123 от 12 марта 2021 года утверждена программа.").text == (
        "12 марта 2021 года")


def test_longest_wins_and_facts_are_sorted():
    text = ("Бишкек, 05.12.20 /Кабар/. В апреле 2022 года и 12-13 октября 2021 года прошли встречи "
            "в рамках НПД на 2021-2023 гг.")
    found = dates_in(text)
    assert [f.text for f in found] == ["05.12.20", "апреле 2022 года", "12-13 октября 2021 года",
                                       "2021-2023 гг."]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_spans_are_exact():
    text = ("Ташкент, 14 марта – 14-15 марта 2023 г. в Ташкенте прошёл форум, а до 2030 года "
            "планируется охватить 7 регионов. Вчера итоги обсудили с ЮНФПА.")
    found = dates_in(text, D(2023, 3, 16))
    assert len(found) == 4
    assert all(text[f.start:f.end] == f.text for f in found)


def test_runs_fast_on_a_long_report():
    paragraph = ("Бишкек, 05.12.20 /Кабар/. 12-13 октября 2021 года в Оше при поддержке ПРООН и «БУУ Аялдар» "
                 "прошёл тренинг для 40 сотрудников ОМСУ и айыл окмоту Ошской, Джалал-Абадской и Баткенской "
                 "областей в рамках Национального плана действий на 2021-2023 гг. Участники обсудили "
                 "исполнение резолюции 1325, выводы отчёта за 2021 год и задачи Национальной стратегии до "
                 "2030 года; в апреле 2022 года обучение пройдут ещё 2000 человек.\n")
    text = paragraph * (60_000 // len(paragraph))
    began = time.process_time()
    dates_in(text, PUBLISHED)
    assert time.process_time() - began < 2


@pytest.mark.parametrize("unit", ["1, ", "2021, ", "мая ", "12 мая 2021 года ", "в 2021 году ", " ", "12-"])
def test_runs_fast_on_repetitive_text(unit):
    text = unit * (60_000 // len(unit))
    began = time.process_time()
    dates_in(text, PUBLISHED)
    assert time.process_time() - began < 4


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789.-–/ гдоспвкIV«»\n") + [
    "года", "году", "гг.", "декабря", "феврале", "марта", "квартале", "полугодии", "сегодня",
    "в прошлом году", "May", "Бишкек, ", "/Кабар/", "31", "2021", "29", "00", "99"])).map("".join))
def test_never_raises_on_date_like_noise(text):
    for published in (None, D(2021, 1, 1), D(1, 1, 1), D(9999, 12, 31)):
        found = dates_in(text, published)
        assert all(text[f.start:f.end] == f.text and f.date_start <= f.date_end for f in found)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text):
    assert isinstance(dates_in(text, PUBLISHED), list)


# PUBLISHED, 15 October 2021, is a Friday.
@pytest.mark.parametrize(("text", "snippet", "day"), [
    ("В минувшую пятницу в Худжанде прошёл тренинг.", "минувшую пятницу", D(2021, 10, 8)),
    ("В прошлый вторник акимат провёл совещание.", "прошлый вторник", D(2021, 10, 12)),
    ("В пятницу в Оше открылся кризисный центр.", "пятницу", D(2021, 10, 15)),
    ("Во вторник депутаты обсудили законопроект.", "вторник", D(2021, 10, 12)),
    ("В прошлое воскресенье прошёл марафон.", "прошлое воскресенье", D(2021, 10, 10)),
])
def test_weekday_is_the_latest_before_publication(text, snippet, day):
    assert_fact(text, snippet, day, day, "relative", PUBLISHED)


def test_weekday_without_publication_date_is_skipped():
    assert dates_in("В минувшую среду прошла встреча с активистками.") == []


def test_this_week_is_too_vague():
    assert dates_in("На этой неделе в Ташкенте прошли консультации.", PUBLISHED) == []
