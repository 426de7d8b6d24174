"""The form renderer (settings.FORM_RENDERER): Django's, with its smallest widget templates written in Python.

An <input> drawn by Django's templates goes through three of them (text.html includes input.html, which includes
attrs.html), and a radio button through four; a form of ten questions draws dozens. Those few templates are written
here as functions that give the same markup, character for character (tests/site/test_form_renderer.py compares
them on every form of the site); every other template is Django's, unchanged.
"""

from functools import lru_cache

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

_WIDGETS = "django/forms/widgets/"


def _text(value) -> str:
    """`|stringformat:'s'`: the value as text, still marked safe if it was."""
    return value if isinstance(value, str) else str(value)


@lru_cache(maxsize=1024, typed=True)
def escaped_name(name: str) -> SafeString:
    """A name written by the code (an attribute's, an input type, a field's or box's id) escaped by Django, once per
    worker: a form page escapes a hundred of them, ~13 calls each. Never for what a person typed or any other value."""
    return conditional_escape(name)


def _attrs(attrs: dict) -> str:
    """attrs.html: ` name="value"` each, ` name` alone for True, nothing for False."""
    return "".join(
        f" {escaped_name(name)}" if value is True else f' {escaped_name(name)}="{conditional_escape(_text(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> SafeString:
    """input.html."""
    value = "" if widget["value"] is None else f' value="{conditional_escape(_text(widget["value"]))}"'
    attrs = _attrs(widget["attrs"])
    return SafeString(
        f'<input type="{escaped_name(widget["type"])}" name="{escaped_name(widget["name"])}"{value}{attrs}>'
    )


def _input_option(widget: dict) -> SafeString:
    """input_option.html: a radio button or a checkbox among several, its label around it when asked."""
    if not widget.get("wrap_label"):
        return _input(widget)
    label_for = f' for="{escaped_name(widget["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
    return SafeString(f"<label{label_for}>{_input(widget)} {conditional_escape(widget['label'])}</label>")


def _textarea(widget: dict) -> SafeString:
    """textarea.html."""
    text = conditional_escape(widget["value"] or "")
    return SafeString(f'<textarea name="{escaped_name(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>')


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
