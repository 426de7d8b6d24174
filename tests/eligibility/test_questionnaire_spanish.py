"""The questionnaire in Spanish, under /es/: every step's words, the official Spanish PHQ-9, the urgent path and the
error messages. The answers stored are the same codes as in English, so staff read them with English labels."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils.html import escape

from eligibility.models import OutgoingEmail, Questionnaire
from eligibility.services import send_pending_emails
from tests.eligibility.test_questionnaire import ANSWERS, PHQ9_LOW

pytestmark = pytest.mark.django_db

SPANISH_TITLES = {
    "about-you": "Sobre usted",
    "diagnosis": "Su diagnóstico y este episodio",
    "antidepressants": "Antidepresivos que ha probado",
    "other-treatments": "Otros tratamientos que ha probado",
    "medicines": "Medicamentos que toma ahora",
    "medical-history": "Sus antecedentes médicos",
    "mental-health": "Sus antecedentes de salud mental",
    "phq-9": "Cómo se ha sentido (PHQ-9)",
    "getting-home": "Cómo volver a casa después de una sesión",
    "contact": "Cómo podemos comunicarnos con usted",
}
# Words that are the same in both languages.
SAME_IN_BOTH = {"No", "Error:", "Alcohol"}
# What a person reads of a question: its label, legend, hint, the answers to choose from, and the buttons.
QUESTION_TEXT = re.compile(
    r'<(label|legend|h1|h2|button|option)\b[^>]*>(.*?)</\1>|<p class="(?:hint|lead|error-message)"[^>]*>(.*?)</p>', re.S
)

# The official Spanish PHQ-9 ("Spanish for the USA", phqscreeners.com), copied here rather than imported, so that a
# change to eligibility/phq9.py's text fails this test.
OFFICIAL_STEM = "Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los siguientes problemas?"
OFFICIAL_ITEMS = [
    "1. Poco interés o placer en hacer cosas",
    "2. Se ha sentido decaído(a), deprimido(a) o sin esperanzas",
    "3. Ha tenido dificultad para quedarse o permanecer dormido(a), o ha dormido demasiado",
    "4. Se ha sentido cansado(a) o con poca energía",
    "5. Sin apetito o ha comido en exceso",
    "6. Se ha sentido mal con usted mismo(a) – o que es un fracaso o que ha quedado mal con usted mismo(a) o con su "
    "familia",
    "7. Ha tenido dificultad para concentrarse en ciertas actividades, tales como leer el periódico o ver la "
    "televisión",
    "8. ¿Se ha movido o hablado tan lento que otras personas podrían haberlo notado? o lo contrario – muy "
    "inquieto(a) o agitado(a) que ha estado moviéndose mucho más de lo normal",
    "9. Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera",
]
OFFICIAL_ANSWERS = ["Ningún día", "Varios días", "Más de la mitad de los días", "Casi todos los días"]
OFFICIAL_QUESTION_10 = (
    "Si marcó cualquiera de los problemas, ¿qué tanta dificultad le han dado estos problemas para hacer su trabajo, "
    "encargarse de las tareas del hogar, o llevarse bien con otras personas?"
)
OFFICIAL_QUESTION_10_ANSWERS = ["No ha sido difícil", "Un poco difícil", "Muy difícil", "Extremadamente difícil"]
OFFICIAL_FOOTER = (
    "Elaborado por los doctores Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke y colegas, mediante una "
    "subvención educativa otorgada por Pfizer Inc. No se requiere permiso para reproducir, traducir, presentar o "
    "distribuir."
)


def start_in_spanish(client):
    response = client.post("/es/eligibility/")
    assert response["Location"] == "/es/eligibility/about-you/"


def visible_texts(html: str) -> set[str]:
    """The question words on the page (inside <main>), tags removed and spaces collapsed. The crisis panel beside
    question 9 is left out: its words are checked on their own below, and its phone question is the urgent call
    form's, translated with that form."""
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r'<section class="crisis-panel" id="item9-panel".*?</section>', "", main, flags=re.S)
    texts = set()
    for match in QUESTION_TEXT.finditer(main):
        text = re.sub(r"<[^>]+>", " ", match.group(2) or match.group(3))
        text = re.sub(r"\s+", " ", text).strip()
        if text:
            texts.add(text)
    return texts


def answer_in_spanish(client, slug, data):
    return client.post(f"/es/eligibility/{slug}/", {**data, "continue": ""})


