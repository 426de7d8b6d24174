from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from eligibility.form_layout import LaidOutForm
from eligibility.forms import ConsultationRequestForm


class CallbackPhoneForm(LaidOutForm, forms.Form):
    """The crisis panel's one question: a number a clinician can call, checked as the consultation form checks it."""

    phone = forms.CharField(
        label=_("Your phone number (optional)"),
        max_length=40,
        help_text=_(
            "So a clinician can call you. We save it with your answers straight away and use it only for this call."
        ),
        error_messages={
            "required": _("Enter a phone number, like 207 555 0123, so a clinician can call you"),
            "max_length": _("Enter a phone number, like 207 555 0123"),
            "null_characters_not_allowed": _("Enter a phone number, like 207 555 0123"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )

    def __init__(self, *args, number_known: bool, replacing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # With a number on file, posting only raises the alert; unless the person says that number is not theirs.
        self.fields["phone"].required = replacing or not number_known
        if replacing:
            self.fields["phone"].label = gettext("The number to call you on")
            self.fields["phone"].help_text = gettext("We call this number instead, and use it only for this call.")

    def clean_phone(self):
        if not self.cleaned_data["phone"]:
            return ""
        return ConsultationRequestForm.clean_phone(self)
