"""People and their positions in Russian texts from the region, written for the tests: one rule per
test."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendik.documents.extraction.facts import Organisation
from tendik.documents.extraction.gazetteer import EMPTY
from tendik.documents.extraction.nlp import analyse
from tendik.documents.extraction.organisations import find_organisations
from tendik.documents.extraction.people import find_people


def people(text, organisations=None):
    analysis = analyse(text)
    if organisations is None:
        organisations = find_organisations(analysis, gazetteer=EMPTY)
    return find_people(analysis, organisations=organisations)


def names(text):
    return [p.name for p in people(text)]


def test_a_name_gets_the_position_right_before_it():
    found = people("Вчера Министр образования и науки Кыргызской Республики Догдуркуль Кендирбаева открыла "
                   "форум.")
    assert [(p.name, p.role) for p in found] == [
        ("Догдуркуль Кендирбаева", "Министр образования и науки Кыргызской Республики")]


@pytest.mark.parametrize("text, name", [
    ("В свою очередь У.Жамсран поблагодарила партнёров.", "У.Жамсран"),
    ("Отчёт представил Р. Казакбаев на заседании.", "Р. Казакбаев"),
    ("С приветствием выступила А.Б. Иванова из Алматы.", "А.Б. Иванова"),
    ("Список подписала Иманалиева Н.К. в тот же день.", "Иманалиева Н.К."),
])
def test_initials_forms_are_names(text, name):
    assert name in names(text)


@pytest.mark.parametrize("text, name", [
    ("На встрече выступил Азамат Нурлан уулу, эксперт по бюджету.", "Азамат Нурлан уулу"),
    ("Слово взяла Айгуль Сыдык кызы из Нарына.", "Айгуль Сыдык кызы"),
])
def test_a_patronymic_word_belongs_to_the_name(text, name):
    assert name in names(text)


def test_a_foreign_name_of_three_words_is_whole():
    text = ("Встреча прошла с главой странового офиса ПРООН Джерен Гювен Гюрес и депутатами.")
    assert "Джерен Гювен Гюрес" in names(text)


def test_a_name_ner_misses_is_found_next_to_a_position():
    found = people("Заместитель председателя Комитета Мехрангез Назарзода сообщила о планах.")
    assert [(p.name, p.role) for p in found] == [("Мехрангез Назарзода", "Заместитель председателя Комитета")]


def test_initials_after_imeni_name_a_body_not_a_person():
    assert names("Семинар прошёл в университете имени К. Тыныстанова в Караколе.") == []


def test_a_place_ner_puts_before_a_name_is_left_out():
    found = people("Заместитель акима города Шымкент Ерлан Сейтов отметил рост обращений.")
    assert [(p.name, p.role) for p in found] == [("Ерлан Сейтов", "Заместитель акима города Шымкент")]


def test_capitalised_words_with_no_position_are_not_a_name():
    assert names("В программе Ала-Тоо Кочкорка и Чаек получили гранты.") == []


def test_a_role_after_the_name_follows_a_comma():
    text = "Окенова Айжамал Сапаровна, зав.отделом гендерной политики Министерства труда КР"
    found = people(text)
    assert [(p.name, p.role) for p in found] == [
        ("Окенова Айжамал Сапаровна", "зав.отделом гендерной политики Министерства труда КР")]


def test_a_role_after_the_name_may_follow_a_dash():
    found = people("Участники: Бекова А.Т. – инспектор по делам несовершеннолетних; Исаев К. – юрист.")
    assert (found[0].name, found[0].role) == ("Бекова А.Т.", "инспектор по делам несовершеннолетних")


def test_a_role_of_several_positions_runs_to_the_name():
    text = ("Состоялась встреча заместителя Премьер-министра - министра культуры и информации РК, "
            "председателя Национальной комиссии по делам женщин при Президенте РК Асель Нуржановой с "
            "журналистами.")
    found = people(text)
    assert found[0].name == "Асель Нуржановой"
    assert found[0].role.startswith("заместителя Премьер-министра - министра культуры")
    assert found[0].role.endswith("при Президенте РК")


def test_a_role_stops_at_a_verb_and_at_a_preposition_s():
    found = people("Посол обсудил вопросы с руководителем офиса ОБСЕ Марком Петерсом.")
    assert [(p.name, p.role) for p in found] == [("Марком Петерсом", "руководителем офиса ОБСЕ")]


def test_a_list_in_a_bodys_name_keeps_the_role_whole():
    found = people("13 мая министр труда, социального обеспечения и миграции КР Кудайберген Базарбаев "
                   "принял делегацию.")
    assert found[0].role == "министр труда, социального обеспечения и миграции КР"


def test_a_role_may_hold_a_bracketed_title():
    found = people("В форуме участвовала Уполномоченный Олий Мажлиса по правам человека (омбудсман) "
                   "Феруза Эшматова.")
    assert [(p.name, p.role) for p in found] == [
        ("Феруза Эшматова", "Уполномоченный Олий Мажлиса по правам человека (омбудсман)")]


def test_a_plural_position_is_not_the_persons_role():
    found = people("Выступили представители гражданского общества и депутат Жогорку Кенеша Айжан Бекова.")
    assert [(p.name, p.role) for p in found] == [("Айжан Бекова", "депутат Жогорку Кенеша")]


def test_a_role_never_runs_over_another_name():
    found = people("Глава городского кенеша Таалайбек Сарыбашов и мэр города Бишкек Айбек Джунушалиев "
                   "подписали соглашение.")
    assert [p.role for p in found] == ["Глава городского кенеша", "мэр города Бишкек"]


def test_no_position_gives_an_empty_role():
    found = people("Позже Р.Казакбаев ответил на вопросы.")
    assert [(p.name, p.role, p.role_start) for p in found] == [("Р.Казакбаев", "", None)]


def test_spans_are_the_text():
    text = ("Бишкек, 05.12.20. Министр иностранных дел Кыргызской Республики Руслан Казакбаев принял "
            "Представительницу Структуры «ООН-Женщины» в Кыргызской Республике Ольгу Петрову. Позже "
            "О.Петрова встретилась с депутатом Жогорку Кенеша Айсулуу Мамашовой.")
    found = people(text)
    assert len(found) == 4
    for p in found:
        assert text[p.start:p.end] == p.name
        if p.role:
            assert text[p.role_start:p.role_end] == p.role
            assert p.role_end <= p.start or p.role_start >= p.end


def test_a_name_inside_a_bodys_quoted_name_is_not_a_person():
    text = "Грант получил Общественный фонд «Алия Молдагулова» из Актобе."
    quoted = text.index("Общественный")
    org = Organisation(quoted, text.index(" из"), text[quoted:text.index(" из")], source="quoted")
    assert names_with(text, [org]) == []


def names_with(text, organisations):
    return [p.name for p in people(text, organisations)]


def test_a_role_naming_a_registry_body_links_the_person():
    text = "Министр труда КР Кудайберген Базарбаев выступил."
    org = Organisation(8, 16, "труда КР", organisation_id=41, source="gazetteer")
    assert [p.organisation_id for p in people(text, [org])] == [41]


def test_a_lone_common_word_tagged_as_a_person_is_dropped():
    assert names("Модератором выступила журналистка из Оша.") == []


def test_a_long_report_is_fast():
    text = ("Министр труда КР Кудайберген Базарбаев и представитель ЮНИСЕФ Анна Петрова, эксперт ОФ "
            "«Сезим», обсудили план. Позже А.Б. Иванова, директор фонда, выступила.\n") * 400
    analysis = analyse(text)
    organisations = find_organisations(analysis, gazetteer=EMPTY)
    started = time.process_time()  # CPU time: other processes on the machine do not count
    find_people(analysis, organisations=organisations)
    assert time.process_time() - started < 2


@pytest.mark.parametrize("text", ["", "\n\n", "У.", "А.Б.", ", зав.", "Министр", "«Иван Петров»"])
def test_odd_text_gives_a_list(text):
    assert isinstance(people(text), list)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("АаБИв .,-«»\nуулкызМинистр")), max_size=100))
def test_random_text_never_raises(text):
    assert isinstance(people(text), list)


# ---- fixes from the held-out evaluation ----

@pytest.mark.parametrize("text, name", [
    ("Выступил аким Жамбылской области Е. Карашукеев.", "Е. Карашукеев"),
    ("Доклад сделала депутат Мажилиса Г.С. Нуркенова.", "Г.С. Нуркенова"),
])
def test_initials_after_a_place_or_a_body_are_a_whole_name(text, name):
    assert names(text) == [name]


def test_a_surname_with_initials_after_it_still_is_a_name():
    assert names("Отчёт подготовила Сыдыкова А.Т., специалист отдела.") == ["Сыдыкова А.Т."]


def test_a_village_name_inside_a_council_is_not_a_person():
    assert "Бакай" not in names("Глава айыл окмоту Бакай выступил перед жителями.")


def test_each_name_in_a_list_takes_its_own_role():
    found = people("Выступили статс-секретарь МИД РК Б.Т. Кенжебаева, посол Франции в Казахстане Ж. Дюпон "
                   "и эксперт из Грузии Н. Беридзе.")
    assert [(p.name, p.role) for p in found] == [
        ("Б.Т. Кенжебаева", "статс-секретарь МИД РК"),
        ("Ж. Дюпон", "посол Франции в Казахстане"),
        ("Н. Беридзе", "эксперт из Грузии"),
    ]


def test_a_role_after_the_comma_belongs_to_the_name_before_it():
    found = people("Слово взяла С. Батбаяр, эксперт из Монголии.")
    assert [(p.name, p.role) for p in found] == [("С. Батбаяр", "эксперт из Монголии")]
