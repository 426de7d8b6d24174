"""The form renderer (settings.FORM_RENDERER): Django's, with its smallest widget templates written in Python.

An <input> drawn by Django's templates goes through three of them (text.html includes input.html, which includes
attrs.html), and a radio button through four; a form of ten questions draws dozens. Those few templates are written
here as functions that give the same markup, character for character (tests/site/test_form_renderer.py compares
them on every form of the site); every other template is Django's, unchanged.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

_WIDGETS = "django/forms/widgets/"


def _text(value) -> str:
    """`|stringformat:'s'`: the value as text, still marked safe if it was."""
    return value if isinstance(value, str) else str(value)


def _attrs(attrs: dict) -> SafeString:
    """attrs.html: ` name="value"` each, ` name` alone for True, nothing for False."""
    return mark_safe(  # noqa: S308 (every name and value is escaped by format_html)
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, _text(value))
            for name, value in attrs.items()
            if value is not False
        )
    )


def _input(widget: dict) -> SafeString:
    """input.html."""
    value = "" if widget["value"] is None else format_html(' value="{}"', _text(widget["value"]))
    attrs = _attrs(widget["attrs"])
    return format_html('<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value, attrs)


def _input_option(widget: dict) -> SafeString:
    """input_option.html: a radio button or a checkbox among several, its label around it when asked."""
    if not widget.get("wrap_label"):
        return _input(widget)
    label_for = format_html(' for="{}"', widget["attrs"]["id"]) if widget["attrs"].get("id") else ""
    return format_html("<label{}>{} {}</label>", label_for, _input(widget), widget["label"])


def _textarea(widget: dict) -> SafeString:
    """textarea.html."""
    text = widget["value"] or ""
    return format_html('<textarea name="{}"{}>\n{}</textarea>', widget["name"], _attrs(widget["attrs"]), text)


_IN_PYTHON = {
    **{
        f"{_WIDGETS}{name}.html": _input
        for name in ("input", "text", "number", "email", "url", "search", "tel", "password", "hidden", "checkbox")
    },
    f"{_WIDGETS}radio_option.html": _input_option,
    f"{_WIDGETS}checkbox_option.html": _input_option,
    f"{_WIDGETS}input_option.html": _input_option,
    f"{_WIDGETS}textarea.html": _textarea,
}


class ClinicFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        draw = _IN_PYTHON.get(template_name)
        if draw is None:
            return super().render(template_name, context, request)
        return draw(context["widget"]).strip()
