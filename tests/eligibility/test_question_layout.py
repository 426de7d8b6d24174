"""The questionnaire's pages as laid out by crispy-forms and the clinic pack: every question on its page, follow-ups in
the box their trigger answer reveals, grouped questions in a fieldset with its hint and errors tied to it."""

from unittest import mock

import pytest
from django.forms import BaseFormSet
from django.template import Context, Template
from django.test.html import Element, parse_html

from eligibility.forms import ConsultationRequestForm
from eligibility.models import Questionnaire
from eligibility.questionnaire_forms import ResumeLinkForm
from eligibility.questionnaire_steps import STEPS
from eligibility.urgent_forms import CallbackPhoneForm
from tests.eligibility.test_questionnaire import SERTRALINE_ROW_MESSAGE, start
from tests.site.test_form_renderer import AWKWARD, awkward_answers
from tests.site.test_form_renderer import page as normalised_page

pytestmark = pytest.mark.django_db

INPUTS = ("input", "select", "textarea")


def boxes_by_name(html: str) -> dict[str, list[list[dict]]]:
    """For each posted name on the page, the attributes of the elements around each of its boxes, outermost first."""
    found: dict[str, list[list[dict]]] = {}

    def walk(element: Element, around: list[dict]):
        for child in element.children:
            if not isinstance(child, Element):
                continue
            attrs = dict(child.attributes)
            if child.name in INPUTS and attrs.get("name"):
                found.setdefault(attrs["name"], []).append(around)
            walk(child, [*around, {"tag": child.name, **attrs}])

    walk(parse_html(html), [])
    return found


def reveal_of(around: list[dict]) -> str | None:
    return next((attrs["data-reveal"] for attrs in reversed(around) if "data-reveal" in attrs), None)


def page(client, slug: str) -> str:
    return client.get(f"/eligibility/{slug}/").content.decode()


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.slug)
def test_every_question_of_a_step_is_on_its_page_and_only_follow_ups_wait_for_an_answer(client, step):
    start(client)
    boxes = boxes_by_name(page(client, step.slug))
    form = step.form({})
    forms = list(form) if hasattr(form, "forms") else [form]
    for row in forms:
        follow_ups = getattr(row, "follow_ups", {})
        for field in row:
            assert field.html_name in boxes, f"{field.html_name} is not on the page"
            expected = "=".join(follow_ups[field.name][:2]) if field.name in follow_ups else None
            for around in boxes[field.html_name]:
                assert reveal_of(around) == expected, field.html_name


def test_follow_ups_of_the_same_answer_share_one_box(client):
    start(client)
    html = page(client, "other-treatments")
    assert html.count('data-reveal="prior_ketamine=yes"') == 1
    (around,) = boxes_by_name(html)["prior_ketamine_detail"]
    (distressing, *_) = boxes_by_name(html)["prior_ketamine_distressing"]
    assert reveal_of(around) == reveal_of(distressing) == "prior_ketamine=yes"


def fieldset_around(html: str, name: str) -> dict:
    """The innermost question group (a fieldset with an id) around the box called `name`."""
    around = boxes_by_name(html)[name][0]
    return next(attrs for attrs in reversed(around) if attrs["tag"] == "fieldset" and "id" in attrs)


def test_height_is_one_question_in_feet_and_inches_with_its_hint_tied_to_the_group(client):
    start(client)
    html = page(client, "about-you")
    group = fieldset_around(html, "height_ft")
    assert group == fieldset_around(html, "height_in")
    assert group["aria-describedby"] == "id_height-hint"
    assert parse_html("<legend>Your height (optional)</legend>") in parse_html(html)
    assert 'id="id_height-hint">For 5 feet 7 inches' in html


def test_a_blood_pressure_reading_is_asked_as_one_group_shown_after_yes(client):
    start(client)
    html = page(client, "medical-history")
    group = fieldset_around(html, "bp_systolic")
    assert group == fieldset_around(html, "bp_diastolic")
    assert reveal_of(boxes_by_name(html)["bp_systolic"][0]) == "bp_known=yes"
    assert "<legend>Your most recent blood pressure reading</legend>" in html


