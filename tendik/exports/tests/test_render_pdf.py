"""The PDF renderer: pages, contents, footer, number formats, nothing fetched, speed."""

import re
import shutil
import socket
import subprocess  # noqa: S404 - fixed argument lists, no shell
import time

import pytest

from tendik.exports.document import Paragraph, Run
from tendik.exports.render_pdf import css_string, render_pdf, url_fetcher
from tendik.exports.tests.opener import needs_poppler, pdf_pages, pdf_text
from tendik.exports.tests.samples import report_of_300_measures, sample_document

UNSAFE = "<img src='http://example.com/x.png'>"
KAZAKH = "Қазақстан әйелдері"
UNBROKEN = "https://example.org/" + "длинноесловобезпробелов" * 12
MARGIN = 56.69  # 2 cm in points, left and right on portrait and landscape pages
MEASURES = "2. Выполнение мероприятий"
def _flat(text: str) -> str:
    """pdftotext keeps no-break spaces; the assertions read plain spaces."""
    return re.sub(r"[\u00a0\u202f]", " ", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The sample with Kazakh text and an HTML-looking paragraph; every network attempt recorded."""
    document = sample_document()
    document.sections[0].blocks.append(Paragraph([Run(KAZAKH)]))
    document.sections[3].blocks.append(Paragraph.of(UNSAFE))
    document.sections[1].blocks[1].rows.append(
        ["1.99", UNBROKEN, "2023–2024", UNBROKEN, [Run(UNBROKEN)], "Выполнено"])
    attempts = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", lambda _socket, address: attempts.append(address))
        content = render_pdf(document)
    return {"content": content, "attempts": attempts, "tmp": tmp_path_factory.mktemp("pdf")}


@pytest.fixture(scope="module")
def text(rendered):
    return _flat(pdf_text(rendered["content"], rendered["tmp"]))


@pytest.fixture(scope="module")
def pages(rendered):
    return pdf_pages(rendered["content"], rendered["tmp"])


def test_it_is_a_pdf(rendered):
    assert rendered["content"].startswith(b"%PDF")


@needs_poppler
def test_title_page_contents_and_a_page_per_section(text, pages):
    assert pages >= 6  # title, contents, four sections each from a new page
    assert "Национальный доклад о реализации НПД" in " ".join(text.split())  # 20 pt: it wraps
    assert "Содержание" in text
    assert MEASURES in text


@needs_poppler
def test_contents_lists_sections_and_parts_with_their_pages(text):
    contents, *body = text.split("\f")[1:]  # pdftotext ends each page with a form feed
    for title in (MEASURES, "2.1. Расширение экономических возможностей женщин"):
        listed = re.search(re.escape(title) + r"[ .]*\.\s*(\d+)", contents)
        starts_on = next(number for number, page in enumerate(body, start=3) if title in page)
        assert int(listed[1]) == starts_on


@needs_poppler
def test_the_footer_numbers_the_pages(text, pages):
    assert f"Страница 2 из {pages}" in text
    assert f"Страница {pages} из {pages}" in text


@needs_poppler
def test_cells_none_and_numbers_in_the_report_language(text):
    assert "обучено 74 сотрудника" in text
    assert "—" in text
    assert "73,9 %" in text
    assert "73,7 %" in text


@needs_poppler
def test_html_in_the_text_is_shown_and_nothing_is_fetched(rendered, text):
    assert UNSAFE in text
    assert rendered["attempts"] == []


def test_only_data_urls_are_fetched():
    fetcher = url_fetcher()
    for url in ("http://example.com/x.png", "https://example.com/x.css", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain;base64,b2s=").read() == b"ok"


@needs_poppler
def test_long_words_wrap_inside_the_page(rendered):
    path = rendered["tmp"] / "bbox.pdf"
    path.write_bytes(rendered["content"])
    words = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext") or "pdftotext", "-bbox", str(path), "-"],
        capture_output=True, timeout=60, check=True).stdout.decode()
    # Page by page: the measures section is landscape, the rest portrait.
    pages = re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', words, flags=re.S)
    assert pages and {round(float(width)) for width, _body in pages} == {595, 842}
    for width, body in pages:
        assert max(float(x) for x in re.findall(r'xMax="([\d.]+)"', body)) <= float(
            width) - MARGIN


@needs_poppler
def test_kazakh_letters_survive(text):
    assert KAZAKH in text


def test_the_same_document_gives_the_same_bytes():
    assert render_pdf(sample_document()) == render_pdf(sample_document())


def test_a_label_cannot_break_out_of_the_css_string():
    assert css_string('a"}</style>') == "\\61 \\22 \\7d \\3c \\2f \\73 \\74 \\79 \\6c \\65 \\3e "


@needs_poppler
def test_300_measures_in_time(tmp_path):
    document = report_of_300_measures()
    started, cpu = time.perf_counter(), time.process_time()
    content = render_pdf(document)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"PDF of 300 measures: {elapsed:.1f} s ({cpu:.1f} s of CPU), "
          f"{pdf_pages(content, tmp_path)} pages")
    # CPU time, not wall time: a CI machine running other jobs took 30.7 s of wall time.
    assert cpu < 30
    assert "Показатель 29" in pdf_text(content, tmp_path)
