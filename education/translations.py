"""What a page shows in the reader's language: the translated rows in place of the English ones.

English is the source: a page in another language lists only what has a translation into it, and shows the
translation's words with the English row's structure (slugs, order, topic, references). The translated fields come
in the same query as the rows (the translation joined: one per row and language, by a unique constraint), so a Spanish
page costs no more queries than an English one.
"""

from django.conf import settings
from django.db.models import Exists, F, FilteredRelation, OuterRef, Q
from django.utils import translation

from education.models import TRANSLATION_LANGUAGES

# For each model, which field of its translation replaces which of its own.
ARTICLE_FIELDS = {"title": "title", "summary": "summary"}
TOPIC_FIELDS = {"name": "name", "description": "description"}
FAQ_FIELDS = {"question": "question", "answer_html": "answer_html"}
GLOSSARY_FIELDS = {"term": "name", "definition": "definition"}


def reading_language() -> str | None:
    """The page's language when it is a translation (Spanish under /es/); None for English."""
    language = translation.get_language()
    return None if language == settings.LANGUAGE_CODE else language


def _translations(model, language: str):
    relation = model._meta.get_field("translations")
    return relation.related_model.objects.filter(**{relation.field.name: OuterRef("pk")}, language=language)


def in_language(queryset, language: str | None, fields: dict[str, str]):
    """The rows that have a translation into `language` (all rows for English), each carrying the translated fields,
    ready for `shown`."""
    if language is None:
        return queryset
    annotations = {f"translated_{own}": F(f"translations__{theirs}") for own, theirs in fields.items()}
    return queryset.filter(translations__language=language).annotate(**annotations)


def shown(rows, fields: dict[str, str]):
    """The rows from `in_language`, with the translated words where a template reads the English ones."""
    rows = list(rows)
    for row in rows:
        for own in fields:
            if hasattr(row, f"translated_{own}"):
                setattr(row, own, getattr(row, f"translated_{own}"))
    return rows


def translation_flags(model, known: str | None = None) -> dict:
    """Annotations saying whether a row has a translation into each language: `in_es`, ...; none for the `known` one."""
    return {f"in_{code}": Exists(_translations(model, code)) for code, _name in TRANSLATION_LANGUAGES if code != known}


def languages_of(row) -> list[str]:
    """The languages a row annotated with `translation_flags` can be read in, English first."""
    return [settings.LANGUAGE_CODE, *(code for code, _name in TRANSLATION_LANGUAGES if getattr(row, f"in_{code}"))]


def with_translation(articles, language: str):
    """Articles each with its translation into `language` as `translation` (missing without one), its reviewer, its
    topic's translated name, and flags for the other languages (`translation_flags`): all in the articles' own query."""
    return articles.annotate(
        translation=FilteredRelation("translations", condition=Q(translations__language=language)),
        topic_translation=FilteredRelation("topic__translations", condition=Q(topic__translations__language=language)),
        translated_topic_name=F("topic_translation__name"),
        **translation_flags(articles.model, known=language),
    ).select_related("translation", "translation__reviewer")


def show_article_translation(article):
    """The article from `with_translation` as its translation reads: title, words, contents, reviewer and review
    dates, and its topic's name. The translation says which English version it translates."""
    found = article.translation
    for name in ("title", "summary", "body_html", "toc", "reviewer", "last_reviewed", "next_review_due", "updated_at"):
        setattr(article, name, getattr(found, name))
    found.article = article
    setattr(article, f"in_{found.language}", True)  # for languages_of
    article.topic.name = article.translated_topic_name or article.topic.name
    return found
