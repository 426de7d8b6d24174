from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from education.models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, article):
        return article.updated_at


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return ["education:home", "education:article_list", "education:faq", "education:glossary", "crisis", "privacy"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"articles": ArticleSitemap, "pages": PageSitemap}
