"""What an anonymous visitor, a content editor and a clinician can reach in the staff area.

Already covered: tests/eligibility/test_staff_review.py (editors get 403 on the request list and a request;
anonymous visitors are sent to sign in from the request list; clinicians cannot open the delete page, export
or read the audit log list) and tests/education/test_admin.py (editors work on articles, cannot manage users).
Staff sign in with both factors (`verified_login`), as the staff area requires.
"""

import pytest
from django.contrib.auth.models import User

from education.models import Article
from eligibility.models import AuditEntry, ConsultationRequest, Questionnaire
from tests.factories import make_request

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
LIST = "/admin/eligibility/consultationrequest/"
TRIAGE_ACTIONS = {
    "assign_to_me", "clear_urgent_flag", "mark_contacted", "mark_scheduled", "mark_not_candidate", "mark_closed",
}  # fmt: skip

# Pages that hold or lead to patient records; `{request}` and `{entry}` are filled in by the `records` fixture.
QUESTIONNAIRES = "/admin/eligibility/questionnaire/"
ELIGIBILITY_PAGES = [
    f"{LIST}add/",
    QUESTIONNAIRES,
    f"{QUESTIONNAIRES}{{questionnaire}}/change/",
    f"{LIST}{{request}}/history/",
    f"{LIST}{{request}}/delete/",
    "/admin/eligibility/auditentry/",
    "/admin/eligibility/auditentry/{entry}/change/",
]
EDUCATION_PAGES = [
    "/admin/education/article/",
    "/admin/education/article/add/",
    "/admin/education/article/{article}/change/",
    "/admin/education/article/{article}/preview/",
    "/admin/education/topic/",
    "/admin/education/faqentry/",
]
ACCOUNT_AND_CLINIC_PAGES = ["/admin/auth/user/", "/admin/auth/group/", "/admin/clinic_site/clinicdetails/"]


@pytest.fixture
def records():
    request = make_request()
    actor = User.objects.create_user("someone", is_staff=True)
    entry = AuditEntry.objects.create(actor=actor, action=AuditEntry.Action.VIEWED, record=request.reference)
    questionnaire = Questionnaire.objects.create(urgent=True)
    article = Article.objects.first()
    return {"request": request.pk, "entry": entry.pk, "article": article.pk, "questionnaire": questionnaire.pk}


def models_on_the_staff_home_page(client) -> set[str]:
    response = client.get(ADMIN)
    assert response.status_code == 200
    return {
        f"{app['app_label']}.{model['object_name']}" for app in response.context["app_list"] for model in app["models"]
    }


@pytest.mark.parametrize(
    "url",
    [ADMIN, "/admin/eligibility/", f"{LIST}{{request}}/change/", *ELIGIBILITY_PAGES, *ACCOUNT_AND_CLINIC_PAGES],
)
def test_an_anonymous_visitor_is_sent_to_sign_in_from_every_staff_page(client, records, url):
    response = client.get(url.format(**records))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


@pytest.mark.parametrize("url", ELIGIBILITY_PAGES)
def test_a_content_editor_is_refused_every_eligibility_page(editor_client, records, url):
    assert editor_client.get(url.format(**records)).status_code == 403


def test_a_content_editor_sees_only_education_on_the_staff_home_page(editor_client):
    models = models_on_the_staff_home_page(editor_client)
    assert models == {
        "education.Article", "education.Topic", "education.Reviewer", "education.FAQEntry", "education.GlossaryTerm",
        "education.ArticleTranslation", "education.TopicTranslation", "education.FAQEntryTranslation",
        "education.GlossaryTermTranslation",
    }  # fmt: skip
    assert "Eligibility" not in editor_client.get(ADMIN).content.decode()


def test_a_content_editor_finds_no_eligibility_section(editor_client):
    assert editor_client.get("/admin/eligibility/").status_code == 404


def test_a_clinician_sees_only_consultation_requests_and_questionnaires_on_the_staff_home_page(clinician_client):
    assert models_on_the_staff_home_page(clinician_client) == {
        "eligibility.ConsultationRequest", "eligibility.Questionnaire",
    }  # fmt: skip


def test_a_clinician_can_read_a_questionnaire_but_not_add_change_or_delete_one(clinician_client, records):
    page = f"{QUESTIONNAIRES}{records['questionnaire']}/"
    assert clinician_client.get(page + "change/").status_code == 200
    assert clinician_client.post(page + "change/", {"urgent": ""}).status_code == 403
    assert clinician_client.get(page + "delete/").status_code == 403
    assert clinician_client.get(f"{QUESTIONNAIRES}add/").status_code == 403
    assert Questionnaire.objects.get(pk=records["questionnaire"]).urgent


def test_a_clinician_is_offered_only_the_triage_actions(clinician_client):
    make_request()
    choices = clinician_client.get(LIST).context["action_form"].fields["action"].choices
    assert {name for name, _ in choices if name} == TRIAGE_ACTIONS


def test_a_clinician_cannot_add_a_request_or_delete_one_by_page_or_by_posting_the_delete_action(
    clinician_client, records
):
    request_pk = records["request"]
    assert clinician_client.get(f"{LIST}add/").status_code == 403
    assert clinician_client.post(f"{LIST}{request_pk}/delete/", {"post": "yes"}).status_code == 403
    clinician_client.post(LIST, {"action": "delete_selected", "_selected_action": [request_pk], "post": "yes"})
    assert ConsultationRequest.objects.filter(pk=request_pk).exists()


def test_a_clinician_cannot_read_an_audit_entry(clinician_client, records):
    assert clinician_client.get(f"/admin/eligibility/auditentry/{records['entry']}/change/").status_code == 403


@pytest.mark.parametrize("url", [*EDUCATION_PAGES, *ACCOUNT_AND_CLINIC_PAGES])
def test_a_clinician_is_refused_articles_accounts_and_clinic_details(clinician_client, records, url):
    assert clinician_client.get(url.format(**records)).status_code == 403
