"""The territory view: figures per region on a map with a table, and per district of a region."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tendik.core.errors import DomainError

from .basis import Basis, periods_in_scope, visible_plan
from .charts import bar_chart, for_page
from .forms import BasisForm
from .home import reportable_plans
from .maps import territory_map as draw_map
from .territories import METRICS, check_metric, metric_value, region_names, territory_figures

METRIC_LABELS = {
    "activities": gettext_lazy("проведённые мероприятия"),
    "participants": gettext_lazy("участники"),
    "women_share": gettext_lazy("доля женщин среди участников с указанным полом, %"),
    "measures": gettext_lazy("мероприятия плана, называющие территорию"),
}


class MapForm(forms.Form):
    """The plan and the figure the map colours; the values are checked by the selectors."""

    plan = forms.ChoiceField(label=gettext_lazy("План"))
    metric = forms.ChoiceField(label=gettext_lazy("Показатель на карте"), required=False,
                               choices=[(m, METRIC_LABELS[m]) for m in METRICS])
    region = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, plans, plan):
        super().__init__(data, initial={"plan": plan.pk})
        choices = [(str(p.pk), p.title) for p in plans]
        if plan not in plans:
            choices.append((str(plan.pk), plan.title))
        self.fields["plan"].choices = choices


def _map(figures: dict, metric: str, names: dict[str, str]) -> str:
    region = figures["region"]
    if region is None:
        values = {row["code"]: metric_value(row, metric) for row in figures["regions"]}
    else:  # the region drilled into stands out; the others stay blank
        values = dict.fromkeys(names) | {region["code"]: metric_value(figures["totals"], metric)}
    return draw_map(
        title=_("%(metric)s по областям") % {"metric": METRIC_LABELS[metric].capitalize()},
        description=_("Карта повторяет таблицу ниже; пустые области — нет данных.")
        if region is None else _("Показана только выбранная область; её районы — в таблице "
                                 "ниже. Остальные области — на карте страны."),
        country_code=figures["country"], values=values, labels=names,
        unit="%" if metric == "women_share" else "")


def _districts_chart(figures: dict, metric: str) -> str:
    rows = figures["regions"]
    return for_page(
        bar_chart, title=_("%(region)s: %(metric)s по районам") % {
            "region": figures["region"]["name"], "metric": METRIC_LABELS[metric]},
        description=_("Значения по районам области; таблица ниже повторяет числа."),
        categories=[row["name"] for row in rows],
        series=[(str(METRIC_LABELS[metric]), [metric_value(row, metric) for row in rows])],
        unit="%" if metric == "women_share" else "")


def _drill_link(request, code: str) -> str:
    query = request.GET.copy()
    query["region"] = code
    return f"?{query.urlencode()}"


def _figures(request, basis: Basis) -> tuple[dict | None, str, list[str]]:
    try:
        metric = check_metric(request.GET.get("metric"))
        return territory_figures(basis, region_code=request.GET.get("region")), metric, []
    except DomainError as error:
        return None, "", [str(error)]


@login_required
def territory_map(request):
    plans = reportable_plans(request.user)
    plan_id = request.GET.get("plan") or (plans[0].pk if plans else None)
    if plan_id is None:
        return render(request, "analytics/territory.html", {"plan": None})
    try:
        plan = visible_plan(request.user, plan_id)
    except DomainError as error:
        if error.code == "not_found":
            raise Http404 from error
        return render(request, "analytics/territory.html", {"plan": None,
                                                             "errors": [str(error)]}, status=400)
    periods = periods_in_scope(Basis(user=request.user, plan=plan)).order_by("start")
    basis_form = BasisForm(request.GET or None, user=request.user, plan=plan, periods=periods)
    basis = basis_form.basis()
    figures, metric, errors = _figures(request, basis) if basis else (None, "", [])
    context = {"plan": plan, "basis_form": basis_form, "errors": errors,
               "map_form": MapForm(request.GET or None, plans=plans, plan=plan),
               "figures": figures, "metric_label": METRIC_LABELS.get(metric, "")}
    if figures is not None:
        top = figures["region"] is None
        names = {r["code"]: r["name"] for r in figures["regions"]} if top else region_names(plan)
        context["map"] = _map(figures, metric, names)
        context["chart"] = _districts_chart(figures, metric) if figures["regions"] and not top \
            else ""
        context["rows"] = [{**row, "link": _drill_link(request, row["code"]) if top else ""}
                           for row in figures["regions"]]
        query = request.GET.copy()
        query.pop("region", None)
        context["back"] = f"?{query.urlencode()}"
    return render(request, "analytics/territory.html", context,
                  status=200 if figures is not None else 400)
