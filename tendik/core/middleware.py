"""Response headers and request limits applied to every request."""

from django.conf import settings
from django.http import HttpResponse
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
