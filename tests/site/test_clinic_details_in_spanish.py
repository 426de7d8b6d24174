"""The clinic's own words (callback promise, fees, insurance notes, description) and its opening hours in Spanish on
Spanish pages, from the fields staff edit beside the English ones."""

import pytest
from django.utils import translation

from clinic_site.models import ClinicDetails

pytestmark = pytest.mark.django_db


def test_spanish_pages_show_the_spanish_texts_and_english_pages_the_english(client):
    clinic = ClinicDetails.load()
    clinic.callback_promise_es = "Le llamaremos en dos días hábiles."
    clinic.save()
    spanish = client.get("/es/").content.decode()
    assert "Le llamaremos en dos días hábiles." in spanish
    assert "Pídanos nuestra lista de precios actual." in spanish
    assert "La mayoría de los seguros médicos no pagan las infusiones de ketamina" in spanish
    assert '<meta name="description" content="Tratamiento con ketamina para la depresión' in spanish
    assert "We will contact you within one business day." not in spanish
    english = client.get("/").content.decode()
    assert "We will contact you within one business day." in english
    assert "Le llamaremos" not in english


def test_an_empty_spanish_text_falls_back_to_the_english_one(client):
    clinic = ClinicDetails.load()
    clinic.fees_es = ""
    clinic.save()
    assert "Ask us for our current fee schedule." in client.get("/es/").content.decode()


def test_the_footer_gives_the_opening_hours_in_spanish(client):
    spanish = client.get("/es/crisis/").content.decode()
    hours = "Lunes a viernes, de 8 de la mañana a 6 de la tarde<br>Sábado, de 9 de la mañana a 1 de la tarde<br>"
    assert hours in spanish
    assert "Cerrado: domingo y días feriados federales" in spanish
    assert "Monday to Friday, 8 am to 6 pm" in client.get("/crisis/").content.decode()


def test_new_opening_hours_show_in_the_footer_at_once_in_both_languages(client, django_capture_on_commit_callbacks):
    """The hours in words are worked out once per set of hours and language (ClinicDetails.opening_hours)."""
    assert "Saturday, 9 am to 1 pm" in client.get("/crisis/").content.decode()
    assert "Sábado, de 9 de la mañana a 1 de la tarde" in client.get("/es/crisis/").content.decode()
    clinic = ClinicDetails.load()
    clinic.saturday_opens = clinic.saturday_closes = None
    with django_capture_on_commit_callbacks(execute=True):  # the stored pages are forgotten once it is committed
        clinic.save()
    english = client.get("/crisis/").content.decode()
    assert "Saturday, 9 am to 1 pm" not in english
    assert "Closed on Saturday, Sunday and US federal holidays" in english
    assert "Sábado" not in client.get("/es/crisis/").content.decode()


def test_an_e_mail_written_in_spanish_reads_the_spanish_texts():
    clinic = ClinicDetails.load().localized()
    with translation.override("es"):
        assert clinic.callback_promise == "Nos comunicaremos con usted en un plazo de un día hábil."
    assert clinic.callback_promise == "We will contact you within one business day."


def test_staff_edit_the_spanish_texts_beside_the_english_ones(admin_client):
    html = admin_client.get("/admin/clinic_site/clinicdetails/1/change/").content.decode()
    for name in ("short_description_es", "fees_es", "insurance_notes_es", "callback_promise_es", "interpreter_phone"):
        assert f'name="{name}"' in html
