"""Every public form and the search box, fed anything at all by hypothesis.

The properties a visitor or the clinic would notice: no input ever gives the error page; a form that is shown
again with errors has stored nothing; a form that is accepted has stored exactly one record.

Each test makes a fresh `Client` per example. Rows persist between examples of one test (the database is rolled
back only when the test ends), so each example compares counts before and after its own post.
"""

import operator
import uuid

import hypothesis
import pytest
from django import forms
from django.forms import BaseFormSet
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from education.search import clean_query
from eligibility.forms import MESSAGE_MAX, ConsultationRequestForm
from eligibility.models import ConsultationRequest, OutgoingEmail, Questionnaire
from eligibility.questionnaire_steps import STEPS
from eligibility.questionnaire_views import SESSION_DRAFT
from tests.eligibility.test_questionnaire import ANSWERS, start
from tests.factories import valid

pytestmark = pytest.mark.django_db


def examples(count: int) -> int:
    """`count` examples by default, ten times as many with HYPOTHESIS_PROFILE=thorough (tests/conftest.py)."""
    return count * hypothesis.settings().max_examples // 100


# Examples per property (the questionnaire's count is per step: ten steps).
CONSULTATION_EXAMPLES = examples(200)
VALID_CONSULTATION_EXAMPLES = examples(100)
STEP_EXAMPLES = examples(75)
SAVE_FOR_LATER_EXAMPLES = examples(100)
SEARCH_EXAMPLES = examples(200)
ADD_ROW_EXAMPLES = examples(50)

FUZZ = hypothesis.settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# 200: the form again, with errors. 302: accepted. 400: the friendly "bad request" page (an oversized post).
POST_STATUSES = {200, 302, 400}

MARKUP = (
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<svg/onload=alert(1)>", "javascript:alert(1)",
    "{{ request.session }}", "{% debug %}", "&lt;b&gt;", "<!--", "]]>",
)  # fmt: skip
SQL = (
    "' OR '1'='1", "'; DROP TABLE eligibility_consultationrequest; --", '" OR 1=1 --',
    "1 UNION SELECT password FROM auth_user", "%", "_", "\\", "%00",
)  # fmt: skip
snippets = st.sampled_from(MARKUP + SQL)
control_characters = st.text(st.characters(categories=["Cc"]), min_size=1, max_size=8)
numerals = st.text(st.characters(categories=["Nd", "Nl", "No"]), min_size=1, max_size=4)  # "٣", "²", "Ⅻ"…
any_unicode = st.text(max_size=40)
long_text = st.builds(operator.mul, st.text(min_size=1, max_size=4), st.integers(min_value=200, max_value=3000))
hostile_text = st.one_of(
    any_unicode,
    control_characters,
    numerals,
    snippets,
    long_text,
    st.lists(st.one_of(snippets, any_unicode, control_characters), min_size=2, max_size=5).map("".join),
)


def junk_for(field: forms.Field | None) -> st.SearchStrategy:
    """What a person, a robot or an attacker might send for one field: nothing, a real choice, or anything."""
    choices = [str(value) for value, _ in getattr(field, "choices", ()) if value != ""]
    options = [st.none(), hostile_text]
    if choices:
        options.append(st.sampled_from(choices))
    if isinstance(field, forms.MultipleChoiceField):
        options.append(st.lists(st.one_of(st.sampled_from(choices), hostile_text), min_size=1, max_size=4))
    return st.one_of(*options)


@st.composite
def tampered(draw, fields: dict, sample: dict) -> dict:
    """A valid sample with a few fields replaced or left out; often none, so valid posts are tried too."""
    data = dict(sample)
    for name in sorted(draw(st.sets(st.sampled_from(sorted(fields)), max_size=4))):
        value = draw(junk_for(fields[name]))
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def step_fields(step) -> dict:
    """Every field a step's page posts (for the medicine rows: the management form and two rows)."""
    if issubclass(step.form_class, BaseFormSet):
        row, prefix = step.form_class.form.base_fields, step.form_class.get_default_prefix()
        management = dict.fromkeys([f"{prefix}-TOTAL_FORMS", f"{prefix}-INITIAL_FORMS"])
        return management | {f"{prefix}-{i}-{name}": field for i in range(2) for name, field in row.items()}
    form = step.form_class(states=[]) if issubclass(step.form_class, ConsultationRequestForm) else step.form_class()
    return dict(form.fields)


def consultation_counts() -> tuple[int, int]:
    return ConsultationRequest.objects.count(), OutgoingEmail.objects.count()


FRESH_KEY = "replaced by a new UUID for each example"
CONSULTATION_POSTS = tampered(dict(ConsultationRequestForm(states=[]).fields), valid(submission_key=FRESH_KEY))
STEP_POSTS = {step.slug: tampered(step_fields(step), ANSWERS[step.slug]) for step in STEPS}
BUTTONS = st.sampled_from(["continue", "save_for_later"])
emails = st.builds(
    "{}@{}".format,
    st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+_-", min_size=1, max_size=40),
    st.sampled_from(["example.com", "example.org", "mail.example.net"]),
)


