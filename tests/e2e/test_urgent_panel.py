"""The crisis panel beside PHQ-9 question 9: on screen and announced the moment an answer above 0 is chosen, asking
for a phone number when we have none; and, with JavaScript off, the same help and question on the next page."""

import pytest
from playwright.sync_api import expect

from clinic_site.models import ClinicDetails
from eligibility.call_promise import CRISIS_PANEL, told_to_patient
from eligibility.models import Questionnaire
from tests.e2e.test_consultation_journey import fill_and_send
from tests.e2e.test_questionnaire_journey import fill_before_phq9


def continue_(page):
    return lambda name: page.get_by_role("button", name="Continue").click()


def reach_phq9(page, site, *, javascript: bool = True):
    page.goto(site + "/eligibility/")
    page.get_by_role("button", name="Start now").click()
    fill_before_phq9(page, continue_(page), javascript=javascript)
    expect(page.get_by_role("heading", level=1)).to_have_text("How you have been feeling (PHQ-9)")


def test_choosing_an_answer_above_zero_on_question_nine_shows_and_announces_help_at_once(site, page, axe_violations):
    reach_phq9(page, site)
    panel = page.locator("#item9-panel")
    expect(panel).to_be_hidden()
    for number in range(1, 9):
        page.get_by_role("group", name=f"{number}.").get_by_label("Several days").check()
    page.get_by_role("group", name="9.").get_by_label("Several days").check()
    expect(panel).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(
        "Help is shown below this question. If you are struggling, you can call or text 988 at any time."
    )
    expect(panel.get_by_role("link", name="988").first).to_have_attribute("href", "tel:988")
    expect(panel.get_by_text("We do not have a phone number for you yet.")).to_be_visible()
    assert axe_violations(page) == []

    phone = panel.get_by_label("Your phone number (optional)")
    phone.fill("207 555 0142")
    panel.get_by_role("button", name="Save my number").click()
    saved = panel.locator("#urgent-call-saved")
    expect(saved).to_be_visible()
    expect(saved).to_be_focused()
    # The promise the server stored when the clinic was told, and the number it goes to.
    expect(saved).to_contain_text(f"Thank you, we have saved your number. {told_to_patient(draft(), clinic=clinic())}")
    expect(saved).to_contain_text("We will call the number ending in 0142. Please answer calls from (555) 010-4200.")
    expect(phone).to_be_hidden()
    # Nothing else typed on the page was lost: the answers are still chosen, and the page was not sent.
    expect(page.get_by_role("group", name="9.").get_by_label("Several days")).to_be_checked()
    expect(page).to_have_url(site + "/eligibility/phq-9/")
    assert draft().urgent
    assert draft().answers[CRISIS_PANEL] == {"phone": "+12075550142"}
    assert "phq-9" not in draft().answers
    assert axe_violations(page) == []


def draft() -> Questionnaire:
    return Questionnaire.objects.get()


def clinic() -> ClinicDetails:
    return ClinicDetails.load()


def test_with_a_number_on_file_the_panel_names_its_last_digits_and_takes_a_different_one(site, page, axe_violations):
    """On a shared computer the request found by the cookie may be someone else's: the person can say so."""
    page.goto(site + "/consultation/")
    fill_and_send(page)
    reach_phq9(page, site)
    page.get_by_role("group", name="9.").get_by_label("Several days").check()
    panel = page.locator("#item9-panel")
    promise = panel.locator("#item9-promise")
    expect(promise).to_be_visible()  # only once the clinic has been told
    expect(promise).to_contain_text(told_to_patient(draft(), clinic=clinic()))
    expect(promise).to_contain_text("We will call the number ending in 0123. Please answer calls from (555) 010-4200.")
    assert draft().urgent
    assert axe_violations(page) == []

    promise.get_by_text("This is not my number").click()
    promise.get_by_label("The number to call you on").fill("207 555 0142")
    promise.get_by_role("button", name="Use this number").click()
    saved = panel.locator("#urgent-call-saved")
    expect(saved).to_be_focused()
    expect(saved).to_have_text("Thank you, we have saved the new number.")
    expect(promise.locator("[data-number-ending]")).to_have_text("0142")
    expect(page).to_have_url(site + "/eligibility/phq-9/")
    assert draft().answers[CRISIS_PANEL] == {"phone": "+12075550142"}
    assert axe_violations(page) == []


def test_a_number_we_cannot_call_is_explained_beside_the_box(site, browser):
    """Its own page, not the `page` fixture: the browser logs the 400 answer as a console error."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    reach_phq9(page, site)
    page.get_by_role("group", name="9.").get_by_label("Nearly every day").check()
    phone = page.get_by_label("Your phone number (optional)")
    phone.fill("12")
    phone.press("Enter")
    expect(page.locator("#urgent-call-phone-error")).to_have_text("Error: Enter a phone number, like 207 555 0123")
    expect(phone).to_be_focused()
    expect(phone).to_have_attribute("aria-invalid", "true")
    assert "urgent-call-phone-error" in phone.get_attribute("aria-describedby")
    assert not Questionnaire.objects.get().urgent
    context.close()


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    yield context.new_page()
    context.close()


def test_without_javascript_the_next_page_has_the_help_and_the_same_question(site, page_without_javascript):
    page = page_without_javascript
    reach_phq9(page, site, javascript=False)
    expect(page.locator("#item9-panel")).to_be_hidden()
    for number in range(1, 10):
        page.get_by_role("group", name=f"{number}.").get_by_label("Several days").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Getting home after a session")
    panel = page.locator("#urgent-panel")
    expect(panel.get_by_text("We do not have a phone number for you yet.")).to_be_visible()
    panel.get_by_label("Your phone number (optional)").fill("207 555 0142")
    panel.get_by_role("button", name="Save my number").click()
    expect(page).to_have_url(site + "/eligibility/getting-home/#urgent-panel")
    expect(page.get_by_role("heading", level=1)).to_have_text("Getting home after a session")
    expect(panel.get_by_text("A clinician will call you")).to_be_visible()
    expect(panel).to_contain_text("We will call the number ending in 0142.")
    expect(panel.get_by_label("Your phone number (optional)")).to_have_count(0)
    assert Questionnaire.objects.get().answers[CRISIS_PANEL] == {"phone": "+12075550142"}
