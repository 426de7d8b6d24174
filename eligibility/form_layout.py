"""Form layouts for django-crispy-forms, drawn by the site's own template pack (templates/clinic/).

The pack writes the markup the GOV.UK pattern asks for (legends, hints and errors tied with
aria-describedby); a form only says how its fields are grouped and which ones follow up an answer.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, LayoutObject
from django.template.loader import render_to_string
from django.utils.functional import cached_property


class FollowUp(LayoutObject):
    """Questions shown only after a trigger answer ("field=value"); reveal.js hides them until then."""

    template = "%s/layout/follow_up.html"

    def __init__(self, *fields, trigger: str):
        self.fields = list(fields)
        self.trigger = trigger

    def render(self, form, context, template_pack, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        return render_to_string(self.get_template_name(template_pack), {"trigger": self.trigger, "fields": fields})


class LaidOutForm:
    """A form mixin: `layout()` groups the fields; `follow_ups` (field -> (trigger, value, message)) marks the
    questions that depend on an answer, for both the page (FollowUp) and validation (the form's clean)."""

    follow_ups: dict[str, tuple[str, str, str]] = {}

    def layout(self) -> Layout:
        return Layout(*self.fields)

    @cached_property
    def helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False  # the page writes <form>, the honeypot and the buttons
        helper.disable_csrf = True
        helper.layout = self.layout()
        for name, (trigger, value, _message) in self.follow_ups.items():
            helper[name].wrap(FollowUp, trigger=f"{trigger}={value}")
        return helper
