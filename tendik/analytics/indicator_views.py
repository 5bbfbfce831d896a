"""The indicator page and its downloads: one figure, drawn as charts, laid out as tables, and
written to CSV or XLSX from the very same tables, so a download holds exactly what is shown."""

import csv
import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from tendik.core.errors import DomainError
from tendik.core.i18n import current_language
from tendik.core.xlsx import FORMULA_PREFIXES, XLSX_CONTENT_TYPE, xml_text
from tendik.reporting.validation import code_lists

from . import charts
from .basis import Basis, periods_in_scope
from .forms import BasisForm
from .indicators import indicator_figure, indicator_for_figure, series_chart_args

FORMATS = ("csv", "xlsx")


class IndicatorForm(BasisForm):
    breakdown = forms.ChoiceField(label=gettext_lazy("Разрезы"), required=False)

    def __init__(self, data, *, indicator, dimensions, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["breakdown"].choices = [("", _("все разрезы"))] + [
            (d.code, str(d)) for d in dimensions]
        self.indicator, self.breakdown = indicator, None

    def figure(self) -> dict | None:
        """The figure, or None with each error beside its field (nothing is counted then)."""
        basis = self.basis(require_plan=False)
        if basis is None or (self.is_bound and not self.is_valid()):
            return None
        self.breakdown = (self.cleaned_data.get("breakdown") if self.is_bound else None) or None
        return indicator_figure(basis, self.indicator, breakdown=self.breakdown)


def _indicator(request, pk):
    try:
        return indicator_for_figure(request.user, pk)
    except DomainError as error:
        raise Http404(str(error)) from None


def _form(request, indicator) -> IndicatorForm:
    lists = code_lists(indicator)  # a dimension left with one code is no breakdown
    periods = periods_in_scope(Basis(user=request.user)).filter(
        plan__measures__indicators=indicator).distinct().order_by("start")
    return IndicatorForm(request.GET or None, indicator=indicator, user=request.user,
                         periods=periods, dimensions=[
                             d for d in indicator.dimensions.all() if d.code in lists])


def _wanted(figure: dict, breakdown: str | None) -> list[dict]:
    return [b for b in figure["breakdowns"] if not breakdown or b["dimension"] == breakdown]


def figure_tables(figure: dict, breakdown: str | None) -> list[dict]:
    """Every table the page shows, with raw values: the page formats them, downloads write them."""
    unit = figure["unit_label"]
    period = _("Период")
    tables = [{
        "id": "values", "caption": _("Значения по периодам, %(unit)s") % {"unit": unit},
        "columns": [period, _("Значение"), _("Учтено отчётов")],
        "rows": [[p["label"], p["value"], p["reports"]] for p in figure["series"]]}]
    reference = ([[_("Базовое значение"), figure["baseline_year"], figure["baseline"]]]
                 if figure["baseline"] is not None else [])
    reference += [[_("Цель"), t["year"], t["value"]] for t in figure["targets"]]
    if reference:
        tables.append({"id": "targets", "caption": _("Базовое значение и цели"),
                       "columns": [_("Вид"), _("Год"), _("Значение")], "rows": reference})
    if figure["gender_gap"]:
        tables.append({
            "id": "gender-gap", "caption": _("Гендерный разрыв по периодам"),
            "columns": [period, _("Женщины"), _("Мужчины"), _("Разрыв (женщины − мужчины)"),
                        _("Соотношение (женщины / мужчины)")],
            "rows": [[g["label"], g["women"], g["men"], g["gap"], g["ratio"]]
                     for g in figure["gender_gap"]]})
    for b in _wanted(figure, breakdown):
        tables.append({
            "id": f"by-{b['dimension']}",
            "caption": _("По разрезу «%(dimension)s», %(unit)s") % {"dimension": b["label"],
                                                                     "unit": unit},
            "columns": [period] + [s["label"] for s in b["series"]],
            "rows": [[p["label"]] + [s["values"][i] for s in b["series"]]
                     for i, p in enumerate(figure["series"])]})
    return tables


def _displayed(tables: list[dict]) -> list[dict]:
    return [{**t, "display": [[charts.format_number(v) if isinstance(v, float) else
                               ("—" if v is None else v) for v in row] for row in t["rows"]]}
            for t in tables]


def _charts(figure: dict, breakdown: str | None) -> dict:
    if not figure["series"]:
        return {}
    labels = [p["label"] for p in figure["series"]]
    unit = figure["unit_label"]
    drawn = {"line": charts.for_page(charts.line_chart, **series_chart_args(figure))}
    if figure["gender_gap"]:
        drawn["gap"] = charts.for_page(
            charts.line_chart, title=_("Гендерный разрыв: женщины − мужчины"),
            description=_("Выше нуля — у женщин больше, ниже нуля — у мужчин больше."),
            x_labels=labels, series=[(_("Разрыв"), [g["gap"] for g in figure["gender_gap"]])],
            unit=unit)
    drawn["breakdowns"] = {b["dimension"]: charts.small_multiples(
        title=_("По разрезу «%(dimension)s»") % {"dimension": b["label"]},
        description=_("Отдельный график для каждого значения разреза в одном масштабе."),
        panels=[(s["label"], labels, [(s["label"], s["values"])]) for s in b["series"]],
        unit=unit) for b in _wanted(figure, breakdown)}
    return drawn


@login_required
def indicator_page(request, pk):
    indicator = _indicator(request, pk)
    form = _form(request, indicator)
    figure = form.figure()
    breakdown = form.breakdown
    query = request.GET.urlencode()
    return render(request, "analytics/indicator.html", {
        "indicator": indicator, "form": form, "figure": figure,
        "tables": _displayed(figure_tables(figure, breakdown)) if figure else [],
        "charts": _charts(figure, breakdown) if figure else {},
        "query": query, "formats": FORMATS,
    }, status=200 if figure is not None else 400)


@login_required
def indicator_download(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404
    indicator = _indicator(request, pk)
    form = _form(request, indicator)
    figure = form.figure()
    if figure is None:
        return render(request, "analytics/indicator.html", {
            "indicator": indicator, "form": form, "figure": None, "tables": [], "charts": {},
            "query": request.GET.urlencode(), "formats": FORMATS}, status=400)
    rows = _download_rows(figure, figure_tables(figure, form.breakdown))
    name = f"indicator-{indicator.pk}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(_xlsx(rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def based_on_line(based_on: dict) -> str:
    line = _("Учтены принятые отчёты: %(accepted)s из %(reports)s") % based_on
    if based_on["under_review"]:
        line += _(", и отчёты на проверке: %(n)s") % {"n": based_on["under_review"]}
    return line + "."


def _download_rows(figure: dict, tables: list[dict]) -> list[list]:
    """Title, the based-on line and status, then each table: caption, header, rows, a blank."""
    rows = [[f"{figure['code']} {figure['name']}"], [based_on_line(figure["based_on"])],
            [f"{figure['progress']['label']}: {figure['progress']['note']}"], []]
    for table in tables:
        rows += [[table["caption"]], table["columns"], *table["rows"], []]
    return rows


def _plain(value):
    """Text a spreadsheet would run as a formula stays text (a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv(rows: list[list]) -> bytes:
    """Semicolons and, outside English, a decimal comma, as Excel in Russian opens them; the
    BOM tells Excel the text is UTF-8."""
    comma = current_language() != "en"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else (str(v).replace(".", ",") if comma and isinstance(
            v, float) else _plain(v)) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Индикатор")[:31])
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=xml_text(value))
            if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
