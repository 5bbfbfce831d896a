"""An uploaded document's plain text: type by content, size limits, layout kept, boilerplate gone.

Every line break in the result ends a unit for the extractor, so the layout matters: list items
and headlines stay their own lines, while the lines a PDF wrapped are joined back into sentences.
Nothing from the document is ever executed or kept as markup.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from html.parser import HTMLParser

from django.conf import settings
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.core.files import DOCX, PDF, sniff

MAX_BYTES = 20 * 2**20  # the default of settings.TENDIK_DOCUMENT_MAX_BYTES
MAX_UNPACKED_BYTES = 100 * 2**20  # a DOCX's members together, unpacked
MAX_RATIO = 100  # a member packed tighter than this is a zip bomb
MAX_MEMBERS = 2000


def _accepted() -> str:
    return _("Допустимы PDF с текстовым слоем, DOCX, HTML и обычный текст (TXT); тип определяется "
             "по содержимому, а не по имени файла.")


def _refuse(message: str, code: str) -> DomainError:
    return DomainError(message, code=code)


def max_bytes() -> int:
    return getattr(settings, "TENDIK_DOCUMENT_MAX_BYTES", MAX_BYTES)


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise _refuse(_("Файл слишком большой: %(size)s МБ, допускается не более %(limit)s МБ")
                      % {"size": round(size / 2**20, 1), "limit": round(limit / 2**20, 1)}, "too_large")


# ---- type by content ----------------------------------------------------------------------------

_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_STRUCTURE = re.compile(r"<(?:body|p|div|article|main|h[1-6]|ul|table)\b[^>]*>", re.I)
# Every way a text or a PDF marks a line or page break: the units downstream end at "\n" only.
_LINE_BREAK = re.compile(r"\r\n|[\r\f\v\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufffd]")  # line breaks aside
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC_LETTER = re.compile(r"[а-яёА-ЯЁ]")
_CYRILLIC_OR_LATIN = re.compile(r"[а-яёА-ЯЁa-zA-Z]")
_SAMPLE = 2**20  # characters enough to judge a text's alphabet and printability


def _decode(content: bytes) -> str | None:
    """The text of a plain-text file (UTF-8, UTF-16 with its byte-order mark as Notepad saves it,
    or Windows-1251), or None. A guessed encoding must give mostly Russian or Latin letters: any
    bytes decode as UTF-16 or Windows-1251."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, alphabet = _decoded(content, "utf-16"), _CYRILLIC_OR_LATIN
    elif b"\x00" in content:
        return None
    else:
        text, alphabet = _decoded(content, "utf-8-sig"), None
        if text is None:
            text, alphabet = content.decode("cp1251", errors="replace"), _CYRILLIC_LETTER
    if text is None:
        return None
    sample = text[:_SAMPLE]
    if alphabet is not None:
        letters = sum(1 for _match in _LETTER.finditer(sample))
        if not letters or sum(1 for _match in alphabet.finditer(sample)) < 0.5 * letters:
            return None
    unprintable = sum(1 for _match in _UNPRINTABLE.finditer(sample))
    return text if unprintable <= 0.02 * len(sample) else None


def _decoded(content: bytes, encoding: str) -> str | None:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError:
        return None


def _is_html(text: str) -> bool:
    head = text[:65536]
    return bool(_HTML_START.match(head)) or len(_HTML_STRUCTURE.findall(head)) >= 2


def sniff_document(content: bytes) -> str:
    """"pdf", "docx", "html" or "txt", judged by the bytes alone."""
    if not content.strip():
        raise _refuse(_("Файл пуст."), "empty")
    try:
        kind = sniff(content[:16], content)
    except (zipfile.LargeZipFile, NotImplementedError, ValueError, OSError, EOFError):
        kind = None  # a zip whose directory zipfile cannot read is no DOCX
    if kind in (PDF, DOCX):
        return "pdf" if kind == PDF else "docx"
    text = None if content.startswith(b"PK\x03\x04") else _decode(content)
    if text is None:
        raise _refuse(_("Такой тип файла не принимается.") + " " + _accepted(), "bad_type")
    return "html" if _is_html(text) else "txt"


# ---- boilerplate, shared by every kind ----------------------------------------------------------

def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_WIDGET_WORDS = _words(
    "поделиться facebook telegram whatsapp вконтакте вк vk одноклассники ok twitter x instagram "
    "youtube linkedin viber tiktok e-mail email share tweet подписаться")
