"""The public figures page's content: the rows of each month with hidden cells as «<5».

A district page holds up to 600 rows of 21 counts; each row's cells are written here as one
piece of HTML, since rendering ~12,000 template variables (each localised as a number) costs
more than all the SQL of the page (bench_committees.py). The result is cached per
fingerprint of the figures (`figures_version`)."""

from itertools import groupby

from django.utils.html import escape
from django.utils.safestring import mark_safe

from tendik.portal.pages import cached

from ..counts import COUNT_KEYS, count_label
from .figures import FigureRow, figures_version, published_rows, threshold
from .suppression import suppressed_label


def public_figures(country, level: str, months) -> dict:
    """The page's content, kept in the cache under the figures' fingerprint: a form accepted
    or reopened, or the threshold changed, and the next reader gets it computed afresh."""
    return cached(f"fv-figures:{country.pk}:{level}:{months}", figures_version(country, months),
                  lambda: figures_page(published_rows(country, level, months)))


def figures_page(rows: list[FigureRow]) -> dict:
    hidden = suppressed_label(threshold())
    return {"months": [{"month": month, "rows": [_row(row, escape(hidden)) for row in group]}
                       for month, group in groupby(rows, key=lambda r: r.month)],
            "columns": [count_label(key) for key in COUNT_KEYS],
            "threshold": threshold(), "hidden": hidden}


def _row(row: FigureRow, hidden: str) -> dict:
    cells = "".join(f"<td>{hidden if value is None else int(value)}</td>"
                    for value in row.values)
    return {"name": row.territory_name, "merged": row.merged, "cells": mark_safe(cells)}  # noqa: S308 — integers and an escaped label only
