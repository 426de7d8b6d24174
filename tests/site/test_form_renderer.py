"""The site's form renderer draws inputs in Python (clinic_site/form_renderer.py): every form page must come out
exactly as Django's own widget templates draw it, empty, with errors, and with awkward text typed back into it."""

import re

import pytest
from django.test import Client
from django.utils.html import escape

from clinic_site.form_renderer import escaped_name
from clinic_site.public_forms import HONEYPOT_FIELD
from eligibility.questionnaire_steps import STEPS

pytestmark = pytest.mark.django_db

DJANGO_RENDERER = "django.forms.renderers.DjangoTemplates"
AWKWARD = '<b>"Tom" & O\'Brien</b> 5\' 8"'


def awkward_answers(html: str) -> dict:
    """Every text box, radio group and checkbox on the page, filled with something that must be escaped."""
    names = set(re.findall(r'<(?:input|textarea)[^>]* name="([^"]+)"', html)) - {"csrfmiddlewaretoken", HONEYPOT_FIELD}
    return dict.fromkeys(names, AWKWARD) | {"trial-TOTAL_FORMS": "2", "trial-INITIAL_FORMS": "0"}


def page(client, method, url, data=None) -> str:
    response = getattr(client, method)(url, data)
    assert response.status_code in (200, 400), (url, response.status_code)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "(a submission key)", html)


def drawn_both_ways(settings, client, url) -> list[tuple[str, str]]:
    """The page empty, sent empty, and sent with awkward answers: by the site's renderer, then by Django's."""
    pairs, ours_renderer = [], settings.FORM_RENDERER
    assert ours_renderer != DJANGO_RENDERER
    empty = page(client, "get", url)
    for method, data in (("get", None), ("post", {}), ("post", awkward_answers(empty))):
        ours = page(client, method, url, data)
        settings.FORM_RENDERER = DJANGO_RENDERER
        pairs.append((ours, page(client, method, url, data)))
        settings.FORM_RENDERER = ours_renderer
    return pairs


def test_the_consultation_form_looks_exactly_as_django_draws_it(settings):
    for ours, djangos in drawn_both_ways(settings, Client(), "/consultation/"):
        assert ours == djangos
        assert "<input" in ours


@pytest.mark.parametrize("slug", [step.slug for step in STEPS])
def test_questionnaire_steps_look_exactly_as_django_draws_them(settings, client, slug):
    client.post("/eligibility/")
    for ours, djangos in drawn_both_ways(settings, client, f"/eligibility/{slug}/"):
        assert ours == djangos
        assert "<input" in ours


@pytest.mark.parametrize("url", ["/consultation/", "/eligibility/medicines/", "/eligibility/antidepressants/"])
def test_the_renderer_keeps_the_names_it_escaped_and_nothing_that_was_typed(client, url):
    """Names written by the code are escaped once per worker (form_renderer.escaped_name); answers never join them:
    the form sent again with other words, typed back into its boxes, leaves the renderer holding exactly the names it
    held."""
    client.post("/eligibility/")
    names = awkward_answers(page(client, "get", url)).keys()
    escaped_name.cache_clear()  # a full cache would hold the same number of names whatever joined it

    def names_held_after_sending(words: str) -> int:
        answers = dict.fromkeys(names, words) | {"trial-TOTAL_FORMS": "2", "trial-INITIAL_FORMS": "0"}
        typed_back = page(client, "post", url, answers)
        assert re.search(rf'<input[^>]* value="{re.escape(escape(words))}"', typed_back)
        return escaped_name.cache_info().currsize

    held = names_held_after_sending("first <answer>")
    assert names_held_after_sending("second <answer>") == held > 0
