"""Language detection from letters and function words: texts written for these tests."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendik.documents.extraction.language import detect_language, unit_language

RUSSIAN = (
    "Бишкек, 14 марта 2023 года. Министерство труда, социального обеспечения и миграции КР провело "
    "обучающий семинар для специалистов местных органов власти. В нём приняли участие более 40 "
    "сотрудников айыл окмоту из Чуйской и Таласской областей. Семинар был организован при поддержке "
    "«БУУ Аялдар» и ПРООН в рамках проекта по продвижению гендерного равенства.\n"
    "Участники обсудили порядок выявления случаев семейного насилия и взаимодействие с кризисными "
    "центрами.\n"
)
KYRGYZ = (
    "Бишкекте гендердик теңчилик боюнча тегерек үстөл өттү. Ага мамлекеттик органдардын жана "
    "жарандык коомдун өкүлдөрү катышты. Иш-чара БУУ Аялдар уюмунун колдоосу менен уюштурулду.\n"
    "Катышуучулар аялдардын саясий катышуусун күчөтүү жөнүндө сунуштарды талкуулашты.\n"
)
KAZAKH = (
    "Астанада гендерлік саясат туралы республикалық конференция өтті. Оған мемлекеттік органдардың, "
    "халықаралық ұйымдардың және үкіметтік емес ұйымдардың өкілдері қатысты.\n"
    "Іс-шара БҰҰ Әйелдер құрылымының қолдауымен ұйымдастырылды. Қатысушылар әйелдердің саяси "
    "белсенділігін арттыру бойынша ұсыныстар әзірледі.\n"
)
ENGLISH = (
    "The Ministry of Labour and Social Development held a training for local officials in Osh. "
    "More than 40 participants from five districts took part in the sessions.\n"
    "The event was supported by UN Women and UNDP as part of a joint programme on women's "
    "economic empowerment.\n"
)
UZBEK_LATIN = (
    "Toshkentda gender tengligi boʻyicha xalqaro konferensiya boʻlib oʻtdi. Unda vazirliklar va "
    "nodavlat tashkilotlar vakillari ishtirok etdi.\n"
    "Tadbir BMT Xotin-qizlar tuzilmasi bilan hamkorlikda tashkil etildi. Ishtirokchilar ayollarning "
    "iqtisodiy faolligini oshirish uchun takliflar berdi.\n"
)
UZBEK_CYRILLIC = (
    "Тошкентда гендер тенглиги бўйича халқаро конференция бўлиб ўтди. Унда вазирликлар ва нодавлат "
    "ташкилотлар вакиллари иштирок этди. Тадбир БМТ билан ҳамкорликда ташкил этилди.\n"
)
TAJIK = (
    "Дар шаҳри Душанбе мизи мудаввар оид ба баробарии гендерӣ баргузор гардид. Дар он намояндагони "
    "вазоратҳо ва ташкилотҳои ҷамъиятӣ иштирок карданд.\n"
    "Чорабинӣ бо дастгирии Созмони Милали Муттаҳид ташкил карда шуд.\n"
)


@pytest.mark.parametrize(("text", "language"), [
    (RUSSIAN, "ru"), (KYRGYZ, "ky"), (KAZAKH, "kk"), (ENGLISH, "en"),
])
def test_each_supported_language_is_recognised(text, language):
    assert detect_language(text) == language


def test_kyrgyz_with_few_special_letters_is_still_kyrgyz():
    text = ("Бул долбоор жергиликтүү бийликти жана аялдар комитеттерин колдойт.\n"
            "Министрлик быйыл беш облуста семинар уюштурду жана аларга жыйырма адам катышты.\n"
            "Семинардын жыйынтыгы боюнча сунуштар даярдалды.\n")
    assert detect_language(text) == "ky"


def test_russian_text_with_a_kyrgyz_slogan_line_is_russian():
    assert detect_language("Мыйзамдарга өз көз карашыбызды кошолу!\n" + RUSSIAN) == "ru"


def test_kyrgyz_text_with_a_russian_line_is_kyrgyz():
    text = KYRGYZ + "Об этом сообщили в пресс-службе министерства.\n" + KYRGYZ
    assert detect_language(text) == "ky"


def test_kazakh_names_in_a_russian_sentence_keep_it_russian():
    sentence = "Аким области Нұрлан Қасымов встретился с Әлией Ғабитқызы и обсудил план на 2024 год."
    assert unit_language(sentence) == "ru"


UKRAINIAN = (
    "Міністерство соціальної політики провело семінар для працівників центрів надання послуг. "
    "Учасники обговорили питання гендерної рівності та запобігання насильству. Захід підтримали "
    "партнери з ООН.\n"
)


@pytest.mark.parametrize("text", [UZBEK_LATIN, UZBEK_CYRILLIC, TAJIK, UKRAINIAN])
def test_uzbek_tajik_and_ukrainian_are_unsupported(text):
    assert detect_language(text) == "und"


@pytest.mark.parametrize("text", ["", "   \n\n", "2023 — 45,6 % — 12.05.2021", "• 89.11\n• 94.62"])
def test_text_without_letters_is_undetermined(text):
    assert detect_language(text) == "und"


@pytest.mark.parametrize(("line", "language"), [
    ("Мыйзамдарга өз көз карашыбызды кошолу!", "ky"),
    ("Жаңа заң жобасы туралы", "kk"),
    ("Let's add our vision on laws!", "en"),
    ("Гендерное равенство", "ru"),
    ("Oʻzbekiston va Qirgʻiziston", "und"),
])
def test_unit_language_of_one_line(line, language):
    assert unit_language(line) == language


@pytest.mark.parametrize("text", [
    "Душанбе, 3 марта 2023 г. /Ховар/. В Комитете по делам женщин и семьи прошёл семинар для сотрудников "
    "ҳукумата города и джамоатов при поддержке ОБСЕ.",
    "Астана. 8 марта. В акимате прошла встреча. «Әйелдер – қоғамның тірегі», – отметил аким. На встрече "
    "обсудили вопросы занятости женщин и поддержку многодетных семей в регионах страны.",
])
def test_russian_news_with_local_words_and_quotes_is_russian(text):
    assert detect_language(text) == "ru"


@pytest.mark.parametrize("text", [
    "联合国妇女署在比什凯克举办了培训。", "Η συνάντηση πραγματοποιήθηκε στην Αθήνα.",
])
def test_other_scripts_are_unsupported(text):
    assert detect_language(text) == "und"


def test_short_text_is_judged_on_what_it_has():
    assert detect_language("Итоги года") == "ru"


def test_english_possessive_is_not_uzbek():
    assert unit_language("The programme's results and the ministry's plans for 2024") == "en"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_a_known_code(text):
    assert detect_language(text) in {"ru", "ky", "kk", "en", "und"}
    assert unit_language(text) in {"ru", "ky", "kk", "en", "und"}
