"""Commitments: a sentence that binds an actor to a future action."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendik.documents.extraction.commitments import find_commitments
from tendik.documents.extraction.nlp import analyse


def commitments(text):
    return find_commitments(analyse(text))


@pytest.mark.parametrize("text", [
    "Стороны выразили намерение расширить сотрудничество в сфере занятости женщин.",
    "Стороны договорились о проведении совместного форума.",
    "Достигнута договоренность о подготовке дорожной карты.",
    "Акимат обязуется выделить помещение для кризисного центра.",
    "Партнеры взяли на себя обязательства по финансированию приютов.",
    "ЮНИСЕФ планирует провести тренинги для социальных работников.",
    "Министерство выразило готовность поддержать инициативу.",
])
def test_promise_word_makes_a_commitment(text):
    assert len(commitments(text)) == 1


@pytest.mark.parametrize("text", [
    "Министерство будет распространять информационные материалы в школах.",
    "Мы будем и дальше поддерживать женщин-лидеров.",
])
def test_future_auxiliary_with_infinitive_and_actor(text):
    assert len(commitments(text)) == 1


def test_future_verb_with_actor():
    assert len(commitments("Правительство примет меры по защите пострадавших.")) == 1


@pytest.mark.parametrize("text", [
    "Министр призвал партнеров уделить особое внимание кризисным центрам.",
    "Необходимо принять меры по защите пострадавших.",
    "Эксперты рекомендовали пересмотреть закон.",
])
def test_call_on_others_is_not_a_commitment(text):
    assert commitments(text) == []


@pytest.mark.parametrize("text", [
    "Это позволит улучшить положение сельских женщин.",
    "Участники смогут получить сертификаты.",
    "Форум продлится два дня.",
])
def test_forecast_is_not_a_commitment(text):
    assert commitments(text) == []


@pytest.mark.parametrize("text", [
    "До 2026 года будет создано пять региональных центров.",
    "Будет утверждён новый стандарт социальных услуг.",
])
def test_passive_future_plan_is_a_commitment_without_actor(text):
    assert len(commitments(text)) == 1


def test_happening_announced_for_later_is_a_commitment():
    assert len(commitments("В 14 регионах пройдут более двухсот мероприятий.")) == 1


def test_future_verb_with_actor_after_it():
    assert len(commitments("Из них 35 миллионов сомов выделит Европейский союз.")) == 1


def test_passive_future_that_describes_is_not_a_commitment():
    assert commitments("Форум будет посвящён правам девочек.") == []


def test_intention_adjective_is_a_commitment():
    (found,) = commitments("Комитет намерен внести проект в Правительство.")
    assert found.actor == "Комитет"


def test_reporting_on_old_obligations_is_not_a_commitment():
    assert commitments("Отмечен прогресс в исполнении международных обязательств страны.") == []


def test_past_fact_is_not_a_commitment():
    assert commitments("В 2022 году было обучено 300 специалистов.") == []


def test_actor_is_the_named_subject():
    (found,) = commitments("Казахстан и Узбекистан выразили намерение присоединиться к Коалиции.")
    assert found.actor == "Казахстан и Узбекистан"


def test_actor_keeps_its_quoted_name():
    (found,) = commitments("Проект «Луч света» продолжит поддержку кризисных центров.")
    assert found.actor == "Проект «Луч света»"


def test_actor_is_empty_without_a_subject():
    (found,) = commitments("Достигнута договоренность о подготовке дорожной карты.")
    assert found.actor == ""


def test_span_is_the_sentence():
    text = "Встреча прошла в Бишкеке. Стороны договорились продолжить диалог."
    (found,) = commitments(text)
    assert text[found.start:found.end] == found.text == "Стороны договорились продолжить диалог."


@pytest.mark.parametrize("text", ["", "\n\n", "…", "1234 5678"])
def test_odd_text_gives_no_commitments(text):
    assert commitments(text) == []


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_list(text):
    assert isinstance(commitments(text), list)


@pytest.mark.parametrize("text", [
    "Депутаты поручили Правительству до 1 июня 2025 года подготовить план по защите пострадавших.",
    "Президент поручил министерству образования разработать программу для девочек в сельской местности.",
])
def test_order_with_its_task_is_a_commitment(text):
    assert len(commitments(text)) == 1


def test_future_inside_a_relative_clause_is_no_commitment():
    text = "Для 40 предпринимательниц открыт онлайн-курс «Мой старт», который стартует 15 марта."
    assert commitments(text) == []


def test_relative_clause_with_an_actor_of_its_own_is_a_commitment():
    text = "Стороны наметили шаги, которые члены рабочей группы предпримут до конца года."
    assert len(commitments(text)) == 1
