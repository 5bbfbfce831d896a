"""A request id on every request (and its response), and a warning for every slow request.

This middleware is first in MIDDLEWARE, so its clock covers all the others and its response
header is on redirects and refusals too."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from .logging import request_id_var

logger = logging.getLogger(__name__)

HEADER = "X-Request-ID"
# A proxy's id is kept only when it is a plain token: nothing a client sends reaches the logs raw.
VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}\Z")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(HEADER, "")
        request_id = given if VALID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is closed, not just until this returns: Django logs a 4xx
        # response («Not Found: …») after the whole middleware chain.
        request_id_var.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        _log_if_slow(request, response, (time.perf_counter() - started) * 1000)
        response[HEADER] = request_id
        return response


@receiver(request_finished, dispatch_uid="tendik.system.forget_request_id")
def _forget_request_id(**kwargs) -> None:
    """Lines logged between requests (in a reused thread) carry no request's id."""
    request_id_var.set("-")


def _log_if_slow(request: HttpRequest, response: HttpResponse, duration_ms: float) -> None:
    if duration_ms <= settings.TENDIK_SLOW_REQUEST_MS:
        return
    fields = {"method": request.method, "route": _route(request), "status": response.status_code,
              "duration_ms": round(duration_ms), "user_id": _user_id(request)}
    # The fields are in the message for text logs and beside it for JSON logs.
    logger.warning("slow request %(method)s %(route)s %(status)s %(duration_ms)sms user=%(user_id)s",
                   fields, extra=fields)


def _route(request: HttpRequest) -> str:
    """The URL pattern (`reports/<int:pk>/`) groups a page's slow requests and names no one; a
    request that matched none gives its path, never its query string (a search may be a name)."""
    match = getattr(request, "resolver_match", None)
    return match.route if match and match.route else request.path[:200]


def _user_id(request: HttpRequest) -> int | None:
    """The id, never the username: usernames are e-mail addresses here. Only a user the request
    already loaded: a session lookup here could fail a response that is already made."""
    user = getattr(request, "_cached_user", None)
    return user.pk if user is not None and user.is_authenticated else None
