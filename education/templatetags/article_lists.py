"""The article page's contents and references, drawn in Python with Django's format_html, the same markup as a
template loop draws. Through the template engine each item cost about 150 Python calls (the loop's context, and each
value looked up as a key before an attribute, localized and escaped); format_html escapes each value as it does."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

SECTION = '<li><a href="#{}">{}</a></li>'
# Each reference on a line of its own in the page's list, as the template's loop laid them out.
REFERENCE = '\n        <li id="ref-{}">{}{}</li>\n        '
LINK = ' <a href="{}" rel="noopener noreferrer">{}</a>'


@register.filter
def contents_items(sections) -> str:
    """The contents list's items: a link to each section's heading (Article.sections)."""
    return format_html_join("", SECTION, ((section["anchor"], section["title"]) for section in sections))


@register.filter
def reference_items(references) -> str:
    """The references list's items, each with its number as its anchor, its citation and its link if it has one."""
    return format_html_join(
        "",
        REFERENCE,
        ((ref.number, ref.citation, format_html(LINK, ref.url, ref.url) if ref.url else "") for ref in references),
    )
