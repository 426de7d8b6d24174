"""What a clinician reads about one questionnaire (in the admin): the triage suggestion with its reasons, the
antidepressant trials judged for adequacy, the PHQ-9 table, then every answer by step."""

from django.utils import timezone

from eligibility import phq9
from eligibility.body_measures import measures_from
from eligibility.questionnaire_steps import answer_summary
from eligibility.screening import screen
from eligibility.screening_facts import phq9_answers, screening_facts
from eligibility.trial_adequacy import review_trial


def clinician_review(questionnaire) -> dict:
    """The template context for admin/eligibility/questionnaire_review.html."""
    answers = questionnaire.answers
    sent = questionnaire.submitted_at
    facts = screening_facts(answers, today=timezone.localdate(sent) if sent else timezone.localdate())
    trials = [review_trial(trial) for trial in facts["antidepressant_trials"]]
    context = {
        "questionnaire": questionnaire,
        "screening": screen(facts),
        "summary": [(step, form) for step, form in answer_summary(answers) if step.in_clinician_answers],
        "trials": trials,
        "adequate_failed_trials": sum(review.adequate_and_failed_this_episode for review in trials),
        "measures": measures_from(answers.get("about-you") or {}),
        "phq9_rows": [],
    }
    scores = phq9_answers(answers)
    if scores:
        labels = dict(phq9.ANSWER_SCALE)
        context["phq9_rows"] = [(text, labels[score], score) for text, score in zip(phq9.ITEMS, scores, strict=True)]
        context["phq9_result"] = phq9.score(scores)
    return context
