"""Evidence-strength labels: how sure the research is, next to each main claim of benefit or risk.

Editors write `{strong}`, `{moderate}` or `{early}` straight after a claim (and its citation) in the
Markdown. The page shows a short label that links to the page explaining the levels, GRADE-style in
plain words; the admin lists every labelled claim so editors can see what carries one and what does not.

Labels are rendered in the language active when the article is saved (translations are saved in theirs), and link
to the explainer in that language, at the heading for the level.
"""

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from markdown.extensions.toc import slugify

EXPLAINER_SLUG = "how-sure-is-the-evidence"
LEVELS = {
    "strong": _("Strong evidence: several large trials"),
    "moderate": _("Moderate evidence: one good trial, or mixed results"),
    "early": _("Early evidence: small or uncontrolled studies"),
}
# The explainer's heading for each level: the label links to it.
HEADINGS = {"strong": _("Strong evidence"), "moderate": _("Moderate evidence"), "early": _("Early evidence")}
_MARKER = re.compile(r"\s?\{(strong|moderate|early)\}")
_ANY_MARKER = re.compile(r"\{([a-z-]+)\}")
_CITATION = re.compile(r"\s*\[\d+(?:,\s*\d+)*\]")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
# What link_labels produces, so the reading-grade formulas can leave the labels out.
RENDERED_LABEL = re.compile(r'\s?<a class="evidence evidence--[a-z]+"[^>]*>[^<]*</a>')
CLASSES = {"evidence", *(f"evidence--{level}" for level in LEVELS)}


@dataclass(frozen=True)
class LabelledClaim:
    level: str
    claim: str


def link_labels(html: str) -> str:
    """Replace each marker in rendered HTML with a link to the explanation of its level."""

    explainer = reverse("education:article_detail", kwargs={"slug": EXPLAINER_SLUG})  # in the active language

    def label(match: re.Match) -> str:
        level = match.group(1)
        href = f"{explainer}#{slugify(str(HEADINGS[level]), '-')}"  # the heading "Strong evidence" on that page
        return f' <a class="evidence evidence--{level}" href="{href}">({LEVELS[level]})</a>'

    return _MARKER.sub(label, html)


def unknown_labels(markdown_text: str) -> list[str]:
    """Markers an editor mistyped, e.g. {strnog}: they would show as plain text."""
    return [f"{{{name}}}" for name in _ANY_MARKER.findall(markdown_text or "") if name not in LEVELS]


def labelled_claims(markdown_text: str) -> list[LabelledClaim]:
    """Each label with the sentence it ends (write the label before the full stop), for the editors' list."""
    found = []
    for match in _MARKER.finditer(markdown_text or ""):
        sentence = _SENTENCE_BREAK.split(markdown_text[: match.start()].rstrip())[-1]
        claim = _LIST_MARK.sub("", _CITATION.sub("", sentence)).replace("**", "")
        found.append(LabelledClaim(level=match.group(1), claim=" ".join(claim.split())))
    return found
