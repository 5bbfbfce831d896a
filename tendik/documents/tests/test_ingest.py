"""Ingestion: type by content, limits, plain text with its layout, boilerplate dropped.

Every document here is generated in the test from text written for it.
"""

import base64
import io
import logging
import os
import random
import zipfile

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from tendik.core.errors import DomainError
from tendik.documents.ingest import is_boilerplate, plain_text, read_document, sniff_document

logging.getLogger("fontTools").setLevel(logging.ERROR)

PARAGRAPH = ("Министерство труда и социального развития Кыргызской Республики совместно с ПРООН провело "
             "в Оше двухдневный тренинг для 35 сотрудников местных органов власти по вопросам "
             "гендерного бюджетирования и предупреждения семейного насилия.")


def _pdf(body: str, css: str = "") -> bytes:
    import weasyprint

    return weasyprint.HTML(string=f"<html><head><style>{css}</style></head><body>{body}</body></html>"
                           ).write_pdf()


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _refused(content: bytes) -> str:
    with pytest.raises(DomainError) as caught:
        read_document(content)
    return caught.value.code


# ---- type by content ----------------------------------------------------------------------------

def test_empty_file_is_refused_as_empty():
    assert _refused(b"") == "empty"


def test_whitespace_only_file_is_refused_as_empty():
    assert _refused(b" \n\r\n\t ") == "empty"


def test_random_bytes_named_docx_are_a_bad_type():
    assert _refused(os.urandom(4096)) == "bad_type"


