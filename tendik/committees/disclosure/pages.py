"""The public figures page's content: the rows of each month with hidden cells as «<5»."""

from itertools import groupby

from ..counts import COUNT_KEYS, count_label
from .figures import FigureRow, threshold
from .suppression import suppressed_label


def figures_page(rows: list[FigureRow]) -> dict:
    hidden = suppressed_label(threshold())
    months = [{"month": month, "rows": [
        {"name": row.territory_name, "merged": row.merged,
         "cells": [hidden if value is None else value for value in row.values]}
        for row in month_rows]} for month, month_rows in groupby(rows, key=lambda r: r.month)]
    return {"months": months, "columns": [count_label(key) for key in COUNT_KEYS],
            "threshold": threshold(), "hidden": hidden}
