"""The questionnaire: one short page per step, drafts kept on the server, nothing left in the session after submit."""

import datetime
from functools import wraps
from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from clinic_site.http import private_page
from clinic_site.public_forms import protected_form
from eligibility.models import Questionnaire
from eligibility.questionnaire_forms import ResumeLinkForm
from eligibility.questionnaire_steps import STEP_BY_SLUG, answer_summary, first_unanswered, steps_for
from eligibility.resume_links import (
    LINK_LIFETIME_HOURS,
    LINKS_PER_HOUR,
    LinkState,
    last_address,
    link_state,
    redeem,
    send_link,
    too_many_links,
)
from eligibility.services import detach_from_request, save_questionnaire_step, submit_questionnaire
from eligibility.views import forget_reference, linkable_request

SESSION_DRAFT = "questionnaire_draft"
SESSION_GENERATION = "questionnaire_generation"
SESSION_DONE = "questionnaire_done"
DONE_PAGE_FOR = datetime.timedelta(minutes=30)
TOO_MANY_LINKS = format_lazy(
    _(
        "We can send at most {count} links an hour. Check your inbox and spam folder for the last one, "
        "or try again in an hour"
    ),
    count=LINKS_PER_HOUR,
)


def _origin_only_referer(view):
    """The token is in these pages' address: a Referer from them carries the site's origin only, never the path.

    Not "no-referrer": with it browsers send `Origin: null` on the page's own POST, which CSRF protection refuses.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "strict-origin"
        return response

    return wrapper


def _draft(request) -> Questionnaire | None:
    """This browser's draft, unless a resume link has since taken it to another browser."""
    pk = request.session.get(SESSION_DRAFT)
    if pk is None:
        return None
    try:  # get(), not first(): the key picks one row at most, which first() would sort and limit for nothing
        return Questionnaire.objects.get(
            pk=pk,
            status=Questionnaire.Status.DRAFT,
            expires_at__gt=timezone.now(),
            session_generation=request.session.get(SESSION_GENERATION, 0),
        )
    except Questionnaire.DoesNotExist:
        return None


def _hold(request, draft: Questionnaire) -> None:
    """Keep the draft in this browser's session, which ends when the browser closes (a shared computer forgets it).
    Whoever takes a draft here is not shown the page of the questionnaire last sent from this browser."""
    request.session.pop(SESSION_DONE, None)
    request.session[SESSION_DRAFT] = draft.pk
    request.session[SESSION_GENERATION] = draft.session_generation
    request.session.set_expiry(0)


def _let_go(request) -> None:
    request.session.pop(SESSION_DRAFT, None)
    request.session.pop(SESSION_GENERATION, None)


def _carry_on(draft):
    """To the first step still to answer, or to check-your-answers when none is left."""
    missing = first_unanswered(_steps(draft), draft.answers)
    if missing:
        return redirect("eligibility:questionnaire_step", slug=missing.slug)
    return redirect("eligibility:questionnaire_check")


def _steps(draft):
    return steps_for(linked_to_request=draft.request_id is not None)


@never_cache
@private_page
@protected_form
def start(request):
    """What the questionnaire asks and why; starting makes a server-side draft.

    "Start again" (this browser already holds a draft) never joins the request this browser sent: the person at
    the keyboard may not be the one who sent it. Nor does a start after "Not you?" cleared the reference.
    """
    current = _draft(request)
    if request.method == "POST":
        linked = None if current else linkable_request(request)
        draft = Questionnaire.objects.create(request=linked)
        _hold(request, draft)
        response = redirect("eligibility:questionnaire_step", slug=_steps(draft)[0].slug)
        if current:
            forget_reference(response)
        return response
    context = {"draft": current, "linked": None if current else linkable_request(request)}
    return render(request, "eligibility/questionnaire_start.html", context)


