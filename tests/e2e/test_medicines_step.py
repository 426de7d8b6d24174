"""The medicines step in a browser: ticking a benzodiazepine reveals the optional dose question, and the page with
it open still passes axe."""

from playwright.sync_api import expect

from eligibility.models import Questionnaire


def test_ticking_a_benzodiazepine_reveals_the_dose_question_and_the_page_passes_axe(site, page, axe_violations):
    page.goto(site + "/eligibility/")
    page.get_by_role("button", name="Start now").click()
    page.goto(site + "/eligibility/medicines/")
    dose = page.get_by_label("Which benzodiazepine do you take, and how much in a day? (optional)")
    expect(dose).to_be_hidden()
    page.get_by_label("A benzodiazepine, such as alprazolam (Xanax)").check()
    expect(dose).to_be_visible()
    dose.fill("Klonopin 0.5 mg twice a day")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your medical history")
    answers = Questionnaire.objects.get().answers["medicines"]
    assert answers == {**answers, "medicines": ["benzodiazepine"], "benzodiazepine_dose": "Klonopin 0.5 mg twice a day"}
