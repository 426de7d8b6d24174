"""The crisis panel's form: a phone number for an urgent call, saved with the draft, which is flagged urgent at once.

Without JavaScript the form posts and the person is returned to the page they were on. The panel's script posts the
same form with `Accept: application/json` and gets JSON back, so the answers typed on the page are not lost.
"""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from clinic_site.http import private_page
from clinic_site.models import ClinicDetails
from clinic_site.public_forms import protected_form
from eligibility.call_promise import callback_phone, number_ending, told_to_patient
from eligibility.questionnaire_steps import STEP_BY_SLUG
from eligibility.questionnaire_views import _draft, _steps
from eligibility.urgent import ask_for_urgent_call
from eligibility.urgent_call_limits import NOT_SAVED, mark_urgent_without_alert, too_many_urgent_calls
from eligibility.urgent_forms import CallbackPhoneForm

PANEL_ANCHOR = "#urgent-panel"
OTHER_PAGES = {"save": "eligibility:questionnaire_save"}  # pages with the panel besides the steps and check page


def _page_to_return_to(draft, return_to: str) -> str:
    """The step (or check or save page) the person was on; only pages of their own questionnaire, never an address."""
    if return_to in OTHER_PAGES:
        return reverse(OTHER_PAGES[return_to])
    step = STEP_BY_SLUG.get(return_to)
    if step in _steps(draft):
        return reverse("eligibility:questionnaire_step", args=[step.slug])
    return reverse("eligibility:questionnaire_check")


def _not_saved_message(clinic: ClinicDetails) -> str:
    """No draft in this browser: it timed out, was sent, or was taken to another device by a resume link."""
    return gettext(
        "We could not save your number here. If you need help now, call or text 988. During opening hours you can "
        "call us on %(phone)s."
    ) % {"phone": clinic.phone}


@never_cache
@private_page
@require_POST
@protected_form
def urgent_call(request):
    wants_json = "application/json" in request.headers.get("Accept", "")
    clinic = ClinicDetails.load()
    draft = _draft(request)
    if draft is None:
        if wants_json:
            return JsonResponse({"error": _not_saved_message(clinic)}, status=409)
        return render(request, "eligibility/urgent_call_not_saved.html", status=409)
    replacing = "different_number" in request.POST
    form = CallbackPhoneForm(
        request.POST, number_known=bool(callback_phone(draft)), replacing=replacing, auto_id="urgent-call-%s"
    )
    return_to = request.POST.get("return_to", "")
    if form.is_valid() and too_many_urgent_calls(request, phone=form.cleaned_data["phone"]):
        mark_urgent_without_alert(draft=draft)
        form.add_error("phone", str(NOT_SAVED))
    if form.is_valid():
        ask_for_urgent_call(draft=draft, phone=form.cleaned_data["phone"])
        if wants_json:
            promise = told_to_patient(draft, clinic=clinic)
            return JsonResponse({"saved": True, "promise": promise, "number_ending": number_ending(draft)})
        return redirect(_page_to_return_to(draft, return_to) + PANEL_ANCHOR)
    if wants_json:
        return JsonResponse({"error": form.errors["phone"][0]}, status=400)
    back = _page_to_return_to(draft, return_to)
    context = {"form": form, "return_to": return_to, "back": back, "replacing": replacing}
    return render(request, "eligibility/urgent_call.html", context)
