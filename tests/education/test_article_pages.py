import datetime
import json
import re
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from education.models import Article, Reviewer

pytestmark = pytest.mark.django_db

EDUCATION_PAGES = ["/", "/learn/", "/learn/what-is-depression/", "/faq/", "/glossary/", "/search/?q=ketamine"]


def json_ld_blocks(html: str) -> list[dict]:
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_article_page_shows_everything_a_reader_needs_to_trust_it(client):
    article = Article.objects.get(slug="what-is-depression")
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"<h1>{article.title}</h1>" in html
    assert 'aria-label="Breadcrumb"' in html
    assert f'<a href="{article.get_absolute_url()}" aria-current="page">{article.title}</a>' in html
    assert f"Medically reviewed by {article.reviewer.name}, {article.reviewer.credentials}." in html
    last, due = (f"{day:%B} {day.day}, {day.year}" for day in (article.last_reviewed, article.next_review_due))
    assert f'Last reviewed <time datetime="{article.last_reviewed.isoformat()}">{last}</time>.' in html
    assert f'Next review due <time datetime="{article.next_review_due.isoformat()}">{due}</time>.' in html
    assert f"Page last reviewed: {last}. Next review due: {due}." in html
    assert "On this page" in html
    for heading in article.toc:
        if heading["level"] == 2:
            assert f'href="#{heading["anchor"]}"' in html
    for ref in article.references.all():
        assert f'id="ref-{ref.number}"' in html
    assert "Related articles" in html


def test_article_page_has_search_and_social_metadata(client):
    article = Article.objects.get(slug="what-is-depression")
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<meta name="description" content="{article.summary}">' in html
    assert f'<link rel="canonical" href="{settings.SITE_URL}{article.get_absolute_url()}">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert f'<meta property="og:url" content="{settings.SITE_URL}{article.get_absolute_url()}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="article:published_time" content="{article.published_at.isoformat()}">' in html
    assert f'Last reviewed <time datetime="{article.last_reviewed.isoformat()}">' in html
    assert f'Next review due <time datetime="{article.next_review_due.isoformat()}">' in html


def test_article_json_ld_is_a_valid_medical_web_page_with_review_details(client):
    article = Article.objects.get(slug="what-is-depression")
    Reviewer.objects.filter(pk=article.reviewer_id).update(is_sample=False)
    (data,) = json_ld_blocks(client.get(article.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == article.last_reviewed.isoformat()
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": article.reviewer.name,
        "jobTitle": article.reviewer.credentials,
    }
    assert data["url"] == f"{settings.SITE_URL}{article.get_absolute_url()}"
    assert len(data["citation"]) == article.references.count()


def test_json_ld_never_tells_search_engines_a_sample_reviewer_reviewed_the_article(client):
    article = Article.objects.get(slug="what-is-depression")
    assert article.reviewer.is_sample
    (data,) = json_ld_blocks(client.get(article.get_absolute_url()).content.decode())
    assert "reviewedBy" not in data
    assert "lastReviewed" not in data


def test_faq_json_ld_is_a_faq_page_with_every_question(client):
    html = client.get("/faq/").content.decode()
    (data,) = json_ld_blocks(html)
    assert data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) >= 12
    first = data["mainEntity"][0]
    assert first["@type"] == "Question"
    assert first["acceptedAnswer"]["@type"] == "Answer"
    assert first["acceptedAnswer"]["text"]


def test_json_ld_cannot_be_broken_out_of_by_article_text(client, make_article):
    article = make_article(title="</script><script>alert(1)</script>", summary="x")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    (data,) = json_ld_blocks(html)
    assert data["name"] == "</script><script>alert(1)</script>"


def test_drafts_are_not_public(client, make_article):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get("/learn/").content.decode()


def test_learn_page_lists_every_published_article_under_its_topic(client):
    html = client.get("/learn/").content.decode()
    for article in Article.objects.published():
        assert f'href="{article.get_absolute_url()}"' in html
    assert 'id="understanding-depression"' in html


def test_home_page_shows_topics_featured_articles_and_fees(client):
    html = client.get("/").content.decode()
    assert "Browse by topic" in html
    assert "Start here" in html
    assert 'id="fees"' in html
    for article in Article.objects.published().filter(featured=True)[:3]:
        assert article.title in html


def test_an_article_about_suicide_shows_the_crisis_panel(client):
    article = Article.objects.published().filter(mentions_suicide=True).first()
    assert article is not None
    html = client.get(article.get_absolute_url()).content.decode()
    assert "If you are struggling right now, help is available" in html


@pytest.mark.parametrize("url", EDUCATION_PAGES)
def test_education_pages_set_no_cookies_and_may_be_cached_by_a_shared_cache(url):
    response = Client().get(url)
    assert response.status_code == 200
    assert not response.cookies
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=300" in cache_control


@pytest.mark.parametrize("url", EDUCATION_PAGES)
def test_education_pages_answer_a_conditional_get_with_304(url):
    client = Client()
    etag = client.get(url)["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_an_article_scheduled_for_tomorrow_opens_on_its_day_without_a_restart(client, make_article):
    """The article page's query is built once a day (views._articles_to_read): tomorrow's is built afresh."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    scheduled = make_article(published_at=tomorrow)
    client.cookies["sessionid"] = "not-a-session"  # rendered afresh, not a stored page
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_an_article_scheduled_for_tomorrow_is_offered_beside_the_others_on_its_day(client, make_article):
    """The related articles' query is built once a day too (views._related_to_read)."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    shown = make_article()
    scheduled = make_article(title="Scheduled article", topic=shown.topic, published_at=tomorrow)
    client.cookies["sessionid"] = "not-a-session"  # rendered afresh, not a stored page
    assert scheduled.title not in client.get(shown.get_absolute_url()).content.decode()
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert scheduled.title in client.get(shown.get_absolute_url()).content.decode()


def test_an_article_offers_the_first_three_others_of_its_topic_in_their_order_never_itself(client, make_article):
    articles = [make_article(title=f"Article {n}", order=n) for n in range(1, 6)]
    client.cookies["sessionid"] = "not-a-session"  # rendered afresh, not a stored page
    for read, offered in ((1, [2, 3, 4]), (3, [1, 2, 4]), (5, [1, 2, 3])):
        html = client.get(articles[read - 1].get_absolute_url()).content.decode()
        related = re.search(r'<section[^>]*aria-labelledby="related-title">.*?</section>', html, re.S).group(0)
        assert re.findall(r'<h3 class="card__title"><a [^>]*>Article (\d)</a>', related) == [str(n) for n in offered]


def test_the_contents_list_links_the_sections_but_not_their_subsections(client, make_article):
    article = make_article(body="## Before a visit\n\nEat lightly.\n\n### On the day\n\nCome early.\n")
    contents = re.search(r'<nav class="toc".*?</nav>', client.get(article.get_absolute_url()).content.decode(), re.S)
    assert 'href="#before-a-visit"' in contents.group(0)
    assert "On the day" not in contents.group(0)
