"""Minimum adequate daily doses of common antidepressants, after the MGH ATRQ, and matching a typed medicine name.

The Massachusetts General Hospital Antidepressant Treatment Response Questionnaire (ATRQ) counts a trial as
adequate when the medicine was taken for at least 6 weeks at or above a minimum dose (Chandler GM, Iosifescu DV,
Pollack MH, Targum SD, Fava M. Validation of the Massachusetts General Hospital Antidepressant Treatment History
Questionnaire (ATRQ). CNS Neurosci Ther 2010;16(5):322-325, doi:10.1111/j.1755-5949.2009.00102.x).

The ATRQ form itself was not read: every dose below is [M], to be confirmed against the form by the clinic's
psychiatrist (docs/screening-rules.md lists them). One is supported by a published worked example: Desseilles et
al. (Current Psychiatry 2012;11(3)) count venlafaxine 75 mg a day for 7 weeks as inadequate "because the dosage
was too low", so the minimum used here is 150 mg, not 75 mg. Medicines listed with no minimum are known by name
(so a name like trimipramine is never read as imipramine), but no source for their ATRQ minimum was found: staff
judge those trials.
"""

import difflib
import re
from dataclasses import dataclass

ATRQ = "MGH ATRQ (Chandler et al., CNS Neurosci Ther 2010)"


@dataclass(frozen=True)
class KnownMedicine:
    generic: str
    mg_per_day: float | None  # None: no ATRQ minimum in our table, staff judge the dose
    brands: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()  # a combination product's ingredients that are in the table on their own
    antidepressant: bool = True  # False: an add-on or other medicine, named only so a row naming two is left to staff


KNOWN_MEDICINES = (
    # SSRIs
    KnownMedicine("citalopram", 20, ("celexa", "cipramil")),
    KnownMedicine("escitalopram", 10, ("lexapro", "cipralex", "scitalopram")),  # S-citalopram, its chemical name
    KnownMedicine("fluoxetine", 20, ("prozac", "sarafem")),
    KnownMedicine("fluvoxamine", 100, ("luvox",)),
    KnownMedicine("paroxetine", 20, ("paxil", "pexeva", "seroxat")),
    KnownMedicine("sertraline", 50, ("zoloft", "lustral")),
    # SNRIs
    KnownMedicine("desvenlafaxine", 50, ("pristiq", "khedezla")),
    KnownMedicine("duloxetine", 60, ("cymbalta", "drizalma")),
    KnownMedicine("levomilnacipran", 40, ("fetzima",)),
    KnownMedicine("venlafaxine", 150, ("effexor",)),
    # Others
    KnownMedicine("bupropion", 300, ("wellbutrin", "aplenzin", "forfivo")),
    KnownMedicine("mirtazapine", 15, ("remeron",)),
    KnownMedicine("nefazodone", 300),
    KnownMedicine("trazodone", 300, ("desyrel", "oleptro")),
    KnownMedicine("vilazodone", 40, ("viibryd",)),
    KnownMedicine("vortioxetine", 10, ("trintellix", "brintellix")),
    # Tricyclics
    KnownMedicine("amitriptyline", 150, ("elavil",)),
    KnownMedicine("clomipramine", 150, ("anafranil",)),
    KnownMedicine("desipramine", 150, ("norpramin",)),
    KnownMedicine("doxepin", 150, ("sinequan",)),
    KnownMedicine("imipramine", 150, ("tofranil",)),
    KnownMedicine("nortriptyline", 75, ("pamelor", "aventyl")),
    # MAOIs (selegiline as the skin patch, in mg per 24 hours)
    KnownMedicine("isocarboxazid", 30, ("marplan",)),
    KnownMedicine("phenelzine", 45, ("nardil",)),
    KnownMedicine("selegiline", 6, ("emsam",)),
    KnownMedicine("tranylcypromine", 30, ("parnate",)),
    # Known, with no ATRQ minimum in our table
    KnownMedicine("trimipramine", None, ("surmontil",)),
    KnownMedicine("protriptyline", None, ("vivactil",)),
    KnownMedicine("maprotiline", None, ("ludiomil",)),
    KnownMedicine("amoxapine", None, ("asendin",)),
    KnownMedicine("gepirone", None, ("exxua",)),
    # Auvelity is its own product, not a bupropion trial; dextromethorphan is in no other antidepressant.
    KnownMedicine("dextromethorphan-bupropion", None, ("auvelity", "dextromethorphan"), contains=("bupropion",)),
    # Symbyax is its own product too: "6/25" is 6 mg olanzapine with 25 mg fluoxetine, so its dose is not fluoxetine's.
    KnownMedicine("olanzapine-fluoxetine", None, ("symbyax",), contains=("olanzapine", "fluoxetine")),
    # Not antidepressants in the table: add-on medicines (content brief 4.5 C) and others a row may name beside one.
    # A row naming one of these and an antidepressant ("Zoloft with Abilify") matches none: the dose typed may be
    # either one's, so staff judge it. Alone, one of these is "not in the ATRQ table".
    *(
        KnownMedicine(generic, None, brands, contains=contains, antidepressant=False)
        for generic, brands, contains in (
            ("aripiprazole", ("abilify",), ()),
            ("brexpiprazole", ("rexulti",), ()),
            ("cariprazine", ("vraylar",), ()),
            ("quetiapine", ("seroquel",), ()),
            ("olanzapine", ("zyprexa",), ()),
            ("risperidone", ("risperdal",), ()),
            ("lurasidone", ("latuda",), ()),
            ("lumateperone", ("caplyta",), ()),
            ("lithium", ("lithobid",), ()),
            ("liothyronine", ("cytomel",), ()),
            ("levothyroxine", ("synthroid",), ()),
            ("lamotrigine", ("lamictal",), ()),
            ("buspirone", ("buspar",), ()),
            ("naltrexone", ("vivitrol", "revia"), ()),
            ("naltrexone-bupropion", ("contrave",), ("naltrexone", "bupropion")),
            ("esketamine", ("spravato",), ()),
            ("ketamine", ("ketalar",), ()),
            ("methylphenidate", ("ritalin", "concerta"), ()),
            ("amphetamine", ("adderall",), ()),
            ("lisdexamfetamine", ("vyvanse",), ()),
            ("modafinil", ("provigil",), ()),
        )
    ),
)


