from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse

from education.models import Article, Topic


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    # Pages of a thousand: /sitemap.xml is an index of them, so no response grows with the number of articles.
    limit = 1000

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        """For the index, in one query (Django's default would load every article)."""
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Topic.objects.filter(Exists(Article.objects.published().filter(topic=OuterRef("pk"))))


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        reading = ["education:home", "education:article_list", "education:faq", "education:glossary"]
        return [*reading, "eligibility:consultation_request", "crisis", "privacy"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}
