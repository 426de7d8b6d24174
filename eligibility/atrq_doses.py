"""Minimum adequate daily doses of common antidepressants, after the MGH ATRQ, and matching a typed medicine name.

The Massachusetts General Hospital Antidepressant Treatment Response Questionnaire (ATRQ) counts a trial as
adequate when the medicine was taken for at least 6 weeks at or above a minimum dose (Chandler GM, Iosifescu DV,
Pollack MH, Targum SD, Fava M. Validation of the Massachusetts General Hospital Antidepressant Treatment History
Questionnaire (ATRQ). CNS Neurosci Ther 2010;16(5):322-325, doi:10.1111/j.1755-5949.2009.00102.x).

The ATRQ form itself was not read: every dose below is [M], to be confirmed against the form by the clinic's
psychiatrist (docs/screening-rules.md lists them). One is supported by a published worked example: Desseilles et
al. (Current Psychiatry 2012;11(3)) count venlafaxine 75 mg a day for 7 weeks as inadequate "because the dosage
was too low", so the minimum used here is 150 mg, not 75 mg.
"""

import difflib
import re
from dataclasses import dataclass

ATRQ = "MGH ATRQ (Chandler et al., CNS Neurosci Ther 2010)"


@dataclass(frozen=True)
class MinimumDose:
    generic: str
    mg_per_day: float
    brands: tuple[str, ...] = ()


MINIMUM_DOSES = (
    # SSRIs
    MinimumDose("citalopram", 20, ("celexa", "cipramil")),
    MinimumDose("escitalopram", 10, ("lexapro", "cipralex")),
    MinimumDose("fluoxetine", 20, ("prozac", "sarafem")),
    MinimumDose("fluvoxamine", 100, ("luvox",)),
    MinimumDose("paroxetine", 20, ("paxil", "pexeva", "seroxat")),
    MinimumDose("sertraline", 50, ("zoloft", "lustral")),
    # SNRIs
    MinimumDose("desvenlafaxine", 50, ("pristiq", "khedezla")),
    MinimumDose("duloxetine", 60, ("cymbalta", "drizalma")),
    MinimumDose("levomilnacipran", 40, ("fetzima",)),
    MinimumDose("venlafaxine", 150, ("effexor",)),
    # Others
    MinimumDose("bupropion", 300, ("wellbutrin", "aplenzin", "forfivo")),
    MinimumDose("mirtazapine", 15, ("remeron",)),
    MinimumDose("nefazodone", 300),
    MinimumDose("trazodone", 300, ("desyrel", "oleptro")),
    MinimumDose("vilazodone", 40, ("viibryd",)),
    MinimumDose("vortioxetine", 10, ("trintellix", "brintellix")),
    # Tricyclics
    MinimumDose("amitriptyline", 150, ("elavil",)),
    MinimumDose("clomipramine", 150, ("anafranil",)),
    MinimumDose("desipramine", 150, ("norpramin",)),
    MinimumDose("doxepin", 150, ("sinequan",)),
    MinimumDose("imipramine", 150, ("tofranil",)),
    MinimumDose("nortriptyline", 75, ("pamelor", "aventyl")),
    # MAOIs (selegiline as the skin patch, in mg per 24 hours)
    MinimumDose("isocarboxazid", 30, ("marplan",)),
    MinimumDose("phenelzine", 45, ("nardil",)),
    MinimumDose("selegiline", 6, ("emsam",)),
    MinimumDose("tranylcypromine", 30, ("parnate",)),
)

_BY_NAME = {name: dose for dose in MINIMUM_DOSES for name in (dose.generic, *dose.brands)}
_CLOSE_ENOUGH = 0.85  # "setraline" finds sertraline; "citalopram" never finds escitalopram (exact names win)


def minimum_dose_for(typed_name: str) -> MinimumDose | None:
    """The table's entry for a medicine name as a person types it ('Zoloft', 'wellbutrin XL', 'setraline')."""
    words = re.findall(r"[a-z]+", (typed_name or "").lower())
    for word in words:
        if word in _BY_NAME:
            return _BY_NAME[word]
    for word in words:
        close = difflib.get_close_matches(word, _BY_NAME, n=1, cutoff=_CLOSE_ENOUGH)
        if close:
            return _BY_NAME[close[0]]
    return None
