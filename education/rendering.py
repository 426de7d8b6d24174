"""Markdown to safe HTML, rendered once when an article is saved.

Python-Markdown renders; nh3 (the Rust `ammonia` sanitiser) removes anything that is not on the
allow-list, so script typed into the admin never reaches a reader.
"""

import html as html_lib
import re
from dataclasses import dataclass

import markdown
import nh3
from django.utils.translation import gettext

from education import evidence

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "em", "h2", "h3", "h4", "hr", "li",
    "ol", "p", "pre", "strong", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "td": {"align"},
    "th": {"align", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# "[3]" or "[2, 5]" after a sentence: a citation of the numbered references.
_CITATION = re.compile(r"\[(\d+(?:,\s*\d+)*)\]")


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    title: str


@dataclass(frozen=True)
class Rendered:
    html: str
    headings: list[Heading]

    @property
    def toc(self) -> list[dict]:
        """The headings as an article stores them for its table of contents."""
        return [{"level": h.level, "anchor": h.anchor, "title": h.title} for h in self.headings]


def _link_citations(html: str, anchor_prefix: str) -> str:
    def replace(match: re.Match) -> str:
        numbers = [n.strip() for n in match.group(1).split(",")]
        title = gettext("Reference %(number)s")
        links = ", ".join(f'<a href="#{anchor_prefix}{n}" title="{title % {"number": n}}">{n}</a>' for n in numbers)
        return f"<sup>[{links}]</sup>"

    return _CITATION.sub(replace, html)


def _collect_headings(tokens: list[dict], into: list[Heading]) -> list[Heading]:
    for token in tokens:
        if token["level"] in (2, 3):
            into.append(Heading(level=token["level"], anchor=token["id"], title=html_lib.unescape(token["name"])))
        _collect_headings(token["children"], into)
    return into


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        allowed_classes={"a": evidence.CLASSES},
        link_rel="noopener noreferrer",
    )


def _wrap_tables(html: str) -> str:
    """Wide tables scroll inside their own box on a phone; the box is focusable so keyboard users can scroll it."""
    label = gettext("Table (scrolls sideways)")
    wrapper = f'<div class="table-scroll" role="region" aria-label="{label}" tabindex="0"><table>'
    return html.replace("<table>", wrapper).replace("</table>", "</table></div>")


def render_markdown(text: str, reference_anchor_prefix: str = "ref-") -> Rendered:
    """Render Markdown to sanitised HTML with heading anchors, linked citations, evidence labels and a table of
    contents."""
    md = markdown.Markdown(extensions=["tables", "sane_lists", "toc"], extension_configs={"toc": {"toc_depth": "2-3"}})
    raw_html = md.convert(text or "")
    headings = _collect_headings(md.toc_tokens, [])
    safe_html = sanitise(evidence.link_labels(_link_citations(raw_html, reference_anchor_prefix)))
    return Rendered(html=_wrap_tables(safe_html), headings=headings)