_WIDGET_LINES = re.compile(
    r"(?:читайте и смотрите нас в|читайте нас в|мы в соцсетях|"
    r"(?:комментари[йиев]+|просмотр[а-я]*)(?:\s*[(:]?\s*\d+\)?)?|"
    r"оставить комментарий|нашли ошибку\??|версия для (?:печати|слабовидящих)|распечатать|"
    r"читать (?:далее|полностью)|подробнее|показать (?:ещё|еще)|все новости|наверх|"
    r"главная\s*[/>»|].*)\W*", re.I)
# Notices that are sentences yet still boilerplate.
_NOTICE = re.compile(r"\bcookies?\b|\bкуки\b|ctrl\s*\+\s*enter|все права защищены|^©|"
                     r"^(?:подписывайтесь|присоединяйтесь) (?:на|к)\b", re.I)
_BULLET_MARK = re.compile(r"^[\s•●▪◦·*–—-]+")
_CURRENCY = r"usd|eur|rub|kzt|kgs|cny|uzs|tjs|[$€₽₸£¥]"
_MONEY_TOKEN = re.compile(rf"(?:{_CURRENCY}|[+\-−]?\d+(?:[.,]\d+)?(?:%|°[CcСс]?)?|[▲▼↑↓])", re.I)
# A currency, a decimal or degrees: a bare integer line may be a page number or a year.
_MONEY_SIGN = re.compile(rf"{_CURRENCY}|\d[.,]\d|°", re.I)
_RUBRIC = re.compile(r"([^\W\d_][\w-]*)\s+(\d{1,6})")
# Numbered structure, not a rubric counter: «Статья 5», «Слайд 3», «Приложение 1».
_STRUCTURE_WORDS = _words(
    "статья глава раздел приложение слайд пункт часть таблица рисунок шаг этап модуль цель задача "
    "день сессия блок урок тема вопрос вариант форма страница стр всего итого")
_SENTENCE_WORDS = 6
_NOTICE_WORDS = 40


def _is_widget(core: str) -> bool:
    words = core.lower().replace(",", " ").replace("|", " ").split()
    if words and all(word in _WIDGET_WORDS for word in words):
        return True
    return bool(_WIDGET_LINES.fullmatch(core))


def _is_money(core: str) -> bool:
    tokens = core.split()
    return (bool(tokens) and all(_MONEY_TOKEN.fullmatch(token) for token in tokens)
            and bool(_MONEY_SIGN.search(core)))


def _is_rubric(core: str) -> bool:
    match = _RUBRIC.fullmatch(core)
    if not match or match.group(1).lower() in _STRUCTURE_WORDS:
        return False
    number = match.group(2)
    return not (len(number) == 4 and number.startswith(("19", "20")))  # «Бишкек 2021» is a date


def is_boilerplate(line: str) -> bool:
    """Share buttons, comment counters, currency and weather widgets, rubric counters, cookie
    notices, bare bullets. A line of six words or more is a sentence and always stays (cookie
    notices aside)."""
    core = _BULLET_MARK.sub("", line).strip()
    if not core:
        return 0 < len(line.strip()) <= 2  # a bullet without its item; «----» separates slides
    words = len(core.split())
    if _NOTICE.search(core) and words <= _NOTICE_WORDS:
        return True
    if words >= _SENTENCE_WORDS:
        return False
    return _is_widget(core) or _is_money(core) or _is_rubric(core)


def clean_lines(text: str) -> str:
    """No \\r, NUL or control characters, no trailing spaces, no boilerplate lines, and at most
    two blank lines in a row."""
    text = _LINE_BREAK.sub("\n", text)
    text = _CONTROL.sub("", text.replace("\xad", "").replace("\ufeff", ""))
    lines = [line.rstrip() for line in text.split("\n")]
    kept = [line for line in lines if not is_boilerplate(line)]
    return re.sub(r"\n{4,}", "\n\n\n", "\n".join(kept)).strip("\n")


# ---- plain text per kind ------------------------------------------------------------------------

def _txt(content: bytes) -> str:
    return (_decode(content) or _decode(content.replace(b"\x00", b"")) or "").replace("\x00", "")


