import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from education.models import Article

pytestmark = pytest.mark.django_db


def test_saving_an_article_renders_markdown_and_computes_its_reading_grade(make_article):
    article = make_article(body="## Start\n\nWe help. You rest. It is calm [1].\n\n<script>x()</script>")
    assert '<h2 id="start">Start</h2>' in article.body_html
    assert "<script" not in article.body_html
    assert article.toc == [{"level": 2, "anchor": "start", "title": "Start"}]
    assert article.word_count == 7
    assert 0 <= article.reading_grade < 4


def test_only_published_articles_with_a_past_date_are_public(make_article):
    live = make_article()
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    future = make_article(published_at=timezone.localdate() + datetime.timedelta(days=3))
    public = set(Article.objects.published())
    assert live in public
    assert draft not in public
    assert future not in public


def test_publishing_without_a_date_dates_it_today(make_article):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.published_at == timezone.localdate()


def test_review_overdue_finds_articles_past_their_review_date(make_article):
    today = timezone.localdate()
    overdue = make_article(
        last_reviewed=today - datetime.timedelta(days=400), next_review_due=today - datetime.timedelta(days=1)
    )
    current = make_article()
    assert list(Article.objects.filter(pk__in=[overdue.pk, current.pk]).review_overdue()) == [overdue]
    assert overdue.is_review_overdue
    assert not current.is_review_overdue


def test_next_review_must_come_after_the_last_review(make_article):
    article = make_article()
    article.next_review_due = article.last_reviewed
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "next_review_due" in error.value.message_dict