@never_cache
@require_POST
@protected_form
def not_you(request):
    """'Not you?': forget the request this browser sent. A draft already joined to it leaves it, keeping its
    answers, and asks for the contact details of the person at the keyboard."""
    request.session.pop(SESSION_DONE, None)
    draft = _draft(request)
    if draft is None:
        response = redirect("eligibility:questionnaire_start")
    else:
        if draft.request_id:
            detach_from_request(draft=draft)
        response = _carry_on(draft)
    forget_reference(response)
    return response


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
        if "save_for_later" in request.POST:  # the save page shows the notes this step's answers call for
            return redirect(f"{reverse('eligibility:questionnaire_save')}?{urlencode({'after': current.slug})}")
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
        _let_go(request)
        request.session[SESSION_DONE] = submitted.request.reference
        response = redirect("eligibility:questionnaire_done")
        forget_reference(response)  # the next questionnaire in this browser joins no earlier request
        return response
    summary = answer_summary(draft.answers, _steps(draft))
    return render(
        request,
        "eligibility/questionnaire_check.html",
        {
            "draft": draft,
            "summary": summary,
            "number": len(_steps(draft)) + 1,
            "total": len(_steps(draft)) + 1,
            "today": timezone.localdate(),  # the printed copy's date
        },
    )


@never_cache
@private_page
def done(request):
    """Shown for DONE_PAGE_FOR after sending: long enough to note the reference, not for whoever sits down next."""
    reference = request.session.get(SESSION_DONE)
    sent = Questionnaire.objects.filter(request__reference=reference, submitted_at__gt=timezone.now() - DONE_PAGE_FOR)
    if not reference or not sent.exists():
        request.session.pop(SESSION_DONE, None)
        return redirect("eligibility:questionnaire_start")
    urgent = sent.filter(urgent=True).exists()
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
        email = form.cleaned_data["email"]
        if too_many_links(request, draft=draft, email=email):
            form.add_error("email", TOO_MANY_LINKS)
        else:
            send_link(draft=draft, email=email)
            sent = True
    saved = STEP_BY_SLUG.get(request.GET.get("after", ""))
    context = {
        "draft": draft,
        "sent": sent,
        "form": form,
        "lifetime_hours": LINK_LIFETIME_HOURS,
        "saved_step": saved if saved in _steps(draft) else None,
    }
    return render(request, "eligibility/questionnaire_save.html", context)


@never_cache
@private_page
@_origin_only_referer
@protected_form
def resume(request, token):
    """Opening a link shows a button and no answers; only pressing it takes the draft to this browser.

    A link previewed by a mail scanner, or opened by someone looking over a shoulder, is not spent; once pressed,
    the link is spent, this browser gets a new session key, and every other browser loses the draft.
    """
    state, draft = link_state(token)
    if state is LinkState.UNKNOWN:
        return render(request, "eligibility/questionnaire_resume_failed.html", status=404)
    if state is not LinkState.USABLE:
        return _spent_link(request, token, state)
    if request.method == "POST":
        draft = redeem(token=token)
        if draft is None:  # pressed twice, or in two browsers at once: the other press won
            return _spent_link(request, token, LinkState.USED)
        request.session.cycle_key()
        _hold(request, draft)
        return _carry_on(draft)
    return render(request, "eligibility/questionnaire_resume.html")


def _spent_link(request, token: str, state: LinkState, *, sent: bool = False, refused: bool = False):
    context = {"token": token, "state": state.value, "sent": sent, "refused": refused, "hours": LINK_LIFETIME_HOURS}
    return render(request, "eligibility/questionnaire_resume_spent.html", context, status=200 if sent else 410)


@never_cache
@private_page
@_origin_only_referer
@require_POST
@protected_form
def new_resume_link(request, token):
    """A fresh link for a used or expired one, e-mailed to the address the old one went to (and nowhere else)."""
    state, draft = link_state(token)
    if state is LinkState.UNKNOWN:
        return render(request, "eligibility/questionnaire_resume_failed.html", status=404)
    if state is LinkState.USABLE:
        return redirect("eligibility:questionnaire_resume", token=token)
    email = last_address(draft)
    if too_many_links(request, draft=draft, email=email):
        return _spent_link(request, token, state, refused=True)
    send_link(draft=draft, email=email)
    return _spent_link(request, token, state, sent=True)
