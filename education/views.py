import datetime
from functools import lru_cache

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation

from clinic_site.http import cached_public_page
from clinic_site.models import ClinicDetails
from education.folding import fold
from education.models import Article, FAQEntry, GlossaryTerm, Reference, Topic
from education.search import clean_query, search_articles
from education.structured_data import article_json_ld, faq_json_ld
from education.translations import (
    ARTICLE_FIELDS,
    FAQ_FIELDS,
    GLOSSARY_FIELDS,
    TOPIC_FIELDS,
    in_language,
    languages_of,
    reading_language,
    show_article_translation,
    shown,
    translation_flags,
    with_translation,
)

RELATED_ARTICLES = 3
FEATURED_ARTICLES = 3
# /learn/ shows the first few articles of each topic; a topic's own page lists them all, a page at a time.
ARTICLES_PER_TOPIC_ON_INDEX = 6
ARTICLES_PER_TOPIC_PAGE = 24


def _readable(articles, language):
    """Published articles a reader of `language` can read (every one in English), with their words in it."""
    return in_language(articles, language, ARTICLE_FIELDS)


def _topics_with_article_counts(language) -> list[Topic]:
    """Topics that have published articles, each with `article_count`: two queries, however many articles."""
    readable = _readable(Article.objects.published(), language)
    counts = dict(readable.order_by().values_list("topic").annotate(count=Count("*")))
    topics = shown(in_language(Topic.objects.all(), language, TOPIC_FIELDS), TOPIC_FIELDS)
    topics = [topic for topic in topics if topic.pk in counts]
    for topic in topics:
        topic.article_count = counts[topic.pk]
    return topics


@cached_public_page
def home(request):
    language = reading_language()
    featured = _readable(Article.objects.published().for_listing().filter(featured=True), language)
    context = {
        "topics": _topics_with_article_counts(language),
        "featured": shown(featured[:FEATURED_ARTICLES], ARTICLE_FIELDS),
    }
    return render(request, "education/home.html", context)


@cached_public_page
def article_list(request):
    language = reading_language()
    topics = _topics_with_article_counts(language)
    first_articles = _readable(Article.objects.published().for_listing().in_topic_order(), language)
    prefetch_related_objects(
        topics, Prefetch("articles", queryset=first_articles[:ARTICLES_PER_TOPIC_ON_INDEX], to_attr="first_articles")
    )
    for topic in topics:
        shown(topic.first_articles, ARTICLE_FIELDS)
    return render(request, "education/article_list.html", {"topics": topics})


@cached_public_page(reads=("page",))
def topic(request, slug):
    language = reading_language()
    topic = get_object_or_404(in_language(Topic.objects.all(), language, TOPIC_FIELDS), slug=slug)
    shown([topic], TOPIC_FIELDS)
    articles = _readable(Article.objects.published().for_listing().filter(topic=topic).in_topic_order(), language)
    paginator = Paginator(articles, ARTICLES_PER_TOPIC_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404("No such page of articles.") from None
    if not page.object_list:
        raise Http404("This topic has no published articles.")
    page.object_list = shown(page.object_list, ARTICLE_FIELDS)
    return render(request, "education/topic.html", {"topic": topic, "page": page})


@lru_cache(maxsize=8)
def _articles_to_read(language: str | None, today: datetime.date):
    """What an article page reads of its article, in `language`, on `today` (published() compares with it), before
    the article is picked. Building it takes more CPU than running it, so each worker builds it once a day per language
    and each page filters a copy of it: a query set is copied, never changed, by filter(), and this one is never run."""
    articles = Article.objects.published().with_site_review_state().select_related("topic", "reviewer")
    return articles.annotate(**translation_flags(Article)) if language is None else with_translation(articles, language)


@lru_cache(maxsize=8)
def _related_to_read(language: str | None, today: datetime.date):
    """The articles an article page offers to read next, before its topic is picked: built like _articles_to_read.
    Only what a card shows (includes/article_card.html): no join to the topic, already known."""
    return _readable(Article.objects.published().in_topic_order().only("title", "slug", "summary"), language)


def article_page(article) -> dict:
    """What the article page's template reads of the article itself: for readers and for the editors' preview alike."""
    return {
        "article": article,
        "article_url": article.get_absolute_url(),  # read three times, reversed once
        # A plain query rather than prefetch_related(), whose machinery costs more than the query: the template and the
        # structured data both read this list.
        "references": list(Reference.objects.filter(article_id=article.pk)),
    }


@cached_public_page
def article_detail(request, slug):
    language, today = reading_language(), timezone.localdate()
    article = get_object_or_404(_articles_to_read(language, today), slug=slug)
    context = {}
    if language is not None:
        if getattr(article, "translation", None) is None:  # no row joined: not translated into this language
            raise Http404("This article has no translation into this language.")
        context["translation"] = found = show_article_translation(article)
        if found.is_out_of_date:  # the page then says so and links to the English one
            with translation.override(settings.LANGUAGE_CODE):
                context["english_url"] = article.get_absolute_url()
    context |= article_page(article)
    context["page_languages"] = languages_of(article)
    # One more than are offered, this article left out here: the same articles as an exclude(), for less SQL to build.
    in_topic = _related_to_read(language, today).filter(topic_id=article.topic_id)[: RELATED_ARTICLES + 1]
    related = [other for other in in_topic if other.pk != article.pk][:RELATED_ARTICLES]
    context |= {
        "related": shown(related, ARTICLE_FIELDS),
        "json_ld": article_json_ld(
            article, context["article_url"], context["references"], ClinicDetails.for_request(request)
        ),
    }
    return render(request, "education/article_detail.html", context)


@cached_public_page
def faq(request):
    language = reading_language()
    linked = _readable(Article.objects.published().only("title", "slug"), language)
    entries = in_language(FAQEntry.objects.all(), language, FAQ_FIELDS)
    entries = shown(entries.prefetch_related("references", Prefetch("article", queryset=linked)), FAQ_FIELDS)
    shown([entry.article for entry in entries if entry.article], ARTICLE_FIELDS)
    return render(
        request,
        "education/faq.html",
        {"entries": entries, "json_ld": faq_json_ld(entries, ClinicDetails.for_request(request))},
    )


@cached_public_page
def glossary(request):
    language = reading_language()
    terms = shown(in_language(GlossaryTerm.objects.all(), language, GLOSSARY_FIELDS), GLOSSARY_FIELDS)
    if language is not None:
        terms.sort(key=lambda term: fold(term.term))  # "Ácido" among the A's
    return render(request, "education/glossary.html", {"terms": terms})


# Each query's results kept like any page: a search that matches thousands of articles costs tens of milliseconds,
# and people search for the same few things. Copies of rare queries expire with the page cache's timeout.
@cached_public_page(reads=("q", "page"))
def search(request):
    query = clean_query(request.GET.get("q"))
    page = search_articles(query, request.GET.get("page"), reading_language())
    return render(request, "education/search.html", {"query": query, "page": page})
