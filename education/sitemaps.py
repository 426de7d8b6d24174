from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse

from education.models import Article, Topic
from education.translations import languages_of, translation_flags


class InEveryLanguage(Sitemap):
    """Each page in English and under /es/, each address listing the others as hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class ArticleSitemap(InEveryLanguage):
    changefreq = "monthly"
    priority = 0.8
    # Pages of a thousand: /sitemap.xml is an index of them, so no response grows with the number of articles.
    limit = 1000

    def items(self):
        articles = Article.objects.published().annotate(**translation_flags(Article))
        return articles.only("slug", "updated_at").order_by("slug")

    def get_languages_for_item(self, article):
        """Only the languages it is translated into: no address that would answer 404."""
        return languages_of(article)

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        """For the index, in one query (Django's default would load every article)."""
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class TopicSitemap(InEveryLanguage):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Topic.objects.filter(Exists(Article.objects.published().filter(topic=OuterRef("pk"))))


class PageSitemap(InEveryLanguage):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        reading = ["education:home", "education:article_list", "education:faq", "education:glossary"]
        return [*reading, "eligibility:consultation_request", "crisis", "privacy"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}
