import shutil

import pytest
from django.core.management import CommandError, call_command

from education.content_loader import CONTENT_DIR, load_content
from education.models import Article, FAQEntry, GlossaryTerm

pytestmark = pytest.mark.django_db

SHIPPED_ARTICLES = sorted(path.stem for path in (CONTENT_DIR / "articles").glob("*.md"))


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def test_every_shipped_file_is_loaded():
    assert sorted(Article.objects.values_list("slug", flat=True)) == SHIPPED_ARTICLES
    assert FAQEntry.objects.count() >= 12
    assert GlossaryTerm.objects.count() >= 15


def test_loading_twice_changes_nothing():
    before = {a.slug: (a.updated_at, a.body_html) for a in Article.objects.all()}
    report = load_content()
    after = {a.slug: (a.updated_at, a.body_html) for a in Article.objects.all()}
    assert after == before
    assert report.counts["article unchanged"] == len(SHIPPED_ARTICLES)
    assert "article created" not in report.counts
    assert "article updated" not in report.counts


def test_an_article_an_editor_changed_is_kept_unless_forced():
    article = Article.objects.get(slug=SHIPPED_ARTICLES[0])
    article.title = "Edited by our editor"
    article.edited_in_admin = True
    article.save()

    report = load_content(force=False)
    assert Article.objects.get(pk=article.pk).title == "Edited by our editor"
    assert report.kept == [article.slug]

    load_content(force=True)
    restored = Article.objects.get(pk=article.pk)
    assert restored.title != "Edited by our editor"
    assert not restored.edited_in_admin


def test_a_changed_file_updates_its_article(content_copy):
    path = content_copy / "articles" / f"{SHIPPED_ARTICLES[0]}.md"
    path.write_text(path.read_text().replace("\n---\n", "\n---\n\nA brand new opening sentence.\n", 1))
    report = load_content(content_copy)
    assert report.counts["article updated"] == 1
    assert "A brand new opening sentence." in Article.objects.get(slug=SHIPPED_ARTICLES[0]).body_html


def test_references_are_numbered_in_file_order():
    article = Article.objects.get(slug=SHIPPED_ARTICLES[0])
    numbers = list(article.references.values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_file_with_a_missing_key_is_named_in_the_error(content_copy):
    path = content_copy / "articles" / f"{SHIPPED_ARTICLES[0]}.md"
    path.write_text(path.read_text().replace("\nreviewer:", "\nreviewed_by:", 1))
    with pytest.raises(CommandError, match=f"{SHIPPED_ARTICLES[0]}.md: missing reviewer"):
        call_command("load_content", "--content-dir", str(content_copy))
