"""Clinic facts kept in the ClinicDetails record, filled into article and FAQ text when a page is shown.

Markdown is rendered once, when it is saved, but fees change in the admin. So the text holds a
placeholder on a line of its own, `[[clinic fees]]`, and the page puts the current record in its
place: the fees when they are set, "ask us" when they are not. No article repeats a price.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

register = template.Library()

FEES_PLACEHOLDER = "<p>[[clinic fees]]</p>"


@register.filter
def with_clinic_details(html: str, clinic) -> str:
    """Sanitised article HTML with each placeholder replaced by the clinic's current details (escaped)."""
    if FEES_PLACEHOLDER not in html:
        return html
    fees = render_to_string("education/includes/clinic_fees.html", {"clinic": clinic})
    return mark_safe(html.replace(FEES_PLACEHOLDER, fees))  # noqa: S308 (stored HTML is sanitised; the include escapes)
