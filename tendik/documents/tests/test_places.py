"""Places: gazetteer names on lemmas, natasha's LOC spans, sets of territories."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendik.documents.extraction.gazetteer import Gazetteer, PlaceEntry
from tendik.documents.extraction.nlp import analyse
from tendik.documents.extraction.places import find_places

GAZETTEER = Gazetteer(places=[
    PlaceEntry(1, "Чуйская область", ("Чуйская область", "Чүй облусу"), "region"),
    PlaceEntry(2, "Бишкек", ("г. Бишкек", "Бишкек"), "city"),
    PlaceEntry(3, "Алматы", ("Алматы", "Алма-Ата"), "city"),
    PlaceEntry(4, "Ошская область", ("Ошская область",), "region"),
    PlaceEntry(5, "Кочкорский район", ("Кочкорский район",), "district"),
    PlaceEntry(6, "Центральный район", ("Центральный",), "district"),
])


def places(text, gazetteer=GAZETTEER):
    return find_places(analyse(text), gazetteer=gazetteer)


@pytest.mark.parametrize(("text", "mention", "territory"), [
    ("Тренинг прошел в Чуйской области.", "Чуйской области", 1),
    ("Делегация прибыла в Алматы.", "Алматы", 3),
    ("Офис открыт в г. Бишкеке на прошлой неделе.", "Бишкеке", 2),
    ("Семинар для учителей Ошской обл. собрал 40 человек.", "Ошской обл.", 4),
    ("Жители Кочкорского района получили гранты.", "Кочкорского района", 5),
])
def test_gazetteer_name_matches_in_any_case_form(text, mention, territory):
    found = [p for p in places(text) if p.territory_id is not None]
    assert [(p.text, p.territory_id) for p in found] == [(mention, territory)]


def test_gazetteer_place_carries_canonical_name_and_level():
    place = next(p for p in places("Акция прошла в Чуйской области.") if p.territory_id)
    assert (place.name, place.level) == ("Чуйская область", "region")


def test_one_word_name_needs_a_capital():
    assert not [p for p in places("Это центральный вопрос повестки.") if p.territory_id == 6]


def test_unknown_loc_is_a_place_without_territory():
    place = next(p for p in places("Форум прошел в Душанбе.", Gazetteer()) if p.text == "Душанбе")
    assert place.territory_id is None


def test_unknown_loc_name_is_put_in_the_nominative():
    place = next(p for p in places("Мероприятие прошло в Самаркандской области.", Gazetteer()))
    assert place.name == "Самаркандская область"


@pytest.mark.parametrize(("text", "mention", "count", "name"), [
    ("Проект работает во всех 7 регионах страны.", "всех 7 регионах", 7, "регионы"),
    ("В группу вошли представители из семи областей.", "семи областей", 7, "области"),
    ("Консультации прошли во всех областях.", "всех областях", None, "области"),
    ("Тренинги проведены в 5 районах.", "5 районах", 5, "районы"),
])
def test_set_of_territories(text, mention, count, name):
    found = [p for p in places(text, Gazetteer()) if p.level]
    assert [(p.text, p.count, p.name) for p in found] == [(mention, count, name)]


def test_number_of_regions_without_preposition_is_not_a_set():
    assert not [p for p in places("Итоги: 7 регионов охвачены.", Gazetteer()) if p.level]


def test_city_in_capitals_at_the_head_of_a_news_item():
    place = next(p for p in places("АЛМАТЫ – Сегодня состоялась консультация.", Gazetteer()))
    assert (place.text, place.name) == ("АЛМАТЫ", "Алматы")


def test_spans_point_into_the_text():
    text = "Бишкек, 5 мая. Тренинги прошли в Ошской области, во всех 7 регионах и в г. Алматы."
    for place in places(text):
        assert text[place.start:place.end] == place.text


def test_empty_text_has_no_places():
    assert places("") == []


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_list(text):
    assert isinstance(places(text), list)
