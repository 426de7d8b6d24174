"""Notes at the top of the page after a step, when what was just saved calls for one: read at once, with no
JavaScript. Each note is a template and a test of the screening facts (`screening_facts`), so the words a person
reads and the reasons staff read come from the same answers. Sources: docs/screening-rules.md, section 5."""

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils import timezone

from eligibility.screening import bp_beyond, under_18
from eligibility.screening_facts import screening_facts

# The American Heart Association's hypertensive crisis: a reading of 180/120 mm Hg or greater, either number.
BP_CRISIS_FROM = (180, 120)


@dataclass(frozen=True)
class Note:
    template: str
    applies: Callable[[Mapping], bool]
    beside_urgent_panel: bool = True  # False: left out when the urgent panel, with the crisis options, is on the page


def facts_now(answers: dict) -> dict:
    return screening_facts(answers, today=timezone.localdate())


def very_high_reading(facts: Mapping) -> bool:
    return bp_beyond(facts, BP_CRISIS_FROM, operator.ge)


UNDER_18 = Note("eligibility/includes/under_18_note.html", under_18)
VERY_HIGH_BP = Note("eligibility/includes/very_high_bp_note.html", very_high_reading)
PAST_ATTEMPT = Note(
    "eligibility/includes/past_attempt_panel.html",
    lambda facts: bool(facts.get("past_suicide_attempt")),
    beside_urgent_panel=False,
)
