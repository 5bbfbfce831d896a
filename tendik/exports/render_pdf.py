"""The national report as PDF: the content tree laid out as HTML, printed by WeasyPrint.

The template holds the markup and no words; this module turns the blocks into plain values the
template can show (numbers formatted in the report's language, every cell a list of runs).
"""

import base64

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from tendik.analytics.charts import format_number

from .document import Document, Figure, Heading, Paragraph, Run, Section, Table

TEMPLATE = "exports/national_report.html"
NUMERIC = ("number", "percent")


def render_pdf(document: Document) -> bytes:
    # format_number reads the active language: the report's, not the request's.
    with translation.override(document.language):
        html = render_to_string(TEMPLATE, _context(document))
    return HTML(string=html, base_url=None, url_fetcher=url_fetcher()).write_pdf()


def url_fetcher() -> URLFetcher:
    """Only the figures' data: URLs load; nothing is read from the network or the disk."""
    return URLFetcher(allowed_protocols={"data"})


def _context(document: Document) -> dict:
    sections = [_section(document, number, section)
                for number, section in enumerate(document.sections, start=1)]
    return {
        "document": document,
        "labels": document.labels,
        "contents": [entry for section in sections for entry in _entries(section)],
        "sections": sections,
        "footer": {key: css_string(document.labels[key]) for key in ("page", "of")},
    }


def _entries(section: dict) -> list[dict]:
    headings = [block for block in section["blocks"] if block["kind"] == "heading"]
    return [{"id": section["id"], "text": section["title"], "level": 1}, *headings]


def _section(document: Document, number: int, section: Section) -> dict:
    anchor = f"section-{number}"
    blocks = [_block(document, f"{anchor}-{index}", block)
              for index, block in enumerate(section.blocks, start=1)]
    return {"id": anchor, "key": section.key, "title": section.title, "blocks": blocks}


def _block(document: Document, anchor: str, block) -> dict:
    if isinstance(block, Heading):
        # The section title is the h1; a heading inside it is one level below.
        return {"kind": "heading", "id": anchor, "text": block.text, "level": block.level,
                "tag": f"h{min(block.level + 1, 6)}"}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "runs": block.runs, "style": block.style}
    if isinstance(block, Table):
        return _table(document, block)
    if isinstance(block, Figure):
        return {"kind": "figure", "title": block.title, "description": block.description,
                "src": "data:image/png;base64," + base64.b64encode(block.png).decode(),
                "width": f"{block.width_cm:g}cm"}
    raise TypeError(f"unknown block {type(block).__name__}")


def _table(document: Document, table: Table) -> dict:
    total_width = sum(column.width for column in table.columns) or 1
    columns = [{"label": column.label, "numeric": column.kind in NUMERIC,
                "width": f"{100 * column.width / total_width:.2f}%"} for column in table.columns]
    last = len(table.rows) - 1
    rows = [{"total": table.total_row and index == last,
             "cells": [{"runs": _runs(document, cell, column.kind), "numeric": column.kind in NUMERIC}
                       for cell, column in zip(row, table.columns, strict=False)]}
            for index, row in enumerate(table.rows)]
    return {"kind": "table", "caption": table.caption, "columns": columns, "rows": rows}


def _runs(document: Document, cell, kind: str) -> list[Run]:
    if cell is None:
        return [Run(document.labels["empty"])]
    if isinstance(cell, list):
        return cell
    if isinstance(cell, str):
        return [Run(cell)]
    return [Run(format_number(cell, "%" if kind == "percent" else ""))]


def css_string(text: str) -> str:
    """A CSS string body with every character as a hex escape: a label cannot end the string or
    the <style> element, and HTML escaping leaves it unchanged."""
    return "".join(f"\\{ord(character):x} " for character in text)