def test_bad_type_message_names_the_accepted_types():
    with pytest.raises(DomainError) as caught:
        sniff_document(b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert "PDF" in str(caught.value) and "DOCX" in str(caught.value) and "HTML" in str(caught.value)


def test_zip_without_a_word_document_is_a_bad_type():
    assert _refused(_zip({"content.xml": b"<office/>"})) == "bad_type"


@pytest.mark.parametrize(("content", "kind"), [
    (b"%PDF-1.7\n", "pdf"),
    ("<!DOCTYPE html><html><body><p>Текст</p></body></html>".encode(), "html"),
    ("  <html lang='ru'><p>Текст</p></html>".encode(), "html"),
    ("<div><p>Пресс-релиз без заголовка страницы</p></div>".encode(), "html"),
    ("Бишкек, 12 мая 2022 года. Обычный текст.".encode(), "txt"),
    ("Бишкек, 12 мая 2022 года. Обычный текст в кодировке Windows.".encode("cp1251"), "txt"),
    ("Текст, где упомянут тег <p> один раз.".encode(), "txt"),
])
def test_type_is_judged_by_content(content, kind):
    assert sniff_document(content) == kind


def test_docx_is_recognised_by_its_word_document():
    assert sniff_document(_docx(lambda d: d.add_paragraph(PARAGRAPH))) == "docx"


def test_random_bytes_behind_a_utf16_mark_are_not_text():
    generator = random.Random(1)
    assert _refused(b"\xff\xfe" + generator.randbytes(4096)) == "bad_type"
    # pairs that happen to decode, as ideographs: still not a text in a language of the region
    ideographs = "".join(chr(generator.randrange(0x4E00, 0xA000)) for _ in range(500))
    assert _refused(ideographs.encode("utf-16")) == "bad_type"


def test_text_with_nul_bytes_is_not_text():
    with pytest.raises(DomainError) as caught:
        sniff_document("Текст".encode() + b"\x00\x00" + "ещё".encode())
    assert caught.value.code == "bad_type"


# ---- size limits --------------------------------------------------------------------------------

def test_a_50_mb_file_is_refused_by_size_before_parsing():
    content = b"%PDF-1.4\n" + bytes(50 * 2**20)  # not a readable PDF: parsing would say bad_file
    assert _refused(content) == "too_large"


def test_size_limit_comes_from_settings(settings):
    settings.TENDIK_DOCUMENT_MAX_BYTES = 100
    assert _refused(PARAGRAPH.encode()) == "too_large"


def test_docx_zip_bomb_is_refused_before_unpacking():
    bomb = _zip({"word/document.xml": b"<" + b"0" * (8 * 2**20)})
    with pytest.raises(DomainError):
        read_document(bomb)


def test_zip_of_an_unknown_version_is_a_bad_type():
    content = bytearray(_docx(lambda d: d.add_paragraph(PARAGRAPH)))
    entry = content.index(b"PK\x01\x02")
    content[entry + 6] = 0xFF  # «version needed to extract» of the first member: 25.5
    assert _refused(bytes(content)) == "bad_type"


def test_broken_docx_is_a_bad_file():
    assert _refused(_zip({"word/document.xml": b"not xml at all"})) == "bad_file"


# ---- txt ----------------------------------------------------------------------------------------

def test_cp1251_text_is_decoded():
    kind, text = read_document(PARAGRAPH.encode("cp1251"))
    assert (kind, text) == ("txt", PARAGRAPH)


def test_utf16_text_with_its_byte_order_mark_is_decoded():
    assert read_document(PARAGRAPH.encode("utf-16")) == ("txt", PARAGRAPH)


def test_utf8_bom_and_windows_line_endings_are_normalised():
    _kind, text = read_document("\ufeffПервая строка  \r\nВторая строка\rТретья".encode())
    assert text == "Первая строка\nВторая строка\nТретья"


def test_unicode_line_separators_become_line_breaks():
    assert read_document("Первая строка\u2028Вторая строка\x85Третья".encode())[1].split("\n") == [
        "Первая строка", "Вторая строка", "Третья"]


def test_plain_text_of_txt_drops_nul():
    assert plain_text("Пер\x00вая".encode(), "txt") == "Первая"


def test_lines_of_a_text_stay_lines():
    source = "Участники тренинга:\n• представители акиматов\n• сотрудники полиции\n"
    assert read_document(source.encode())[1].splitlines() == source.splitlines()


# ---- docx ---------------------------------------------------------------------------------------

def _report(document):
    document.add_heading("Итоги проекта «Голос женщин»", level=1)
    document.add_paragraph(PARAGRAPH)
    document.add_paragraph("проведено 12 тренингов", style="List Bullet")
    document.add_paragraph("создано 5 кризисных центров", style="List Number")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, [("Область", "Женщины", "Мужчины"), ("Нарын", "40", "12")],
                           strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("Отчёт подготовлен ОФ «Аялзат».")


def test_docx_heading_is_its_own_line_followed_by_a_blank_line():
    lines = read_document(_docx(_report))[1].split("\n")
    assert lines[:3] == ["Итоги проекта «Голос женщин»", "", PARAGRAPH]


def test_docx_list_paragraphs_become_bullet_lines():
    lines = read_document(_docx(_report))[1].split("\n")
    assert "• проведено 12 тренингов" in lines and "• создано 5 кризисных центров" in lines


def test_docx_merged_cell_is_written_once():
    def build(document):
        table = document.add_table(rows=1, cols=3)
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        merged.text, table.cell(0, 2).text = "Чуйская область", "120"

    assert read_document(_docx(build))[1] == "Чуйская область | 120"


def test_docx_table_rows_are_lines_of_cells():
    lines = read_document(_docx(_report))[1].split("\n")
    assert lines[-3:] == ["Область | Женщины | Мужчины", "Нарын | 40 | 12", "Отчёт подготовлен ОФ «Аялзат»."]


# ---- pdf ----------------------------------------------------------------------------------------

def test_pdf_wrapped_lines_are_joined_into_one_sentence():
    text = read_document(_pdf(f"<p>{PARAGRAPH}</p>", "@page { size: A5 }"))[1]
    assert text == PARAGRAPH


def test_pdf_hyphenated_break_is_joined():
    text = read_document(_pdf("<p>в рамках программы ген-<br>дерного равенства</p>"))[1]
    assert text == "в рамках программы гендерного равенства"


def test_pdf_compound_word_broken_at_its_hyphen_keeps_the_hyphen():
    text = read_document(_pdf("<p>улучшение социально-<br>экономического положения женщин</p>"))[1]
    assert text == "улучшение социально-экономического положения женщин"


def test_pdf_bullet_lines_stay_separate():
    body = ("<p>Участники тренинга:</p><p>• представители акиматов</p><p>- сотрудники полиции</p>"
            "<p>1. работники школ</p>")
    lines = read_document(_pdf(body))[1].split("\n")
    assert lines == ["Участники тренинга:", "• представители акиматов", "- сотрудники полиции",
                     "1. работники школ"]


def test_pdf_page_break_is_a_blank_line():
    body = "<p>Слайд первый</p><p style='page-break-before: always'>Слайд второй</p>"
    assert read_document(_pdf(body))[1] == "Слайд первый\n\nСлайд второй"


def test_pdf_heading_after_a_paragraph_without_a_full_stop_stays_its_own_line():
    body = f"<p>{PARAGRAPH[:-1]}</p><p>Итоги</p>"
    lines = read_document(_pdf(body, "@page { size: A5 }"))[1].split("\n")
    assert lines == [PARAGRAPH[:-1], "Итоги"]


SENTENCES = ["Проект охватил пять областей.", "В Нарыне открыт кризисный центр.",
             "Проведено 12 тренингов.", "Обучены 40 социальных работников.",
             "Подготовлен доклад для парламента.", "Итоги обсудили в мае."]


def test_pdf_running_header_and_page_numbers_are_dropped():
    pages = "".join("<section style='page-break-after: always'><p>Отчёт о проекте, 2023</p>"
                    + "".join(f"<p>{line}</p>" for line in SENTENCES[n:] + SENTENCES[:n])
                    + f"<p>{n + 1}</p></section>" for n in range(4))
    assert read_document(_pdf(pages))[1] == "\n\n".join(
        "\n".join(SENTENCES[n:] + SENTENCES[:n]) for n in range(4))


def test_pdf_slides_keep_their_repeated_titles():
    slides = "".join(f"<section style='page-break-after: always'><p>Результаты проекта</p><p>{line}</p>"
                     "</section>" for line in SENTENCES[:4])
    assert read_document(_pdf(slides))[1] == "\n\n".join(
        f"Результаты проекта\n{line}" for line in SENTENCES[:4])


def test_scanned_pdf_without_text_suggests_ocr():
    png = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (40, 20), "white").save(png, "PNG")
    image = base64.b64encode(png.getvalue()).decode()
    with pytest.raises(DomainError) as caught:
        read_document(_pdf(f"<img src='data:image/png;base64,{image}'>"))
    assert caught.value.code == "no_text" and "OCR" in str(caught.value)