def normal_spelling(word: str) -> str:
    """A word spelled the way it sounds, so common slips compare equal: y for i (amitryptiline), f for ph, and
    doubled letters as one (welbutrin)."""
    return re.sub(r"(.)\1+", r"\1", word.lower().replace("ph", "f").replace("y", "i"))


_BY_SPELLING = {
    normal_spelling(name): medicine for medicine in KNOWN_MEDICINES for name in (medicine.generic, *medicine.brands)
}
_CLOSE_ENOUGH = 0.85  # "setraline" finds sertraline; "citalopram" never finds escitalopram (exact names win)
_SAME_START = 2  # a slip is matched only among names that start with the same letters: tri-mipramine is not imipramine


def _named_by(word: str) -> KnownMedicine | None:
    spelling = normal_spelling(word)
    if spelling in _BY_SPELLING:
        return _BY_SPELLING[spelling]
    candidates = [name for name in _BY_SPELLING if name[:_SAME_START] == spelling[:_SAME_START]]
    close = difflib.get_close_matches(spelling, candidates, n=1, cutoff=_CLOSE_ENOUGH)
    return _BY_SPELLING[close[0]] if close else None


def _medicines_named(words: list[str]):
    """The medicine each word names. Two words that together name one are read as one: a prefix typed apart
    ('es-citalopram', 'des venlafaxine') is never the shorter medicine that the name ends with."""
    index = 0
    while index < len(words):
        if index + 1 < len(words) and (joined := _named_by(words[index] + words[index + 1])):
            yield joined
            index += 2
            continue
        if medicine := _named_by(words[index]):
            yield medicine
        index += 1


def minimum_dose_for(typed_name: str) -> KnownMedicine | None:
    """The table's entry for a medicine name as a person types it ('Zoloft', 'wellbutrin XL', 'amitryptiline').

    A combination product wins over its ingredients ('Auvelity (dextromethorphan-bupropion)' is Auvelity); a name
    that still names two different medicines ('sertraline and bupropion') finds none, so staff judge it."""
    named = set(_medicines_named(re.findall(r"[a-z]+", (typed_name or "").lower())))
    ingredients = {part for medicine in named for part in medicine.contains}
    named = {medicine for medicine in named if medicine.generic not in ingredients}
    medicine = named.pop() if len(named) == 1 else None
    return medicine if medicine and medicine.antidepressant else None
