"""Antidepressant trials judged for duration and dose against the MGH ATRQ minimums, as staff read them."""

import pytest

from eligibility.atrq_doses import MINIMUM_DOSES, minimum_dose_for
from eligibility.trial_adequacy import DoseVerdict, adequate_failed_trials, review_trial


@pytest.mark.parametrize(
    ("typed", "generic"),
    [
        ("Sertraline", "sertraline"),
        ("zoloft", "sertraline"),
        ("Wellbutrin XL", "bupropion"),
        ("bupropion SR 150", "bupropion"),
        ("Effexor XR", "venlafaxine"),
        ("Lexapro", "escitalopram"),
        ("citalopram", "citalopram"),  # never escitalopram
        ("escitalopram", "escitalopram"),
        ("setraline", "sertraline"),  # a small typing slip
        ("Cymbalta", "duloxetine"),
        ("Remeron", "mirtazapine"),
    ],
)
def test_a_medicine_is_found_by_generic_or_brand_name_as_people_type_it(typed, generic):
    assert minimum_dose_for(typed).generic == generic


@pytest.mark.parametrize("typed", ["", "   ", "Auvelity", "the blue pill", "<script>", "x" * 80, "٣٣"])
def test_a_name_not_in_the_table_finds_nothing(typed):
    assert minimum_dose_for(typed) is None


def test_the_common_antidepressants_have_their_atrq_minimums():
    minimums = {dose.generic: dose.mg_per_day for dose in MINIMUM_DOSES}
    assert minimums["sertraline"] == 50
    assert minimums["fluoxetine"] == 20
    assert minimums["citalopram"] == 20
    assert minimums["escitalopram"] == 10
    assert minimums["paroxetine"] == 20
    assert minimums["bupropion"] == 300
    assert minimums["mirtazapine"] == 15
    assert minimums["venlafaxine"] > 75  # the ATRQ's worked example counts 75 mg as too low


def trial(**changes):
    return {"name": "sertraline", "dose_mg": 100.0, "weeks": 8, "result": "none", "current_episode": True} | changes


@pytest.mark.parametrize(
    ("changes", "verdict", "text"),
    [
        ({}, DoseVerdict.ADEQUATE, "adequate (ATRQ minimum 50 mg)"),
        ({"dose_mg": 25.0}, DoseVerdict.TOO_LOW, "below the ATRQ minimum of 50 mg"),
        ({"dose_mg": None}, DoseVerdict.DOSE_UNKNOWN, "dose unknown"),
        ({"name": "Auvelity"}, DoseVerdict.MEDICINE_UNKNOWN, "dose adequacy unknown (medicine not in the ATRQ table)"),
        ({"name": "venlafaxine", "dose_mg": 37.5}, DoseVerdict.TOO_LOW, "below the ATRQ minimum of 150 mg"),
    ],
)
def test_staff_read_what_is_known_about_each_dose(changes, verdict, text):
    review = review_trial(trial(**changes))
    assert review.dose is verdict
    assert review.dose_text == text


def test_only_adequate_failed_trials_in_this_episode_are_counted():
    assert adequate_failed_trials([trial(), trial(name="bupropion", dose_mg=300.0)]) == 2
    assert adequate_failed_trials([trial(weeks=5), trial(dose_mg=None), trial(result="full")]) == 0
    assert adequate_failed_trials([trial(current_episode=False), trial(result="side_effects")]) == 0
    assert adequate_failed_trials([]) == 0
    assert adequate_failed_trials(None) == 0
