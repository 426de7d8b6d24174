"""Clinic facts kept in the ClinicDetails record, filled into article and FAQ text when a page is shown.

Markdown is rendered once, when it is saved, but fees and phone numbers change in the admin. So the
text holds a placeholder on a line of its own, `[[clinic fees]]` or `[[clinic contact]]`, and the page
puts the current record in its place: the fees when they are set, "ask us" when they are not; the phone,
e-mail and opening hours. No article repeats a price or a number.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

register = template.Library()

# Each placeholder as Markdown renders it (a paragraph of its own), and the template that replaces it.
PLACEHOLDERS = {
    "<p>[[clinic fees]]</p>": "education/includes/clinic_fees.html",
    "<p>[[clinic contact]]</p>": "education/includes/clinic_contact.html",
}


@register.filter
def with_clinic_details(html: str, clinic) -> str:
    """Sanitised article HTML with each placeholder replaced by the clinic's current details (escaped)."""
    for placeholder, template_name in PLACEHOLDERS.items():
        if placeholder in html:
            details = render_to_string(template_name, {"clinic": clinic})
            html = mark_safe(html.replace(placeholder, details))  # noqa: S308 (sanitised on save; the include escapes)
    return html
