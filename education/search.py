"""Article search: PostgreSQL full-text search when available, a plain word match on SQLite.

Both find published articles, best first, a page of ten at a time, each with `snippet_html`: a short
extract with the matched words in <mark>. A search in another language (under /es/) looks through the translations
into it, with that language's stemming on PostgreSQL; each result is then the translation (its title, its link).
Translations are searched without regard to accents ("depresion" finds "depresión", education/folding.py) and
their snippets mark the words as written.
Snippets are built with private-use markers and escaped before the markers become tags, so article text can never
inject markup into the results page.
"""

import logging
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import DataError, InternalError, connection, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from education.folding import fold_spans, folded_words
from education.models import SEARCH_CONFIGS, Article, ArticleTranslation, Topic
from education.translations import TOPIC_FIELDS, in_language, shown

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
RESULTS_PER_PAGE = 10
_START, _STOP = "\ue000", "\ue001"
_SNIPPET_WORDS = 30


def clean_query(raw: str | None) -> str:
    """The search box's text, trimmed to something sensible to look for."""
    text = " ".join((raw or "").replace("\x00", " ").split())
    return text[:MAX_QUERY_LENGTH]


def highlight(marked_text: str) -> SafeString:
    # Escaped first; only our own markers become tags.
    return mark_safe(escape(marked_text).replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def _searched(language: str | None):
    """What a search looks through: the published articles, or their translations into `language`."""
    if language is None:
        return Article.objects.published().select_related("topic")
    return ArticleTranslation.objects.published(language).select_related("article__topic")


def _postgres_matches(query: str, language: str | None):
    """Matched through the GIN index on the stored document (Article.search_document).

    PostgreSQL makes the snippets for the page's rows only: it works out the expensive headline after the
    LIMIT, and a count of the matches leaves out both the rank and the headline.
    """
    config = SEARCH_CONFIGS[language or "en"]
    search_query = SearchQuery(query, search_type="websearch", config=config)
    topic = "topic" if language is None else "article__topic"
    return (
        _searched(language)
        .only("title", f"{topic}__name", f"{topic}__slug", *(["article__slug", "language"] if language else ["slug"]))
        .filter(search_document=search_query)
        .annotate(
            rank=SearchRank(F("search_document"), search_query),
            snippet=SearchHeadline(
                "body_text",
                search_query,
                config=config,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=_SNIPPET_WORDS,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "title", "pk")
    )


def _matched_spans(text: str, words: list[str], language: str | None) -> list[tuple[int, int]]:
    if language is not None:
        return fold_spans(text, words)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return [match.span() for match in pattern.finditer(text)]


def _marked_token(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The token text[start:end] with each matched stretch in it between markers (overlapping ones joined)."""
    out, position = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, position), min(span_end, end)
        if span_start < span_end:
            out += [text[position:span_start], _START, text[span_start:span_end], _STOP]
            position = span_end
    return "".join(out) + text[position:end]


def _mark_words(text: str, words: list[str], language: str | None) -> str:
    spans = _matched_spans(text, words, language)
    tokens = [match.span() for match in re.finditer(r"\S+", text)]
    hit = [any(s < end and start < e for s, e in spans) for start, end in tokens]
    first = hit.index(True) if True in hit else 0
    start = max(0, first - 8)
    window = tokens[start : start + _SNIPPET_WORDS]
    marked = " ".join(
        _marked_token(text, a, b, spans) if hit[start + i] else text[a:b] for i, (a, b) in enumerate(window)
    )
    return ("… " if start else "") + marked + (" …" if start + _SNIPPET_WORDS < len(tokens) else "")


def _fallback_matches(words: list[str], language: str | None):
    """A match of every word; in a translation, of its folded copies (lower case, no accents) by folded words."""
    if language is None:
        fields, title, lookup = ("title", "summary", "body_text"), "title", "icontains"
    else:
        fields, title, lookup = ("folded_text",), "folded_title", "contains"
    matches = Q()
    for word in words:
        matches &= Q.create([(f"{field}__{lookup}", word) for field in fields], connector=Q.OR)
    title_hits = Case(
        *[When(**{f"{title}__{lookup}": word}, then=Value(1)) for word in words],
        default=Value(0),
        output_field=IntegerField(),
    )
    return _searched(language).filter(matches).annotate(title_hit=title_hits).order_by("-title_hit", "title", "pk")


def _no_results() -> Page:
    return Paginator([], RESULTS_PER_PAGE).page(1)


def _show_topics_in(language: str, results: list) -> None:
    """Each translated result with its article's topic, named in `language`."""
    topics = {t.pk: t for t in shown(in_language(Topic.objects.all(), language, TOPIC_FIELDS), TOPIC_FIELDS)}
    for result in results:
        result.topic = topics.get(result.article.topic_id, result.article.topic)


def search_articles(query: str, page_number=1, language: str | None = None) -> Page:
    """One page of results (the first for a page number that is not one, the last for one past the end), in
    `language` (None: English)."""
    words = (query.split() if language is None else folded_words(query))[:MAX_WORDS]
    if not words:
        return _no_results()
    postgres = connection.vendor == "postgresql"
    matches = _postgres_matches(" ".join(words), language) if postgres else _fallback_matches(words, language)
    try:
        with transaction.atomic():
            page = Paginator(matches, RESULTS_PER_PAGE).get_page(page_number)
            page.object_list = list(page.object_list)
    except (DataError, InternalError) as error:
        # Some odd text makes a query PostgreSQL accepts but cannot run ("tsquery stack too small", found by
        # fuzzing): it finds nothing. The words are not logged; they may be about someone's health.
        logger.warning("A search could not be run: %s", type(error).__name__)
        return _no_results()
    for article in page.object_list:
        article.snippet_html = highlight(
            article.snippet if postgres else _mark_words(article.body_text, words, language)
        )
    if language is not None:
        _show_topics_in(language, page.object_list)
    return page