@hypothesis.settings(FUZZ, max_examples=CONSULTATION_EXAMPLES)
@given(posted=CONSULTATION_POSTS)
def test_the_consultation_form_stores_one_request_when_it_accepts_one_and_nothing_otherwise(posted):
    if posted.get("submission_key") == FRESH_KEY:
        posted = {**posted, "submission_key": str(uuid.uuid4())}
    requests_before, emails_before = consultation_counts()
    response = Client().post("/consultation/", posted)
    hypothesis.event(f"status {response.status_code}")
    assert response.status_code in POST_STATUSES
    requests_after, emails_after = consultation_counts()
    if response.status_code == 302:
        assert response["Location"] == "/consultation/received/"
        assert requests_after == requests_before + 1
    else:
        assert (requests_after, emails_after) == (requests_before, emails_before)


@hypothesis.settings(FUZZ, max_examples=VALID_CONSULTATION_EXAMPLES)
@given(
    # No control characters (the form strips them) and no lone surrogates (no browser can send one).
    name=st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1, max_size=120).filter(str.strip),
    email=emails,
    phone=st.sampled_from(["207 555 0123", "(207) 555-0123", "+1 207-555-0123", "2075550123", "207.555.0123"]),
    message=st.one_of(
        st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=MESSAGE_MAX), snippets
    ),
    preferred_contact=st.sampled_from(ConsultationRequest.ContactMethod.values),
    preferred_time=st.sampled_from(ConsultationRequest.ContactTime.values),
)
def test_any_valid_request_is_stored_once_and_the_name_reads_back_as_typed(
    name, email, phone, message, preferred_contact, preferred_time
):
    before = ConsultationRequest.objects.count()
    person = Client()
    posted = valid(
        name=name, email=email, phone=phone, message=message,
        preferred_contact=preferred_contact, preferred_time=preferred_time,
    )  # fmt: skip
    response = person.post("/consultation/", posted)
    assert response.status_code == 302, response.context["form"].errors
    assert ConsultationRequest.objects.count() == before + 1
    record = ConsultationRequest.objects.get(submission_key=posted["submission_key"])
    assert (record.name, record.email) == (name.strip(), email)
    assert record.reference in person.get("/consultation/received/").content.decode()


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.slug)
@hypothesis.settings(FUZZ, max_examples=STEP_EXAMPLES)
@given(data=st.data())
def test_a_questionnaire_step_stores_its_answers_only_when_it_accepts_them(step, data):
    posted = data.draw(STEP_POSTS[step.slug], label="answers") | {data.draw(BUTTONS, label="button"): ""}
    person = Client()
    start(person)
    drafts = Questionnaire.objects.count()
    response = person.post(f"/eligibility/{step.slug}/", posted)
    hypothesis.event(f"status {response.status_code}")
    assert response.status_code in POST_STATUSES
    assert Questionnaire.objects.count() == drafts
    answers = Questionnaire.objects.get(pk=person.session[SESSION_DRAFT]).answers
    if response.status_code == 302:
        assert step.slug in answers
        assert response["Location"].startswith("/eligibility/")
    else:
        assert step.slug not in answers


@hypothesis.settings(FUZZ, max_examples=SAVE_FOR_LATER_EXAMPLES)
@given(email=st.one_of(emails, hostile_text, st.tuples(emails, hostile_text).map("".join)))
def test_save_for_later_queues_one_link_for_a_real_address_and_nothing_otherwise(email):
    person = Client()
    start(person)
    links = OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.RESUME_LINK)
    before = links.count()
    response = person.post("/eligibility/save/", {"email": email})
    assert response.status_code in POST_STATUSES - {302}
    sent = "Check your email" in response.content.decode()
    hypothesis.event("sent" if sent else "refused")
    assert links.count() == before + (1 if sent else 0)
    draft = Questionnaire.objects.get(pk=person.session[SESSION_DRAFT])
    assert draft.emails.filter(kind=OutgoingEmail.Kind.RESUME_LINK).count() == (1 if sent else 0)


@hypothesis.settings(FUZZ, max_examples=SEARCH_EXAMPLES)
@given(query=hostile_text)
def test_the_search_box_answers_any_query_and_shows_it_back_escaped(query):
    response = Client().get("/search/", {"q": query})
    assert response.status_code == 200
    shown = clean_query(query)
    if shown:
        assert escape(shown) in response.content.decode()


@hypothesis.settings(FUZZ, max_examples=ADD_ROW_EXAMPLES)
@given(posted=STEP_POSTS["antidepressants"])
@hypothesis.example(posted={**ANSWERS["antidepressants"], "trial-TOTAL_FORMS": "\u00b2"})
@hypothesis.example(posted={**ANSWERS["antidepressants"], "trial-TOTAL_FORMS": "9" * 5000})
def test_add_another_medicine_shows_the_rows_again_and_stores_nothing(posted):
    person = Client()
    start(person)
    response = person.post("/eligibility/antidepressants/", {**posted, "add_row": ""})
    assert response.status_code in POST_STATUSES - {302}
    assert "antidepressants" not in Questionnaire.objects.get(pk=person.session[SESSION_DRAFT]).answers
