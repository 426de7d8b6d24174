"""Launch check: `python manage.py check --deploy` names every published article a real clinician has not reviewed.

The site ships with a sample reviewer so that its pages look finished; launching with it would show
readers a doctor who never read the articles. Only deployment checks run this, since it reads the database.
"""

from django.core import checks
from django.db import DatabaseError

from education.models import Article

SAMPLE_REVIEW_ID = "education.W001"
NOT_CHECKED_ID = "education.I001"


@checks.register("content", deploy=True)
def published_articles_have_real_reviewers(app_configs=None, **kwargs):
    try:
        pending = list(
            Article.objects.published()
            .awaiting_clinical_review()
            .order_by("title")
            .values_list("title", "reviewer__name")
        )
    except DatabaseError as error:
        return [
            checks.Info(
                f"Could not check the articles' reviewers: the database is not ready ({type(error).__name__}).",
                hint="Run this check again after `migrate`, against the production database.",
                id=NOT_CHECKED_ID,
            )
        ]
    if not pending:
        return []
    names = "; ".join(f"{title} (reviewer: {reviewer})" for title, reviewer in pending)
    return [
        checks.Warning(
            f"{len(pending)} published article(s) name a sample reviewer, so every article page says the content "
            f"is not yet reviewed by a clinician: {names}.",
            hint="Add the clinic's medical reviewer under Patient education > Reviewers, have them review each "
            "article, then name them as its reviewer (README, 'Before launch').",
            id=SAMPLE_REVIEW_ID,
        )
    ]
