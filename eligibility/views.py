import uuid

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from clinic_site.http import private_page
from clinic_site.models import ClinicDetails
from clinic_site.public_forms import protected_form
from eligibility.forms import ConsultationRequestForm
from eligibility.services import submit_consultation_request

SESSION_REFERENCE = "consultation_reference"


@never_cache
@private_page
@protected_form
def consultation_request(request):
    states = ClinicDetails.load().states
    if request.method == "POST":
        form = ConsultationRequestForm(request.POST, states=states)
        if form.is_valid():
            record = submit_consultation_request(data=form.cleaned_data, admin_base_url=request.build_absolute_uri("/"))
            request.session[SESSION_REFERENCE] = record.reference
            return redirect("eligibility:consultation_received")
    else:
        form = ConsultationRequestForm(states=states, initial={"submission_key": uuid.uuid4()})
    return render(request, "eligibility/consultation_request.html", {"form": form})


@never_cache
@private_page
def consultation_received(request):
    reference = request.session.get(SESSION_REFERENCE)
    if not reference:
        return redirect("eligibility:consultation_request")
    return render(request, "eligibility/consultation_received.html", {"reference": reference})
