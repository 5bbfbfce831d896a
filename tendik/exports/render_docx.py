"""The national report as DOCX: editable, and built on named styles only.

Every look (font, size, spacing, alignment, bold, italics) lives in a named style, never on a
paragraph or a run, so a ministry restyles the whole report by applying its own template. With
TENDIK_REPORT_DOCX_TEMPLATE set, that template is the base document and its styles win: we only
add the ones it lacks.

Tables are written as XML directly: python-docx's cell access is slow on a table of hundreds of
rows, and the report's measures table is one.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shape import CT_Inline
from docx.shared import Cm, Emu, Pt, RGBColor
from lxml import etree

from tendik.analytics.charts import format_number
from tendik.core.xlsx import xml_text

from .document import Column, Document, Figure, Heading, Paragraph, Run, Table

PARAGRAPH, CHARACTER = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER
GREY = RGBColor(0x59, 0x59, 0x59)
FONT = "Times New Roman"
A4_SHORT, A4_LONG, MARGIN = Cm(21), Cm(29.7), Cm(2)
# The measures table has six columns, one of them several narratives long per row: on a
# landscape page its text column is half as wide again, so rows are shorter and the table
# takes fewer, fuller pages. Its section is the only landscape one.
LANDSCAPE_SECTIONS = {"measures"}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the zip's member times: the same report, the same bytes
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
LINE_BREAK = re.compile(r"\r\n?|\n")
# settings.xml is a sequence: updateFields must come before any of these that are present.
AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")
TABLE_GRID = f"""<w:tblPr {nsdecls("w")}><w:tblBorders>{"".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))}</w:tblBorders>
    <w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
    </w:tblCellMar></w:tblPr>"""


@dataclass(frozen=True)
class Look:
    """A named style's definition; None leaves a property to the style it is based on."""

    kind: WD_STYLE_TYPE = PARAGRAPH
    base: str | None = "Normal"
    font: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: RGBColor | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    before: float | None = None
    after: float | None = None
    keep_with_next: bool | None = None
    indent: float | None = None  # cm


# Word's own names where Word has one (a ministry template restyles those), ours for the rest.
STYLES = {
    "Normal": Look(base=None, font=FONT, size=12, after=6),
    "Title": Look(size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=120, after=18),
    "Subtitle": Look(size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=12),
    "Heading 1": Look(size=16, bold=True, before=18, after=6, keep_with_next=True),
    "Heading 2": Look(size=13, bold=True, before=12, after=6, keep_with_next=True),
    "TOC Heading": Look(base="Heading 1"),
    "toc 1": Look(after=3),
    "toc 2": Look(indent=0.6, after=3),
    "Caption": Look(size=11, bold=True, before=6, after=4, keep_with_next=True),
    "Footer": Look(size=10, align=WD_ALIGN_PARAGRAPH.CENTER, after=0),
    "Tendik Fact": Look(align=WD_ALIGN_PARAGRAPH.CENTER),
    "Tendik Note": Look(size=10, color=GREY),
    "Tendik Figure": Look(align=WD_ALIGN_PARAGRAPH.CENTER, after=12),
    "Tendik Table Text": Look(size=10, before=0, after=0),
    "Tendik Table Header": Look(base="Tendik Table Text", bold=True, keep_with_next=True),
    "Tendik Number": Look(base="Tendik Table Text", align=WD_ALIGN_PARAGRAPH.RIGHT),
    "Strong": Look(CHARACTER, base=None, bold=True),
    "Tendik Total": Look(CHARACTER, base=None, bold=True),
    "Tendik Fallback": Look(CHARACTER, base=None, italic=True),
    "Tendik Fallback Strong": Look(CHARACTER, base="Tendik Fallback", bold=True),
}
WORD_STYLES = {"Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "TOC Heading", "toc 1",
               "toc 2", "Caption", "Footer", "Strong", "Table Grid"}
BLOCK_STYLES = {"body": "Normal", "note": "Tendik Note"}


