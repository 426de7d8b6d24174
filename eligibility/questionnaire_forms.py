"""One form per questionnaire step. Field names match the keys `screening.screen` reads."""

from django import forms

from eligibility import phq9
from eligibility.forms import ConsultationRequestForm, without_control_characters

YES_NO = [("yes", "Yes"), ("no", "No")]
DETAIL_MAX = 500


def yes_no(label: str, *, message: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": message, "invalid_choice": message},
    )


def text_box(label: str, **attrs) -> forms.CharField:
    """An optional text box of at most DETAIL_MAX characters."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=DETAIL_MAX,
        widget=forms.Textarea(attrs={"rows": 3, **attrs}),
        error_messages={"max_length": f"Keep this to {DETAIL_MAX} characters or fewer"},
    )


def detail(label: str, *, reveal_when: str) -> forms.CharField:
    """A follow-up text box, shown (and required) only when `reveal_when` ('field=value') is chosen."""
    return text_box(label, **{"data-reveal-when": reveal_when})


def checklist(label: str, choices, *, message: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=[*choices, ("none", "None of these")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"required": message, "invalid_choice": message},
    )


def without_control_codes(cleaned: dict) -> None:
    """Strip control and bidi characters from every text answer, in place."""
    for name, value in cleaned.items():
        if isinstance(value, str):
            cleaned[name] = without_control_characters(value).strip()


class StepForm(forms.Form):
    """Follow-up questions are required only when their trigger answer is chosen; text is cleaned of control codes."""

    follow_ups: dict[str, tuple[str, str, str]] = {}  # detail field -> (trigger field, trigger value, message)
    exclusive_lists: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        without_control_codes(cleaned)
        for field, (trigger, value, message) in self.follow_ups.items():
            if cleaned.get(trigger) == value and not cleaned.get(field):
                self.add_error(field, message)
            elif cleaned.get(trigger) != value:
                cleaned[field] = ""
        for name in self.exclusive_lists:
            chosen = cleaned.get(name) or []
            if "none" in chosen and len(chosen) > 1:
                self.add_error(name, "Select the ones that apply, or select 'None of these', not both")
        return cleaned


class AboutYouForm(StepForm):
    age = forms.IntegerField(
        label="How old are you?",
        min_value=0,
        max_value=120,
        help_text="In years.",
        error_messages={
            "required": "Enter your age in years",
            "invalid": "Enter your age as a number, like 42",
            "min_value": "Enter an age of 0 or more",
            "max_value": "Enter your real age in years",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    pregnant_or_breastfeeding = forms.ChoiceField(
        label="Are you pregnant, trying to get pregnant, or breastfeeding?",
        choices=[("yes", "Yes"), ("no", "No"), ("not_applicable", "Does not apply to me")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you are pregnant, trying to get pregnant or breastfeeding"},
    )
    height_inches = forms.IntegerField(
        label="Height in inches (optional)",
        required=False,
        min_value=36,
        max_value=96,
        help_text="For example, 5 feet 7 inches is 67 inches. Doses are worked out from weight and height.",
        error_messages={
            "invalid": "Enter your height in inches, like 67",
            "min_value": "Enter your height in inches, like 67",
            "max_value": "Enter your height in inches, like 67",
        },
    )
    weight_pounds = forms.IntegerField(
        label="Weight in pounds (optional)",
        required=False,
        min_value=50,
        max_value=900,
        error_messages={
            "invalid": "Enter your weight in pounds, like 160",
            "min_value": "Enter your weight in pounds, like 160",
            "max_value": "Enter your weight in pounds, like 160",
        },
    )


class DiagnosisForm(StepForm):
    diagnosis = forms.ChoiceField(
        label="What has a clinician told you is your main diagnosis?",
        choices=[
            ("mdd", "Major depression (major depressive disorder)"),
            ("bipolar", "Bipolar disorder (type I or II)"),
            ("other", "Something else"),
            ("not_sure", "I am not sure"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select your main diagnosis, or 'I am not sure'"},
    )
    other_diagnosis = detail("What is the diagnosis?", reveal_when="diagnosis=other")
    episode_length = forms.ChoiceField(
        label="How long has this episode of depression lasted?",
        choices=[
            ("under_6_months", "Less than 6 months"),
            ("6_to_12_months", "6 to 12 months"),
            ("1_to_2_years", "1 to 2 years"),
            ("over_2_years", "More than 2 years"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how long this episode has lasted"},
    )
    has_mental_health_clinician = yes_no(
        "Do you see a psychiatrist, therapist or other mental health clinician now?",
        message="Select yes if you see a mental health clinician now",
    )
    follow_ups = {"other_diagnosis": ("diagnosis", "other", "Enter the diagnosis you were given")}


class AntidepressantTrialForm(forms.Form):
    name = forms.CharField(label="Medicine", max_length=80, required=False)
    highest_dose = forms.CharField(label="Highest daily dose", max_length=40, required=False, help_text="Like 100 mg.")
    weeks = forms.IntegerField(
        label="Weeks at that dose",
        min_value=0,
        max_value=520,
        required=False,
        error_messages={
            "invalid": "Enter the number of weeks, like 8",
            "max_value": "Enter the number of weeks, like 8",
        },
    )
    result = forms.ChoiceField(
        label="Result",
        required=False,
        choices=[
            ("", "Choose"),
            ("none", "No benefit"),
            ("partial", "Some benefit"),
            ("full", "Full benefit"),
            ("side_effects", "Stopped because of side effects"),
        ],
    )
    current_episode = forms.ChoiceField(
        label="In this episode?", required=False, choices=[("", "Choose"), ("yes", "Yes"), ("no", "No")]
    )

    def clean(self):
        cleaned = super().clean()
        without_control_codes(cleaned)
        if cleaned.get("name") and not all(
            cleaned.get(key) not in (None, "") for key in ("weeks", "result", "current_episode")
        ):
            raise forms.ValidationError(f"Give the weeks, result and episode for {cleaned['name']}, or clear the row")
        if not cleaned.get("name") and any(cleaned.get(key) not in (None, "") for key in ("highest_dose", "weeks")):
            raise forms.ValidationError("Enter the name of the medicine, or clear the row")
        return cleaned


AntidepressantTrialFormSet = forms.formset_factory(AntidepressantTrialForm, extra=0, max_num=12, validate_max=True)


class OtherTreatmentsForm(StepForm):
    augmentation = checklist(
        "Have you taken any of these alongside an antidepressant?",
        [
            ("antipsychotic", "An antipsychotic (such as aripiprazole or quetiapine)"),
            ("lithium", "Lithium"),
            ("thyroid", "Thyroid hormone"),
            ("other", "Another add-on medicine"),
        ],
        message="Select the add-on medicines you have taken, or 'None of these'",
    )
    psychotherapy = yes_no(
        "Have you had talking therapy for depression?", message="Select yes if you have had talking therapy"
    )
    psychotherapy_detail = detail("What kind, for how long, and did it help?", reveal_when="psychotherapy=yes")
    tms = yes_no("Have you had TMS (transcranial magnetic stimulation)?", message="Select yes if you have had TMS")
    tms_detail = detail("How many sessions, and did it help?", reveal_when="tms=yes")
    ect = yes_no("Have you had ECT (electroconvulsive therapy)?", message="Select yes if you have had ECT")
    ect_detail = detail("How many treatments, did it help, and any memory problems?", reveal_when="ect=yes")
    esketamine = yes_no(
        "Have you had esketamine nasal spray (Spravato)?", message="Select yes if you have had Spravato"
    )
    esketamine_detail = detail("How many sessions, and did it help?", reveal_when="esketamine=yes")
    prior_ketamine = yes_no(
        "Have you had ketamine before, in any form?",
        message="Select yes if you have had ketamine before",
        help_text="Include IV, injections, pills, sprays, and any use outside of medical care.",
    )
    prior_ketamine_distressing = forms.ChoiceField(
        label="Was any part of it distressing or harmful?",
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect(attrs={"data-reveal-when": "prior_ketamine=yes"}),
    )
    prior_ketamine_detail = detail("How was it given, and did it help?", reveal_when="prior_ketamine=yes")
    exclusive_lists = ("augmentation",)
    follow_ups = {
        "psychotherapy_detail": ("psychotherapy", "yes", "Tell us about the therapy you had"),
        "tms_detail": ("tms", "yes", "Tell us about the TMS you had"),
        "ect_detail": ("ect", "yes", "Tell us about the ECT you had"),
        "esketamine_detail": ("esketamine", "yes", "Tell us about the Spravato you had"),
        "prior_ketamine_distressing": ("prior_ketamine", "yes", "Select yes if any part of it was distressing"),
        "prior_ketamine_detail": ("prior_ketamine", "yes", "Tell us about the ketamine you had before"),
    }


class MedicinesForm(StepForm):
    medicines = checklist(
        "Do you take any of these medicines now?",
        [
            ("benzodiazepine", "A benzodiazepine (such as lorazepam, clonazepam, alprazolam or diazepam)"),
            ("lamotrigine", "Lamotrigine"),
            ("maoi", "An MAOI antidepressant (such as phenelzine or tranylcypromine)"),
            ("stimulant", "A stimulant (such as methylphenidate or amphetamine)"),
            ("opioid", "An opioid pain medicine"),
            ("naltrexone", "Naltrexone"),
        ],
        message="Select the medicines you take, or 'None of these'",
    )
    other_medicines = text_box("List all your other medicines and doses (optional)")
    exclusive_lists = ("medicines",)


class MedicalHistoryForm(StepForm):
    conditions = checklist(
        "Have you ever had any of these?",
        [
            ("hypertension", "High blood pressure"),
            ("heart_disease", "Heart disease, heart attack, heart failure or an irregular heartbeat"),
            ("stroke", "A stroke or mini-stroke (TIA)"),
            ("aneurysm_avm_or_brain_bleed", "An aneurysm, an AVM, or bleeding in the brain"),
            ("raised_icp", "A head injury, brain tumor or raised pressure in the skull"),
            ("glaucoma", "Glaucoma or raised eye pressure"),
            ("seizures", "Seizures"),
            ("liver_disease", "Liver disease"),
            ("bladder_symptoms", "Bladder or urinary problems"),
            ("lung_disease", "Sleep apnea or lung disease"),
            ("thyroid", "Thyroid disease"),
            ("ketamine_allergy", "An allergy to ketamine or esketamine"),
        ],
        message="Select the conditions you have had, or 'None of these'",
    )
    conditions_detail = text_box("Anything more we should know, such as recent blood pressure readings (optional)")
    exclusive_lists = ("conditions",)


class MentalHealthHistoryForm(StepForm):
    history = checklist(
        "Do any of these apply to you?",
        [
            ("current_psychosis", "I hear voices or see things others do not, or have been told I have psychosis, now"),
            ("past_psychosis", "I had psychosis or hallucinations in the past, including during ketamine use"),
            ("current_mania", "I am in a manic or hypomanic episode now"),
            ("ketamine_use_disorder", "I have a problem with ketamine or PCP use now"),
            ("substance_use_in_remission", "I had a problem with alcohol or drugs in the past"),
            ("eating_disorder", "I have or had an eating disorder"),
            ("past_suicide_attempt", "I have tried to end my life in the past"),
        ],
        message="Select what applies to you, or 'None of these'",
    )
    substance_detail = text_box("Tell us about any alcohol or drug use, and any treatment for it (optional)")
    exclusive_lists = ("history",)


class Phq9Form(StepForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, text in enumerate(phq9.ITEMS, start=1):
            self.fields[f"phq9_item{number}"] = forms.TypedChoiceField(
                label=f"{number}. {text}",
                choices=[(value, label) for value, label in phq9.ANSWER_SCALE],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Answer question {number}", "invalid_choice": f"Answer question {number}"},
            )
        self.fields["phq9_difficulty"] = forms.ChoiceField(
            label=phq9.DIFFICULTY_QUESTION,
            choices=[(label, label) for label in phq9.DIFFICULTY_SCALE],
            widget=forms.RadioSelect,
            required=False,
        )


class LogisticsForm(StepForm):
    has_escort = yes_no(
        "Can an adult take you home after each session?",
        message="Select yes if an adult can take you home after each session",
    )
    agrees_no_driving = yes_no(
        "Can you avoid driving until the day after each session?",
        message="Select yes if you can avoid driving until the next day",
    )


class ContactForm(ConsultationRequestForm):
    """The consultation request's contact questions, without its message box and submission key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["message"]
        del self.fields["submission_key"]


class ResumeLinkForm(forms.Form):
    email = ConsultationRequestForm.base_fields["email"]
