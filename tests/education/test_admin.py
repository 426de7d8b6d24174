import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from education.models import Article

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/education/article/"


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_editor_sees_articles_with_topic_status_reviewer_grade_and_review_date(editor_client):
    html = editor_client.get(CHANGELIST).content.decode()
    for column in ("Topic", "Status", "Reviewer", "Reading grade", "Next review due"):
        assert column in html
    assert "What is depression?" in html


def test_editor_can_filter_articles_whose_review_is_overdue(editor_client, make_article):
    today = timezone.localdate()
    overdue = make_article(
        title="Overdue article",
        last_reviewed=today - datetime.timedelta(days=500),
        next_review_due=today - datetime.timedelta(days=5),
    )
    html = editor_client.get(CHANGELIST, {"review": "overdue"}).content.decode()
    assert overdue.title in html
    assert "Test article" not in html.replace("Overdue article", "")
    assert "1 article" in html


def test_editor_can_search_articles(editor_client):
    html = editor_client.get(CHANGELIST, {"q": "Calvin Stevens"}).content.decode()
    assert "The history of ketamine" in html
    assert "Cost and insurance" not in html


def test_change_page_has_references_inline_and_a_preview_link(editor_client):
    article = Article.objects.get(slug="what-is-depression")
    html = editor_client.get(f"{CHANGELIST}{article.pk}/change/").content.decode()
    assert "references-TOTAL_FORMS" in html
    assert f"/admin/education/article/{article.pk}/preview/" in html


def test_editor_can_preview_a_draft_that_readers_cannot_see(editor_client, client, make_article):
    draft = make_article(title="Draft in progress", status=Article.Status.DRAFT, published_at=None)
    response = editor_client.get(f"{CHANGELIST}{draft.pk}/preview/")
    assert response.status_code == 200
    assert "Draft in progress" in response.content.decode()
    assert response["X-Robots-Tag"].startswith("noindex")


def test_the_preview_shows_the_articles_address_and_references_as_readers_see_them(editor_client):
    article = Article.objects.get(slug="what-is-depression")
    html = editor_client.get(f"{CHANGELIST}{article.pk}/preview/").content.decode()
    assert f'<a href="{article.get_absolute_url()}" aria-current="page">' in html
    assert f'<meta property="og:url" content="{settings.SITE_URL}{article.get_absolute_url()}">' in html
    for ref in article.references.all():
        assert f'<li id="ref-{ref.number}">' in html


def test_publish_action_publishes_selected_drafts(editor_client, make_article):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    response = editor_client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]}, follow=True)
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert draft.published_at == timezone.localdate()
    assert "Published 1 article(s)." in response.content.decode()


def test_mark_reviewed_today_moves_the_next_review_a_year_ahead(editor_client, make_article):
    today = timezone.localdate()
    article = make_article(
        last_reviewed=today - datetime.timedelta(days=500), next_review_due=today - datetime.timedelta(days=1)
    )
    editor_client.post(CHANGELIST, {"action": "mark_reviewed_today", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.last_reviewed == today
    assert article.next_review_due == today + datetime.timedelta(days=365)
    assert article.edited_in_admin


def test_saving_in_the_admin_protects_the_article_from_the_loader(editor_client):
    article = Article.objects.get(slug="what-is-depression")
    response = editor_client.post(
        f"{CHANGELIST}{article.pk}/change/",
        {
            "title": "What is depression? (edited)",
            "slug": article.slug,
            "topic": article.topic_id,
            "summary": article.summary,
            "body": article.body,
            "status": "published",
            "published_at": article.published_at.isoformat(),
            "order": article.order,
            "author": article.author,
            "reviewer": article.reviewer_id,
            "last_reviewed": article.last_reviewed.isoformat(),
            "next_review_due": article.next_review_due.isoformat(),
            "image_alt": "",
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
            "translations-TOTAL_FORMS": "0",
            "translations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title == "What is depression? (edited)"
    assert article.edited_in_admin


def test_content_editors_cannot_manage_users(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403


def test_content_editors_group_has_only_education_permissions():
    from django.contrib.auth.models import Group

    apps = set(Group.objects.get(name="Content editors").permissions.values_list("content_type__app_label", flat=True))
    assert apps == {"education"}
