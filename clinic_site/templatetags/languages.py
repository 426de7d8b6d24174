from django import template

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