def _check_docx_archive(content: bytes) -> None:
    """A zip bomb is refused before python-docx unpacks anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError,
            ValueError) as exc:
        raise _refuse(_("Не удалось прочитать DOCX: файл повреждён."), "bad_file") from exc
    if len(members) > MAX_MEMBERS or sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise _refuse(_("Файл DOCX отклонён: в распакованном виде он больше %(limit)s МБ.")
                      % {"limit": MAX_UNPACKED_BYTES // 2**20}, "too_large")
    for member in members:
        if member.file_size > 2**20 and member.file_size / max(member.compress_size, 1) > MAX_RATIO:
            raise _refuse(_("Файл DOCX отклонён: часть «%(name)s» сжата подозрительно сильно.")
                          % {"name": member.filename[:100]}, "bad_file")


def _docx_paragraph(paragraph) -> list[str]:
    text = paragraph.text.strip()
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith(("Heading", "Заголовок", "Title", "Название")):
        return [text, ""] if text else []
    properties = paragraph._p.pPr
    if text and ("List" in style or (properties is not None and properties.numPr is not None)):
        return ["• " + text]
    return [text]


def _docx_table(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(cell._tc)
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _docx(content: bytes) -> str:
    import docx
    from docx.table import Table

    _check_docx_archive(content)
    try:
        document = docx.Document(io.BytesIO(content))
        lines = []
        for block in document.iter_inner_content():
            lines.extend(_docx_table(block) if isinstance(block, Table) else _docx_paragraph(block))
    except Exception as exc:  # python-docx and lxml raise many kinds on a broken file
        raise _refuse(_("Не удалось прочитать DOCX: файл повреждён."), "bad_file") from exc
    return "\n".join(lines)


_PDF_BULLET = re.compile(r"^\s*(?:[-–—•●▪◦*]|\d{1,2}[.)])\s")
_HYPHEN_BREAK = re.compile(r"(\w+)([-\xad])[ \t]*\n[ \t]*([a-zа-яё]\w*)")
_ENDS_UNIT = (".", "!", "?", "…", ":", ";")
_FULL_LINE = 0.75  # of the page's longest line
_MIN_FULL_LINE = 30  # characters; slides' short lines are never "full"
_HEADLINE = 0.5  # of the page's longest line


@functools.cache
def _vocab():
    from natasha import MorphVocab

    return MorphVocab()


def _rejoin(match: re.Match) -> str:
    """«ген-\nдерного» is one word; «социально-\nэкономического» keeps its hyphen, since only its
    halves are in the dictionary."""
    left, mark, right = match.groups()
    if mark == "-":
        known = _vocab().word_is_known
        if not known((left + right).lower()) and known(left.lower()) and known(right.lower()):
            return f"{left}-{right}"
    return left + right


def _is_headline(line: str, width: int) -> bool:
    """A short line with no full stop: a paragraph's last line would end its sentence."""
    return len(line) < _HEADLINE * width and not line.endswith(_ENDS_UNIT)


def _unwrap(page: str) -> str:
    """Join the lines a PDF wrapped: a hyphenated break, or a line that does not end a sentence
    followed by one that starts lower-case, or by any line when the first one runs the full width
    of the page and the next is no short headline. Bullet lines start their own line."""
    page = _HYPHEN_BREAK.sub(_rejoin, page)
    source = [line.strip() for line in page.split("\n")]
    width = max(map(len, source))
    lines: list[str] = []
    previous = ""  # the source line before, not the joined one: its width is what counts
    for line in source:
        wrapped = (len(previous) >= max(_FULL_LINE * width, _MIN_FULL_LINE)
                   and not _is_headline(line, width))
        joins = (lines and lines[-1] and line and not _PDF_BULLET.match(line)
                 and not previous.endswith(_ENDS_UNIT) and (line[:1].islower() or wrapped))
        if joins:
            lines[-1] += " " + line
        else:
            lines.append(line)
        previous = line
    return "\n".join(lines)


_EDGE_LINES = 2  # running headers and footers sit in the first or last lines of a page
_RUNNING_PAGES = 3
_FRAMED_PAGE = 6  # lines a page needs before its first and last ones may be a frame


def _edge_keys(page: str) -> list[str]:
    lines = [line.strip() for line in page.split("\n") if line.strip()]
    if len(lines) <= _FRAMED_PAGE:
        return []  # a slide's few lines are all its text, a repeated title included
    edges = lines[:_EDGE_LINES] + lines[_EDGE_LINES:][-_EDGE_LINES:]
    return [re.sub(r"\d+", "#", line) for line in edges]


def _without_running_lines(pages: list[str]) -> list[str]:
    """A line at the top or bottom of most pages (a running title, «Страница 3 из 12») is the
    page's frame, not its text; it would repeat its dates and numbers on every page."""
    if len(pages) < _RUNNING_PAGES:
        return pages
    edges = [_edge_keys(page) for page in pages]
    counts: dict[str, int] = {}
    for keys in edges:
        for key in set(keys):
            counts[key] = counts.get(key, 0) + 1
    running = {key for key, count in counts.items() if count >= max(_RUNNING_PAGES, len(pages) / 2)}
    return [page if not running.intersection(keys) else
            "\n".join(line for line in page.split("\n") if re.sub(r"\d+", "#", line.strip()) not in running)
            for page, keys in zip(pages, edges, strict=True)]


