"""The pages around a resume link and "Not you?", in a real browser: each passes axe and does what it says."""

import re

from django.core import mail
from django.http import HttpResponse
from playwright.sync_api import expect

from eligibility.models import Questionnaire
from eligibility.services import send_pending_emails
from eligibility.views import REFERENCE_COOKIE, remember_reference
from tests.factories import make_request


def emailed_link() -> str:
    """The outbox sender makes the link as it sends the e-mail."""
    send_pending_emails()
    return re.search(r"/eligibility/resume/[\w-]+/", mail.outbox[-1].body).group(0)


def test_not_you_then_save_resume_once_and_ask_for_a_new_link(site, page, axe_violations):
    record = make_request()  # sent from this browser by someone else, who left
    response = HttpResponse()
    remember_reference(response, record.reference)
    signed = response.cookies[REFERENCE_COOKIE].value
    page.context.add_cookies([{"name": REFERENCE_COOKIE, "value": signed, "url": site}])
    results = {}
    page.goto(site + "/eligibility/")
    expect(page.get_by_text(record.reference)).to_be_visible()
    results["start, joining a request"] = axe_violations(page)
    page.get_by_role("button", name="Start again").click()
    expect(page.get_by_text(record.reference)).to_have_count(0)
    page.get_by_role("button", name="Start now").click()
    assert Questionnaire.objects.get().request is None

    page.get_by_label("How old are you?").fill("45")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save and come back later").click()
    page.get_by_label("Email address").fill("alex@example.com")
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    link = site + emailed_link()

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Continue your questionnaire")
    results["resume"] = axe_violations(page)
    page.get_by_role("button", name="Continue my questionnaire").click()
    expect(page.get_by_text("Step 2 of 11")).to_be_visible()

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has been used")
    results["used link"] = axe_violations(page)
    page.get_by_role("button", name="Email me a new link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    results["new link sent"] = axe_violations(page)
    assert results == {name: [] for name in results}
