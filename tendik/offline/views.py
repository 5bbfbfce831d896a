"""The installable app: manifest, service worker and the per-user list of pages kept offline."""

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .assets import shell_asset_urls, shell_version
from .selectors import offline_report_urls, offline_urls

THEME_COLOUR = "#102a43"  # the top bar of tendik.css
BACKGROUND_COLOUR = "#f6f7f9"  # --bg of tendik.css
DEFAULT_MAX_AGE_HOURS = 168
# Where the worker keeps who is signed in and which pages to keep; no view answers it.
STATE_KEY = "/offline/state-kept-by-worker"


def worker_leaves() -> list[str]:
    """Path prefixes the worker never answers: the API and the session must always reach the
    server, state.json must be fresh, and files are downloaded as they are."""
    return ["/api/", "/admin/", reverse("login"), reverse("logout"), reverse("offline_state"),
            "/reports/evidence/", "/i18n/", "/account/"]


def max_age_hours() -> int:
    return int(getattr(settings, "TENDIK_OFFLINE_MAX_AGE_HOURS", DEFAULT_MAX_AGE_HOURS))


@require_safe
def manifest_view(request):
    icons = [{"src": static(f"offline/icon-{size}.png"), "sizes": f"{size}x{size}",
              "type": "image/png", "purpose": "any maskable"} for size in (192, 512)]
    icons.append({"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"})
    manifest = {
        "name": _("Теңдик · Tendik"),
        "short_name": _("Теңдик"),
        "description": _("Отчёты о национальной гендерной политике, в том числе без связи."),
        "lang": get_language(),
        "start_url": reverse("reporting:mine"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": icons,
    }
    response = JsonResponse(manifest, content_type="application/manifest+json",
                            json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def service_worker_view(request):
    body = render_to_string("offline/sw.js", {
        "version": shell_version(),
        "assets": json.dumps(shell_asset_urls()),
        "static_prefix": settings.STATIC_URL,
        "offline_page": reverse("offline_page"),
        "state_key": STATE_KEY,
        "never": json.dumps(worker_leaves()),
    })
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # The browser checks the worker on every navigation; a stale copy would keep old caches.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def state_view(request):
    if not request.user.is_authenticated:
        response = JsonResponse({"detail": _("Сеанс истёк: войдите снова.")}, status=401)
    else:
        reports = offline_report_urls(request.user)
        response = JsonResponse({
            "user": request.user.pk,
            "csrf": get_token(request),
            "urls": offline_urls(reports),
            "reports": reports,
            "max_age_hours": max_age_hours(),
        })
    response["Cache-Control"] = "no-store, private"
    return response


@require_safe
def offline_page_view(request):
    """Shown by the worker for a page that was never saved on the device. It names no user, so
    one copy serves whoever is signed in."""
    response = render(request, "offline/offline.html")
    response["Cache-Control"] = "no-cache"
    return response
