"""Fees and contact details in articles and the FAQ come from the clinic details record, never from the text."""

import pytest

from clinic_site.models import ClinicDetails

pytestmark = pytest.mark.django_db

COST = "/learn/cost-and-insurance/"


def set_details(**fields):
    details = ClinicDetails.load()
    for name, value in fields.items():
        setattr(details, name, value)
    details.save()


def test_cost_article_and_faq_show_the_fees_from_the_clinic_details_record(client):
    set_details(fees="First consultation: $250 & <b>up</b>.\nEach infusion: $500.")
    for url in (COST, "/faq/"):
        html = client.get(url).content.decode()
        assert "First consultation: $250 &amp; &lt;b&gt;up&lt;/b&gt;.<br>Each infusion: $500." in html, url
        assert "[[clinic fees]]" not in html
        assert "home page" not in html


def test_without_fees_on_record_the_pages_say_ask_us(client):
    set_details(fees="  ", phone="(555) 010-9999")
    html = client.get(COST).content.decode()
    assert "Please ask us for our current fees: call" in html
    assert "(555) 010-9999" in html


def test_after_hours_advice_shows_the_clinics_phone_and_opening_hours(client):
    set_details(phone="(555) 010-7777", friday_opens=None, friday_closes=None, saturday_opens=None,
                saturday_closes=None)  # fmt: skip
    html = client.get("/learn/safety-during-and-after-a-session/").content.decode()
    assert 'href="tel:5550107777">(555) 010-7777</a>' in html
    assert "Monday to Thursday, 8 am to 6 pm" in html
    assert "[[clinic contact]]" not in html


def test_placeholders_are_not_counted_as_prose_for_reading_grades():
    from education.models import Article

    assert "clinic fees" not in Article.objects.get(slug="cost-and-insurance").body_text
