"""Whether each antidepressant trial was adequate in duration and dose (MGH ATRQ), and how many adequate ones failed.

Insurers ask for the number of adequate failed trials in the current episode before esketamine; the Spravato
label's treatment-resistant depression is 2 or more of them. A trial whose dose is unknown, whose medicine is not
in the ATRQ table, or whose medicine has no ATRQ minimum there, is never counted as adequate: staff confirm it.
"""

from dataclasses import dataclass
from enum import StrEnum

from eligibility.atrq_doses import KnownMedicine, minimum_dose_for

ADEQUATE_TRIAL_WEEKS = 6
FAILED_RESULTS = {"none", "partial"}
RESULT_TEXT = {"none": "no benefit", "partial": "some benefit", "full": "full benefit",
               "side_effects": "stopped for side effects"}  # fmt: skip


class DoseVerdict(StrEnum):
    ADEQUATE = "adequate"
    TOO_LOW = "too_low"
    DOSE_UNKNOWN = "dose_unknown"
    MEDICINE_UNKNOWN = "medicine_unknown"
    NO_MINIMUM = "no_minimum"


@dataclass(frozen=True)
class TrialReview:
    trial: dict
    medicine: KnownMedicine | None
    dose: DoseVerdict
    long_enough: bool

    @property
    def adequate_and_failed_this_episode(self) -> bool:
        return (
            bool(self.trial.get("current_episode"))
            and self.long_enough
            and self.dose is DoseVerdict.ADEQUATE
            and self.trial.get("result") in FAILED_RESULTS
        )

    @property
    def result_text(self) -> str:
        return RESULT_TEXT.get(self.trial.get("result"), "not given")

    @property
    def dose_text(self) -> str:
        """What staff read about the dose, e.g. 'dose unknown' or 'below the ATRQ minimum of 50 mg'."""
        if self.dose is DoseVerdict.DOSE_UNKNOWN:
            return "dose unknown"
        if self.dose is DoseVerdict.MEDICINE_UNKNOWN:
            return "dose adequacy unknown (medicine not in the ATRQ table)"
        if self.dose is DoseVerdict.NO_MINIMUM:
            return "no ATRQ minimum in our table: staff to judge the dose"
        minimum = f"{self.medicine.mg_per_day:g} mg"
        if self.dose is DoseVerdict.TOO_LOW:
            return f"below the ATRQ minimum of {minimum}"
        return f"adequate (ATRQ minimum {minimum})"


def review_trial(trial: dict) -> TrialReview:
    medicine = minimum_dose_for(trial.get("name", ""))
    dose_mg = trial.get("dose_mg")
    if dose_mg is None:
        verdict = DoseVerdict.DOSE_UNKNOWN
    elif medicine is None:
        verdict = DoseVerdict.MEDICINE_UNKNOWN
    elif medicine.mg_per_day is None:
        verdict = DoseVerdict.NO_MINIMUM
    elif dose_mg >= medicine.mg_per_day:
        verdict = DoseVerdict.ADEQUATE
    else:
        verdict = DoseVerdict.TOO_LOW
    return TrialReview(trial, medicine, verdict, (trial.get("weeks") or 0) >= ADEQUATE_TRIAL_WEEKS)


def adequate_failed_trials(trials) -> int:
    """Trials in this episode, 6 weeks or more at or above the ATRQ minimum dose, that did not bring full relief."""
    return sum(1 for trial in trials or () if review_trial(trial).adequate_and_failed_this_episode)
