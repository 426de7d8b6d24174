import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from clinic_site.models import ClinicDetails
from education.models import Article

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return f"{ClinicDetails.load().name}: patient articles"

    def subtitle(self):
        return "New and updated articles about depression and ketamine treatment, reviewed by our clinicians."

    def link(self):
        return reverse("education:article_list")

    def items(self):
        return Article.objects.published().order_by("-published_at", "title")[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_pubdate(self, article):
        return timezone.make_aware(datetime.datetime.combine(article.published_at, datetime.time(9)))

    def item_updateddate(self, article):
        return article.updated_at
