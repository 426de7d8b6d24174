"""One form per questionnaire step. Field names match the keys `screening.screen` reads."""

from crispy_forms.layout import HTML, Layout
from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.text import format_lazy, get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from eligibility import phq9
from eligibility.form_layout import LaidOutForm, QuestionGroup
from eligibility.forms import ConsultationRequestForm, without_control_characters

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
MONTHS = [("", _("Month")), *((str(number), name) for number, name in MONTH_NAMES.items())]
CURRENT_EPISODE_HINT = _(
    "An episode is a time of weeks, months or years when you feel low or lose interest in things most days. "
    "Your current episode is the one you are in now: count from when this low time began."
)
DETAIL_MAX = 500
AGE_MESSAGE = _("Enter your age in years, like 42")
ATTEMPT_RECENT_MESSAGE = _("Select whether it was in the last 3 months, or 'I'd rather not say'")
# Under each optional box: what happens to what is typed, and where to turn meanwhile. A page of an urgent draft shows
# its own promise instead (templates/eligibility/includes/free_text_note.html): never "one business day" there.
FREE_TEXT_NOTE = "eligibility/includes/free_text_note.html"
# A null byte cannot be typed: only a tampered form sends one (Django's own message names it "Null characters").
UNACCEPTABLE_CHARACTERS = _("This answer has characters we cannot accept. Remove them")


def yes_no(label: str, *, message: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": message, "invalid_choice": message},
    )


def optional(label):
    """A question's label marked "(optional)", in the page's language."""
    return format_lazy("{} {}", label, _("(optional)"))


def text_errors(limit: int) -> dict:
    """A free-text answer's messages: too long, or holding a character only a tampered form sends."""
    return {
        "max_length": format_lazy(_("Keep this to {limit} characters or fewer"), limit=limit),
        "null_characters_not_allowed": UNACCEPTABLE_CHARACTERS,
    }


def text_box(label, *, is_optional: bool = False) -> forms.CharField:
    """A text box of at most DETAIL_MAX characters, never required on its own: a follow-up's is required through
    `follow_ups`, and a box `is_optional` is labelled so, with a note under it on what happens to what is typed."""
    box = forms.CharField(
        label=optional(label) if is_optional else label,
        required=False,
        max_length=DETAIL_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=text_errors(DETAIL_MAX),
    )
    if is_optional:
        box.note_template = FREE_TEXT_NOTE  # drawn under the box by templates/clinic/field.html
    return box


def whole_number(label: str, *, low: int, high: int, message: str, hint: str = "") -> forms.IntegerField:
    """An optional whole number from `low` to `high`, with one message for anything else."""
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=low,
        max_value=high,
        help_text=hint,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), message),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def checklist(label: str, choices, *, message: str, hint: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=[*choices, ("none", _("None of these"))],
        widget=forms.CheckboxSelectMultiple,
        help_text=format_lazy("{} {}", hint, _("Select all that apply.")) if hint else _("Select all that apply."),
        error_messages={"required": message, "invalid_choice": message},
    )


def is_chosen(answer, value: str) -> bool:
    """Whether `value` was chosen: the answer to a radio question, or one of the boxes ticked in a checklist."""
    return value in answer if isinstance(answer, list) else answer == value


def without_control_codes(cleaned: dict) -> None:
    """Strip control and bidi characters from every text answer, in place."""
    for name, value in cleaned.items():
        if isinstance(value, str):
            cleaned[name] = without_control_characters(value).strip()


class StepForm(LaidOutForm, forms.Form):
    """Follow-up questions (`follow_ups`) are shown and required only when their trigger answer is chosen; text is
    cleaned of control codes."""

    exclusive_lists: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        without_control_codes(cleaned)
        for field, (trigger, value, message) in self.follow_ups.items():
            if not is_chosen(cleaned.get(trigger), value):
                cleaned[field] = ""
                self._errors.pop(field, None)  # a hidden question's answer is not used, so it cannot be wrong
            elif message and field not in self._errors and cleaned.get(field) in (None, ""):
                self.add_error(field, message)
        for name in self.exclusive_lists:
            chosen = cleaned.get(name) or []
            if "none" in chosen and len(chosen) > 1:
                self.add_error(name, _("Select the ones that apply, or select 'None of these', not both"))
        return cleaned


