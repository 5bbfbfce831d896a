"""The page «Состояние системы»: installation admins only, because it names paths, versions
and failures that are nobody else's business."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tendik.core.permissions import is_installation_admin

from .selectors import status_page


@never_cache
@require_GET
@login_required
def status_view(request: HttpRequest) -> HttpResponse:
    if not is_installation_admin(request.user):
        raise PermissionDenied
    return render(request, "system/status.html", status_page())
