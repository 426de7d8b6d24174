"""What staff see of a person who used the Spanish pages (English labels, and the language they prefer), and the
parts of the questionnaire a Spanish speaker is sent back to: the resume link, the urgent call and its e-mails."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from clinic_site.models import ClinicDetails
from eligibility.models import ConsultationRequest, OutgoingEmail, Questionnaire
from eligibility.services import send_pending_emails
from tests.eligibility.conftest import MONDAY_4PM
from tests.eligibility.test_questionnaire import ANSWERS, PHQ9_LOW
from tests.factories import make_request, valid

pytestmark = pytest.mark.django_db

LIST = "/admin/eligibility/consultationrequest/"
QUESTIONNAIRES = "/admin/eligibility/questionnaire/"


def answer_in_spanish(client, answers=ANSWERS, *, until=None):
    assert client.post("/es/eligibility/")["Location"] == "/es/eligibility/about-you/"
    for slug, data in answers.items():
        if slug == until:
            return
        response = client.post(f"/es/eligibility/{slug}/", {**data, "continue": ""})
        assert response.status_code == 302, slug


def plain_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# Staff: English labels, the language named, and a filter by it.


def test_a_spanish_questionnaire_reaches_staff_with_english_labels_and_the_preference(client, clinician_client):
    answer_in_spanish(client)
    assert client.post("/es/eligibility/check/")["Location"] == "/es/eligibility/done/"
    record = ConsultationRequest.objects.get()
    assert (record.language, record.questionnaire.language) == ("es", "es")
    assert (record.preferred_contact, record.preferred_time) == ("email", "any")  # codes, never the words shown

    page = plain_text(clinician_client.get(f"{LIST}{record.pk}/change/").content.decode())
    assert "Language: Answered in Spanish — prefers Spanish" in page
    for english in (
        "Preferred contact: Email", "Preferred time: Any time", "How would you like us to contact you? Email",
        "When is the best time to contact you? Any time", "Full name Alex Morgan",
        "Major depression (major depressive disorder)", "Several days",
    ):  # fmt: skip
        assert english in page, english
    for spanish in ("Correo electrónico", "A cualquier hora", "¿Cómo prefiere", "Nombre completo", "Recibimos sus"):
        assert spanish not in page.replace("Recibimos su solicitud", ""), spanish  # (the e-mail's own subject)


def test_the_request_list_names_each_persons_language_and_filters_by_it(clinician_client):
    spanish = make_request(language="es")
    english = make_request()
    listing = plain_text(clinician_client.get(LIST, {"view": "all"}).content.decode())
    assert "Sent in Spanish — prefers Spanish" in listing
    assert "Sent in English — prefers English" in listing

    only_spanish = clinician_client.get(LIST, {"view": "all", "language__exact": "es"}).content.decode()
    assert spanish.reference in only_spanish
    assert english.reference not in only_spanish
    only_english = clinician_client.get(LIST, {"view": "all", "language__exact": "en"}).content.decode()
    assert english.reference in only_english
    assert spanish.reference not in only_english
    filters = clinician_client.get(LIST).content.decode()
    assert "By preferred language" in filters
    assert "Español" not in plain_text(filters.split('id="changelist-filter"')[1])  # named in English for staff


def test_the_questionnaire_list_filters_drafts_by_language(client, clinician_client):
    answer_in_spanish(client, until="diagnosis")
    Client().post("/eligibility/")
    spanish = Questionnaire.objects.get(language="es")
    listing = clinician_client.get(QUESTIONNAIRES, {"language__exact": "es"}).content.decode()
    assert spanish.reference in listing
    assert "Answered in Spanish — prefers Spanish" in listing
    assert Questionnaire.objects.count() == 2
    assert clinician_client.get(QUESTIONNAIRES, {"language__exact": "en"}).content.decode().count("Answered in") == 1


def test_a_questionnaire_sent_in_spanish_after_an_english_request_moves_the_preference_to_spanish(client):
    client.post("/consultation/", valid())
    client.post("/es/eligibility/")  # the request sent from this browser is joined
    for slug, data in ANSWERS.items():
        if slug != "contact":
            client.post(f"/es/eligibility/{slug}/", {**data, "continue": ""})
    client.post("/es/eligibility/check/")
    record = ConsultationRequest.objects.get()
    assert record.questionnaire.status == Questionnaire.Status.SUBMITTED
    assert record.language == "es"


def test_answers_sent_from_the_spanish_check_page_record_spanish_even_if_the_steps_were_in_english(client):
    client.post("/consultation/", valid())
    client.post("/eligibility/")
    for slug, data in ANSWERS.items():
        if slug != "contact":
            client.post(f"/eligibility/{slug}/", {**data, "continue": ""})
    assert Questionnaire.objects.get().language == "en"
    client.post("/es/eligibility/check/")  # the person switched to Spanish on the last page and sent from there
    record = ConsultationRequest.objects.get()
    assert record.questionnaire.status == Questionnaire.Status.SUBMITTED
    assert (record.language, record.questionnaire.language) == ("es", "es")


# Save and resume: the link goes back to the Spanish page, and still works only once.


def test_a_spanish_resume_link_is_emailed_in_spanish_and_opens_the_spanish_page_once(client, settings):
    answer_in_spanish(client, until="antidepressants")
    saved = client.post("/es/eligibility/save/", {"email": "ana@example.com"}).content.decode()
    assert "Revise su correo electrónico" in saved
    assert "Le enviamos un enlace para continuar. Funciona una sola vez, durante 24 horas." in saved
    with translation.override("en"):  # the outbox sender: another process, outside any Spanish page
        send_pending_emails()
    message = mail.outbox[-1]
    assert message.subject == "Su enlace para continuar el cuestionario"
    assert "El enlace funciona una sola vez, durante 24 horas." in message.body
    assert "(para español, marque 2 o escriba AYUDA)" in message.body
    assert "Sertraline" not in message.body
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link.startswith(settings.SITE_URL + "/es/eligibility/resume/")
    path = link.removeprefix(settings.SITE_URL)

    elsewhere = Client()
    opened = elsewhere.get(path).content.decode()
    assert '<html lang="es">' in opened
    assert "Continúe su cuestionario" in opened
    assert "Continuar mi cuestionario" in opened
    assert elsewhere.post(path)["Location"] == "/es/eligibility/antidepressants/"
    again = Client().get(path)
    assert again.status_code == 410
    assert "Este enlace ya se usó" in again.content.decode()
    assert "Enviarme un enlace nuevo" in again.content.decode()


def test_an_unknown_spanish_resume_link_says_so_in_spanish(client):
    response = client.get("/es/eligibility/resume/no-such-token/")
    assert response.status_code == 404
    assert "Este enlace ya no funciona" in response.content.decode()


def test_the_save_page_shows_the_expiry_date_in_spanish(client):
    answer_in_spanish(client, until="diagnosis")
    draft = Questionnaire.objects.get()
    draft.expires_at = datetime.datetime(2026, 12, 9, 12, tzinfo=datetime.UTC)
    draft.save()
    html = client.get("/es/eligibility/save/").content.decode()
    assert "Las respuestas que ha dado hasta ahora están guardadas hasta el 9 de diciembre de 2026." in html
    assert "Enviarme un enlace" in html


# The urgent path in Spanish: the number, the promise, and e-mails in the right language for each reader.


def urgent_in_spanish(client):
    answer_in_spanish(client, until="phq-9")
    return client.post("/es/eligibility/phq-9/", {**PHQ9_LOW, "phq9_item9": "2", "continue": ""})


def test_the_crisis_panel_asks_for_a_number_in_spanish(client, clinic_clock):
    next_page = urgent_in_spanish(client)["Location"]
    html = client.get(next_page).content.decode()
    assert (
        "Todavía no tenemos su número de teléfono. Si nos lo da, un profesional de salud le llamará hoy, antes de "
        "las 6 de la tarde." in html
    )
    assert "Su número de teléfono (opcional)" in html
    assert "Para que un profesional de salud pueda llamarle." in html
    assert ">Guardar mi número</button>" in html
    assert "We do not have a phone number" not in html


def test_the_urgent_call_form_answers_in_spanish(client, clinic_clock):
    urgent_in_spanish(client)
    page = client.post("/es/eligibility/urgent-call/", {"phone": "llámeme", "return_to": "getting-home"})
    html = page.content.decode()
    assert "<title>Error: Su número de teléfono" in html
    assert "Escriba un número de teléfono, por ejemplo 207 555 0123" in html
    assert 'value="llámeme"' in html
    assert "Si nos da un número, un profesional de salud le llamará hoy, antes de las 6 de la tarde" in html
    assert "Guardar mi número" in html
    as_json = client.post(
        "/es/eligibility/urgent-call/", {"phone": "12", "return_to": "getting-home"}, HTTP_ACCEPT="application/json"
    )
    assert as_json.json()["error"] == "Escriba un número de teléfono, por ejemplo 207 555 0123"


def test_a_spanish_speakers_call_promise_is_in_spanish_and_staff_are_told_in_english(client, clinic_clock):
    urgent_in_spanish(client)
    saved = client.post(
        "/es/eligibility/urgent-call/",
        {"phone": "207 555 0142", "return_to": "getting-home"},
        HTTP_ACCEPT="application/json",
    ).json()
    assert saved["promise"] == "Un profesional de salud le llamará hoy, antes de las 6 de la tarde."
    assert Questionnaire.objects.get().language == "es"
    send_pending_emails()
    alerts = [message for message in mail.outbox if message.subject.startswith("URGENT")]
    assert alerts
    for alert in alerts:
        assert "The person prefers Spanish. Make the call in that language, or with an interpreter." in alert.body
        assert "Monday, November 23, before 6 pm" in alert.body or "no phone number" in alert.body
        assert "antes de" not in alert.body
        assert "0142" not in alert.body


def test_everything_held_about_a_person_includes_their_language(client):
    from eligibility.personal_data import personal_data

    answer_in_spanish(client)
    client.post("/es/eligibility/check/")
    data = personal_data(ConsultationRequest.objects.get())
    assert data["request"]["language"] == "es"
    assert data["questionnaire"]["language"] == "es"


def test_a_spanish_speakers_urgent_confirmation_repeats_the_promise_in_spanish(client, clinic_clock):
    answer_in_spanish(client, {**ANSWERS, "phq-9": {**PHQ9_LOW, "phq9_item9": "1"}})
    client.post("/es/eligibility/check/")
    confirmation = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.PATIENT_CONFIRMATION)
    assert confirmation.subject.startswith("Recibimos su solicitud")
    promise = "Un profesional de salud le llamará el lunes 23 de noviembre, antes de las 6 de la tarde."
    assert promise in confirmation.body
    assert "Llamaremos al número que termina en 0188." in confirmation.body
    assert "(para español, marque 2 o escriba AYUDA)" in confirmation.body
    for staff in OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.CLINIC_NOTIFICATION):
        assert "The patient was told a clinician would call: Monday, November 23, before 6 pm" in staff.body
        assert "The person prefers Spanish." in staff.body


TOMORROW_AT_8 = "Un profesional de salud le llamará mañana (martes), poco después de que abramos a las 8 de la mañana."


@pytest.mark.parametrize(
    ("now", "closes", "promise"),
    [
        (11, 13, "Un profesional de salud le llamará hoy, antes de la 1 de la tarde."),
        (16, 18, "Un profesional de salud le llamará hoy, antes de las 6 de la tarde."),
        (18, 18, TOMORROW_AT_8),
    ],
)
def test_spanish_call_times_read_naturally(client, clinic_clock, now, closes, promise):
    """ "la 1" but "las 6": the article follows the hour."""
    clinic = ClinicDetails.load()
    clinic.monday_closes = datetime.time(closes)
    clinic.save()
    clinic_clock(MONDAY_4PM.replace(hour=now))
    urgent_in_spanish(client)
    saved = client.post(
        "/es/eligibility/urgent-call/", {"phone": "207 555 0142", "return_to": "getting-home"},
        HTTP_ACCEPT="application/json",
    )  # fmt: skip
    assert saved.json()["promise"] == promise
