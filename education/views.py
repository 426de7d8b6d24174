from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from clinic_site.http import public_page
from education.models import Article, FAQEntry, GlossaryTerm, Topic
from education.search import clean_query, search_articles
from education.structured_data import article_json_ld, faq_json_ld

RELATED_ARTICLES = 3
FEATURED_ARTICLES = 3


def _topics_with_articles():
    published = Prefetch("articles", queryset=Article.objects.published().for_listing(), to_attr="published_articles")
    return [topic for topic in Topic.objects.prefetch_related(published) if topic.published_articles]


@public_page
def home(request):
    featured = Article.objects.published().for_listing().filter(featured=True)[:FEATURED_ARTICLES]
    return render(request, "education/home.html", {"topics": _topics_with_articles(), "featured": featured})


@public_page
def article_list(request):
    return render(request, "education/article_list.html", {"topics": _topics_with_articles()})


@public_page
def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.published().select_related("topic", "reviewer").prefetch_related("references"), slug=slug
    )
    related = (
        Article.objects.published().for_listing().filter(topic=article.topic).exclude(pk=article.pk)[:RELATED_ARTICLES]
    )
    context = {"article": article, "related": related, "json_ld": article_json_ld(article, request)}
    return render(request, "education/article_detail.html", context)


@public_page
def faq(request):
    linked_article = Prefetch("article", queryset=Article.objects.published().only("title", "slug"))
    entries = list(FAQEntry.objects.prefetch_related("references", linked_article))
    return render(request, "education/faq.html", {"entries": entries, "json_ld": faq_json_ld(entries)})


@public_page
def glossary(request):
    return render(request, "education/glossary.html", {"terms": GlossaryTerm.objects.all()})


@public_page
def search(request):
    query = clean_query(request.GET.get("q"))
    return render(request, "education/search.html", {"query": query, "results": search_articles(query)})
