import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from clinic_site.models import ClinicDetails
from education.models import Article
from education.translations import ARTICLE_FIELDS, in_language, reading_language, shown

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    """The newest articles in the reader's language: /feed/ in English, /es/feed/ the Spanish translations."""

    feed_type = Atom1Feed

    def title(self):
        return _("%(clinic)s: patient articles") % {"clinic": ClinicDetails.load().name}

    def subtitle(self):
        return _("New and updated articles about depression and ketamine treatment, reviewed by our clinicians.")

    def link(self):
        return reverse("education:article_list")

    def items(self):
        articles = in_language(Article.objects.published(), reading_language(), ARTICLE_FIELDS)
        return shown(articles.order_by("-published_at", "title")[:FEED_LENGTH], ARTICLE_FIELDS)

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_pubdate(self, article):
        return timezone.make_aware(datetime.datetime.combine(article.published_at, datetime.time(9)))

    def item_updateddate(self, article):
        return article.updated_at
