"""The admin site for staff: password plus a second factor, and a page to set the second factor up."""

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.forms import OTPAuthenticationFormMixin

from clinic_site import sign_in_throttle, two_factor
from clinic_site.http import private_page
from clinic_site.security_events import log_event

# One message for every failed sign-in, whichever part was wrong: a different one would tell a right password.
SIGN_IN_FAILED = "That did not work. Check your username, password and code, then try again."
CODE_HINT = "The 6-digit code from your authenticator app, or one of your recovery codes."


class OneTimeCodeInput(forms.TextInput):
    """A code is a credential, used once: never sent back in the page."""

    def format_value(self, value):
        return None


def _code_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=40,
        help_text=CODE_HINT,
        widget=OneTimeCodeInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class StaffLoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    otp_token = _code_field("Authentication code")
    error_messages = {**AdminAuthenticationForm.error_messages, "invalid_login": SIGN_IN_FAILED}
    otp_error_messages = dict.fromkeys(OTPAuthenticationFormMixin.otp_error_messages, SIGN_IN_FAILED)

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and two_factor.required() and two_factor.is_enrolled(user):
            code = two_factor.normalise(cleaned.get("otp_token"))
            device = two_factor.device_for_code(user, code)
            self.cleaned_data.update(otp_token=code, otp_device=device.persistent_id if device else None)
            try:
                self.clean_otp(user)
            except forms.ValidationError:
                # A wrong code counts towards the lock-out like a wrong password (django-axes listens for this).
                credentials = {"username": user.get_username()}
                user_login_failed.send(sender=type(self), credentials=credentials, request=self.request)
                raise
        return cleaned

    def _update_form(self, user):
        """django-otp would send the password back in the page after a wrong code: a sign that it was right."""


class ConfirmDeviceForm(forms.Form):
    code = forms.CharField(
        label="Code from your app",
        max_length=10,
        error_messages={"required": "Enter the 6-digit code your app shows for this site."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class ReauthenticateForm(forms.Form):
    """Replacing an authenticator needs the password and a code from the current one, not just a session."""

    password = forms.CharField(
        label="Your password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    code = _code_field("Code from your current app, or a recovery code")

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self):
        cleaned = super().clean()
        if not two_factor.reauthenticate(self.request, password=cleaned.get("password"), code=cleaned.get("code")):
            raise forms.ValidationError("That did not work. Check your password and code, then try again.")
        return cleaned


class AutocompleteOutsideRecords(AutocompleteJsonView):
    """The admin's autocomplete runs a model admin's search, but none of the audit around its list page: for an admin
    that sets `refuses_autocomplete` (every admin of patient records) it answers 403, so a search by e-mail or phone
    cannot skip the audit trail. No admin page uses autocomplete for those models."""

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        if getattr(model_admin, "refuses_autocomplete", False):
            raise PermissionDenied
        return term, model_admin, source_field, to_field_name


class ClinicAdminSite(admin.AdminSite):
    site_header = "Clinic staff"
    site_title = "Clinic staff"
    index_title = "Staff area"
    login_form = StaffLoginForm

    def has_permission(self, request):
        verified = not two_factor.required() or request.user.is_verified()
        return super().has_permission(request) and verified

    def admin_view(self, view, cacheable=False):
        """Every staff page is kept out of search engines, whatever it is (the admin's HTML already asks, in a meta
        tag; the header also covers what is not HTML). The admin adds never_cache itself."""
        return private_page(super().admin_view(view, cacheable))

    @method_decorator([never_cache, private_page])
    def login(self, request, extra_context=None):
        if two_factor.needs_enrolment(request.user):
            return redirect("admin:two_factor_setup")
        if request.method != "POST":
            return super().login(request, extra_context)
        if sign_in_throttle.too_many_from_address(request):
            return render(request, "sign_in_slowed.html", {"busy_address": True}, status=429)
        username = request.POST.get("username", "")
        if sign_in_throttle.must_wait(request, username):
            return render(request, "sign_in_slowed.html", {"seconds": sign_in_throttle.SLOW_SECONDS}, status=429)
        response = super().login(request, extra_context)
        if response.status_code == 302 and request.user.is_authenticated:
            sign_in_throttle.remember_browser(response, username)
        else:
            sign_in_throttle.record_failure(request, username)
        return response

    def autocomplete_view(self, request):
        return AutocompleteOutsideRecords.as_view(admin_site=self)(request)

    def get_urls(self):
        setup = path("two-factor/setup/", never_cache(private_page(self.two_factor_setup)), name="two_factor_setup")
        return [setup, *super().get_urls()]

    def two_factor_setup(self, request):
        """Set up the authenticator app: at the first sign-in, or to replace it, once the password and a current code
        have been given again. Either way its owner is told by e-mail."""
        user = request.user
        if not (two_factor.needs_enrolment(user) or self.has_permission(request)):
            return redirect("admin:login")
        enrolled = two_factor.is_enrolled(user)
        if enrolled and not two_factor.recently_reauthenticated(request):
            return self._reauthenticate(request)
        device = two_factor.pending_device(user)
        form = ConfirmDeviceForm(request.POST or None)
        if form.is_valid():
            codes = two_factor.confirm(device, form.cleaned_data["code"])
            if codes is not None:
                otp_login(request, device)
                two_factor.forget_reauthentication(request)
                two_factor.tell_owner_of_new_authenticator(user)
                log_event("authenticator_replaced" if enrolled else "authenticator_set_up", request, user_id=user.pk)
                context = {**self.each_context(request), "title": "Save your recovery codes", "codes": codes}
                return TemplateResponse(request, "admin/two_factor_recovery_codes.html", context)
            form.add_error("code", "That code did not match. Check your phone's clock and enter the newest code.")
        context = {
            **self.each_context(request),
            "title": "Set up two-factor sign-in",
            "form": form,
            "qr_svg": two_factor.qr_code_svg(device),
            "secret": two_factor.readable_secret(device),
        }
        return TemplateResponse(request, "admin/two_factor_setup.html", context)

    def _reauthenticate(self, request):
        form = ReauthenticateForm(request.POST or None, request=request)
        if form.is_valid():
            two_factor.mark_reauthenticated(request)
            return redirect("admin:two_factor_setup")
        context = {**self.each_context(request), "title": "Replace your authenticator app", "form": form}
        return TemplateResponse(request, "admin/two_factor_reauthenticate.html", context)