def render_docx(document: Document) -> bytes:
    template = getattr(settings, "TENDIK_REPORT_DOCX_TEMPLATE", "")
    docx = new_docx(template or None)
    docx.element.body.clear_content()  # a template lends its styles, not its text
    _define_styles(docx, restyle=not template)
    with translation.override(document.language):  # numbers are written the reader's way
        _Writer(docx, document).write()
    _describe(docx, document)
    buffer = io.BytesIO()
    docx.save(buffer)
    return _fix_times(buffer.getvalue())


def _define_styles(docx, *, restyle: bool) -> None:
    """Add the styles the document lacks; without a template, give Word's own ones our look."""
    styles = docx.styles
    for name, look in STYLES.items():
        if name not in styles:
            _shape(styles.add_style(name, look.kind, builtin=name in WORD_STYLES), look, styles)
        elif restyle:
            _shape(_plain(styles[name]), look, styles)
    if "Table Grid" not in styles:
        grid = styles.add_style("Table Grid", WD_STYLE_TYPE.TABLE, builtin=True)
        grid.element.append(parse_xml(TABLE_GRID))


def _plain(style):
    """Drop the default template's look that ours does not restate: theme fonts (they would
    win over a named font), colours, letter spacing, the rule under the title."""
    for leftover in style.element.xpath("w:rPr | w:pPr/w:pBdr"):
        leftover.getparent().remove(leftover)
    return style


def _shape(style, look: Look, styles) -> None:
    if look.base:
        style.base_style = styles[look.base]
    font = style.font
    for attribute, value in (("name", look.font), ("size", look.size and Pt(look.size)),
                             ("bold", look.bold), ("italic", look.italic)):
        if value is not None:
            setattr(font, attribute, value)
    if look.color is not None:
        font.color.rgb = look.color
    if look.kind == PARAGRAPH:
        _space(style.paragraph_format, look)


def _space(form, look: Look) -> None:
    if look.align is not None:
        form.alignment = look.align
    if look.before is not None:
        form.space_before = Pt(look.before)
    if look.after is not None:
        form.space_after = Pt(look.after)
    if look.keep_with_next is not None:
        form.keep_with_next = look.keep_with_next
    if look.indent is not None:
        form.left_indent = Cm(look.indent)


def _describe(docx, document: Document) -> None:
    """Core properties, the text's language (spelling, hyphenation) and a contents refreshed
    on opening. Creation and modification times stay the base document's: no clock inside."""
    props = docx.core_properties
    props.title = xml_text(document.title)
    props.language = document.language
    # python-docx's default template names itself the author and describes itself.
    props.author = props.last_modified_by = "Tendik"
    props.comments = props.subject = props.keywords = ""
    normal = docx.styles["Normal"].element.get_or_add_rPr()
    for old in normal.findall(qn("w:lang")):
        normal.remove(old)
    normal.insert_element_before(_el("w:lang", val=document.language),
                                 "w:eastAsianLayout", "w:specVanish", "w:oMath")
    settings_xml = docx.settings.element
    for old in settings_xml.findall(qn("w:updateFields")):
        settings_xml.remove(old)
    settings_xml.insert_element_before(_el("w:updateFields", val="true"), *AFTER_UPDATE_FIELDS)


