from playwright.sync_api import expect

from eligibility.models import Questionnaire


def fill_before_phq9(page, step_done, *, javascript=True, age="45", reading=("128", "82"), past_attempt=""):
    """Answer steps 1 to 7, calling `step_done(name)` to leave each one. `past_attempt`: the answer to when it was."""
    page.get_by_label("How old are you?").fill(age)
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Height: feet").fill("5")
    page.get_by_label("Height: inches (optional)").fill("8")
    page.get_by_label("Weight in pounds (optional)").fill("170")
    step_done("about-you")
    page.get_by_label("Major depression (major depressive disorder)").check()
    page.get_by_label("More than 2 years").check()
    page.get_by_role("group", name="Do you see a psychiatrist").get_by_label("Yes").check()
    step_done("diagnosis")
    trial = page.get_by_role("group", name="Medicine 1")
    trial.get_by_label("Medicine name").fill("Sertraline")
    trial.get_by_label("Highest dose you took each day, in mg").fill("200")
    trial.get_by_label("Weeks at that dose").fill("10")
    trial.get_by_label("Result").select_option("none")
    trial.get_by_label("Did you take it in your current episode?").select_option("yes")
    step_done("antidepressants")
    page.get_by_role("group", name="alongside an antidepressant").get_by_label("None of these").check()
    for question in ("talking therapy", "TMS", "ECT", "Spravato", "ketamine before"):
        page.get_by_role("group", name=question).get_by_label("No").check()
    if javascript:  # without it, every follow-up question shows
        expect(page.get_by_label("How many sessions, and did it help?").first).to_be_hidden()
    step_done("other-treatments")
    page.get_by_label("None of these").check()
    step_done("medicines")
    year = page.get_by_label("Year of your most recent heart attack")
    if javascript:
        expect(year).to_be_hidden()
    page.get_by_label("A heart attack").check()
    expect(year).to_be_visible()  # a follow-up shown only when its box is ticked
    year.fill("2015")
    page.get_by_role("group", name="told you that you have high blood pressure").get_by_label("No", exact=True).check()
    top_number = page.get_by_label("Top number (systolic)")
    if javascript:
        expect(top_number).to_be_hidden()
    page.get_by_role("group", name="reading in the last 6 months").get_by_label("Yes").check()
    top_number.fill(reading[0])
    page.get_by_label("Bottom number (diastolic)").fill(reading[1])
    step_done("medical-history")
    history = page.get_by_role("group", name="Do any of these apply to you?")
    if past_attempt:
        when = page.get_by_role(
            "group", name="If you have tried to end your life: was the most recent time in the last 3 months?"
        )
        if javascript:
            expect(when).to_be_hidden()
        history.get_by_label("I have tried to end my life in the past").check()
        when.get_by_label(past_attempt, exact=True).check()
    else:
        history.get_by_label("None of these").check()
    page.get_by_role("group", name="a problem for you now").get_by_label("None of these").check()
    step_done("mental-health")


def fill_steps(page, axe_violations, *, item9: str):
    """Answer every step, checking each page with axe. Returns the pages' axe results."""
    results = {}

    def step_done(name):
        results[name] = axe_violations(page)
        page.get_by_role("button", name="Continue").click()

    fill_before_phq9(page, step_done)
    for number in range(1, 9):
        page.get_by_role("group", name=f"{number}.").get_by_label("Several days").check()
    page.get_by_role("group", name="9.").get_by_label(item9).check()
    step_done("phq-9")
    return results


def test_answering_item_nine_above_zero_puts_the_crisis_panel_on_screen(site, page, axe_violations):
    page.goto(site + "/eligibility/")
    page.get_by_role("button", name="Start now").click()
    results = fill_steps(page, axe_violations, item9="Several days")
    expect(page.get_by_role("heading", name="Please get support now if you need it")).to_be_visible()
    expect(page.get_by_text("This form is not watched around the clock.")).to_be_visible()
    results["getting-home (urgent)"] = axe_violations(page)
    assert Questionnaire.objects.get().urgent
    assert results == {name: [] for name in results}


def test_a_whole_questionnaire_is_sent_and_every_page_passes_axe(site, page, axe_violations):
    page.goto(site + "/eligibility/")
    page.get_by_role("button", name="Start now").click()
    results = fill_steps(page, axe_violations, item9="Not at all")
    expect(page.get_by_text("Please get support now")).to_have_count(0)
    page.get_by_role("group", name="adult take you home").get_by_label("Yes").check()
    page.get_by_role("group", name="avoid driving").get_by_label("Yes").check()
    results["getting-home"] = axe_violations(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Full name").fill("Alex Morgan")
    page.get_by_label("Email address").fill("alex@example.com")
    page.get_by_label("Phone number").fill("207 555 0188")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Any time").check()
    page.get_by_label("Maine").check()
    page.get_by_label("I am 18 or over").check()
    page.get_by_label("I agree that the clinic may contact me about my request").check()
    page.get_by_label("I have read the privacy notice").check()
    results["contact"] = axe_violations(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    results["check"] = axe_violations(page)
    check_the_printed_copy(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your answers")
    results["done"] = axe_violations(page)
    assert results == {name: [] for name in results}
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.status == "submitted"
    assert questionnaire.answers["medical-history"]["bp_systolic"] == 128
    assert questionnaire.answers["antidepressants"][0]["dose_mg"] == 200


def check_the_printed_copy(page):
    """The print button opens the browser's print window; the printed page is the answers without the site."""
    page.evaluate("() => { window.print = () => { window.printedCopy = true; }; }")  # no print dialog in a test
    page.get_by_role("button", name="Print or save a copy").click()
    assert page.evaluate("() => window.printedCopy") is True
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="About you")).to_be_visible()
    expect(page.get_by_text("Sertraline, 200 mg a day")).to_be_visible()
    send, change = page.get_by_role("button", name="Send my answers"), page.get_by_role("link", name="Change about you")
    for hidden in (page.locator(".site-header"), page.locator(".site-footer"), send, change):
        expect(hidden).to_be_hidden()
    expect(page.get_by_text("printed", exact=False).first).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator(".site-header")).to_be_visible()


