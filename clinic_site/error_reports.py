"""Error reports (e-mailed to ADMINS or shown in logs) never carry what a person typed.

Django's default filter hides only parameters a view marks as sensitive; here every form value,
every cookie, every query-string value and every local variable in the traceback is hidden.
"""

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

HIDDEN = "********"


class NoPersonalDataFilter(SafeExceptionReporterFilter):
    def is_active(self, request):
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, HIDDEN)

    def get_safe_cookies(self, request):
        return dict.fromkeys(getattr(request, "COOKIES", {}), HIDDEN)

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, HIDDEN) for name in tb_frame.f_locals]


class NoPersonalDataReporter(ExceptionReporter):
    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None:
            data["request_GET_items"] = [(key, HIDDEN) for key in self.request.GET]
            data["request_insecure_uri"] = self.request.build_absolute_uri(self.request.path)
        data.pop("settings", None)
        return data
