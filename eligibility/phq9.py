"""The PHQ-9: items, answer scale and scoring, as published (Kroenke, Spitzer & Williams 2001).

The wording is the official text and must not be paraphrased. Scores are computed on the
server from all nine raw answers; a partial form gets no score.
"""

from dataclasses import dataclass

STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"

ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so "
    "fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)

ANSWER_SCALE = ((0, "Not at all"), (1, "Several days"), (2, "More than half the days"), (3, "Nearly every day"))

DIFFICULTY_QUESTION = (
    "If you checked off any problems, how difficult have these problems made it for you to do your work, "
    "take care of things at home, or get along with other people?"
)
DIFFICULTY_SCALE = ("Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult")

ATTRIBUTION = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an "
    "educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute."
)

# (lowest total, label): information for staff, never a diagnosis.
BANDS = ((0, "None to minimal"), (5, "Mild"), (10, "Moderate"), (15, "Moderately severe"), (20, "Severe"))

SELF_HARM_ITEM = 9


@dataclass(frozen=True)
class Phq9Result:
    total: int
    band: str
    self_harm_answer: int

    @property
    def self_harm_signal(self) -> bool:
        """Item 9 above 0: a safety signal needing prompt human follow-up (0 does not rule risk out)."""
        return self.self_harm_answer > 0


def band_for(total: int) -> str:
    if not 0 <= total <= 27:
        raise ValueError(f"A PHQ-9 total is between 0 and 27, not {total}.")
    return next(label for lowest, label in reversed(BANDS) if total >= lowest)


def score(answers: list[int] | tuple[int, ...]) -> Phq9Result:
    """Score nine answers of 0-3, in item order."""
    if len(answers) != len(ITEMS):
        raise ValueError(f"The PHQ-9 needs all {len(ITEMS)} answers; got {len(answers)}.")
    if any(answer not in (0, 1, 2, 3) for answer in answers):
        raise ValueError("Each PHQ-9 answer is 0, 1, 2 or 3.")
    total = sum(answers)
    return Phq9Result(total=total, band=band_for(total), self_harm_answer=answers[SELF_HARM_ITEM - 1])
