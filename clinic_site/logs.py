"""Structured (JSON) logs: every line carries the request id, and nothing a person typed or a credential gets through.

Wired up in settings.LOGGING. Security events go to the "clinic.security" logger (see clinic_site/security_events.py).
"""

import re
from logging import Filter
from urllib.parse import unquote

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from clinic_site.request_id import current_request_id

_RESUME_LINK = re.compile(r"(?i)(/eligibility/resume/)[^/\s\"']+")
_REDACTIONS = (
    (_RESUME_LINK, r"\1[redacted]"),  # resume links are credentials, however their address is spelled
    (re.compile(r"\?[^\s\"']*"), "?[redacted]"),  # query strings (search terms)
    (re.compile(r"(?i)\b(cookie|authorization|x-csrftoken)(\s*[:=]\s*)[^\n]*"), r"\1\2[redacted]"),
    (re.compile(r"(?i)\b(csrfmiddlewaretoken|sessionid|csrftoken)=[^&\s;]+"), r"\1=[redacted]"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[email]"),
)
# Attributes Django and libraries attach to log records that may hold form data, cookies or headers.
_UNSAFE_ATTRIBUTES = ("request", "data", "POST", "GET", "COOKIES", "headers", "body")


# Anything with a %-escape in it, as gunicorn's access line and error carry the address exactly as it was sent.
_ESCAPED = re.compile(r"[^\s\"']*%[0-9A-Fa-f]{2}[^\s\"']*")


def _as_the_app_reads(escaped) -> str:
    """A %-escaped resume link (/eligibility%2Fresume%2F…, resum%65) works like the plain one: it is unescaped, as the
    app reads it, so that it is redacted like one. Anything else is left as it was sent."""
    unescaped = unquote(escaped[0])
    return unescaped if _RESUME_LINK.search(unescaped) else escaped[0]


def redact(text: str) -> str:
    text = _ESCAPED.sub(_as_the_app_reads, text)
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RequestIdFilter(Filter):
    def filter(self, record):
        record.request_id = current_request_id()
        return True


class ScrubbingJsonFormatter(JsonFormatter):
    """One JSON object per line, with the message and traceback redacted and no request, form or cookie objects."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, *_UNSAFE_ATTRIBUTES])
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        log_data["message"] = redact(record.getMessage())
        request = getattr(record, "request", None)
        if hasattr(request, "method"):
            log_data["http"] = f"{request.method} {redact(request.path)}"

    def formatException(self, ei):
        return redact(super().formatException(ei))

    def formatStack(self, stack_info):
        return redact(super().formatStack(stack_info))