FOCUSED = """() => {
    const e = document.activeElement;
    return {tag: e.tagName, type: e.type || "", name: e.name || "", value: e.value || "",
            checked: !!e.checked, text: (e.innerText || "").trim()};
}"""

KEYBOARD_ANSWERS = [
    {"age": "45", "pregnant_or_breastfeeding": "no"},
    {"diagnosis": "mdd", "episode_length": "over_2_years", "has_mental_health_clinician": "yes"},
    {"trial-0-name": "Sertraline", "trial-0-dose_mg": "200", "trial-0-weeks": "10",
     "trial-0-result": "No benefit", "trial-0-current_episode": "Yes"},
    {"augmentation": ["none"], "psychotherapy": "no", "tms": "no", "ect": "no", "esketamine": "no",
     "prior_ketamine": "no"},
    {"medicines": ["none"]},
    {"conditions": ["none"], "high_bp": "no", "bp_known": "no"},
    {"history": ["none"], "substances_now": ["none"]},
    {**{f"phq9_item{n}": "1" for n in range(1, 9)}, "phq9_item9": "0"},
    {"has_escort": "yes", "agrees_no_driving": "yes"},
    {"name": "Alex Morgan", "email": "alex@example.com", "phone": "207 555 0188", "preferred_contact": "email",
     "preferred_time": "any", "state": "Maine", "is_adult": ["on"], "consent_contact": ["on"],
     "privacy_ack": ["on"]},
]  # fmt: skip


def answer_by_keyboard(page, answers: dict, submit: str = "Continue") -> None:
    """Tab through the page from the top, answering with the keys a keyboard user would press."""
    page.locator("body").focus()
    for _ in range(300):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "BUTTON" and focused["text"] == submit:
            page.keyboard.press("Enter")
            return
        wanted = answers.get(focused["name"])
        if wanted is None:
            continue
        if focused["type"] == "radio":
            for _ in range(8):  # arrow keys move through a radio group, choosing as they go
                if page.evaluate("document.activeElement.value") == wanted:
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
        elif focused["type"] == "checkbox":
            if focused["value"] in wanted and not focused["checked"]:
                page.keyboard.press("Space")
        elif focused["tag"] == "SELECT":
            page.keyboard.type(wanted)
        else:
            page.keyboard.type(wanted)
    raise AssertionError(f"never reached the {submit!r} button")


def test_the_whole_questionnaire_can_be_completed_by_keyboard_alone(site, page):
    page.goto(site + "/eligibility/")
    page.locator("body").focus()
    answer_by_keyboard(page, {}, submit="Start now")
    for number, answers in enumerate(KEYBOARD_ANSWERS, start=1):
        expect(page.get_by_text(f"Step {number} of 11")).to_be_visible()
        answer_by_keyboard(page, answers)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    answer_by_keyboard(page, {}, submit="Send my answers")
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your answers")
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.status == "submitted"
    assert questionnaire.answers["antidepressants"][0]["name"] == "Sertraline"
    assert questionnaire.answers["antidepressants"][0]["result"] == "none"


def test_an_empty_step_lands_on_a_focused_error_summary(site, page):
    page.goto(site + "/eligibility/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page).to_have_title("Error: About you: step 1 of 11 | Harbor Light Ketamine Clinic")


def test_the_notes_an_answer_brings_and_the_question_of_when_pass_axe(site, page, axe_violations):
    """A 16-year-old with a very high reading and a recent past attempt: each note is on the page after its answer."""
    page.goto(site + "/eligibility/")
    page.get_by_role("button", name="Start now").click()
    results, headings = {}, {}

    def step_done(name):
        results[name] = axe_violations(page)
        headings[name] = page.get_by_role("heading", level=2).all_inner_texts()
        page.get_by_role("button", name="Continue").click()

    fill_before_phq9(page, step_done, age="16", reading=("185", "95"), past_attempt="Yes")
    expect(page.get_by_role("heading", name="Thank you for telling us")).to_be_visible()
    results["phq-9"] = axe_violations(page)
    assert "Our clinic treats adults aged 18 and over" in headings["diagnosis"]
    assert "About the blood pressure reading you gave us" in headings["mental-health"]
    assert results == {name: [] for name in results}
    assert Questionnaire.objects.get().answers["mental-health"]["attempt_recent"] == "yes"


def test_a_note_on_the_save_page_passes_axe(site, page, axe_violations):
    """Saving to come back later right after an age under 18: the note is on the save page instead."""
    page.goto(site + "/eligibility/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("How old are you?").fill("16")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", name="Save and come back later")).to_be_visible()
    expect(page.get_by_role("heading", name="Our clinic treats adults aged 18 and over")).to_be_visible()
    assert axe_violations(page) == []