def _pdf(content: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many kinds on a broken or protected file
        raise _refuse(_("Не удалось прочитать PDF: файл повреждён или защищён паролем."),
                      "bad_file") from exc
    return "\n\n".join(_unwrap(page).strip("\n") for page in _without_running_lines(pages))


class _HtmlText(HTMLParser):
    """Visible text of a page with its block structure as lines; markup and scripts dropped."""

    SKIP = _words("script style noscript nav header footer aside form iframe svg button head title "
                  "template select object")
    BLOCK = _words("p div br tr section article blockquote ul ol table main figure figcaption "
                   "dl dt dd hr pre address li h1 h2 h3 h4 h5 h6")
    HEADINGS = _words("h1 h2 h3 h4 h5 h6")
    REGIONS = _words("main article")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.depth = 0  # inside main/article
        self.regions: list[str] = []  # the tag of each outermost main/article, in order
        self.lines: list[tuple[int | None, str]] = []  # (region index or None, text)
        self.current: list[str] = []

    def _region(self) -> int | None:
        return len(self.regions) - 1 if self.depth else None

    def _break(self, blank_after: bool = False) -> None:
        text = re.sub(r" {2,}", " ", "".join(self.current)).strip(" ")
        if text:
            self.lines.append((self._region(), text))
        if blank_after:
            self.lines.append((self._region(), ""))
        self.current = []

    def _skips(self, tag: str) -> bool:
        # An article's own <header> holds its headline and date; a page's header is navigation.
        return tag in self.SKIP and not (tag == "header" and self.depth and not self.skip)

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.skip = 0  # an unclosed <head> must not hide the page
        if self._skips(tag):
            self.skip += 1
            return
        if self.skip:
            return
        if tag in self.BLOCK:
            self._break()
        if tag in self.REGIONS:
            if not self.depth:
                self.regions.append(tag)
            self.depth += 1
        if tag == "li":
            self.current.append("• ")
        elif tag in ("td", "th") and "".join(self.current).strip():
            self.current.append(" | ")

    def handle_endtag(self, tag):
        if self._skips(tag):
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in self.BLOCK:
            self._break(blank_after=tag in self.HEADINGS)
        if tag in self.REGIONS:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if not self.skip:
            self.current.append(re.sub(r"[ \t\n\r\f]+", " ", data))

    def _chosen_regions(self) -> set[int] | None:
        """<main> when the page has one; else its longest <article>, unless that is a small part
        of the page (a list of article cards beside the real text, which sits in a <div>)."""
        mains = {index for index, tag in enumerate(self.regions) if tag == "main"}
        if mains:
            return mains
        sizes: dict[int | None, int] = {}
        for region, line in self.lines:
            sizes[region] = sizes.get(region, 0) + len(line)
        articles = [region for region in sizes if region is not None]
        if not articles:
            return None
        longest = max(articles, key=sizes.__getitem__)
        return {longest} if sizes[longest] >= _ARTICLE_SHARE * sum(sizes.values()) else None

    def text(self) -> str:
        self._break()
        chosen = self._chosen_regions()
        lines = [line for region, line in self.lines if chosen is None or region in chosen]
        if chosen is not None and not any(lines):
            lines = [line for _region, line in self.lines]
        return "\n".join(lines)


_ARTICLE_SHARE = 0.25  # of a page's text, for its longest <article> to be taken as the text


# Declarations other than comments and the doctype («<![CDATA[», «<!ELEMENT») carry no visible
# text, and html.parser raises AssertionError on malformed ones: they are read as plain text.
_DECLARATION = re.compile(r"<!(?!--|doctype)", re.I)


def _html(content: bytes) -> str:
    parser = _HtmlText()
    try:
        parser.feed(_DECLARATION.sub("&lt;!", _decode(content) or ""))
        parser.close()
    except (AssertionError, ValueError) as exc:
        raise _refuse(_("Не удалось прочитать HTML: разметка повреждена."), "bad_file") from exc
    return parser.text()


_EXTRACTORS = {"txt": _txt, "docx": _docx, "pdf": _pdf, "html": _html}


def plain_text(content: bytes, kind: str) -> str:
    """The document's text with its layout as lines, boilerplate dropped."""
    return clean_lines(_EXTRACTORS[kind](content))


def read_document(content: bytes) -> tuple[str, str]:
    """(kind, plain text) of an uploaded document, or a DomainError saying what is wrong."""
    check_size(len(content))
    kind = sniff_document(content)
    text = plain_text(content, kind)
    if not text.strip():
        if kind == "pdf":
            raise _refuse(_("В PDF нет текстового слоя (похоже на скан). Распознайте текст (OCR) и "
                            "загрузите снова."), "no_text")
        raise _refuse(_("В документе нет текста."), "empty")
    return kind, text
