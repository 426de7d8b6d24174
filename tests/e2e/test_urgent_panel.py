"""The crisis panel beside PHQ-9 question 9: on screen and announced the moment an answer above 0 is chosen, asking
for a phone number when we have none; and, with JavaScript off, the same help and question on the next page."""

import pytest
from playwright.sync_api import expect

from eligibility.models import Questionnaire
from eligibility.urgent import CRISIS_PANEL
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
    saved = panel.get_by_text("Thank you, we have saved your number. A clinician will call you")
    expect(saved).to_be_visible()
    expect(saved.locator("xpath=..")).to_be_focused()
    expect(phone).to_be_hidden()
    # Nothing else typed on the page was lost: the answers are still chosen, and the page was not sent.
    expect(page.get_by_role("group", name="9.").get_by_label("Several days")).to_be_checked()
    expect(page).to_have_url(site + "/eligibility/phq-9/")
    draft = Questionnaire.objects.get()
    assert draft.urgent
    assert draft.answers[CRISIS_PANEL] == {"phone": "+12075550142"}
    assert "phq-9" not in draft.answers
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
    expect(panel.get_by_label("Your phone number (optional)")).to_have_count(0)
    assert Questionnaire.objects.get().answers[CRISIS_PANEL] == {"phone": "+12075550142"}
