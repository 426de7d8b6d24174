from django import template

from clinic_site import site_url

register = template.Library()


@register.filter
def absolute_url(path_or_url: str) -> str:
    return site_url.absolute_url(path_or_url)