def _fix_times(content: bytes) -> bytes:
    """python-docx stamps every zip member with the current time; stamp them all the same."""
    out = io.BytesIO()
    with (zipfile.ZipFile(io.BytesIO(content)) as source,
          zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target):
        for member in source.infolist():
            target.writestr(zipfile.ZipInfo(member.filename, FIXED_TIME), source.read(member),
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _el(tag: str, parent=None, **attributes):
    """A WordprocessingML element, its attributes in the w: namespace."""
    attrib = {qn(f"w:{name}"): str(value) for name, value in attributes.items()}
    if parent is None:
        return OxmlElement(tag, attrs=attrib)
    return etree.SubElement(parent, qn(tag), attrib)


def _text(r, text: str) -> None:
    for index, line in enumerate(LINE_BREAK.split(xml_text(text))):
        if index:
            _el("w:br", r)
        if line:
            _el("w:t", r).text = line
            r[-1].set(XML_SPACE, "preserve")  # Word would drop a leading or trailing space


def _run_style(run: Run, total: bool) -> str | None:
    if run.fallback:
        return "Tendik Fallback Strong" if run.bold or total else "Tendik Fallback"
    if run.bold:
        return "Strong"
    return "Tendik Total" if total else None


def _field_start(p, instruction: str) -> None:
    """A Word field (PAGE, TOC…): its runs up to the result, which Word computes."""
    _el("w:fldChar", _el("w:r", p), fldCharType="begin")
    code = _el("w:instrText", _el("w:r", p))
    code.text = f" {instruction} "
    code.set(XML_SPACE, "preserve")
    _el("w:fldChar", _el("w:r", p), fldCharType="separate")


def _field_end(p) -> None:
    _el("w:fldChar", _el("w:r", p), fldCharType="end")


def _level(heading: Heading) -> int:
    return 1 if heading.level == 1 else 2


def _headings(document: Document):
    """(level, text) of every heading the table of contents lists, in order."""
    for section in document.sections:
        yield 1, section.title
        for block in section.blocks:
            if isinstance(block, Heading):
                yield _level(block), block.text


class _Writer:
    def __init__(self, docx, document: Document):
        self.docx, self.document, self.labels = docx, document, document.labels
        self.body = docx.element.body
        self.ids = {name: docx.styles[name].style_id for name in (*STYLES, "Table Grid")}
        self.landscape = False
        self.shapes = 0  # picture ids: counted here, python-docx would search the whole body

    def write(self) -> None:
        self._page(self.docx.sections[0], landscape=False)
        self._footer(self.docx.sections[0])
        self._title_page()
        self._contents()
        for index, section in enumerate(self.document.sections):
            landscape = section.key in LANDSCAPE_SECTIONS
            if index == 0 or landscape != self.landscape:
                self._new_page(landscape)
            self._paragraph([Run(section.title)], "Heading 1")
            for block in section.blocks:
                self._block(block)

    def _page(self, section, *, landscape: bool) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (
            (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG))
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN
        self.landscape = landscape
        self.text_width = Emu(section.page_width - 2 * MARGIN)

    def _footer(self, section) -> None:
        """«Страница 3 из 12» on every page but the title page."""
        section.different_first_page_header_footer = True
        footer = section.footer
        footer.is_linked_to_previous = False
        container = footer._element  # python-docx has no API for fields: the footer's XML
        for old in list(container):
            container.remove(old)
        p = self._p("Footer", [Run(f"{self.labels['page']} ")])
        _field_start(p, "PAGE")
        _field_end(p)
        self._runs(p, [Run(f" {self.labels['of']} ")])
        _field_start(p, "NUMPAGES")
        _field_end(p)
        container.append(p)

    def _title_page(self) -> None:
        self._paragraph([Run(self.document.title)], "Title")
        for line in self.document.title_lines:
            self._paragraph([Run(line)], "Subtitle")
        for label, value in self.document.facts:
            self._paragraph([Run(f"{label}: ", bold=True), Run(value)], "Tendik Fact")
        self.docx.add_page_break()

    def _contents(self) -> None:
        """A TOC field that Word fills in, page numbers and all, on opening (updateFields).
        Until then its result is the headings without page numbers: what LibreOffice, which
        does not update it, and Word's protected view show."""
        self._paragraph([Run(self.labels["contents"])], "TOC Heading")
        headings = list(_headings(self.document))
        entries = [self._p(f"toc {level}", []) for level, _text in headings] or [
            self._p("Normal", [])]
        _field_start(entries[0], r'TOC \o "1-2" \h \z \u')
        for p, (_level, text) in zip(entries, headings, strict=False):
            self._runs(p, [Run(text)])
        _field_end(entries[-1])
        for p in entries:
            self._add(p)

    def _new_page(self, landscape: bool) -> None:
        if landscape == self.landscape:
            self.docx.add_page_break()
            return
        section = self.docx.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False  # only the title page has none
        self._page(section, landscape=landscape)

    def _block(self, block) -> None:
        if isinstance(block, Heading):
            self._paragraph([Run(block.text)], f"Heading {_level(block)}")
        elif isinstance(block, Paragraph):
            self._paragraph(block.runs, BLOCK_STYLES[block.style])
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Figure):
            self._figure(block)

    def _paragraph(self, runs: list[Run], style: str) -> None:
        self._add(self._p(style, runs))

    def _add(self, element) -> None:
        self.body.insert_element_before(element, "w:sectPr")

    def _p(self, style: str, runs: list[Run], total: bool = False):
        p = _el("w:p")
        _el("w:pStyle", _el("w:pPr", p), val=self.ids[style])
        self._runs(p, runs, total)
        return p

    def _runs(self, p, runs: list[Run], total: bool = False) -> None:
        for run in runs:
            r = _el("w:r", p)
            style = _run_style(run, total)
            if style:
                _el("w:rStyle", _el("w:rPr", r), val=self.ids[style])
            _text(r, run.text)

    def _figure(self, figure: Figure) -> None:
        self._paragraph([Run(figure.title)], "Caption")
        width = min(Cm(figure.width_cm), self.text_width)
        part = self.docx.part
        relation, image = part.get_or_add_image(io.BytesIO(figure.png))
        self.shapes += 1
        inline = CT_Inline.new_pic_inline(
            self.shapes, relation, image.filename, *image.scaled_dimensions(width, None))
        inline.docPr.set("descr", xml_text(figure.description))  # the alt text
        p = self._p("Tendik Figure", [])
        _el("w:drawing", _el("w:r", p)).append(inline)
        self._add(p)

    def _table(self, table: Table) -> None:
        if table.caption:
            self._paragraph([Run(table.caption)], "Caption")
        widths = self._widths(table.columns)
        tbl = _el("w:tbl")
        properties = _el("w:tblPr", tbl)
        _el("w:tblStyle", properties, val=self.ids["Table Grid"])
        _el("w:tblW", properties, w=sum(widths), type="dxa")
        _el("w:tblLayout", properties, type="fixed")
        grid = _el("w:tblGrid", tbl)
        for width in widths:
            _el("w:gridCol", grid, w=width)
        header = _el("w:tr", tbl)
        row_properties = _el("w:trPr", header)
        _el("w:cantSplit", row_properties)
        _el("w:tblHeader", row_properties)  # repeated at the top of every page
        for column, width in zip(table.columns, widths, strict=True):
            self._cell(header, width, "Tendik Table Header", [Run(column.label)])
        last = len(table.rows) - 1
        for index, row in enumerate(table.rows):
            tr = _el("w:tr", tbl)
            for column, width, value in zip(table.columns, widths, row, strict=True):
                style = "Tendik Number" if column.kind in ("number", "percent") else (
                    "Tendik Table Text")
                self._cell(tr, width, style, self._cell_runs(value, column),
                           total=table.total_row and index == last)
        self._add(tbl)
        self._paragraph([], "Normal")  # two tables in a row would merge into one

    def _widths(self, columns: list[Column]) -> list[int]:
        """Column widths in twips, in proportion to Column.width, filling the text width."""
        total = sum(column.width for column in columns)
        return [int(self.text_width.twips * column.width / total) for column in columns]

    def _cell(self, tr, width: int, style: str, runs: list[Run], total: bool = False) -> None:
        tc = _el("w:tc", tr)
        _el("w:tcW", _el("w:tcPr", tc), w=width, type="dxa")
        tc.append(self._p(style, runs, total))

    def _cell_runs(self, value, column: Column) -> list[Run]:
        if isinstance(value, list):
            return value
        if value is None:
            return [Run(self.labels["empty"])]
        if isinstance(value, str):
            return [Run(value)]
        return [Run(format_number(float(value), "%" if column.kind == "percent" else ""))]
