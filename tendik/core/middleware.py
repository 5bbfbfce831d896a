"""Response headers and request limits applied to every request."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict
from django.utils.translation import gettext as _

POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    # Swagger UI sets inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", POLICY)
        return response


class UploadSizeLimitMiddleware:
    """Refuse an oversized body before Django spools it to disk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.TENDIK_MAX_UPLOAD_BYTES + 1024 * 1024  # room for the form's other fields
        if length > limit:
            message = _("Файл слишком большой: допускается не более %(limit)s МБ.") % {
                "limit": settings.TENDIK_MAX_UPLOAD_BYTES // 1024 // 1024}
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class NulByteMiddleware:
    """Refuse a NUL byte in the query string or a form field: PostgreSQL cannot store or compare
    text containing one, so it would otherwise surface as a server error deep in a query.
    (JSON bodies are checked by the API's JSON parser.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = _nul_field(request.GET)
        if field is None and request.method == "POST" and request.content_type in FORM_TYPES:
            field = _nul_field(request.POST)
        elif field is None and request.content_type == "application/x-www-form-urlencoded":
            # PATCH and PUT bodies: Django parses only POST's, DRF the rest, after us.
            field = _nul_field(QueryDict(request.body, encoding=request.encoding))
        if field is None:
            return self.get_response(request)
        message = _("Недопустимый символ (NUL) в параметре «%(field)s».") % {"field": field[:100]}
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message,
                                 "errors": [{"field": field[:100], "message": message}]},
                                status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _nul_field(params) -> str | None:
    for key, values in params.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "\\0")
    return None
