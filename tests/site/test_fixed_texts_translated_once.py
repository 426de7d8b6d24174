"""{% translate %} of a fixed text is looked up once per language and kept (clinic_site/templatetags/i18n_once.py):
the same template, rendered in English and Spanish in turn, must show each page its own language."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_fixed_text_is_in_the_language_of_each_page_rendered_in_turn():
    client = Client()
    for _round in range(2):
        english, spanish = (
            client.get("/consultation/").content.decode(),
            client.get("/es/consultation/").content.decode(),
        )
        assert '<button type="submit">Send request</button>' in english
        assert '<button type="submit">Enviar solicitud</button>' in spanish


def test_a_translation_kept_in_a_variable_dates_each_article_in_its_language():
    """`{% translate "F j, Y" context "long date format" as long_date %}` formats the review dates."""
    client = Client()
    client.cookies["sessionid"] = "not-a-session"  # rendered afresh each time, not the cached page
    for _round in range(2):
        english = client.get("/learn/what-is-depression/").content.decode()
        spanish = client.get("/es/learn/what-is-depression/").content.decode()
        assert re.search(r"Last reviewed <time[^>]*>[A-Z][a-z]+ \d{1,2}, \d{4}</time>", english)
        assert re.search(r"<time[^>]*>\d{1,2} de [a-z]+ de \d{4}</time>", spanish)
        assert not re.search(r"<time[^>]*>\d{1,2} de [a-z]+ de \d{4}</time>", english)