def test_a_medicine_rows_problem_is_tied_to_the_row_and_named_in_the_summary(client):
    start(client)
    data = {"trial-TOTAL_FORMS": "2", "trial-INITIAL_FORMS": "0", "trial-1-name": "Sertraline", "continue": ""}
    html = client.post("/eligibility/antidepressants/", data).content.decode()
    row = fieldset_around(html, "trial-1-name")
    assert row["id"] == "id_trial-1-row"
    assert "id_trial-1-row-error" in row["aria-describedby"].split()
    message = SERTRALINE_ROW_MESSAGE
    assert f'id="id_trial-1-row-error"><span class="visually-hidden">Error:</span> {message}' in html
    assert f'<a href="#id_trial-1-name">Medicine 2: {message}</a>' in html
    assert html.count("<legend>Medicine") == 2


def test_a_field_error_is_read_with_its_box_and_linked_from_the_summary(client):
    start(client)
    html = client.post("/eligibility/about-you/", {"age": "", "continue": ""}).content.decode()
    assert 'aria-describedby="id_age-hint id_age-error"' in html
    error = '<p class="error-message" id="id_age-error"><span class="visually-hidden">Error:</span> Enter your age'
    assert error in html
    assert '<a href="#id_age">Enter your age in years, like 42</a>' in html
    assert '<a href="#id_pregnant_or_breastfeeding_0">' in html  # a radio group's link goes to its first choice


@pytest.mark.parametrize("button", ["continue", "add_row"])
def test_a_huge_posted_row_count_draws_at_most_twelve_medicine_rows_and_says_why(client, button):
    start(client)
    data = {"trial-TOTAL_FORMS": "100000", "trial-INITIAL_FORMS": "0", "trial-0-name": "Sertraline", button: ""}
    html = client.post("/eligibility/antidepressants/", data).content.decode()
    assert 1 <= html.count("<legend>Medicine") <= 12
    if button == "continue":
        assert "List up to 12 medicines: the ones you took most recently" in html


@pytest.mark.parametrize("language", ["", "/es"])
@pytest.mark.parametrize("path", ["/consultation/", *(f"/eligibility/{step.slug}/" for step in STEPS)])
def test_questions_handed_to_crispy_as_objects_look_as_crispy_draws_them_by_name(client, language, path):
    """A layout names its questions; crispy is handed them as form_layout.Question objects, which skip crispy's
    field template. The page is the one crispy draws from the names: empty, sent empty, sent with awkward answers."""
    url = language + path
    start(client)
    empty = normalised_page(client, "get", url)
    for method, data in (("get", None), ("post", {}), ("post", awkward_answers(empty))):
        handed_as_objects = normalised_page(client, method, url, data)
        with mock.patch("eligibility.form_layout.with_questions", side_effect=lambda items: items):
            handed_by_name = normalised_page(client, method, url, data)
        assert handed_as_objects == handed_by_name
        assert "<input" in handed_as_objects


# Every laid-out form of the site, made from the answers saved so far and what was sent (None: not sent).
LAID_OUT_FORMS = {
    **{step.slug: step.form for step in STEPS},
    "consultation": lambda answers, data: ConsultationRequestForm(data, states=["Maine", "New Hampshire"]),
    "crisis panel": lambda answers, data: CallbackPhoneForm(data, number_known=False, auto_id="urgent-call-%s"),
    "save for later": lambda answers, data: ResumeLinkForm(data),
}
BY_CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")
BY_QUESTIONS_TAG = Template("{% load form_fields %}{% questions form %}")


def rows_of(form) -> list:
    return list(form) if isinstance(form, BaseFormSet) else [form]


@pytest.mark.parametrize("urgent", [False, True], ids=["draft", "urgent draft"])
@pytest.mark.parametrize("name", LAID_OUT_FORMS)
def test_the_questions_tag_draws_a_form_as_crispys_tag_does(name, urgent):
    """The pages draw their forms with {% questions %}, a cheaper {% crispy %}: the markup must be crispy's, empty,
    sent empty and sent with awkward answers."""
    make, draft = LAID_OUT_FORMS[name], Questionnaire.objects.create(urgent=urgent)
    names = [field.html_name for row in rows_of(make({}, None)) for field in row]
    row_count = {"trial-TOTAL_FORMS": "2", "trial-INITIAL_FORMS": "0"}
    for data in (None, row_count, dict.fromkeys(names, AWKWARD) | row_count):
        for row in rows_of(make({}, data)):
            context = {"form": row, "draft": draft}
            drawn = BY_QUESTIONS_TAG.render(Context(context))
            assert drawn == BY_CRISPY.render(Context(context))
            assert "<input" in drawn or "<textarea" in drawn