class AboutYouForm(StepForm):
    age = forms.IntegerField(
        label=_("How old are you?"),
        min_value=1,
        max_value=120,
        help_text=_("In years."),
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), AGE_MESSAGE),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    pregnant_or_breastfeeding = forms.ChoiceField(
        label=_("Are you pregnant, trying to get pregnant, or breastfeeding?"),
        choices=[("yes", _("Yes")), ("no", _("No")), ("not_applicable", _("Does not apply to me"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you are pregnant, trying to get pregnant or breastfeeding")},
    )
    height_ft = whole_number(_("Height: feet"), low=3, high=8, message=_("Enter the feet part of your height, like 5"))
    height_in = whole_number(
        optional(_("Height: inches")), low=0, high=11, message=_("Enter the inches part, from 0 to 11")
    )
    weight_lb = whole_number(
        optional(_("Weight in pounds")), low=50, high=900, message=_("Enter your weight in pounds, like 160")
    )

    def layout(self) -> Layout:
        height = QuestionGroup(
            "height",
            optional(_("Your height")),
            "height_ft",
            "height_in",
            hint=_(
                "For 5 feet 7 inches, enter 5 in the feet box and 7 in the inches box. For 6 feet, enter 6 and "
                "leave the inches box empty. We use your height and weight to work out the right dose for you."
            ),
        )
        return Layout("age", "pregnant_or_breastfeeding", height, "weight_lb")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("height_in") is not None and cleaned.get("height_ft") is None and "height_ft" not in self.errors:
            self.add_error("height_ft", _("Enter the feet part of your height as well, like 5"))
        return cleaned


class DiagnosisForm(StepForm):
    diagnosis = forms.ChoiceField(
        label=_("What has a clinician told you is your main diagnosis?"),
        choices=[
            ("mdd", _("Major depression (major depressive disorder)")),
            ("bipolar", _("Bipolar disorder (type I or II)")),
            ("other", _("Something else")),
            ("not_sure", _("I am not sure")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select your main diagnosis, or 'I am not sure'")},
    )
    other_diagnosis = text_box(_("What is the diagnosis?"))
    episode_length = forms.ChoiceField(
        label=_("How long has this episode of depression lasted?"),
        help_text=CURRENT_EPISODE_HINT,
        choices=[
            ("under_6_months", _("Less than 6 months")),
            ("6_to_12_months", _("6 to 12 months")),
            ("1_to_2_years", _("1 to 2 years")),
            ("over_2_years", _("More than 2 years")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how long this episode has lasted")},
    )
    has_mental_health_clinician = yes_no(
        _("Do you see a psychiatrist, therapist or other mental health clinician now?"),
        message=_("Select yes if you see a mental health clinician now"),
    )
    follow_ups = {"other_diagnosis": ("diagnosis", "other", _("Enter the diagnosis you were given"))}


# What a named medicine row still needs, in the words of its error message.
ROW_PARTS = {
    "weeks": _("how many weeks you took it"),
    "result": _("what the result was"),
    "current_episode": _("if you took it in this episode"),
}


class AntidepressantTrialForm(LaidOutForm, forms.Form):
    """One medicine row, "Medicine 1", "Medicine 2" and so on (`number`, from the formset)."""

    name = forms.CharField(
        label=_("Medicine name"),
        max_length=80,
        required=False,
        help_text=_("The name on the box or bottle, like sertraline or Zoloft."),
    )
    dose_mg = forms.FloatField(
        label=_("Highest dose you took each day, in mg"),
        required=False,
        min_value=0.1,
        max_value=2000,
        help_text=_("Add up a day's doses: 2 tablets of 50 mg a day is 100."),
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), _("Enter the dose in mg, like 100")),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    dose_unknown = forms.BooleanField(label=_("I don't know the dose"), required=False)
    weeks = forms.IntegerField(
        label=_("Weeks at that dose"),
        min_value=0,
        max_value=520,
        required=False,
        help_text=_("Your best guess is fine. For more than 10 years, enter 520."),
        error_messages={
            "invalid": _("Enter the number of weeks as a whole number, like 8"),
            "min_value": _("Enter the number of weeks as a whole number, like 8"),
            "max_value": _("Enter the number of weeks, up to 520 (10 years)"),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    result = forms.ChoiceField(
        label=_("Result"),
        required=False,
        choices=[
            ("", _("Choose")),
            ("none", _("No benefit")),
            ("partial", _("Some benefit")),
            ("full", _("Full benefit")),
            ("side_effects", _("Stopped because of side effects")),
        ],
        error_messages={"invalid_choice": _("Choose a result from the list")},
    )
    current_episode = forms.ChoiceField(
        label=_("Did you take it in your current episode?"),
        required=False,
        choices=[("", _("Choose")), ("yes", _("Yes")), ("no", _("No"))],
        help_text=_("Your current episode is the low time you are in now."),
        error_messages={"invalid_choice": _("Choose yes or no")},
    )

    def __init__(self, *args, number: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = format_lazy(_("Medicine {number}"), number=number)  # the row's legend; the error summary names it

    def layout(self) -> Layout:
        return Layout(QuestionGroup("row", self.title, *self.fields, css_class="trial", row_errors=True))

    def clean(self):
        cleaned = super().clean()
        without_control_codes(cleaned)
        name = cleaned.get("name")
        if name:
            missing = [part for key, part in ROW_PARTS.items() if cleaned.get(key) in (None, "")]
            if missing:
                raise forms.ValidationError(
                    gettext("For {name}, also tell us {parts}. Or empty all its boxes").format(
                        name=name, parts=get_text_list(missing, gettext("and"))
                    )
                )
            if cleaned.get("dose_mg") is None and not cleaned.get("dose_unknown") and "dose_mg" not in self.errors:
                message = gettext("Enter the daily dose of {name} in mg, or tick 'I don't know the dose'")
                self.add_error("dose_mg", message.format(name=name))
            elif cleaned.get("dose_mg") is not None and cleaned.get("dose_unknown"):
                self.add_error("dose_mg", _("Enter the dose, or tick 'I don't know the dose', not both"))
        elif any(cleaned.get(key) not in (None, "", False) for key in ("dose_mg", "dose_unknown", "weeks")):
            raise forms.ValidationError(_("Enter the name of the medicine, or clear the row"))
        return cleaned


class MedicineRows(forms.BaseFormSet):
    """The medicine rows, posted as trial-0-name, trial-1-name and so on, with an "Add another medicine" button.

    At most MAX_MEDICINES rows are ever built, whatever count is posted: a page of thousands of rows would be slow."""

    ADD_ROW = "add_row"  # the name of the button
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": _("List up to %(num)d medicines: the ones you took most recently"),
    }

    @classmethod
    def get_default_prefix(cls) -> str:
        return "trial"

    def get_form_kwargs(self, index):
        return {"number": None if index is None else index + 1}

    @classmethod
    def with_another_row(cls, data) -> "MedicineRows":
        """The rows as typed (unchecked: nothing is saved) and an empty one, at most `max_num` in all."""
        prefix = cls.get_default_prefix()
        raw = data.get(f"{prefix}-TOTAL_FORMS", "")[:3]
        typed = min(int(raw), cls.max_num - 1) if raw.isascii() and raw.isdecimal() else 0
        fields = tuple(cls.form.base_fields)
        rows = [{field: data.get(f"{prefix}-{i}-{field}", "") for field in fields} for i in range(typed)]
        return cls(initial=[*rows, {}])


MAX_MEDICINES = 12
AntidepressantTrialFormSet = forms.formset_factory(
    AntidepressantTrialForm,
    formset=MedicineRows,
    extra=0,
    max_num=MAX_MEDICINES,
    validate_max=True,
    absolute_max=MAX_MEDICINES,
)


class OtherTreatmentsForm(StepForm):
    augmentation = checklist(
        _("Have you taken any of these alongside an antidepressant?"),
        [
            ("antipsychotic", _("An antipsychotic (such as aripiprazole or quetiapine)")),
            ("lithium", _("Lithium")),
            ("thyroid", _("Thyroid hormone")),
            ("other", _("Another add-on medicine")),
        ],
        message=_("Select the add-on medicines you have taken, or 'None of these'"),
    )
    psychotherapy = yes_no(
        _("Have you had talking therapy for depression?"), message=_("Select yes if you have had talking therapy")
    )
    psychotherapy_detail = text_box(_("What kind, for how long, and did it help?"))
    tms = yes_no(
        _("Have you had TMS (transcranial magnetic stimulation)?"), message=_("Select yes if you have had TMS")
    )
    tms_detail = text_box(_("How many sessions, and did it help?"))
    ect = yes_no(_("Have you had ECT (electroconvulsive therapy)?"), message=_("Select yes if you have had ECT"))
    ect_detail = text_box(_("How many treatments, did it help, and any memory problems?"))
    esketamine = yes_no(
        _("Have you had esketamine nasal spray (Spravato)?"), message=_("Select yes if you have had Spravato")
    )
    esketamine_detail = text_box(_("How many sessions, and did it help?"))
    prior_ketamine = yes_no(
        _("Have you had ketamine before, in any form?"),
        message=_("Select yes if you have had ketamine before"),
        help_text=_("Include IV, injections, pills, sprays, and any use outside of medical care."),
    )
    prior_ketamine_distressing = forms.ChoiceField(
        label=_("Was any part of it distressing or harmful?"),
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
    )
    prior_ketamine_detail = text_box(_("How was it given, and did it help?"))
    exclusive_lists = ("augmentation",)
    follow_ups = {
        "psychotherapy_detail": ("psychotherapy", "yes", _("Tell us about the therapy you had")),
        "tms_detail": ("tms", "yes", _("Tell us about the TMS you had")),
        "ect_detail": ("ect", "yes", _("Tell us about the ECT you had")),
        "esketamine_detail": ("esketamine", "yes", _("Tell us about the Spravato you had")),
        "prior_ketamine_distressing": ("prior_ketamine", "yes", _("Select yes if any part of it was distressing")),
        "prior_ketamine_detail": ("prior_ketamine", "yes", _("Tell us about the ketamine you had before")),
    }


class MedicinesForm(StepForm):
    """Each medicine here maps to a screening reason (docs/screening-rules.md, "Medicines you take now")."""

    DOSE_MAX = 120

    medicines = checklist(
        _("Do you take any of these medicines now?"),
        [
            (
                "benzodiazepine",
                _(
                    "A benzodiazepine, such as alprazolam (Xanax), clonazepam (Klonopin), lorazepam (Ativan) or "
                    "diazepam (Valium)"
                ),
            ),
            ("lamotrigine", _("Lamotrigine (Lamictal)")),
            (
                "maoi",
                _(
                    "An MAOI antidepressant, such as phenelzine (Nardil), tranylcypromine (Parnate) or "
                    "selegiline (Emsam)"
                ),
            ),
            ("stimulant", _("A stimulant, such as Adderall, Ritalin, Concerta or Vyvanse")),
            (
                "opioid",
                _("An opioid, such as oxycodone, hydrocodone, tramadol, methadone, or buprenorphine (Suboxone)"),
            ),
            ("naltrexone", _("Naltrexone, such as Vivitrol or Revia, or Contrave (it contains naltrexone)")),
            ("gabapentinoid", _("Gabapentin (Neurontin) or pregabalin (Lyrica)")),
            (
                "sleep_medicine",
                _(
                    "A sleeping pill or another medicine that makes you sleepy, such as zolpidem (Ambien) or "
                    "eszopiclone (Lunesta)"
                ),
            ),
            ("theophylline", _("Theophylline or aminophylline, for asthma or other lung problems")),
            (
                "sympathomimetic",
                _("A decongestant such as pseudoephedrine (Sudafed), or another medicine that raises blood pressure"),
            ),
        ],
        message=_("Select the medicines you take, or 'None of these'"),
    )
    benzodiazepine_dose = forms.CharField(
        label=optional(_("Which benzodiazepine do you take, and how much in a day?")),
        required=False,
        max_length=DOSE_MAX,
        help_text=_("For example: clonazepam, 0.5 mg twice a day. Leave it blank if you are not sure."),
        error_messages=text_errors(DOSE_MAX),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    other_medicines = text_box(_("List all your other medicines and doses"), is_optional=True)
    exclusive_lists = ("medicines",)
    follow_ups = {"benzodiazepine_dose": ("medicines", "benzodiazepine", "")}


def month_of(label) -> forms.ChoiceField:
    """The month of an event, optional (a year alone is read as its last month)."""
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=MONTHS,
        error_messages={"invalid_choice": _("Choose a month from the list")},
    )


def year_of(label) -> forms.IntegerField:
    return whole_number(
        label,
        low=1900,
        high=2100,
        message=_("Enter the year as 4 numbers, like 2019"),
        hint=_("Your best guess is fine."),
    )


class MedicalHistoryForm(StepForm):
    conditions = checklist(
        _("Have you ever had any of these?"),
        [
            ("heart_attack", _("A heart attack")),
            ("heart_disease", _("Other heart disease, heart failure, or an irregular heartbeat")),
            ("stroke", _("A stroke or mini-stroke (TIA)")),
            ("aneurysm", _("An aneurysm: a weak spot that bulges out in a blood vessel, in the brain, chest or belly")),
            ("avm", _("An AVM (arteriovenous malformation): a tangle of blood vessels in the brain or spine")),
            ("brain_bleed", _("Bleeding in or around the brain")),
            ("raised_icp", _("Raised pressure inside the head, a brain tumor, or a serious head injury")),
            ("glaucoma", _("Glaucoma: raised pressure inside the eye that can harm your sight")),
            ("seizures", _("Seizures or epilepsy")),
            ("dementia", _("Dementia or serious memory problems")),
            (
                "anesthetic_reaction",
                _("A bad reaction to an anesthetic (medicine that puts you to sleep or numbs you for an operation)"),
            ),
            ("liver_disease", _("Liver disease, such as cirrhosis or hepatitis")),
            ("bladder_symptoms", _("Bladder problems, such as pain when you pee, peeing often, or blood in your pee")),
            ("lung_disease", _("Sleep apnea (your breathing stops and starts while you sleep) or lung disease")),
            ("thyroid", _("Thyroid disease")),
            ("ketamine_allergy", _("An allergy to ketamine or esketamine")),
        ],
        message=_("Select the conditions you have had, or 'None of these'"),
    )
    heart_attack_month = month_of(_("Month of your most recent heart attack (if you know it)"))
    heart_attack_year = year_of(_("Year of your most recent heart attack"))
    stroke_month = month_of(_("Month of your most recent stroke (if you know it)"))
    stroke_year = year_of(_("Year of your most recent stroke"))
    high_bp = forms.ChoiceField(
        label=_("Has a doctor or nurse ever told you that you have high blood pressure?"),
        choices=[("yes", _("Yes")), ("no", _("No")), ("not_sure", _("I am not sure"))],
        widget=forms.RadioSelect,
        error_messages=dict.fromkeys(
            ("required", "invalid_choice"), _("Select whether you have been told you have high blood pressure")
        ),
    )
    bp_treated = forms.ChoiceField(
        label=_("Do you take medicine for high blood pressure?"),
        choices=YES_NO,
        required=False,
        error_messages={"invalid_choice": _("Select yes if you take medicine for high blood pressure")},
        widget=forms.RadioSelect,
    )
    bp_known = forms.ChoiceField(
        label=_("Do you know your blood pressure from a reading in the last 6 months?"),
        help_text=_(
            "A reading has a top and a bottom number, like 120/80. It may be from a doctor's visit, a "
            "pharmacy machine or a home monitor. We will check it again when we see you."
        ),
        choices=[("yes", _("Yes")), ("no", _("No, I don't know it"))],
        widget=forms.RadioSelect,
        error_messages=dict.fromkeys(
            ("required", "invalid_choice"), _("Select yes if you know a recent blood pressure reading")
        ),
    )
    bp_systolic = whole_number(
        _("Top number (systolic)"),
        low=60,
        high=300,
        message=_("Enter the top number, like 120"),
        hint=_("The first, bigger number. In 120/80, it is 120."),
    )
    bp_diastolic = whole_number(
        _("Bottom number (diastolic)"),
        low=30,
        high=200,
        message=_("Enter the bottom number, like 80"),
        hint=_("The second, smaller number. In 120/80, it is 80."),
    )
    conditions_detail = text_box(_("Anything more we should know about your health"), is_optional=True)
    exclusive_lists = ("conditions",)
    follow_ups = {
        "heart_attack_month": ("conditions", "heart_attack", ""),
        "heart_attack_year": ("conditions", "heart_attack", _("Enter the year of your most recent heart attack")),
        "stroke_month": ("conditions", "stroke", ""),
        "stroke_year": ("conditions", "stroke", _("Enter the year of your most recent stroke")),
        "bp_treated": ("high_bp", "yes", _("Select yes if you take medicine for high blood pressure")),
        "bp_systolic": ("bp_known", "yes", _("Enter the top number of your blood pressure reading")),
        "bp_diastolic": ("bp_known", "yes", _("Enter the bottom number of your blood pressure reading")),
    }

    def layout(self) -> Layout:
        return Layout(
            "conditions",
            QuestionGroup("heart_attack", _("When was your most recent heart attack?"), "heart_attack_month",
                          "heart_attack_year"),
            QuestionGroup("stroke", _("When was your most recent stroke?"), "stroke_month", "stroke_year"),
            "high_bp",
            "bp_treated",
            "bp_known",
            QuestionGroup("bp_reading", _("Your most recent blood pressure reading"), "bp_systolic", "bp_diastolic"),
            "conditions_detail",
        )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for event in ("heart_attack", "stroke"):
            year, month = cleaned.get(f"{event}_year"), cleaned.get(f"{event}_month")
            if year and (year, int(month or 1)) > (today.year, today.month):
                self.add_error(f"{event}_year", _("Enter a date that has already happened"))
        systolic, diastolic = cleaned.get("bp_systolic"), cleaned.get("bp_diastolic")
        if systolic and diastolic and diastolic >= systolic:
            self.add_error(
                "bp_diastolic", _("The bottom number should be smaller than the top number: check the reading")
            )
        return cleaned


class MentalHealthHistoryForm(StepForm):
    history = checklist(
        _("Do any of these apply to you?"),
        [
            (
                "current_psychosis",
                _(
                    "Right now, I hear voices or see things that other people do not, or I have been told I have "
                    "psychosis"
                ),
            ),
            (
                "psychotic_disorder",
                _("I have a psychotic illness, such as schizophrenia, even if it is under control now"),
            ),
            (
                "past_psychosis",
                _(
                    "In the past I heard or saw things others did not (psychosis), for example while using drugs or "
                    "ketamine"
                ),
            ),
            ("current_mania", _("I am in a manic or hypomanic episode now")),
            ("past_mania", _("I have had a manic or hypomanic episode in the past")),
            ("substance_use_in_remission", _("I had a problem with alcohol or drugs in the past, but not now")),
            ("eating_disorder", _("I have or had an eating disorder")),
            ("past_suicide_attempt", _("I have tried to end my life in the past")),
        ],
        message=_("Select what applies to you, or 'None of these'"),
        hint=_(
            "Mania is a time of days or weeks when you feel very high, wired or irritable, need much less sleep "
            "and do risky things you usually would not. Hypomania is a milder form of it. Psychosis means hearing or "
            "seeing things others do not, or holding strong beliefs others find hard to understand."
        ),
    )
    attempt_recent = forms.ChoiceField(
        label=_("If you have tried to end your life: was the most recent time in the last 3 months?"),
        help_text=_("This helps our clinicians know how best to support you. You can choose not to say."),
        choices=[("yes", _("Yes")), ("no", _("No, it was longer ago")), ("rather_not_say", _("I'd rather not say"))],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": ATTEMPT_RECENT_MESSAGE},
    )
    substances_now = checklist(
        _("Is your use of any of these a problem for you now?"),
        [
            ("alcohol_now", _("Alcohol")),
            ("stimulants_now", _("Stimulants, such as cocaine, meth, or ADHD pills not taken as prescribed")),
            ("opioids_now", _("Opioids, such as heroin, fentanyl, or pain pills not taken as prescribed")),
            ("cannabis_now", _("Cannabis (marijuana, weed)")),
            ("sedatives_now", _("Sedatives, such as Xanax, Valium or sleeping pills not taken as prescribed")),
            ("ketamine_use_disorder", _("Ketamine or PCP")),
        ],
        message=_("Select what is a problem for you now, or 'None of these'"),
        hint=_(
            "A problem means, for example, that in the last 3 months you used more than you meant to, found it "
            "hard to stop, or it caused trouble with your health, work or people close to you."
        ),
    )
    substance_detail = text_box(_("Tell us about any alcohol or drug use, and any treatment for it"), is_optional=True)
    exclusive_lists = ("history", "substances_now")
    follow_ups = {"attempt_recent": ("history", "past_suicide_attempt", ATTEMPT_RECENT_MESSAGE)}


class Phq9Form(StepForm):
    """The PHQ-9 in the page's language, in its official version (eligibility/phq9.py): the answers are stored as the
    codes 0-3, and question 10's as its English answer, whatever the language shown."""

    def layout(self) -> Layout:
        """The crisis panel sits right after question 9, where static/js/crisis-panel.js shows it."""
        items = [f"phq9_item{number}" for number in range(1, len(self.text.items) + 1)]
        panel = HTML('{% include "eligibility/includes/item9_panel.html" %}')
        return Layout(*items, panel, "phq9_difficulty")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.text = phq9.text_for()
        for number, item in enumerate(self.text.items, start=1):
            message = format_lazy(_("Answer question {number}"), number=number)
            self.fields[f"phq9_item{number}"] = forms.TypedChoiceField(
                label=f"{number}. {item}",
                choices=list(enumerate(self.text.answers)),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": message, "invalid_choice": message},
            )
        self.fields["phq9_difficulty"] = forms.ChoiceField(
            label=self.text.difficulty_question,
            choices=list(zip(phq9.ENGLISH.difficulty_answers, self.text.difficulty_answers, strict=True)),
            widget=forms.RadioSelect,
            required=False,
        )


class LogisticsForm(StepForm):
    has_escort = yes_no(
        _("Can an adult take you home after each session?"),
        message=_("Select yes if an adult can take you home after each session"),
    )
    agrees_no_driving = yes_no(
        _("Can you avoid driving until the day after each session?"),
        message=_("Select yes if you can avoid driving until the next day"),
    )


class ContactForm(ConsultationRequestForm):
    """The consultation request's contact questions, without its message box and submission key."""

    message = None
    submission_key = None

    def __init__(self, *args, under_18: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if under_18:  # they gave their age: "I am 18 or over" would stop them sending answers a clinician should read
            del self.fields["is_adult"]


class ResumeLinkForm(LaidOutForm, forms.Form):
    email = ConsultationRequestForm.base_fields["email"]
