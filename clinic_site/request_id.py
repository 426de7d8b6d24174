"""A request id on every log line and on every response (X-Request-ID), so one request's lines can be found."""

import contextvars
import re
import uuid

_request_id = contextvars.ContextVar("request_id", default="-")
_VALID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = offered if _VALID.match(offered) else uuid.uuid4().hex
        # Not reset on the way out: Django logs the response status after the middleware has returned.
        _request_id.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


def current_request_id() -> str:
    return _request_id.get()
