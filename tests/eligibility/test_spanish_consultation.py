"""The consultation request in Spanish: the form, its errors, the page after it, and the e-mails it sends. The record
keeps the language; the person is written to in it, staff in English with the preference named."""

import uuid

import pytest
from django.core import mail

from eligibility.models import ConsultationRequest, OutgoingEmail
from eligibility.services import send_pending_emails
from tests.factories import valid

pytestmark = pytest.mark.django_db

SPANISH_FORM = "/es/consultation/"
ENGLISH_UI = (
    "Request a consultation", "Full name", "Email address", "Phone number", "How would you like us to contact you?",
    "Phone call", "Text message", "Any time", "Which state do you live in?", "I am 18 or over", "Send request",
    "Before you send this", "privacy notice", "not watched around the clock",
)  # fmt: skip
CHOICE_GROUPS = ("preferred_contact", "preferred_time", "state")
SPANISH_ERRORS = {
    "name": "Escriba su nombre completo",
    "email": "Escriba su correo electrónico",
    "phone": "Escriba su número de teléfono",
    "preferred_contact": "Elija cómo prefiere que nos comuniquemos con usted",
    "preferred_time": "Elija el mejor momento para comunicarnos con usted",
    "state": "Elija el estado donde vive",
    "is_adult": "Confirme que tiene 18 años o más",
    "consent_contact": "Acepte que nos comuniquemos con usted, para que podamos responderle",
    "privacy_ack": "Confirme que ha leído el aviso de privacidad",
}


def main(response) -> str:
    """The page's own content: the site's header and footer are translated elsewhere."""
    return response.content.decode().split('<main id="main"')[1].split("</main>")[0]


def test_the_spanish_form_asks_every_question_in_spanish(client):
    response = client.get(SPANISH_FORM)
    assert "<title>Pida una consulta" in response.content.decode()
    html = main(response)
    for text in (
        "Pida una consulta", "Nombre completo", "Correo electrónico", "Número de teléfono",
        "¿Cómo prefiere que nos comuniquemos con usted?", "Llamada telefónica", "Mensaje de texto",
        "En la mañana (de 8 de la mañana a 12 del mediodía)", "¿En qué estado vive?", "Tengo 18 años o más",
        "Antes de enviar",
        "Hasta 1,000 caracteres", "aviso de privacidad", "Enviar solicitud",
        'envíe un mensaje de texto al <a href="tel:988">988</a> (para español, marque 2 o escriba AYUDA)',
    ):  # fmt: skip
        assert text in html, text
    for text in ENGLISH_UI:
        assert text not in html, text


