from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from clinic_site.http import cached_public_page
from education.models import Article, FAQEntry, GlossaryTerm, Topic
from education.search import clean_query, search_articles
from education.structured_data import article_json_ld, faq_json_ld

RELATED_ARTICLES = 3
FEATURED_ARTICLES = 3
# /learn/ shows the first few articles of each topic; a topic's own page lists them all, a page at a time.
ARTICLES_PER_TOPIC_ON_INDEX = 6
ARTICLES_PER_TOPIC_PAGE = 24


def _topics_with_article_counts() -> list[Topic]:
    """Topics that have published articles, each with `article_count`: two queries, however many articles."""
    counts = dict(Article.objects.published().order_by().values_list("topic").annotate(count=Count("*")))
    topics = [topic for topic in Topic.objects.all() if topic.pk in counts]
    for topic in topics:
        topic.article_count = counts[topic.pk]
    return topics


@cached_public_page
def home(request):
    featured = Article.objects.published().for_listing().filter(featured=True)[:FEATURED_ARTICLES]
    return render(request, "education/home.html", {"topics": _topics_with_article_counts(), "featured": featured})


@cached_public_page
def article_list(request):
    topics = _topics_with_article_counts()
    first_articles = Article.objects.published().for_listing().in_topic_order()[:ARTICLES_PER_TOPIC_ON_INDEX]
    prefetch_related_objects(topics, Prefetch("articles", queryset=first_articles, to_attr="first_articles"))
    return render(request, "education/article_list.html", {"topics": topics})


@cached_public_page(reads=("page",))
def topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = Article.objects.published().for_listing().filter(topic=topic).in_topic_order()
    paginator = Paginator(articles, ARTICLES_PER_TOPIC_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404("No such page of articles.") from None
    if not page.object_list:
        raise Http404("This topic has no published articles.")
    return render(request, "education/topic.html", {"topic": topic, "page": page})


@cached_public_page
def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.published()
        .with_site_review_state()
        .select_related("topic", "reviewer")
        .prefetch_related("references"),
        slug=slug,
    )
    # Only what a card shows (includes/article_card.html): no join to the topic, already known.
    in_topic = Article.objects.published().filter(topic_id=article.topic_id).in_topic_order()
    related = in_topic.exclude(pk=article.pk).only("title", "slug", "summary")[:RELATED_ARTICLES]
    context = {"article": article, "related": related, "json_ld": article_json_ld(article)}
    return render(request, "education/article_detail.html", context)


@cached_public_page
def faq(request):
    linked_article = Prefetch("article", queryset=Article.objects.published().only("title", "slug"))
    entries = list(FAQEntry.objects.prefetch_related("references", linked_article))
    return render(request, "education/faq.html", {"entries": entries, "json_ld": faq_json_ld(entries)})


@cached_public_page
def glossary(request):
    return render(request, "education/glossary.html", {"terms": GlossaryTerm.objects.all()})


# Each query's results kept like any page: a search that matches thousands of articles costs tens of milliseconds,
# and people search for the same few things. Copies of rare queries expire with the page cache's timeout.
@cached_public_page(reads=("q", "page"))
def search(request):
    query = clean_query(request.GET.get("q"))
    page = search_articles(query, request.GET.get("page"))
    return render(request, "education/search.html", {"query": query, "page": page})
