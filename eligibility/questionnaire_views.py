"""The questionnaire: one short page per step, drafts kept on the server, nothing left in the session after submit."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from clinic_site.http import private_page
from clinic_site.public_forms import protected_form
from eligibility.models import ConsultationRequest, Questionnaire
from eligibility.questionnaire_forms import ResumeLinkForm
from eligibility.questionnaire_steps import STEP_BY_SLUG, answer_summary, first_unanswered, steps_for
from eligibility.services import (
    find_draft_by_resume_token,
    save_questionnaire_step,
    send_resume_link,
    submit_questionnaire,
)
from eligibility.views import remembered_reference

SESSION_DRAFT = "questionnaire_draft"
SESSION_DONE = "questionnaire_done"


def _draft(request) -> Questionnaire | None:
    pk = request.session.get(SESSION_DRAFT)
    if pk is None:
        return None
    return Questionnaire.objects.filter(pk=pk, status=Questionnaire.Status.DRAFT, expires_at__gt=timezone.now()).first()


def _steps(draft):
    return steps_for(linked_to_request=draft.request_id is not None)


@never_cache
@private_page
@protected_form
def start(request):
    """What the questionnaire asks and why; starting makes a server-side draft."""
    if request.method == "POST":
        linked = ConsultationRequest.objects.filter(reference=remembered_reference(request)).first()
        if linked and Questionnaire.objects.filter(request=linked).exists():
            linked = None
        draft = Questionnaire.objects.create(request=linked)
        request.session[SESSION_DRAFT] = draft.pk
        return redirect("eligibility:questionnaire_step", slug=_steps(draft)[0].slug)
    return render(request, "eligibility/questionnaire_start.html", {"draft": _draft(request)})


@never_cache
@private_page
@protected_form
def step(request, slug):
    """Any step: its form shown, or checked and saved by the step; then the next step, or "save and come back"."""
    draft = _draft(request)
    if draft is None:
        return redirect("eligibility:questionnaire_start")
    steps = _steps(draft)
    current = STEP_BY_SLUG.get(slug)
    if current not in steps:
        return redirect("eligibility:questionnaire_step", slug=steps[0].slug)
    index = steps.index(current)
    form = current.form(draft.answers, request.POST if request.method == "POST" else None)
    if form.is_valid():
        save_questionnaire_step(draft=draft, step=current, answer=current.answer(form))
        if "save_for_later" in request.POST:
            return redirect("eligibility:questionnaire_save")
        if index + 1 < len(steps):
            return redirect("eligibility:questionnaire_step", slug=steps[index + 1].slug)
        return redirect("eligibility:questionnaire_check")
    context = {
        "draft": draft,
        "step": current,
        "form": form,
        "number": index + 1,
        "total": len(steps) + 1,
        "previous": steps[index - 1] if index else None,
    }
    return render(request, current.template, context)


@never_cache
@private_page
@protected_form
def check(request):
    draft = _draft(request)
    if draft is None:
        return redirect("eligibility:questionnaire_start")
    missing = first_unanswered(_steps(draft), draft.answers)
    if missing:
        return redirect("eligibility:questionnaire_step", slug=missing.slug)
    if request.method == "POST":
        submitted = submit_questionnaire(draft=draft)
        request.session.pop(SESSION_DRAFT, None)
        request.session[SESSION_DONE] = submitted.request.reference
        return redirect("eligibility:questionnaire_done")
    summary = answer_summary(draft.answers, _steps(draft))
    return render(
        request,
        "eligibility/questionnaire_check.html",
        {"draft": draft, "summary": summary, "number": len(_steps(draft)) + 1, "total": len(_steps(draft)) + 1},
    )


@never_cache
@private_page
def done(request):
    reference = request.session.get(SESSION_DONE)
    if not reference:
        return redirect("eligibility:questionnaire_start")
    urgent = Questionnaire.objects.filter(request__reference=reference, urgent=True).exists()
    return render(request, "eligibility/questionnaire_done.html", {"reference": reference, "urgent": urgent})


@never_cache
@private_page
@protected_form
def save_for_later(request):
    draft = _draft(request)
    if draft is None:
        return redirect("eligibility:questionnaire_start")
    form = ResumeLinkForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        send_resume_link(
            draft=draft,
            email=form.cleaned_data["email"],
            resume_url_for=lambda token: request.build_absolute_uri(
                reverse("eligibility:questionnaire_resume", args=[token])
            ),
        )
        sent = True
    return render(request, "eligibility/questionnaire_save.html", {"draft": draft, "sent": sent, "form": form})


@never_cache
@private_page
def resume(request, token):
    draft = find_draft_by_resume_token(token)
    if draft is None:
        return render(request, "eligibility/questionnaire_resume_failed.html", status=404)
    request.session[SESSION_DRAFT] = draft.pk
    missing = first_unanswered(_steps(draft), draft.answers)
    if missing:
        return redirect("eligibility:questionnaire_step", slug=missing.slug)
    return redirect("eligibility:questionnaire_check")
