"""Editorial rules for the Spanish content files (education/content/es/), as tests/education/test_content_rules.py
checks the English: no claim the content brief marks false, the label's limits beside every mention of the 2020
approval, the crisis line's Spanish options stated right, and the reader addressed as usted."""

import re
from pathlib import Path

import frontmatter
import pytest
import yaml

SPANISH = Path(__file__).resolve().parents[2] / "education" / "content" / "es"

BANNED_CLAIMS = {
    "Nixon banned ketamine (false)": r"\bnixon\b|\bprohibió\b",
    "Ketamine cannot be addictive (false)": (
        r"no (?:es|son) adictiv|no (?:hay|tiene) riesgo de (?:adicción|dependencia)"
    ),
    "The mechanism is fully understood (false)": r"(?:totalmente|completamente) (?:entendido|comprendido)",
    ">17 million Americans (outdated figure)": r"17(?:[.,]3)? millones",
    "Effective in up to 70% (overstated)": r"hasta (?:el |un )?70|\b71\s?%",
    "Press 3 for LGBTQ+ youth (option ended in 2025)": r"(?:marque|oprima|presione|pulse)\s+(?:el\s+)?3\b",
    "Depression is a chemical imbalance (outdated)": r"desequilibrio químico",
    "Ketamine is anti-inflammatory (overstated)": r"antiinflamatori|anti-inflamatori",
    "Cures or guarantees": r"\bcura(?:n|r|do|da)?\b|\bgarantiz",
}
# Informal "tú" forms: the reader is always "usted".
TU_FORMS = r"\b(?:tú|tu|tus|te|ti|contigo|tienes|puedes|debes|quieres|estás|eres|sientes)\b"
APPROVAL = re.compile(r"(?:2020|aprob)[^\n]{0,400}?(?:pensamientos graves de suicidio|de suicidio graves)", re.I)
LIMITATION = (
    "no se ha probado que evite el suicidio ni que reduzca los pensamientos de suicidio",
    "reemplaza la atención de emergencia",
)


def spanish_texts() -> list[tuple[str, str]]:
    texts = [(path.name, frontmatter.load(path).content) for path in sorted((SPANISH / "articles").glob("*.md"))]
    for name, field in (("faq.yaml", "answer"), ("glossary.yaml", "definition"), ("topics.yaml", "description")):
        texts += [
            (f"{name}:{item['translation_of']}", item[field]) for item in yaml.safe_load((SPANISH / name).read_text())
        ]
    return [(where, " ".join(text.split())) for where, text in texts]


@pytest.mark.parametrize("claim", BANNED_CLAIMS)
def test_no_false_or_unverified_claim_in_spanish(claim):
    found = [where for where, text in spanish_texts() if re.search(BANNED_CLAIMS[claim], text, re.I)]
    assert found == [], f"{claim}: {found}"


def test_every_spanish_mention_of_the_suicidal_ideation_approval_carries_the_labels_limitation():
    mentions = [
        (where, text[m.start() : m.end() + 400]) for where, text in spanish_texts() for m in APPROVAL.finditer(text)
    ]
    assert len(mentions) >= 4  # the FAQ, the glossary, the history and the side effects at least
    for where, text in mentions:
        for words in LIMITATION:
            assert words in text, f"{where}: the approval is stated without '{words}'"


def test_every_988_mention_gives_the_spanish_options_or_sits_beside_one():
    """A Spanish reader who calls 988 hears English first: each text that names 988 says to press 2 or text AYUDA."""
    missing = [
        where
        for where, text in spanish_texts()
        if re.search(r"\b988\b(?!lifeline)", text) and not ("marque 2" in text and "AYUDA" in text)
    ]
    assert missing == []


def test_the_reader_is_always_usted():
    found = [f"{where}: {m.group(0)}" for where, text in spanish_texts() for m in re.finditer(TU_FORMS, text, re.I)]
    assert found == []
