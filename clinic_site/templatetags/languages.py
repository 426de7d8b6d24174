from django import template
from django.template.defaultfilters import capfirst
from django.utils.html import format_html, format_html_join

from clinic_site import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """This page in each language (for hreflang links and the language switcher); none on the bare 500 page.

    A view whose page exists in some languages only (an article not yet translated) names them in `page_languages`.
    """
    request = context.get("request")
    if not request:
        return []
    available = context.get("page_languages")
    return [page for page in languages.alternates(request) if available is None or page["code"] in available]


# The page's hreflang links and its language switcher's items, drawn in Python with Django's format_html, the same
# markup as base.html's and language_switcher.html's loops drew, at a fraction of the engine's cost on every page.
HREFLANG_LINK = '<link rel="alternate" hreflang="{}" href="{}{}">\n  '
DEFAULT_LINK = '<link rel="alternate" hreflang="x-default" href="{}{}">'
SWITCHER_ITEM = '\n    <li><a href="{}" hreflang="{}" lang="{}">{}</a></li>\n    '


@register.filter
def hreflang_links(alternates, site_url) -> str:
    """A link to this page in each language, then the first (English where there is one) as the default. The bare 500
    page has no alternates and no site_url: base.html draws these links only where there are alternates."""
    links = format_html_join("", HREFLANG_LINK, ((page["code"], site_url, page["path"]) for page in alternates))
    return links + format_html(DEFAULT_LINK, site_url, alternates[0]["path"])


@register.filter
def switcher_items(alternates, current: str) -> str:
    """A link to this page in each language but the current one, named in its own language."""
    return format_html_join(
        "",
        SWITCHER_ITEM,
        (
            (page["path"], page["code"], page["code"], capfirst(page["name"]))
            for page in alternates
            if page["code"] != current
        ),
    )
