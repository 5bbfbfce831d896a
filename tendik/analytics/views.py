"""The plan progress page: the plan-progress figure with its filters, charts and tables."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from tendik.plans.models import Measure
from tendik.plans.selectors import plans_visible_to

from . import charts
from .basis import Basis, periods_in_scope
from .filters import PlanProgressFilterSet
from .forms import BasisForm
from .progress import plan_progress, status_columns, status_series


def status_bars(*, title: str, description: str, rows: list[dict], label_key: str,
                horizontal: bool = True) -> str:
    """A stacked bar per row (area, period, group), one segment per status."""
    return charts.for_page(
        charts.bar_chart, title=title, description=description, categories=[r[label_key] for r in rows],
        series=status_series(rows),
        stacked=True, horizontal=horizontal)


def _charts(figure: dict) -> dict:
    areas = [{**a, "name": f"{a['code']}. {a['title']}"} for a in figure["areas"]]
    totals = figure["totals"]
    return {
        "areas": status_bars(
            title=_("Мероприятия по статусу и приоритетным направлениям"),
            description=_("Всего мероприятий: %(n)s, выполнено: %(done)s.") % {
                "n": totals["measures"], "done": totals["by_status"]["completed"]},
            rows=areas, label_key="name"),
        "trend": status_bars(
            title=_("Статус мероприятий на конец каждого периода"),
            description=_("Последний известный статус мероприятий после каждого отчётного "
                          "периода."), rows=figure["trend"], label_key="label",
            horizontal=False) if figure["trend"] else "",
    }


@login_required
def plan_progress_page(request, pk: int):
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    periods = periods_in_scope(Basis(user=request.user, plan=plan)).order_by("start")
    form = BasisForm(request.GET or None, user=request.user, plan=plan, periods=periods)
    filterset = PlanProgressFilterSet(request.GET or None, queryset=Measure.objects.all(),
                                      request=request, plan=plan)
    basis = form.basis()
    valid = not filterset.is_bound or filterset.is_valid()
    figure = None
    if basis is not None:
        group_by = filterset.form.cleaned_data.get("group_by") if filterset.is_bound and valid \
            else None
        figure = plan_progress(basis, measures=filterset.qs, group_by=group_by or None)
    query = request.GET.urlencode()
    return render(request, "analytics/plan_progress.html", {
        "plan": plan, "form": form, "filter_form": filterset.form, "figure": figure,
        "charts": _charts(figure) if figure else {}, "statuses": status_columns(),
        "query": query, "api_url": "?".join(
            ["/api/v1/analytics/plan-progress/", urlencode({"plan": plan.pk}) +
             (f"&{query}" if query else "")]),
    }, status=200 if figure is not None and valid else 400)
