"""The benchmark's data set: the shipped articles, cut down to a few or grown to thousands.

    python -m bench.dataset ARTICLES    (with the benchmark's environment; see bench/run.py)

Grown articles copy a shipped article's rendered body (Markdown rendering and readability scoring take tens
of milliseconds each, too slow for thousands) with a paragraph of their own, and get their own title, slug,
topic and publication date, so lists, the sitemap, the feed and search see thousands of distinct articles.
"""

import datetime
import random
import sys

import django

# Kept in both data sets: the article the benchmark reads, and the one the home page links to.
BENCH_ARTICLE = "what-is-depression"
ALWAYS_PUBLISHED = (BENCH_ARTICLE, "cost-and-insurance")


def _grown_article(source, number: int, rng: random.Random, topics: list):
    from education.models import Article

    extra = (
        f"Readers often ask us about this, and question {number} is one of them. "
        "Talk to your own doctor about what fits your situation."
    )
    published = datetime.date.today() - datetime.timedelta(days=rng.randrange(1, 3 * 365))
    return Article(
        title=f"{source.title}: reader question {number}",
        slug=f"{source.slug}-question-{number}",
        topic=rng.choice(topics),
        summary=source.summary,
        body=f"{source.body}\n{extra}\n",
        body_html=f"{source.body_html}\n<p>{extra}</p>",
        body_text=f"{source.body_text}\n{extra}",
        toc=source.toc,
        reading_grade=source.reading_grade,
        word_count=source.word_count + len(extra.split()),
        status=Article.Status.PUBLISHED,
        published_at=published,
        order=number % 30_000,
        author=source.author,
        reviewer=source.reviewer,
        last_reviewed=published,
        next_review_due=published + datetime.timedelta(days=365),
    )


def build(articles: int) -> int:
    """Load the shipped content, then publish exactly `articles` articles. Returns the number published."""
    from django.db import connection

    from clinic_site import page_cache
    from education.content_loader import load_content
    from education.models import Article, Topic, search_document

    load_content()
    shipped = sorted(Article.objects.published(), key=lambda a: (a.slug not in ALWAYS_PUBLISHED, a.pk))
    if articles <= len(shipped):
        kept = [article.pk for article in shipped[:articles]]
        Article.objects.exclude(pk__in=kept).update(status=Article.Status.DRAFT)
    else:
        rng = random.Random(articles)  # repeatable sample data
        topics = list(Topic.objects.all())
        grown = (_grown_article(shipped[n % len(shipped)], n, rng, topics) for n in range(articles - len(shipped)))
        Article.objects.bulk_create(grown, batch_size=500)
        if connection.vendor == "postgresql":
            Article.objects.filter(search_document__isnull=True).update(search_document=search_document())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # statistics and visibility map, as autovacuum keeps them on a live site
    page_cache.invalidate()  # bulk changes send no signals
    return Article.objects.published().count()


if __name__ == "__main__":
    django.setup()
    print(build(int(sys.argv[1])))