def test_the_spanish_questionnaire_walks_every_step_in_spanish(client):
    start_in_spanish(client)
    for number, (slug, data) in enumerate(ANSWERS.items(), start=1):
        html = client.get(f"/es/eligibility/{slug}/").content.decode()
        assert '<html lang="es"' in html
        assert f"<h1>{SPANISH_TITLES[slug]}</h1>" in html
        assert f"Paso {number} de 11" in html
        assert ">Continuar</button>" in html
        assert ">Guardar y volver más tarde</button>" in html
        if slug != "contact":  # the contact questions are the consultation form's, translated with that form
            english_html = english_page(slug)
            untranslated = (visible_texts(html) & visible_texts(english_html)) - SAME_IN_BOTH
            assert untranslated == set(), slug
        response = answer_in_spanish(client, slug, data)
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
        assert response["Location"].startswith("/es/eligibility/")
    html = client.get("/es/eligibility/check/").content.decode()
    assert "<h1>Revise sus respuestas</h1>" in html
    assert "Sertraline, 200 mg al día, 10 semanas con esa dosis; resultado: no le ayudó" in html
    assert re.search(r"<dt>Tengo 18 años o más</dt><dd>Sí\s*</dd>", html)  # a ticked box reads "Sí", not "True"
    assert "True" not in html
    assert ">Enviar mis respuestas</button>" in html
    done = client.post("/es/eligibility/check/", follow=True).content.decode()
    assert "<h1>Recibimos sus respuestas</h1>" in done
    draft = Questionnaire.objects.get(request__isnull=False)
    assert draft.status == Questionnaire.Status.SUBMITTED
    # The same codes as an English questionnaire stores: staff read them with English labels.
    assert draft.answers["diagnosis"]["diagnosis"] == "mdd"
    assert draft.answers["antidepressants"][0]["result"] == "none"
    assert (draft.phq9_total, draft.phq9_band, draft.outcome) == (8, "Mild", "proceed")


def english_page(slug) -> str:
    """The same step in English, in a second browser (the Spanish one keeps its draft)."""
    other = Client()
    other.post("/eligibility/")
    return other.get(f"/eligibility/{slug}/").content.decode()


def test_the_phq9_step_shows_the_official_spanish_text_word_for_word(client):
    start_in_spanish(client)
    html = client.get("/es/eligibility/phq-9/").content.decode()
    texts = visible_texts(html)
    assert OFFICIAL_STEM in texts
    for item in OFFICIAL_ITEMS:
        assert item in texts
    for answer in OFFICIAL_ANSWERS:
        assert html.count(f">{answer}</label>") == 9
    assert OFFICIAL_QUESTION_10 in texts
    for answer in OFFICIAL_QUESTION_10_ANSWERS:
        assert html.count(f">{answer}</label>") == 1
    assert OFFICIAL_FOOTER in texts
    assert "Not at all" not in html
    assert "Little interest" not in html


def test_the_spanish_phq9_stores_codes_and_the_version_shown(client):
    start_in_spanish(client)
    answers = {**PHQ9_LOW, "phq9_difficulty": "Somewhat difficult"}
    assert answer_in_spanish(client, "phq-9", answers).status_code == 302
    stored = Questionnaire.objects.get().answers["phq-9"]
    assert [stored[f"phq9_item{n}"] for n in range(1, 10)] == [1, 1, 1, 1, 1, 1, 1, 1, 0]
    assert stored["phq9_difficulty"] == "Somewhat difficult"  # the English answer, whatever the language shown
    assert stored["phq9_version"] == "PHQ-9 es-US (Pfizer, phqscreeners.com, Spanish for the USA)"
    html = client.get("/es/eligibility/phq-9/").content.decode()  # Back shows the Spanish answer chosen
    assert re.search(r'value="Somewhat difficult"[^>]*checked[^>]*>\s*<label[^>]*>Un poco difícil</label>', html)


def test_the_english_phq9_is_unchanged_and_says_so(client):
    client.post("/eligibility/")
    html = client.get("/eligibility/phq-9/").content.decode()
    assert "1. Little interest or pleasure in doing things" in html
    assert ">Not at all</label>" in html
    client.post("/eligibility/phq-9/", {**PHQ9_LOW, "continue": ""})
    stored = Questionnaire.objects.get().answers["phq-9"]
    assert stored["phq9_version"] == "PHQ-9 en-US (Pfizer, phqscreeners.com)"


