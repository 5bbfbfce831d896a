"""The national report as a tree of plain blocks: one content, three renderers (DOCX, PDF, XLSX).

The builder (`content.py`) decides every word and number, already in the report's language;
the renderers only lay the blocks out. So the three formats always say the same thing, and a
renderer never queries the database or translates anything itself.
"""

from dataclasses import dataclass, field
from decimal import Decimal

Number = int | float | Decimal


@dataclass(frozen=True)
class Run:
    """A piece of text. `fallback` marks text shown in Russian because the report's language
    has none: renderers set it in italics; the builder has already added the visible marker."""

    text: str
    bold: bool = False
    fallback: bool = False


Cell = str | Number | None | list[Run]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: a section (shown in the table of contents), 2: a part of one


@dataclass(frozen=True)
class Paragraph:
    runs: list[Run]
    style: str = "body"  # body | note (smaller, grey: method notes, the basis of a figure)

    @classmethod
    def of(cls, text: str, style: str = "body") -> "Paragraph":
        return cls([Run(text)], style)


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text | number | percent (a number 0–100 shown with %)
    width: float = 1.0  # relative width


@dataclass(frozen=True)
class Table:
    """A table whose header repeats on every page. A cell is text, a number, None (shown as «—»)
    or a list of runs. Numbers stay numbers: the XLSX stores them as such."""

    columns: list[Column]
    rows: list[list[Cell]]
    caption: str = ""
    total_row: bool = False  # the last row is a total (bold)


@dataclass(frozen=True)
class Figure:
    """A chart drawn by `tendik.analytics.charts` as PNG; `description` is its alt text."""

    title: str
    description: str
    png: bytes
    width_cm: float = 16.0


Block = Heading | Paragraph | Table | Figure


@dataclass
class Section:
    key: str  # summary | measures | indicators | activities | discipline
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    """`title_lines` go on the title page; `facts` are its label–value lines (plan, period,
    approving act, date of generation, data snapshot)."""

    language: str
    title: str
    title_lines: list[str]
    facts: list[tuple[str, str]]
    sections: list[Section]
    labels: dict[str, str] = field(default_factory=dict)  # contents, page, «—» … in the language
