"""Editorial rules, checked over every shipped article and every public page."""

import re

import pytest
from django.utils import timezone

from education.models import Article, FAQEntry, FAQReference, GlossaryTerm

pytestmark = pytest.mark.django_db

# Claims the content brief marks false, outdated, overstated or unverified (section 3 and 4.4).
BANNED_CLAIMS = {
    "Nixon banned ketamine (false: it was never banned)": r"\bnixon\b|\bbanned\b",
    "Ketamine cannot be addictive (false)": (
        r"not addictive|addiction is not possible|cannot (?:become|get) addicted|no risk of (?:addiction|dependence)"
    ),
    "The mechanism is fully understood (false)": r"fully understood|completely understood",
    ">17 million Americans (outdated figure)": r"17(?:\.3)? million",
    "$400-$800 per session (unverified market figure)": r"\$\s?[48]00\b",
    "Effective in up to 70% (overstated)": r"up to 70|\b71\s?%",
    "Press 3 for LGBTQ+ youth (option ended in 2025)": r"press 3",
    "Depression is a chemical imbalance (outdated)": r"chemical imbalance",
    "Ketamine is anti-inflammatory (overstated)": r"anti-inflammatory",
    "10-30% do not respond (understated)": r"10\s?%?\s*(?:–|-|to)\s*30\s?%",
    "Cures or guarantees": r"\bcure[sd]?\b|\bguarantee",
    # Found by the clinical review of issue 16:
    "Fees are on the home page (untrue: they come from the clinic details record)": r"(?:fees|prices)[^.]*home page",
    "Insurers often cover Spravato (no source)": r"often cover|more often covered",
    "Midazolam only makes you sleepy (it is an active placebo)": r"only makes you sleepy",
    "Judgemental words for non-medical use": r"for fun\b",
}

# The 2020 approval of the spray (depression with acute suicidal ideation or behavior) is always stated with the
# label's limitation, so that no reader in crisis takes it for an alternative to emergency care.
SUICIDALITY_APPROVAL = re.compile(r"approved[^.]*(?:thoughts? of suicide|suicidal)", re.I)
LIMITATION = ("not been shown to prevent suicide or to reduce suicidal thoughts", "does not replace emergency care")

MIN_WORDS, MAX_WORDS = 500, 1500
MAX_GRADE = 8
REQUIRED_ARTICLES = {
    "what-is-depression", "treatment-resistant-depression", "where-ketamine-fits", "history-of-ketamine",
    "how-ketamine-works", "administration-routes", "infusion-visit", "course-of-treatment",
    "side-effects-and-risks", "who-may-not-be-a-candidate", "ketamine-assisted-psychotherapy", "cost-and-insurance",
    "esketamine-session", "safety-during-and-after-a-session", "pregnancy-and-breastfeeding", "older-adults",
    "tolerance-dependence-and-withdrawal", "bipolar-depression", "young-people", "at-home-ketamine-and-telehealth",
    "how-sure-is-the-evidence",
}  # fmt: skip


def shipped_articles():
    return list(Article.objects.published().select_related("reviewer").prefetch_related("references"))


def test_every_required_article_is_published():
    assert {a.slug for a in shipped_articles()} >= REQUIRED_ARTICLES
    assert len(shipped_articles()) >= 12


def test_faq_and_glossary_are_complete():
    assert FAQEntry.objects.count() >= 12
    assert GlossaryTerm.objects.count() >= 15


@pytest.mark.parametrize("slug", sorted(REQUIRED_ARTICLES))
def test_article_meets_the_editorial_standard(slug):
    article = Article.objects.select_related("reviewer").get(slug=slug)
    references = list(article.references.all())
    assert MIN_WORDS <= article.word_count <= MAX_WORDS, f"{slug}: {article.word_count} words"
    assert article.reading_grade <= MAX_GRADE, f"{slug}: grade {article.reading_grade}"
    assert len(references) >= 3, f"{slug}: only {len(references)} references"
    cited = {int(n) for group in re.findall(r"\[(\d+(?:,\s*\d+)*)\]", article.body) for n in group.split(",")}
    assert cited == {ref.number for ref in references}, f"{slug}: cited {sorted(cited)}"
    assert article.reviewer.name
    assert article.reviewer.credentials
    assert article.last_reviewed <= timezone.localdate() < article.next_review_due
    assert article.author
    assert len(article.summary) <= 300


@pytest.mark.parametrize("slug", sorted(REQUIRED_ARTICLES))
def test_references_point_to_real_sources(slug):
    for ref in Article.objects.get(slug=slug).references.all():
        assert len(ref.citation) > 20
        assert ref.url.startswith("https://"), f"{slug} [{ref.number}] has no DOI, PMID or stable URL"


def test_every_faq_reference_has_a_doi_or_stable_url():
    for ref in FAQReference.objects.select_related("entry"):
        assert ref.url.startswith("https://"), f"{ref.entry.slug} [{ref.number}] has no DOI, PMID or stable URL"


def texts_that_state_approvals() -> list[tuple[str, str]]:
    texts = [(a.slug, a.body_text) for a in Article.objects.published()]
    texts += [(f"faq:{e.slug}", e.answer) for e in FAQEntry.objects.all()]
    return texts + [(f"glossary:{t.slug}", t.definition) for t in GlossaryTerm.objects.all()]


def test_every_mention_of_the_suicidal_ideation_approval_carries_the_labels_limitation():
    mentions = [(where, text) for where, text in texts_that_state_approvals() if SUICIDALITY_APPROVAL.search(text)]
    assert len(mentions) >= 4  # the FAQ, the glossary, the history and the side effects at least
    for where, text in mentions:
        for words in LIMITATION:
            assert words in " ".join(text.split()), f"{where}: the approval is stated without '{words}'"


def every_public_url() -> list[str]:
    urls = ["/", "/learn/", "/faq/", "/glossary/", "/crisis/", "/privacy/"]
    return urls + [article.get_absolute_url() for article in shipped_articles()]


def test_no_false_or_unverified_claim_appears_anywhere_on_the_site(client):
    found = []
    for url in every_public_url():
        text = re.sub(r"<[^>]+>", " ", client.get(url).content.decode())
        found += [f"{url}: {claim}" for claim, pattern in BANNED_CLAIMS.items() if re.search(pattern, text, re.I)]
    assert found == []


def test_off_label_status_is_stated_where_routes_are_compared(client):
    html = client.get("/learn/administration-routes/").content.decode().lower()
    assert "off-label" in html
    assert "spravato" in html


# Terms a reader may not know, explained in the glossary and linked from each article that uses them.
GLOSSARY_LINKS = {
    r"\bdeductible\b": "deductible",
    r"\bmg/kg\b": "mgkg",
    r"\bcurrent episode\b": "current-episode",
    r"\bglaucoma\b": "glaucoma",
    r"\bsleep apnea\b": "sleep-apnea",
    r"\bIPT\b": "ipt",
    r"\bhypomani": "hypomanic",
}


def test_hard_terms_link_to_their_glossary_entry_in_every_article_that_uses_them():
    assert set(GLOSSARY_LINKS.values()) <= set(GlossaryTerm.objects.values_list("slug", flat=True))
    missing = [
        f"{article.slug}: {slug}"
        for article in Article.objects.published()
        for pattern, slug in GLOSSARY_LINKS.items()
        if re.search(pattern, article.body_text) and f'href="/glossary/#{slug}"' not in article.body_html
    ]
    assert missing == []
