"""Pages: the NAP's funding figures, and the official rates with their upload."""

from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tendik.analytics import charts
from tendik.core.errors import DomainError
from tendik.core.forms import attach_errors
from tendik.core.permissions import is_manager
from tendik.plans.models import FundingSource

from .api import funding_query
from .currencies import currency_label
from .forms import FundingForm, RatesUploadForm
from .funding import plan_funding
from .selectors import funding_plans, latest_rates
from .services import MAX_BYTES, exchange_rates_import


def readable_rate(rate: Decimal) -> Decimal:
    """A rate without the trailing zeros of its 8 stored places: «87,5», «0,1945», «88»."""
    return rate.quantize(Decimal(1)) if rate == rate.to_integral_value() else rate.normalize()


def _readable(figures: dict) -> dict:
    for key in ("rates_planned", "rates_disbursed"):
        figures[key] = [{**rate, "rate": readable_rate(rate["rate"])} for rate in figures[key]]
    return figures


def _funding_charts(figures: dict) -> dict:
    labels = dict(FundingSource.choices)
    currency = figures["currency"]
    by_source = charts.for_page(
        charts.bar_chart, title=_("Плановое финансирование по источникам, %(currency)s")
        % {"currency": currency},
        description=_("Всего: %(total)s %(currency)s.") % {
            "total": charts.format_number(float(figures["total"])), "currency": currency},
        categories=[str(labels[s]) for s in figures["by_source"]],
        series=[(currency, [float(v) for v in figures["by_source"].values()])])
    areas = [a for a in figures["by_area"] if float(a["amount"]) or float(a["disbursed"])]
    by_area = charts.for_page(
        charts.bar_chart, title=_("Запланировано и выплачено по направлениям, %(currency)s")
        % {"currency": currency},
        description=_("Выплачено всего: %(paid)s %(currency)s.") % {
            "paid": charts.format_number(float(figures["disbursed"])), "currency": currency},
        categories=[f"{a['code']}. {a['title']}" if a["code"] else a["title"] for a in areas],
        series=[(_("запланировано"), [float(a["amount"]) for a in areas]),
                (_("выплачено"), [float(a["disbursed"]) for a in areas])]) if areas else ""
    return {"by_source": by_source, "by_area": by_area}


@login_required
@require_GET
def funding_view(request):
    plans = funding_plans(request.user)
    data = request.GET.copy()
    if plans and not data.get("plan"):
        data["plan"] = str(plans[0].pk)
    form = FundingForm(data, plans=plans)
    figures, problem, status = None, "", 200
    if data.get("plan"):
        try:
            figures = plan_funding(request.user, **funding_query(form))
        except DomainError as exc:
            if exc.code == "not_found":
                raise Http404 from exc
            if exc.code == "conflict":  # a missing rate: its message names currency and day
                status, problem = 409, str(exc)
            else:
                status = 400
                if form.is_valid():  # the form's own errors are already beside their fields
                    attach_errors(form, exc)
    return render(request, "partners/money/funding.html", {
        "form": form, "plans": plans, "figures": _readable(figures) if figures else None,
        "problem": problem,
        "charts": _funding_charts(figures) if figures else {}, "sources": FundingSource.choices,
        "source_rows": [(label, figures["by_source"][code])
                        for code, label in FundingSource.choices] if figures else [],
        "api_url": f"{reverse('funding')}?{urlencode(_api_query(figures))}" if figures else ""},
        status=status)


def _api_query(figures: dict) -> dict:
    return {"plan": figures["plan"]["id"], "currency": figures["currency"],
            "date": figures["valued_on"].isoformat()}


@login_required
@require_http_methods(["GET", "POST"])
def rates_view(request):
    may_upload = is_manager(request.user)
    form = RatesUploadForm() if may_upload else None
    status = 200
    if request.method == "POST":
        if not may_upload:
            raise PermissionDenied
        form = RatesUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = exchange_rates_import(
                    actor=request.user, file=form.cleaned_data["file"].read(MAX_BYTES + 1),
                    source=form.cleaned_data["source"])
            except DomainError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _(
                    "Курсы загружены: прочитано %(read)s, новых %(created)s, изменено "
                    "%(updated)s, без изменений %(unchanged)s.") % result.as_dict())
                return redirect("funding:rates")
        status = 400
    rows = [{"rate": rate, "value": readable_rate(rate.rate),
             "currency": currency_label(rate.currency)} for rate in latest_rates(request.user)]
    return render(request, "partners/money/rates.html", {"form": form, "rows": rows},
                  status=status)
