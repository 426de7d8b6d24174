"""Tags the clinic template pack (templates/clinic/) uses to tie hints and errors to their questions."""

from django import template

register = template.Library()


def hint_id(field) -> str:
    return f"{field.auto_id}-hint"


def error_id(field) -> str:
    return f"{field.auto_id}-error"


@register.simple_tag
def field_input(field):
    """The widget, tied to its hint and error message with aria-describedby (GOV.UK pattern)."""
    described_by = [hint_id(field)] if field.help_text else []
    if field.errors:
        described_by.append(error_id(field))
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else {}
    return field.as_widget(attrs=attrs)


register.filter("hint_id", hint_id)
register.filter("error_id", error_id)


@register.filter
def is_choice_group(field) -> bool:
    input_type = getattr(field.field.widget, "input_type", None)
    return input_type == "radio" or (
        input_type == "checkbox" and getattr(field.field.widget, "allow_multiple_selected", False)
    )
