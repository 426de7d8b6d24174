"""The questionnaire in Spanish in a real browser: the keyboard-only journey, axe on every Spanish page, and the
Spanish crisis panel on screen the moment question 9 is answered above 0."""

from playwright.sync_api import expect

from eligibility.models import Questionnaire
from tests.e2e.test_questionnaire_journey import KEYBOARD_ANSWERS, answer_by_keyboard

# The same answers, chosen by keyboard. In the two drop-down lists a Spanish reader types the start of the Spanish
# answer ("No me ayudó", "Sí"); the lists choose by their first letters.
SPANISH_KEYBOARD_ANSWERS = [
    {**answers, "trial-0-result": "No me", "trial-0-current_episode": "S"} if "trial-0-name" in answers else answers
    for answers in KEYBOARD_ANSWERS
]


def start_by_keyboard(page, site):
    page.goto(site + "/es/eligibility/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    answer_by_keyboard(page, {}, submit="Empezar ahora")


def test_the_spanish_questionnaire_can_be_completed_by_keyboard_alone_and_every_page_passes_axe(
    site, page, axe_violations
):
    start_by_keyboard(page, site)
    results = {}
    for number, answers in enumerate(SPANISH_KEYBOARD_ANSWERS, start=1):
        expect(page.get_by_text(f"Paso {number} de 11")).to_be_visible()
        results[page.url] = axe_violations(page)
        answer_by_keyboard(page, answers, submit="Continuar")
    expect(page.get_by_role("heading", level=1)).to_have_text("Revise sus respuestas")
    results["check"] = axe_violations(page)
    answer_by_keyboard(page, {}, submit="Enviar mis respuestas")
    expect(page.get_by_role("heading", level=1)).to_have_text("Recibimos sus respuestas")
    results["done"] = axe_violations(page)
    assert len(results) == 12
    assert results == {name: [] for name in results}
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.status == "submitted"
    assert questionnaire.answers["antidepressants"][0]["result"] == "none"
    assert questionnaire.answers["phq-9"]["phq9_version"].startswith("PHQ-9 es-US")


def test_a_spanish_answer_above_zero_on_question_nine_shows_the_spanish_panel_at_once(site, page, axe_violations):
    start_by_keyboard(page, site)
    for answers in SPANISH_KEYBOARD_ANSWERS[:7]:
        answer_by_keyboard(page, answers, submit="Continuar")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cómo se ha sentido (PHQ-9)")
    panel = page.locator("#item9-panel")
    expect(panel).to_be_hidden()
    for number in range(1, 9):
        page.get_by_role("group", name=f"{number}.").get_by_label("Varios días").check()
    page.get_by_role("group", name="9. Pensamientos de que estaría mejor muerto(a)").get_by_label("Varios días").check()
    expect(panel).to_be_visible()  # at once: nothing was sent
    expect(page).to_have_url(site + "/es/eligibility/phq-9/")
    expect(page.get_by_role("status")).to_have_text(
        "Debajo de esta pregunta hay ayuda. Si está pasando por un momento difícil, puede llamar al 988 y marcar 2, o "
        "enviar AYUDA por mensaje de texto al 988, a cualquier hora."
    )
    expect(panel.get_by_role("heading", name="Por favor, busque apoyo ahora si lo necesita")).to_be_visible()
    expect(panel.get_by_text("Nadie revisa este formulario las 24 horas.")).to_be_visible()
    expect(panel.get_by_text("enviar AYUDA por mensaje de texto al 988")).to_be_visible()  # help in Spanish
    expect(panel.get_by_role("link", name="988").first).to_have_attribute("href", "tel:988")
    expect(panel.get_by_role("link", name="911")).to_have_attribute("href", "tel:911")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Continuar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cómo volver a casa después de una sesión")
    expect(page.locator("#urgent-panel")).to_be_visible()
    assert Questionnaire.objects.get().urgent
    assert axe_violations(page) == []
