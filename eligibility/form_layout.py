"""Form layouts for django-crispy-forms, drawn by the site's own template pack (templates/clinic/).

The pack writes the markup the GOV.UK pattern asks for (legends, hints and errors tied with aria-describedby); a form
only says how its questions are grouped. Which questions follow up an answer is said once, in the form's
`follow_ups`: the form's clean uses it to require them, and the layout wraps them in FollowUp boxes from it.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, LayoutObject
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import SafeString

from eligibility.templatetags.form_fields import question


class Question(LayoutObject):
    """One question, drawn by the pack's `question` tag. Crispy draws a question named by a string through a template
    (templates/clinic/field.html) given a copy of the whole page's context, about 130 Python calls a question before
    the tag does anything; from here the tag draws the same markup for a handful."""

    def __init__(self, name: str):
        self.fields = [name]

    def render(self, form, context, template_pack, **kwargs):
        field = form[self.fields[0]]
        with context.push(field=field):  # what the question includes (its errors, a note under the box) reads `field`
            return question(context, field) + SafeString("\n")  # the template's last line ended the question


class FollowUp(LayoutObject):
    """Questions shown only after a trigger answer ("field=value"); static/js/reveal.js hides them until then."""

    template = "%s/layout/follow_up.html"

    def __init__(self, *fields, trigger: str):
        self.fields = list(fields)
        self.trigger = trigger

    def render(self, form, context, template_pack, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        return render_to_string(self.get_template_name(template_pack), {"trigger": self.trigger, "fields": fields})


class QuestionGroup(LayoutObject):
    """Questions answered together (a height in feet and inches, a blood pressure reading, a medicine row): one
    fieldset whose legend asks the question. Its hint, and with `row_errors` the errors about the whole form (a
    medicine row's), are tied to the fieldset with aria-describedby."""

    template = "%s/layout/question_group.html"

    def __init__(self, name: str, legend: str, *fields, hint: str = "", css_class: str = "", row_errors: bool = False):
        self.fields = list(fields)
        self.name, self.legend, self.hint, self.css_class, self.row_errors = name, legend, hint, css_class, row_errors

    def render(self, form, context, template_pack, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        context = {
            "group_id": form.auto_id % form.add_prefix(self.name),
            "legend": self.legend,
            "hint": str(self.hint),  # translated once: the template tests it three times before writing it out
            "css_class": self.css_class,
            "errors": form.non_field_errors() if self.row_errors else [],
            "fields": fields,
        }
        return render_to_string(self.get_template_name(template_pack), context)


def _trigger(item, follow_ups: dict) -> str | None:
    """The answer ("field=value") that every question in `item` follows up, or None."""
    if isinstance(item, str):
        names = [item]
    elif hasattr(item, "get_field_names"):
        names = [pointer.name for pointer in item.get_field_names()]
    else:
        names = []  # HTML and other objects without questions
    triggers = {"=".join(follow_ups[name][:2]) if name in follow_ups else None for name in names}
    return triggers.pop() if len(triggers) == 1 else None


def with_follow_ups(items: list, follow_ups: dict) -> list:
    """The layout with each follow-up question (or group of them) in a FollowUp box; neighbours that follow up the same
    answer share one box."""
    laid_out = []
    for item in items:
        trigger = _trigger(item, follow_ups)
        if trigger is None and isinstance(item, LayoutObject):
            item.fields = with_follow_ups(item.fields, follow_ups)
        if trigger and laid_out and isinstance(laid_out[-1], FollowUp) and laid_out[-1].trigger == trigger:
            laid_out[-1].fields.append(item)
        elif trigger:
            laid_out.append(FollowUp(item, trigger=trigger))
        else:
            laid_out.append(item)
    return laid_out


def with_questions(items: list) -> list:
    """The layout with each question named by a string in a Question, at any depth."""
    drawn = []
    for item in items:
        if isinstance(item, str):
            item = Question(item)
        elif isinstance(item, LayoutObject):
            item.fields = with_questions(item.fields)
        drawn.append(item)
    return drawn


class LaidOutForm:
    """A form mixin: `layout()` groups the questions; `follow_ups` (field -> (trigger field, trigger value, message
    when left empty, "" when optional)) marks the ones that depend on an answer."""

    follow_ups: dict[str, tuple[str, str, str]] = {}

    def layout(self) -> Layout:
        return Layout(*self.fields)

    @cached_property
    def helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False  # the page writes <form>, the honeypot and the buttons
        helper.disable_csrf = True
        helper.layout = Layout(*with_questions(with_follow_ups(self.layout().fields, self.follow_ups)))
        return helper
