import uuid

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from clinic_site.http import findable_form, private_page
from clinic_site.models import ClinicDetails
from clinic_site.public_forms import protected_form
from eligibility.forms import ConsultationRequestForm
from eligibility.services import submit_consultation_request

# The request's reference, kept in a signed cookie for the "received" page and to link a questionnaire started
# next: a visitor who sends a request gets no server-side session (and no session row to store and purge).
REFERENCE_COOKIE = "consultation_reference"
_SALT = "eligibility.consultation-reference"


def remember_reference(response, reference: str) -> None:
    response.set_signed_cookie(
        REFERENCE_COOKIE, reference, salt=_SALT, max_age=settings.SESSION_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE, httponly=settings.SESSION_COOKIE_HTTPONLY,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )  # fmt: skip


def remembered_reference(request) -> str | None:
    """This browser's request reference; None when there is none, or it was altered or is too old."""
    return request.get_signed_cookie(REFERENCE_COOKIE, None, salt=_SALT, max_age=settings.SESSION_COOKIE_AGE)


@never_cache
@findable_form
@protected_form
def consultation_request(request):
    clinic = ClinicDetails.load()
    if request.method == "POST":
        form = ConsultationRequestForm(request.POST, states=clinic.states)
        if form.is_valid():
            record = submit_consultation_request(data=form.cleaned_data, clinic=clinic)
            response = redirect("eligibility:consultation_received")
            remember_reference(response, record.reference)
            return response
    else:
        form = ConsultationRequestForm(states=clinic.states, initial={"submission_key": uuid.uuid4()})
    return render(request, "eligibility/consultation_request.html", {"form": form})


@never_cache
@private_page
def consultation_received(request):
    reference = remembered_reference(request)
    if not reference:
        return redirect("eligibility:consultation_request")
    return render(request, "eligibility/consultation_received.html", {"reference": reference})
