from playwright.sync_api import expect

from eligibility.models import ConsultationRequest


def fill_and_send(page) -> None:
    """Jordan's request, from the consultation form on the page."""
    page.get_by_label("Full name").fill("Jordan Rivers")
    page.get_by_label("Email address").fill("jordan@example.com")
    page.get_by_label("Phone number").fill("207 555 0123")
    page.get_by_label("Phone call").check()
    page.get_by_label("Morning (8 am to noon)").check()
    page.get_by_label("Maine").check()
    page.get_by_label("I am 18 or over").check()
    page.get_by_label("I agree that the clinic may contact me about my request").check()
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Send request").click()


def test_a_patient_requests_a_consultation_from_the_home_page_by_clicking(site, page, axe_violations):
    page.goto(site + "/")
    page.locator(".hero").get_by_role("link", name="Request a consultation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request a consultation")
    assert axe_violations(page) == []
    fill_and_send(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("We have your request")
    reference = ConsultationRequest.objects.get().reference
    expect(page.locator(".reference")).to_have_text(reference)
    expect(page.get_by_text("If you are struggling right now, help is available")).to_be_visible()
    assert axe_violations(page) == []


def test_an_empty_form_lands_on_a_focused_error_summary(site, page, axe_violations):
    page.goto(site + "/consultation/")
    page.get_by_role("button", name="Send request").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title("Error: Request a consultation | Harbor Light Ketamine Clinic")
    summary.get_by_role("link", name="Enter your full name").click()
    expect(page.get_by_label("Full name")).to_be_focused()
    assert axe_violations(page) == []
    assert ConsultationRequest.objects.count() == 0


def test_the_form_can_be_completed_by_keyboard_alone(site, page):
    page.goto(site + "/consultation/")
    page.get_by_label("Full name").focus()
    page.keyboard.type("Jordan Rivers")
    page.keyboard.press("Tab")
    page.keyboard.type("jordan@example.com")
    page.keyboard.press("Tab")
    page.keyboard.type("207 555 0123")
    for _ in range(3):  # each radio group: Tab in, Space picks the first option
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
    page.keyboard.press("Tab")  # message (optional)
    for _ in range(3):  # 18 or over, consent to contact, privacy notice read
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
    page.keyboard.press("Tab")  # privacy notice link
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send request")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your request")
