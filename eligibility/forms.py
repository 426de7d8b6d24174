import re

import phonenumbers
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from eligibility.form_layout import LaidOutForm
from eligibility.models import ConsultationRequest

MESSAGE_MAX = 1000
# Control characters a keyboard does not type; tabs and new lines are kept in the message. With them go the
# Unicode bidirectional controls (embeddings, overrides, isolates and the invisible direction marks): U+202E can
# make "gnitteem" read as "meeting" on a staff screen, or hide what a note really says.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_control_characters(value: str) -> str:
    """Every free-text answer, name and staff note passes through this before it is stored."""
    return _CONTROL.sub("", value)


class ConsultationRequestForm(LaidOutForm, forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=120,
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Your name must be 120 characters or fewer"),
            "null_characters_not_allowed": _("Your name contains characters we cannot accept. Use letters only"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Your email address must be 254 characters or fewer"),
            "null_characters_not_allowed": _("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        help_text=_("A US number we can call or text, like 207 555 0123."),
        error_messages={
            "required": _("Enter your phone number"),
            "max_length": _("Enter a phone number, like 207 555 0123"),
            "null_characters_not_allowed": _("Enter a phone number, like 207 555 0123"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    preferred_contact = forms.ChoiceField(
        label=_("How would you like us to contact you?"),
        choices=ConsultationRequest.ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how you would like us to contact you"),
            "invalid_choice": _("Select how you would like us to contact you"),
        },
    )
    preferred_time = forms.ChoiceField(
        label=_("When is the best time to contact you?"),
        choices=ConsultationRequest.ContactTime.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the best time to contact you"),
            "invalid_choice": _("Select the best time to contact you"),
        },
    )
    state = forms.ChoiceField(
        label=_("Which state do you live in?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the state you live in"),
            "invalid_choice": _("Select the state you live in"),
        },
    )
    message = forms.CharField(
        label=_("Anything you would like us to know (optional)"),
        required=False,
        max_length=MESSAGE_MAX,
        help_text=format_lazy(
            _(
                "Up to {max} characters. Please do not use this box to ask for urgent help: it is not watched "
                "around the clock."
            ),
            max=f"{MESSAGE_MAX:,}",
        ),
        error_messages={
            "max_length": format_lazy(_("Your message must be {max} characters or fewer"), max=f"{MESSAGE_MAX:,}"),
            "null_characters_not_allowed": _("Your message contains characters we cannot accept. Remove them"),
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    is_adult = forms.BooleanField(
        label=_("I am 18 or over"),
        error_messages={"required": _("Confirm that you are 18 or over")},
    )
    consent_contact = forms.BooleanField(
        label=_("I agree that the clinic may contact me about my request"),
        error_messages={"required": _("Agree that we may contact you, so that we can reply")},
    )
    privacy_ack = forms.BooleanField(
        label=_("I have read the privacy notice"),
        error_messages={"required": _("Confirm that you have read the privacy notice")},
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, error_messages={"required": "", "invalid": ""})

    def __init__(self, *args, states: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(state, state) for state in states]
        self.fields["state"].help_text = gettext("Our clinicians can only treat people who live in these states.")

    def layout(self) -> Layout:
        agreements = [name for name in ("is_adult", "consent_contact", "privacy_ack") if name in self.fields]
        others = [name for name in self.fields if name not in agreements]
        return Layout(*others, Fieldset(gettext("Before you send this"), *agreements))

    def clean_name(self):
        name = without_control_characters(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError(gettext("Enter your full name"))
        return name

    def clean_phone(self):
        raw = without_control_characters(self.cleaned_data["phone"])
        try:
            number = phonenumbers.parse(raw, "US")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise forms.ValidationError(gettext("Enter a phone number, like 207 555 0123"))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean_message(self):
        return without_control_characters(self.cleaned_data["message"]).strip()

    def clean_submission_key(self):
        key = self.cleaned_data.get("submission_key")
        if key is None:
            raise forms.ValidationError(
                gettext("Something went wrong with the form. Please check your answers and send it again.")
            )
        return key