def test_empty_pdf_page_has_no_text():
    assert _refused(_pdf("")) == "no_text"


def test_broken_pdf_is_a_bad_file():
    assert _refused(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage") == "bad_file"


def test_password_protected_pdf_is_a_bad_file():
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_pdf(f"<p>{PARAGRAPH}</p>"))))
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert _refused(buffer.getvalue()) == "bad_file"


# ---- html ---------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Новости</title><style>p {color: red}</style>
<script>document.write("скрипт")</script></head><body>
<nav><a href="/">Главная</a> <a href="/news">Новости</a></nav><header>Портал ведомства</header>
<main><h1>Форум &laquo;Женщины и мир&raquo; прошёл в&nbsp;Душанбе</h1>
<p>В форуме приняли участие
   более 200 делегатов.</p><script>alert(1)</script>
<ul><li>представители ОБСЕ</li><li>эксперты ЮНИСЕФ</li></ul>
<table><tr><th>Регион</th><th>Участники</th></tr><tr><td>Хатлон</td><td>45</td></tr></table>
<button>Подписаться</button><form><input name="q"> Поиск по сайту</form></main>
<aside>Популярное: другая новость</aside><footer>© 2023 Все права защищены</footer></body></html>"""


def _page_lines() -> list[str]:
    return read_document(PAGE.encode())[1].split("\n")


def test_html_scripts_and_styles_leave_no_text():
    text = read_document(PAGE.encode())[1]
    assert "alert" not in text and "скрипт" not in text and "color" not in text


def test_html_navigation_header_footer_aside_and_forms_are_dropped():
    text = read_document(PAGE.encode())[1]
    assert not any(word in text for word in ("Главная", "Портал", "Популярное", "права", "Поиск"))


def test_html_heading_is_its_own_line_with_entities_decoded():
    assert _page_lines()[:2] == ["Форум «Женщины и мир» прошёл в\xa0Душанбе", ""]


def test_html_paragraph_whitespace_is_collapsed():
    assert "В форуме приняли участие более 200 делегатов." in _page_lines()


def test_html_list_items_are_bullet_lines():
    bullets = [line for line in _page_lines() if line.startswith("•")]
    assert bullets == ["• представители ОБСЕ", "• эксперты ЮНИСЕФ"]


def test_html_table_rows_are_lines_of_cells():
    assert "Хатлон | 45" in _page_lines()


def test_html_article_is_preferred_to_the_rest_of_the_page():
    page = ("<html><body><div>Курсы валют и реклама</div><article><p>Главная новость дня.</p>"
            "</article><div>Другие материалы рубрики</div></body></html>")
    assert read_document(page.encode())[1] == "Главная новость дня."


def test_html_article_header_keeps_its_headline():
    page = ("<html><body><header>Меню сайта</header><article><header><h2>В Нарыне открыли кризисный "
            "центр</h2></header><p>Центр примет до 20 женщин.</p></article></body></html>")
    assert read_document(page.encode())[1] == "В Нарыне открыли кризисный центр\n\nЦентр примет до 20 женщин."


def test_html_cards_of_other_articles_do_not_replace_the_text():
    cards = "".join(f"<article><a href='/{n}'>Новость {n}</a></article>" for n in range(3))
    page = f"<html><body><div><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>{cards}</body></html>"
    assert read_document(page.encode())[1].split("\n")[:2] == [PARAGRAPH, PARAGRAPH]


def test_html_unclosed_head_does_not_hide_the_body():
    page = "<html><head><title>Заголовок окна<body><p>Текст новости.</p></body></html>"
    assert read_document(page.encode())[1] == "Текст новости."


# ---- boilerplate --------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Поделиться", "Комментарии", "Комментарии (0)", "Оставить комментарий", "Читайте и смотрите нас в",
    "Facebook Telegram WhatsApp", "ВКонтакте", "Одноклассники", "Twitter", "Подписаться",
    "Нашли ошибку?", "Версия для печати", "89.11", "  • 94.62", "USD 89.11", "$ 89.11 € 94.62",
    "Политика 0", "Общество 12", "+5°C",
    "Мы используем файлы cookie, чтобы сайт работал лучше для вас и ваших близких.",
    "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter", "Просмотров: 1520", "Читать далее",
    "Главная / Новости / Общество", "© 2023 Все права защищены",
    "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать новости", "•", "  - ",
])
def test_widget_lines_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Комментарии экспертов к проекту закона были учтены рабочей группой.",
    "Статья 5", "Приложение 1", "Бишкек 2021", "2022", "15", "Итоги года", "• 12 тренингов",
    "Фото: Минкультуры РК", "Telegram-канал министерства опубликовал итоги встречи с партнёрами.",
    "Главная задача проекта", "Подробнее о проекте рассказала координатор программы ПРООН.",
    "----", "* * *",
])
def test_content_lines_are_kept(line):
    assert not is_boilerplate(line)


def test_widgets_are_dropped_from_a_news_text():
    source = ("• 89.11\n  • 94.62\n\nГлава ведомства встретилась с представителями «БУУ Аялдар»\n\n"
              "Политика 0\n\nЧитайте и смотрите нас в\n\n" + PARAGRAPH + "\n\nКомментарии\n")
    text = read_document(source.encode())[1]
    assert text == "Глава ведомства встретилась с представителями «БУУ Аялдар»\n\n\n" + PARAGRAPH


def test_many_blank_lines_collapse_to_two():
    assert read_document("Первый абзац.\n\n\n\n\n\nВторой абзац.".encode())[1] == (
        "Первый абзац.\n\n\nВторой абзац.")


def test_text_of_boilerplate_only_is_empty():
    assert _refused("Поделиться\nКомментарии (3)\nUSD 89.11\n".encode()) == "empty"


# ---- never crash --------------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2048))
def test_any_bytes_give_text_or_a_domain_error(content):
    try:
        _kind, text = read_document(content)
    except DomainError:
        return
    assert "\r" not in text and "\x00" not in text
    assert all(line == line.rstrip() for line in text.split("\n"))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_is_clean_after_ingestion(source):
    text = plain_text(source.encode(), "txt")
    assert "\r" not in text and "\x00" not in text
    assert all(line == line.rstrip() for line in text.split("\n"))


_MARKUP = st.sampled_from(["<", ">", "!", "/", "[", "]", "-", "?", "=", '"', "&", ";", "#", "p", "li",
                           "script", "<![CDATA[", "<!--", "<!doctype html>", "<p>", "</p>", "<li>",
                           "<svg>", "&lt", "&#x", " ", "\n", "Текст"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARKUP, max_size=60).map("".join))
def test_any_markup_gives_text_or_a_domain_error(page):
    try:
        text = plain_text(page.encode(), "html")
    except DomainError:
        return
    assert "\r" not in text and "\x00" not in text
