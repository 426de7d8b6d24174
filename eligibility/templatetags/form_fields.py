"""Tags the clinic template pack (templates/clinic/) uses to tie hints and errors to their questions, and the tag the
pages draw their laid-out forms with."""

from crispy_forms.utils import get_template_pack
from django import template
from django.forms import BaseFormSet
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from clinic_site.form_renderer import escaped_name

register = template.Library()


def hint_id(field) -> str:
    return f"{field.auto_id}-hint"


def error_id(field) -> str:
    return f"{field.auto_id}-error"


def field_input(field, *, hinted: bool):
    """The widget, tied to its hint (when `hinted`) and error message with aria-describedby (GOV.UK pattern)."""
    described_by = [hint_id(field)] if hinted else []
    if field.errors:
        described_by.append(error_id(field))
    if getattr(field.field, "note_template", ""):  # the note under the box (free_text_note.html)
        described_by.append(f"{field.auto_id}-note")
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else {}
    return field.as_widget(attrs=attrs)


register.filter("hint_id", hint_id)
register.filter("error_id", error_id)


def _included(context, template_name: str) -> str:
    """`{% include template_name %}`: the template drawn with the page's context."""
    with context.push():
        return context.template.engine.get_template(template_name).render(context)


@register.simple_tag(takes_context=True)
def question(context, field) -> SafeString:
    """One question as the pack shows it (templates/clinic/field.html): its label or legend, hint, errors and input,
    or radio buttons. Written in Python because a form draws it for every question; the markup is what the template
    that drew it before gave, character for character."""
    if field.is_hidden:
        return conditional_escape(field)
    # The hint translated once: a lazy text is translated again each time it is tested or written out.
    esc, errors, help_text = conditional_escape, field.errors, str(field.help_text)
    hint = f'<p class="hint" id="{escaped_name(hint_id(field))}">{esc(help_text)}</p>' if help_text else ""
    error_block = _included(context, "clinic/field_errors.html") if errors else ""
    if is_choice_group(field):
        described_by = ""
        if help_text or errors:
            error_part = f" {escaped_name(error_id(field))}" if errors else ""
            described_by = f' aria-describedby="{escaped_name(hint_id(field)) if help_text else ""}{error_part}"'
        options = "".join(
            f'<div class="radio">{esc(option.tag())}<label for="{escaped_name(option.id_for_label)}">'
            f"{esc(option.choice_label)}</label></div>"
            for option in field
        )
        drawn = (
            f"\n  <fieldset{described_by}>\n    <legend>{esc(field.label)}</legend>\n    {hint}\n    {error_block}\n"
            f'    <div class="radios">\n      {options}\n    </div>\n  </fieldset>\n'
        )
    elif getattr(field.field.widget, "input_type", "") == "checkbox":
        drawn = (
            f'\n  {error_block}\n  <div class="checkbox">{field_input(field, hinted=bool(help_text))}'
            f'<label for="{escaped_name(field.auto_id)}">{esc(field.label)}</label></div>\n'
        )
    else:
        note_template = getattr(field.field, "note_template", "")
        note = _included(context, note_template) if note_template else ""
        drawn = (
            f'\n  <label for="{escaped_name(field.auto_id)}">{esc(field.label)}</label>\n  {hint}\n  {error_block}\n'
            f"  {field_input(field, hinted=bool(help_text))}\n  {note}\n"
        )
    return SafeString(f'\n<div class="field{" field--error" if errors else ""}">\n{drawn}\n</div>\n')


@register.filter
def is_choice_group(field) -> bool:
    input_type = getattr(field.field.widget, "input_type", None)
    return input_type == "radio" or (
        input_type == "checkbox" and getattr(field.field.widget, "allow_multiple_selected", False)
    )


@register.simple_tag
def page_errors(form) -> list[tuple[str, str]]:
    """Every error for the error summary, each with the id of the box to jump to ("" for none): a form's, or each
    row's of a formset, named by the row's title ("Medicine 2: ...")."""
    if isinstance(form, BaseFormSet):
        rows = [(f"{row.title}: ", row) for row in form]
        return [error for label, row in rows for error in _errors_of(row, label)] + [
            ("", error) for error in form.non_form_errors()
        ]
    return _errors_of(form, "")


def _errors_of(form, label: str) -> list[tuple[str, str]]:
    if not form.errors:  # none to list, without asking each question for its own (~30 calls a question)
        return []
    first_box = form.visible_fields()[0].auto_id if form.visible_fields() else ""
    errors = [(first_box, label + error) for error in form.non_field_errors()]
    for field in form.visible_fields():
        target = f"{field.auto_id}_0" if is_choice_group(field) else field.auto_id
        errors += [(target, label + error) for error in field.errors]
    errors += [("", error) for field in form.hidden_fields() for error in field.errors if error]
    return errors


@register.simple_tag(takes_context=True)
def questions(context, form) -> SafeString:
    """`{% crispy form %}` for a laid-out form (eligibility/form_layout.py): the same markup, ~400 Python calls fewer.
    Crispy's tag also gathers the helper's settings, copies the page's context twice and draws
    templates/clinic/whole_uni_form.html around the questions, which for these forms (LaidOutForm.helper: no <form>
    tag, no CSRF token of their own) adds only the blank lines written here."""
    return SafeString(f"\n\n{form.helper.render_layout(form, context, template_pack=get_template_pack())}\n\n\n")
