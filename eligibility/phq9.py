"""The PHQ-9: items, answer scale and scoring, as published (Kroenke, Spitzer & Williams 2001).

The wording is the official text and must not be paraphrased or translated by us. Each language is a version of the
instrument, shown exactly as the PHQ screeners distribute it (phqscreeners.com); the stored answers are the codes 0-3
whatever the language, and the PHQ-9 step stores which version was shown (`VERSION_KEY`). Scores are computed on the
server from all nine raw answers; a partial form gets no score.

The Spanish version is the official "Spanish for the USA" translation distributed with the PHQ screeners (Pfizer).
Its text was copied from, and checked word for word against, independent copies of that form: the stem, the nine
items and the four answers in AnuTor/refocus-app (lib/tests/phq.dart, "Ningún día" written there without accents);
the nine items, the four answers, question 10 and its four answers in a React intake form from Quito; the nine items
in a Colombian maternal-health survey and in a C# seed of the "Cuestionario de Salud del Paciente (PHQ-9)"; the stem
and the answers "Ningún día" ... "Casi todos los días" in a PHQ-2 test that locks the U.S. English and Spanish
wording; the footer in several transcriptions of the printed forms. docs/phq9-spanish.md lists them. The form's
first answer is "Ningún día" (not "Para nada" or "Nunca", which other, unofficial translations use); items 6 and 8
keep the form's en dash, and item 8 its "? o lo contrario".
"""

from dataclasses import dataclass

from django.utils import translation


@dataclass(frozen=True)
class Phq9Text:
    """One language's version of the instrument: every word the person reads, as published."""

    version: str  # stored with the answers: which text was shown
    stem: str
    items: tuple[str, ...]
    answers: tuple[str, str, str, str]  # for the codes 0, 1, 2, 3
    difficulty_question: str
    difficulty_answers: tuple[str, str, str, str]
    attribution: str


ENGLISH = Phq9Text(
    version="PHQ-9 en-US (Pfizer, phqscreeners.com)",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items=(
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
    ),
    answers=("Not at all", "Several days", "More than half the days", "Nearly every day"),
    difficulty_question=(
        "If you checked off any problems, how difficult have these problems made it for you to do your work, "
        "take care of things at home, or get along with other people?"
    ),
    difficulty_answers=("Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"),
    attribution=(
        "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an "
        "educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute."
    ),
)

SPANISH = Phq9Text(
    version="PHQ-9 es-US (Pfizer, phqscreeners.com, Spanish for the USA)",
    stem="Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los siguientes problemas?",
    items=(
        "Poco interés o placer en hacer cosas",
        "Se ha sentido decaído(a), deprimido(a) o sin esperanzas",
        "Ha tenido dificultad para quedarse o permanecer dormido(a), o ha dormido demasiado",
        "Se ha sentido cansado(a) o con poca energía",
        "Sin apetito o ha comido en exceso",
        "Se ha sentido mal con usted mismo(a) – o que es un fracaso o que ha quedado mal con usted mismo(a) o con "
        "su familia",
        "Ha tenido dificultad para concentrarse en ciertas actividades, tales como leer el periódico o ver la "
        "televisión",
        "¿Se ha movido o hablado tan lento que otras personas podrían haberlo notado? o lo contrario – muy "
        "inquieto(a) o agitado(a) que ha estado moviéndose mucho más de lo normal",
        "Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera",
    ),
    answers=("Ningún día", "Varios días", "Más de la mitad de los días", "Casi todos los días"),
    difficulty_question=(
        "Si marcó cualquiera de los problemas, ¿qué tanta dificultad le han dado estos problemas para hacer su "
        "trabajo, encargarse de las tareas del hogar, o llevarse bien con otras personas?"
    ),
    difficulty_answers=("No ha sido difícil", "Un poco difícil", "Muy difícil", "Extremadamente difícil"),
    attribution=(
        "Elaborado por los doctores Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke y colegas, mediante una "
        "subvención educativa otorgada por Pfizer Inc. No se requiere permiso para reproducir, traducir, presentar "
        "o distribuir."
    ),
)

VERSIONS = {"en": ENGLISH, "es": SPANISH}
VERSION_KEY = "phq9_version"  # in the PHQ-9 step's answers: the version the person was shown


def text_for(language: str | None = None) -> Phq9Text:
    """The official version for a language (the active one by default); English when there is none."""
    return VERSIONS.get((language or translation.get_language() or "en").split("-")[0], ENGLISH)


# The English text, as staff read it (the admin's PHQ-9 table) whatever language the person answered in.
ITEMS, ATTRIBUTION, ANSWER_SCALE = ENGLISH.items, ENGLISH.attribution, tuple(enumerate(ENGLISH.answers))

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
