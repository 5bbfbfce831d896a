"""«Соответствие разрезов»: how the dimensions and values of imported files map to ours.

A coordinator (an admin for every country) sees each source dimension with its values and may
remap a value to another of our codes; the next import uses the new mapping."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.core.http import manager_required

from .importing import value_mapping_update
from .selectors import dimension_mappings_visible_to


@manager_required
def mappings_page(request):
    if request.method == "POST":
        anchor = _save(request)
        return redirect(f"{reverse('opendata:mappings')}{anchor}")
    mappings = dimension_mappings_visible_to(request.user)
    return render(request, "opendata/mappings.html", {"mappings": mappings})


def _save(request) -> str:
    mapping_value, value = request.POST.get("mapping_value"), request.POST.get("value")
    try:
        value_mapping_update(actor=request.user, mapping_value_id=mapping_value, value_id=value)
    except DomainError as exc:
        messages.error(request, str(exc))
        return ""
    messages.success(request, _("Соответствие сохранено: оно применяется при следующем импорте."))
    return f"#value-{mapping_value}"
