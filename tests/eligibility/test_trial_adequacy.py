"""Antidepressant trials judged for duration and dose against the MGH ATRQ minimums, as staff read them."""

import pytest

from eligibility.atrq_doses import KNOWN_MEDICINES, minimum_dose_for, normal_spelling
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
        ("Lexapro (escitalopram)", "escitalopram"),  # brand and generic of one medicine
        # Common patient spellings
        ("amitryptiline", "amitriptyline"),
        ("Amitryptyline 50mg", "amitriptyline"),
        ("nortryptiline", "nortriptyline"),
        ("nortriptilline", "nortriptyline"),
        ("welbutrin", "bupropion"),
        ("fenelzine", "phenelzine"),
        ("trimipramin", "trimipramine"),
        # A name's prefix typed apart: never the shorter medicine it ends with
        ("es-citalopram", "escitalopram"),
        ("Es citalopram 10mg", "escitalopram"),
        ("S-citalopram", "escitalopram"),
        ("des-venlafaxine", "desvenlafaxine"),
        ("Des venlafaxine ER", "desvenlafaxine"),
        ("levo-milnacipran", "levomilnacipran"),
        ("es-citalopam", "escitalopram"),
    ],
)
def test_a_medicine_is_found_by_generic_or_brand_name_as_people_type_it(typed, generic):
    assert minimum_dose_for(typed).generic == generic


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "Savella", "milnacipran", "lofepramine", "esketamine", "the blue pill", "<script>", "x" * 80, "٣٣",
     "Zoloft and Wellbutrin",  # two medicines in one row: staff judge it
     "esmirtazapine", "norfluoxetine"],  # other compounds, one letter-run away from mirtazapine and fluoxetine
)  # fmt: skip
def test_a_name_not_in_the_table_finds_nothing(typed):
    assert minimum_dose_for(typed) is None


@pytest.mark.parametrize(
    ("typed", "not_this"),
    [
        ("trimipramine", "imipramine"),
        ("Surmontil", "imipramine"),
        ("Auvelity", "bupropion"),
        ("dextromethorphan-bupropion", "bupropion"),
        ("bupropion/dextromethorphan", "bupropion"),
        ("Auvelity (dextromethorphan and bupropion)", "bupropion"),
        ("protriptyline", "nortriptyline"),
        ("protryptiline", "nortriptyline"),
        ("desvenlafaxin", "venlafaxine"),
        ("escitalopram", "citalopram"),
    ],
)
def test_a_different_medicine_is_never_matched(typed, not_this):
    found = minimum_dose_for(typed)
    assert found is not None
    assert found.generic != not_this


@pytest.mark.parametrize(
    ("typed", "generic"),
    [
        ("Auvelity", "dextromethorphan-bupropion"),
        ("trimipramine", "trimipramine"),
        ("protriptyline", "protriptyline"),
        ("Vivactil", "protriptyline"),
        ("maprotiline", "maprotiline"),
        ("amoxapine", "amoxapine"),
        ("gepirone", "gepirone"),
        ("Exxua", "gepirone"),
        ("Symbyax", "olanzapine-fluoxetine"),
        ("Symbyax (olanzapine and fluoxetine)", "olanzapine-fluoxetine"),
        ("olanzapine/fluoxetine", "olanzapine-fluoxetine"),
    ],
)
def test_medicines_without_a_known_atrq_minimum_are_known_by_name_and_left_to_staff(typed, generic):
    found = minimum_dose_for(typed)
    assert found.generic == generic
    assert found.mg_per_day is None
    review = review_trial(trial(name=typed, dose_mg=900.0))
    assert review.dose is DoseVerdict.NO_MINIMUM
    assert review.dose_text == "no ATRQ minimum in our table: staff to judge the dose"
    assert not review.adequate_and_failed_this_episode


@pytest.mark.parametrize(
    "typed",
    ["fluoxetine + olanzapine", "Zoloft with Abilify",
     "aripiprazole 5 + sertraline 100", "Wellbutrin and lithium", "Lexapro, Seroquel at night",
     "Contrave (naltrexone-bupropion)", "sertraline + Spravato", "Cymbalta and Rexulti", "Effexor with Cytomel"],
)  # fmt: skip
def test_a_row_naming_an_antidepressant_with_an_add_on_medicine_is_left_to_staff(typed):
    """The dose typed may be either medicine's (Symbyax 6/25 is 6 mg olanzapine with 25 mg fluoxetine): never judged
    against the antidepressant's minimum alone."""
    assert minimum_dose_for(typed) is None
    review = review_trial(trial(name=typed, dose_mg=6.0))
    assert review.dose is DoseVerdict.MEDICINE_UNKNOWN
    assert "below the ATRQ minimum" not in review.dose_text


@pytest.mark.parametrize(
    "typed", ["olanzapine", "Abilify", "lithium", "quetiapine", "Spravato", "ketamine", "Contrave"]
)
def test_an_add_on_medicine_alone_is_not_an_antidepressant_in_the_table(typed):
    assert minimum_dose_for(typed) is None


def test_escitalopram_typed_with_a_hyphen_is_judged_against_its_own_minimum():
    review = review_trial(trial(name="Es-citalopram", dose_mg=10.0))
    assert review.dose is DoseVerdict.ADEQUATE
    assert review.dose_text == "adequate (ATRQ minimum 10 mg)"
    assert review.adequate_and_failed_this_episode


def test_no_two_medicines_share_a_spelling_once_normalised():
    names = [(normal_spelling(name), m.generic) for m in KNOWN_MEDICINES for name in (m.generic, *m.brands)]
    assert len({spelling for spelling, _ in names}) == len(names)


def test_the_common_antidepressants_have_their_atrq_minimums():
    minimums = {dose.generic: dose.mg_per_day for dose in KNOWN_MEDICINES}
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
        ({"name": "Savella"}, DoseVerdict.MEDICINE_UNKNOWN, "dose adequacy unknown (medicine not in the ATRQ table)"),
        ({"name": "Auvelity"}, DoseVerdict.NO_MINIMUM, "no ATRQ minimum in our table: staff to judge the dose"),
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
