"""Error reports (e-mailed to ADMINS) carry what a developer needs to find the fault, and nothing a person typed.

Django's defaults hide only what a view marks as sensitive. Here the report is built from an allow-list: the
exception and the code it passed through, the method, the path with any resume token cut out, and a few plain
request headers. Never a query string, the Referer, a cookie, a form value, a local variable or the settings.
"""

from types import SimpleNamespace

from django.core.exceptions import SuspiciousOperation
from django.http import QueryDict, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict
from django.utils.functional import cached_property
from django.utils.log import AdminEmailHandler
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from clinic_site.logs import redact

HIDDEN = "********"
# The only request headers (and WSGI variables) a report shows: none of them can carry what a person typed.
SAFE_META = (
    "REQUEST_METHOD",
    "SERVER_PROTOCOL",
    "CONTENT_TYPE",
    "CONTENT_LENGTH",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_USER_AGENT",
    "HTTP_X_REQUEST_ID",
    "wsgi.url_scheme",
)


# What reading a query string or body Django refused raises, again on every read (too many fields, too big).
REFUSED_DATA = (SuspiciousOperation, MultiPartParserError, UnreadablePostError)


def _hidden(names) -> dict:
    return dict.fromkeys(names, HIDDEN)


class _ParsedOrEmpty:
    """The request as a report reads it: a query string or body Django refused reads as empty instead of raising
    again, which would fail the report and the error page with it (gunicorn's bare 500, no security headers)."""

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return getattr(self._request, name)

    def _or_empty(self, name, empty):
        try:
            return getattr(self._request, name)
        except REFUSED_DATA:
            return empty

    @cached_property
    def GET(self):
        return self._or_empty("GET", QueryDict())

    @cached_property
    def POST(self):
        return self._or_empty("POST", QueryDict())

    @cached_property
    def FILES(self):
        return self._or_empty("FILES", MultiValueDict())


class NoPersonalDataFilter(SafeExceptionReporterFilter):
    def is_active(self, request):
        return True

    def get_post_parameters(self, request):
        return _hidden(_ParsedOrEmpty(request).POST) if request is not None else {}

    def get_safe_cookies(self, request):
        return _hidden(getattr(request, "COOKIES", {}))

    def get_traceback_frame_variables(self, request, tb_frame):
        return list(_hidden(tb_frame.f_locals).items())

    def get_safe_request_meta(self, request):
        if request is None:
            return {}
        meta = {name: request.META[name] for name in SAFE_META if name in request.META}
        return {**meta, "PATH_INFO": redact(request.path_info)}

    def get_safe_settings(self):
        return {}


class NoPersonalDataReporter(ExceptionReporter):
    def __init__(self, request, *args, **kwargs):
        super().__init__(_ParsedOrEmpty(request) if request is not None else None, *args, **kwargs)

    def get_traceback_data(self):
        data = super().get_traceback_data()
        data.pop("settings", None)
        data["unicode_hint"] = ""  # a slice of the text that failed to decode: what someone sent
        for text in ("exception_value", "exception_notes"):
            if text in data:
                data[text] = redact(str(data[text]))
        for frame in data["frames"]:
            if frame.get("exc_cause") is not None:
                frame["exc_cause"] = redact(str(frame["exc_cause"]))
        if self.request is not None:
            path = redact(self.request.path_info)
            parameters = [("parameters", f"{len(self.request.GET)}, hidden")] if self.request.GET else []
            files = list(_hidden(self.request.FILES).items())
            data.update(
                # The templates read these from the request itself; they get a view with the path redacted.
                request=SimpleNamespace(
                    path_info=path,
                    META={"REQUEST_METHOD": self.request.method},
                    GET=parameters,
                    FILES=files,
                    COOKIES=data["request_COOKIES_items"],
                ),
                request_GET_items=parameters,
                request_FILES_items=files,
                request_insecure_uri=path,
            )
        return data


class ScrubbingAdminEmailHandler(AdminEmailHandler):
    """The report's subject and first line name the failing URL: its resume token or query string is cut out."""

    def format_subject(self, subject):
        return super().format_subject(redact(subject))

    def format(self, record):
        return redact(super().format(record))
