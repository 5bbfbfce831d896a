"""The home page by role: it reads the blocks from `home.home_page` and draws the charts."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.core.home import home_panels

from .home import home_page
from .progress import status_columns
from .views import status_bars


def _with_chart(overview: dict) -> dict:
    """The plan's areas as one stacked bar each; the page's table repeats the numbers."""
    if overview.get("plan") is None:
        return overview
    areas = [{**a, "name": f"{a['code']}. {a['title']}"} for a in overview["progress"]["areas"]]
    totals = overview["progress"]["totals"]
    chart = status_bars(
        title=_("Статус мероприятий по приоритетным направлениям"),
        description=_("Всего мероприятий: %(n)s, выполнено: %(done)s.") % {
            "n": totals["measures"], "done": totals["by_status"]["completed"]},
        rows=areas, label_key="name")
    return {**overview, "area_chart": chart}


@login_required
def home(request):
    try:
        page = home_page(request.user, plan_id=request.GET.get("plan"))
    except DomainError as exc:
        raise Http404 from exc
    for role in ("coordinator", "observer"):
        if role in page:
            page[role] = _with_chart(page[role])
    return render(request, "analytics/home.html", {"page": page, "statuses": status_columns(),
                                                   "panels": home_panels(request.user)})
