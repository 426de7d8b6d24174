"""Evidence-strength labels: written in the Markdown, shown to readers as links to the page that explains them,
listed for editors, and kept out of the reading-grade formulas."""

import pytest
from django.core.exceptions import ValidationError

from education.evidence import LEVELS, labelled_claims
from education.models import Article
from education.readability import prose_text
from education.rendering import render_markdown

EXPLAINER_URL = "/learn/how-sure-is-the-evidence/"

pytestmark = pytest.mark.django_db


def test_a_label_after_a_claim_becomes_a_link_to_the_explanation_of_its_level():
    html = render_markdown("About 55 in 100 improved [1] {moderate}.").html
    assert (
        f'<a class="evidence evidence--moderate" href="{EXPLAINER_URL}#moderate-evidence" rel="noopener noreferrer">'
        "(Moderate evidence: one good trial, or mixed results)</a>." in html
    )
    assert "{moderate}" not in html


def test_labels_are_not_prose_for_the_reading_grade():
    html = render_markdown("It helped some people [1] {strong}. It did not help others {early}.").html
    assert prose_text(html) == "It helped some people. It did not help others."


def test_editors_get_each_labelled_claim_with_its_level():
    text = (
        "Intro sentence. About 55 in 100 improved, compared with 41 in 100 [1] {moderate}.\n\n"
        "- **Sleepy.** Most felt sleepy [2] {strong}."
    )
    claims = [(c.level, c.claim) for c in labelled_claims(text)]
    assert claims == [
        ("moderate", "About 55 in 100 improved, compared with 41 in 100"),
        ("strong", "Sleepy. Most felt sleepy"),
    ]


def test_a_mistyped_label_is_refused_with_the_ones_that_exist(make_article):
    article = make_article(body="It helped [1] {strnog}.")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "Unknown evidence label {strnog}: use {strong}, {moderate} or {early}" in str(error.value)


def test_every_level_links_to_a_heading_on_the_explanation_page(client):
    explainer = Article.objects.published().get(slug="how-sure-is-the-evidence")
    anchors = {heading["anchor"] for heading in explainer.toc}
    assert {f"{level}-evidence" for level in LEVELS} <= anchors
    assert client.get(EXPLAINER_URL).status_code == 200


def test_main_claims_of_benefit_and_risk_carry_labels_readers_can_see(client):
    labelled = {a.slug: a.evidence_claims for a in Article.objects.published() if a.evidence_claims}
    assert {"where-ketamine-fits", "side-effects-and-risks", "course-of-treatment"} <= labelled.keys()
    assert {c["level"] for claims in labelled.values() for c in claims} == set(LEVELS)
    html = client.get("/learn/side-effects-and-risks/").content.decode()
    assert "(Strong evidence: several large trials)" in html
    assert "(Early evidence: small or uncontrolled studies)" in html
    assert "{strong}" not in html
    assert "{early}" not in html


def test_editors_see_which_claims_carry_a_label(editor_client):
    article = Article.objects.get(slug="side-effects-and-risks")
    html = editor_client.get(f"/admin/education/article/{article.pk}/change/").content.decode()
    assert "Claims with an evidence label" in html
    assert "<td>Strong</td><td>Between 61 and 84 out of 100 people had it in the studies</td>" in html
    listing = editor_client.get("/admin/education/article/").content.decode()
    assert "Evidence labels" in listing
