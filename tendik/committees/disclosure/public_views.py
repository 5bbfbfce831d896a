"""The public family-violence figures: a page and the open-data CSV, no login, GET and HEAD
only. Both read `published_rows`, so neither can show a small or recoverable cell."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_safe

from .figures import published_rows, published_years, threshold
from .forms import FiguresForm, with_defaults
from .open_data import CSV_TYPE, csv_name, figures_csv
from .pages import public_figures


@require_safe
def figures_view(request):
    data, years = with_defaults(request.GET, published_years)
    form = FiguresForm(data, years=years)
    if not form.is_valid():
        return render(request, "committees/disclosure/public.html", {"form": form}, status=400)
    data = form.cleaned_data
    page = public_figures(data["country"], data["level"], form.months())
    query = {"country": data["country"].code, "level": data["level"]}
    if data["year"]:
        query["year"] = data["year"]
    return render(request, "committees/disclosure/public.html", {
        "form": form, "country": data["country"], **page,
        "csv_url": f"{reverse('family_violence_csv')}?{urlencode(query)}"})


@require_safe
def figures_csv_view(request):
    form = FiguresForm(request.GET)
    if not form.is_valid():
        errors = "\n".join(f"{field}: {' '.join(messages)}"
                           for field, messages in form.errors.items())
        return HttpResponse(errors + "\n", status=400, content_type="text/plain; charset=utf-8")
    data = form.cleaned_data
    country = data["country"]
    rows = published_rows(country, data["level"], form.months())
    response = HttpResponse(figures_csv(country.code, rows, threshold()), content_type=CSV_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, csv_name(country.code, data["level"], data["year"]))
    return response
