from django import template

from clinic_site import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """This page in each language (for hreflang links and the language switcher); none on the bare 500 page."""
    request = context.get("request")
    return languages.alternates(request.path) if request else []
