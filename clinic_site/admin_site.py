"""The admin site for staff: password plus a second factor, and a page to set the second factor up."""

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.forms import OTPAuthenticationFormMixin

from clinic_site import two_factor


class StaffLoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    otp_token = forms.CharField(
        label="Authentication code",
        required=False,
        max_length=40,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "Enter the 6-digit code from your authenticator app, or a recovery code.",
        "invalid_token": "That code did not work. Enter the newest code from your app, or an unused recovery code.",
    }

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and two_factor.required() and two_factor.is_enrolled(user):
            code = two_factor.normalise(cleaned.get("otp_token"))
            device = two_factor.device_for_code(user, code)
            self.cleaned_data.update(otp_token=code, otp_device=device.persistent_id if device else None)
            self.clean_otp(user)
        return cleaned


class ConfirmDeviceForm(forms.Form):
    code = forms.CharField(
        label="Code from your app",
        max_length=10,
        error_messages={"required": "Enter the 6-digit code your app shows for this site."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class ClinicAdminSite(admin.AdminSite):
    site_header = "Clinic staff"
    site_title = "Clinic staff"
    index_title = "Staff area"
    login_form = StaffLoginForm

    def has_permission(self, request):
        verified = not two_factor.required() or request.user.is_verified()
        return super().has_permission(request) and verified

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        if two_factor.needs_enrolment(request.user):
            return redirect("admin:two_factor_setup")
        return super().login(request, extra_context)

    def get_urls(self):
        setup = path("two-factor/setup/", never_cache(self.two_factor_setup), name="two_factor_setup")
        return [setup, *super().get_urls()]

    def two_factor_setup(self, request):
        """Set up (or replace) the authenticator app. Open to a signed-in staff member who has none yet,
        or who has already passed both factors in this session."""
        user = request.user
        if not (two_factor.needs_enrolment(user) or self.has_permission(request)):
            return redirect("admin:login")
        device = two_factor.pending_device(user)
        form = ConfirmDeviceForm(request.POST or None)
        if form.is_valid():
            codes = two_factor.confirm(device, form.cleaned_data["code"])
            if codes is not None:
                otp_login(request, device)
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
