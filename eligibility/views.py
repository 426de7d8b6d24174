import uuid

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from clinic_site.http import findable_form, private_page
from clinic_site.models import ClinicDetails
from clinic_site.public_forms import protected_form
from eligibility.forms import ConsultationRequestForm
from eligibility.models import ConsultationRequest
from eligibility.services import submit_consultation_request

# The request's reference, kept in a signed cookie for the "received" page and to link a questionnaire started
# next: a visitor who sends a request gets no server-side session (and no session row to store and purge).
# On a shared computer the next person must not join this person's request: the cookie ends with the browser
# session, its signature after an hour, and it is cleared by "Not you? Start again", by "Start again", and when
# the questionnaire is sent.
REFERENCE_COOKIE = "consultation_reference"
REFERENCE_MAX_AGE = 60 * 60
_SALT = "eligibility.consultation-reference"


def remember_reference(response, reference: str) -> None:
    response.set_signed_cookie(
        REFERENCE_COOKIE, reference, salt=_SALT,
        secure=settings.SESSION_COOKIE_SECURE, httponly=settings.SESSION_COOKIE_HTTPONLY,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )  # fmt: skip


def forget_reference(response) -> None:
    response.delete_cookie(REFERENCE_COOKIE, samesite=settings.SESSION_COOKIE_SAMESITE)


def remembered_reference(request) -> str | None:
    """This browser's request reference; None when there is none, or it was altered or is too old."""
    return request.get_signed_cookie(REFERENCE_COOKIE, None, salt=_SALT, max_age=REFERENCE_MAX_AGE)


def linkable_request(request) -> ConsultationRequest | None:
    """The request this browser sent, if a questionnaire started now may join it (it has none yet)."""
    reference = remembered_reference(request)
    if reference is None:
        return None
    return ConsultationRequest.objects.filter(reference=reference, questionnaire__isnull=True).first()


@never_cache
@findable_form
@protected_form
def consultation_request(request):
    clinic = ClinicDetails.for_request(request)
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
