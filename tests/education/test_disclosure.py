"""Readers are told who is speaking, whether a clinician has really reviewed the content, and are never sold to
on a page about suicide risk."""

import pytest
from django.core import checks

from clinic_site.models import ClinicDetails
from education.checks import SAMPLE_REVIEW_ID
from education.models import Article, Reviewer

pytestmark = pytest.mark.django_db

SALES_INVITATION = "Want to know if ketamine treatment could help you?"
SAMPLE_NOTICE = "Sample content — not yet reviewed by a clinician."


def page(client, slug: str) -> str:
    return client.get(f"/learn/{slug}/").content.decode()


def make_every_reviewer_real():
    Reviewer.objects.update(is_sample=False)


def test_an_article_about_suicide_risk_shows_crisis_help_and_no_sales_invitation(client):
    for article in Article.objects.published().filter(mentions_suicide=True):
        html = page(client, article.slug)
        assert "crisis-panel" in html, article.slug
        assert SALES_INVITATION not in html, article.slug


def test_an_article_without_crisis_content_ends_by_inviting_the_reader_to_talk_with_us(client):
    html = page(client, "infusion-visit")
    assert "crisis-panel" not in html
    assert SALES_INVITATION in html


def test_every_article_and_the_faq_say_that_the_clinic_publishing_them_sells_the_treatment(client):
    name = ClinicDetails.load().name
    urls = [article.get_absolute_url() for article in Article.objects.published()] + ["/faq/"]
    for url in urls:
        html = client.get(url).content.decode()
        assert f"{name} writes and publishes this page. We offer ketamine treatment and are paid for it" in html, url


def test_shipped_reviewer_is_a_sample_and_every_article_page_says_so(client):
    assert Reviewer.objects.get(key="medical-director").is_sample
    for article in Article.objects.published():
        assert SAMPLE_NOTICE in page(client, article.slug), article.slug


def test_one_article_with_a_sample_reviewer_puts_the_notice_on_every_article_page(client, reviewer):
    real_article = Article.objects.get(slug="what-is-depression")
    real_article.reviewer = reviewer  # a real clinician (the fixture's reviewer is not a sample)
    real_article.save()
    Reviewer.objects.filter(key="medical-director").update(is_sample=True)
    assert SAMPLE_NOTICE in page(client, "what-is-depression")


def test_the_notice_goes_once_no_published_article_names_a_sample_reviewer(client):
    make_every_reviewer_real()
    for article in Article.objects.published():
        assert SAMPLE_NOTICE not in page(client, article.slug), article.slug


def test_a_draft_with_a_sample_reviewer_does_not_put_the_notice_on_public_pages(client, make_article):
    make_every_reviewer_real()
    sample = Reviewer.objects.create(key="sample-2", name="Dr. Sample", credentials="MD", is_sample=True)
    make_article(reviewer=sample, status=Article.Status.DRAFT, published_at=None)
    assert SAMPLE_NOTICE not in page(client, "what-is-depression")


def deploy_messages(*, deploy: bool) -> list:
    return [m for m in checks.run_checks(include_deployment_checks=deploy) if m.id == SAMPLE_REVIEW_ID]


def test_the_deployment_check_names_every_published_article_with_a_sample_reviewer():
    (warning,) = deploy_messages(deploy=True)
    assert warning.level == checks.WARNING
    for article in Article.objects.published():
        assert article.title in warning.msg
    assert "Dr. Elena Marsh" in warning.msg


def test_the_reviewer_check_runs_only_with_deploy_and_is_silent_once_reviewers_are_real():
    assert deploy_messages(deploy=False) == []
    make_every_reviewer_real()
    assert deploy_messages(deploy=True) == []


def test_admin_home_and_article_list_show_which_articles_still_need_real_review(editor_client, reviewer):
    reviewed = Article.objects.get(slug="how-ketamine-works")
    reviewed.reviewer = reviewer
    reviewed.save()
    home = editor_client.get("/admin/").content.decode()
    pending_count = Article.objects.exclude(pk=reviewed.pk).count()
    assert f"Articles that still need review by a real clinician ({pending_count})" in home
    assert "What is depression?" in home
    assert f"/admin/education/article/{reviewed.pk}/change/" not in home
    pending = editor_client.get("/admin/education/article/", {"clinical_review": "sample"}).content.decode()
    assert "What is depression?" in pending
    assert "How ketamine works in the brain" not in pending
    assert "Needs real review (sample reviewer)" in pending


def test_admin_home_says_nothing_about_review_once_every_reviewer_is_real(editor_client):
    make_every_reviewer_real()
    assert "still need review by a real clinician" not in editor_client.get("/admin/").content.decode()


def test_the_reviewer_check_says_it_could_not_look_when_the_database_is_not_ready(monkeypatch):
    from django.db import OperationalError

    from education import checks as education_checks

    def unreadable():
        raise OperationalError("no such table: education_article")

    monkeypatch.setattr(education_checks.Article.objects, "published", unreadable)
    (message,) = education_checks.published_articles_have_real_reviewers()
    assert message.id == education_checks.NOT_CHECKED_ID
    assert message.level == checks.INFO  # does not fail `check --deploy --fail-level WARNING` before `migrate`
    assert "Run this check again after `migrate`" in message.hint