def test_the_spanish_crisis_panel_is_beside_question_nine_ready_to_show_at_once(client):
    """The panel is on the page, hidden until static/js/crisis-panel.js sees an answer above 0 (the browser test in
    tests/e2e/test_spanish_questionnaire.py watches it appear); its words are Spanish."""
    start_in_spanish(client)
    html = client.get("/es/eligibility/phq-9/").content.decode()
    panel = html[html.index('<section class="crisis-panel" id="item9-panel"') :]
    panel = panel[: panel.index("</section>")]
    assert "crisis-panel.js" in html
    assert 'data-announce="Debajo de esta pregunta hay ayuda.' in panel
    assert "Por favor, busque apoyo ahora si lo necesita" in panel
    assert "Nadie revisa este formulario las 24 horas." in panel
    for crisis_option in ("y marque 2", "AYUDA", 'href="tel:988"', 'href="tel:911"'):
        assert crisis_option in panel
    assert 'data-not-saved="No pudimos guardar su número en este momento.' in panel


def test_a_spanish_answer_above_zero_on_item_nine_flags_the_record_urgent_as_in_english(client):
    start_in_spanish(client)
    for slug in list(ANSWERS)[:7]:
        answer_in_spanish(client, slug, ANSWERS[slug])
    response = client.post("/es/eligibility/phq-9/", {**PHQ9_LOW, "phq9_item9": "1", "continue": ""}, follow=True)
    assert send_pending_emails(only_due=True) == 1
    html = response.content.decode()
    assert f"<h1>{SPANISH_TITLES['getting-home']}</h1>" in html
    urgent_panel = html[html.index('id="urgent-panel"') :]
    urgent_panel = urgent_panel[: urgent_panel.index("</section>")]
    for crisis_option in ("y marque 2", "AYUDA", 'href="tel:988"', 'href="tel:911"'):
        assert crisis_option in urgent_panel
    draft = Questionnaire.objects.get()
    assert draft.urgent
    assert OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.URGENT_NOTIFICATION).sent_at is not None
    assert any("URGENT" in message.subject for message in mail.outbox)


def test_an_empty_spanish_step_gets_spanish_messages_and_an_error_title(client):
    start_in_spanish(client)
    html = answer_in_spanish(client, "about-you", {}).content.decode()
    assert "<title>Error: Sobre usted: paso 1 de 11" in html
    assert "Hay un problema" in html
    assert '<a href="#id_age">Escriba su edad en años, por ejemplo 42</a>' in html
    assert "Elija si está embarazada, tratando de quedar embarazada o dando pecho" in html
    assert '<span class="visually-hidden">Error:</span> Escriba su edad en años' in html
    assert "about-you" not in Questionnaire.objects.get().answers


@pytest.mark.parametrize("age", ["abc", "-3", "999", "4" * 50])
def test_a_malformed_spanish_answer_is_explained_in_spanish_and_kept(client, age):
    start_in_spanish(client)
    html = answer_in_spanish(client, "about-you", {"age": age, "pregnant_or_breastfeeding": "no"}).content.decode()
    assert "Escriba su edad en años, por ejemplo 42" in html
    assert f'value="{age}"' in html
    assert "about-you" not in Questionnaire.objects.get().answers


HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def test_hostile_spanish_text_is_refused_in_spanish_escaped_and_kept(client):
    start_in_spanish(client)
    long_hostile = HOSTILE + "x" * 600
    data = {**ANSWERS["other-treatments"], "psychotherapy_detail": long_hostile}
    html = answer_in_spanish(client, "other-treatments", data).content.decode()
    assert "Use 500 caracteres o menos" in html
    assert escape(long_hostile) in html  # kept in the box, as text
    assert HOSTILE not in html
    assert "other-treatments" not in Questionnaire.objects.get().answers


def test_a_half_filled_spanish_medicine_row_is_explained_in_spanish(client):
    start_in_spanish(client)
    data = {"trial-TOTAL_FORMS": "1", "trial-INITIAL_FORMS": "0", "trial-0-name": HOSTILE}
    html = answer_in_spanish(client, "antidepressants", data).content.decode()
    message = (
        f"Para {escape(HOSTILE)}, díganos también cuántas semanas lo tomó, cuál fue el resultado y si lo tomó en "
        "este episodio. O deje vacías todas sus casillas"
    )
    assert f"Medicamento 1: {message}" in html  # in the error summary, naming the row
    assert f'value="{escape(HOSTILE)}"' in html
    assert HOSTILE not in html
