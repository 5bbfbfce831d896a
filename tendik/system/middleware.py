"""A request id on every request (and its response), for the logs."""

import re
import uuid

from .logging import request_id_var

HEADER = "X-Request-ID"
# A proxy's id is kept only when it is a plain token: nothing a client sends reaches the logs raw.
VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        request_id = given if VALID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[HEADER] = request_id
        return response