def test_an_empty_spanish_form_lists_every_problem_in_spanish_and_keeps_nothing(client):
    html = client.post(SPANISH_FORM, {"submission_key": str(uuid.uuid4())}).content.decode()
    assert "<title>Error: Pida una consulta" in html
    for field, message in SPANISH_ERRORS.items():
        target = f"id_{field}_0" if field in CHOICE_GROUPS else f"id_{field}"
        assert f'<a href="#{target}">{message}</a>' in html, field
    assert "Enter your" not in html
    assert "Select " not in html
    assert ConsultationRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "not-an-email"}, "Escriba un correo electrónico con el formato correcto, por ejemplo nombre@"),
        ({"email": "a" * 250 + "@example.com"}, "Su correo electrónico debe tener 254 caracteres o menos"),
        ({"phone": "12"}, "Escriba un número de teléfono, por ejemplo 207 555 0123"),
        ({"phone": "llámeme"}, "Escriba un número de teléfono, por ejemplo 207 555 0123"),
        ({"phone": "9" * 50}, "Escriba un número de teléfono, por ejemplo 207 555 0123"),
        ({"state": "Texas"}, "Elija el estado donde vive"),
        ({"preferred_contact": "paloma"}, "Elija cómo prefiere que nos comuniquemos con usted"),
        ({"message": "x" * 10_000}, "Su mensaje debe tener 1,000 caracteres o menos"),
        ({"name": "x" * 10_000}, "Su nombre debe tener 120 caracteres o menos"),
        ({"name": "\x00\x01"}, "Su nombre tiene caracteres que no podemos aceptar. Use solo letras"),
        ({"name": "\u202e\u202d"}, "Escriba su nombre completo"),
        ({"message": "hola\x00"}, "Su mensaje tiene caracteres que no podemos aceptar. Quítelos"),
    ],
)  # fmt: skip
def test_bad_input_gets_a_specific_spanish_message_and_keeps_what_was_typed(client, changes, message):
    data = valid(**{"name": "José Núñez", "email": "jose@example.com", **changes})
    response = client.post(SPANISH_FORM, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "name" in changes or 'value="José Núñez"' in html
    assert "email" in changes or 'value="jose@example.com"' in html
    assert "I have tried three antidepressants." in html or "message" in changes
    assert ConsultationRequest.objects.count() == 0


def test_hostile_text_comes_back_as_text_with_a_spanish_error(client):
    hostile = "<script>alert(1)</script>"
    html = client.post(SPANISH_FORM, valid(name=hostile, message=hostile, email="no")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2  # kept in both boxes, as text
    assert "Escriba un correo electrónico con el formato correcto" in html
    assert ConsultationRequest.objects.count() == 0


def test_a_spanish_request_is_kept_as_spanish_and_answered_in_spanish(client):
    response = client.post(SPANISH_FORM, valid(name="José Núñez", message="Llámenme después del trabajo."))
    assert response["Location"] == "/es/consultation/received/"
    record = ConsultationRequest.objects.get()
    assert record.language == "es"
    received = client.get(response["Location"]).content.decode()
    for text in ("Recibimos su solicitud", "Su referencia es", record.reference, "Empezar el cuestionario"):
        assert text in received
    assert "We have your request" not in received

    assert send_pending_emails() == 2
    to_patient = next(message for message in mail.outbox if message.to == ["jordan@example.com"])
    assert to_patient.subject == f"Recibimos su solicitud (referencia {record.reference})"
    assert "Recibimos su solicitud de consulta. Su referencia es" in to_patient.body
    assert "llame o envíe un mensaje de texto al 988 (para español, marque 2 o escriba AYUDA)" in to_patient.body
    assert "Thank you" not in to_patient.body
    assert "call or text" not in to_patient.body
    assert "Nos comunicaremos con usted en un plazo de un día hábil." in to_patient.body  # the clinic's own promise
    assert "business day" not in to_patient.body


def test_staff_are_told_in_english_that_the_person_prefers_spanish(client):
    client.post(SPANISH_FORM, valid(name="José Núñez", message="Llámenme después del trabajo."))
    send_pending_emails()
    to_staff = next(message for message in mail.outbox if message.to != ["jordan@example.com"])
    assert to_staff.subject.startswith("New consultation request")
    assert "A new consultation request has arrived.\nThe person prefers Spanish.\n" in to_staff.body
    assert "Recibimos" not in to_staff.body
    for private in ("José", "Núñez", "jordan@example.com", "0123", "Llámenme"):  # no personal or health data
        assert private not in to_staff.body
        assert all(private not in message.body for message in mail.outbox)


def test_an_english_request_stays_english_and_names_no_preference(client):
    client.post("/consultation/", valid())
    assert ConsultationRequest.objects.get().language == "en"
    send_pending_emails()
    assert all("prefers" not in message.body for message in mail.outbox)
    assert any(message.subject.startswith("We have your request") for message in mail.outbox)


def test_the_outbox_keeps_the_language_however_late_it_sends(client):
    """The e-mail is written when the request is made, in its language; the sender runs later, in no language."""
    client.post(SPANISH_FORM, valid())
    confirmation = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.PATIENT_CONFIRMATION)
    assert confirmation.subject.startswith("Recibimos su solicitud")
    assert "Gracias por comunicarse con" in confirmation.body
