"""The Spanish translations: one per English article, easy to read, citing only the English article's references,
and loaded by load_content with the same rules as the English files."""

import re
import shutil

import frontmatter
import pytest
from django.core.management import call_command
from textstat.textstat import textstatistics

from education.content_loader import CONTENT_DIR, ContentError, load_content
from education.models import (
    Article,
    ArticleTranslation,
    FAQEntry,
    FAQEntryTranslation,
    GlossaryTerm,
    GlossaryTermTranslation,
    Topic,
    TopicTranslation,
)
from education.readability import fernandez_huerta, prose_text, reading_grade
from education.rendering import render_markdown

pytestmark = pytest.mark.django_db

SPANISH = CONTENT_DIR / "es"
FAIRLY_EASY = 70  # Fernández-Huerta: 70 to 80 is "bastante fácil", fairly easy
CITATION = re.compile(r"\[(\d+(?:\s*[,–-]\s*\d+)*)\]")


def cited_numbers(markdown_text: str) -> set[int]:
    """[3], [2, 5] and [1–3] (a range) as the numbers they cite."""
    numbers = set()
    for group in CITATION.findall(markdown_text):
        for part in re.split(r"\s*,\s*", group):
            low, _, high = re.split(r"\s*([–-])\s*", part) if re.search("[–-]", part) else (part, "", part)
            numbers |= set(range(int(low), int(high) + 1))
    return numbers


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def test_every_english_article_has_a_spanish_translation_and_every_translation_an_english_article():
    english = set(Article.objects.published().values_list("slug", flat=True))
    spanish_files = {frontmatter.load(path).metadata["translation_of"] for path in (SPANISH / "articles").glob("*.md")}
    translated = set(ArticleTranslation.objects.filter(language="es").values_list("article__slug", flat=True))
    assert spanish_files == english
    assert translated == english


def test_every_spanish_list_entry_translates_an_english_one_and_every_english_one_is_translated():
    assert TopicTranslation.objects.filter(language="es").count() == Topic.objects.count()
    assert FAQEntryTranslation.objects.filter(language="es").count() == FAQEntry.objects.count()
    assert GlossaryTermTranslation.objects.filter(language="es").count() == GlossaryTerm.objects.count()


def test_every_spanish_article_is_fairly_easy_to_read_fernandez_huerta_70_or_more():
    scores = dict(ArticleTranslation.objects.filter(language="es").values_list("article__slug", "fernandez_huerta"))
    assert len(scores) == Article.objects.count()
    hard = {slug: float(score) for slug, score in scores.items() if score < FAIRLY_EASY}
    assert hard == {}


def test_the_stored_score_is_the_one_computed_from_the_body():
    translation = ArticleTranslation.objects.get(article__slug="what-is-depression", language="es")
    assert float(translation.fernandez_huerta) == fernandez_huerta(translation.body_html)
    assert 0 < translation.fernandez_huerta <= 120


def test_a_long_winded_spanish_text_scores_lower_than_a_plain_one():
    plain = render_markdown("La depresión es común. Tiene tratamiento. Hable con su médico.").html
    dense = render_markdown(
        "La sintomatología depresiva persistente, independientemente de intervenciones farmacológicas "
        "administradas consecutivamente, caracteriza fundamentalmente la denominada depresión resistente."
    ).html
    assert fernandez_huerta(plain) >= FAIRLY_EASY > fernandez_huerta(dense)


def test_spanish_scores_leave_the_english_grades_alone():
    """textstat's language is a process-wide setting: the Spanish score uses an instance of its own, so English grades
    still count syllables the English way."""
    english = Article.objects.get(slug="what-is-depression").body_html
    fernandez_huerta(ArticleTranslation.objects.get(article__slug="what-is-depression").body_html)
    in_english = textstatistics()  # a fresh instance counts in English
    assert reading_grade(english) == round(float(in_english.flesch_kincaid_grade(prose_text(english))), 1)


def test_every_citation_in_a_spanish_body_is_one_of_the_english_articles_references():
    problems = {}
    for translation in ArticleTranslation.objects.select_related("article"):
        numbers = set(translation.article.references.values_list("number", flat=True))
        missing = cited_numbers(translation.body) - numbers
        if missing:
            problems[translation.article.slug] = sorted(missing)
    assert problems == {}


def test_every_citation_in_a_spanish_faq_answer_is_one_of_the_english_entrys_sources():
    problems = {}
    for translation in FAQEntryTranslation.objects.select_related("entry"):
        numbers = set(translation.entry.references.values_list("number", flat=True))
        if missing := cited_numbers(translation.answer) - numbers:
            problems[translation.entry.slug] = sorted(missing)
    assert problems == {}


def test_translations_start_as_translations_of_version_one_and_up_to_date():
    assert set(ArticleTranslation.objects.values_list("source_version", flat=True)) == {1}
    assert set(Article.objects.values_list("version", flat=True)) == {1}
    assert not ArticleTranslation.objects.out_of_date().exists()


def test_loading_twice_changes_no_translation():
    before = dict(ArticleTranslation.objects.values_list("pk", "updated_at"))
    report = load_content()
    assert dict(ArticleTranslation.objects.values_list("pk", "updated_at")) == before
    assert report.counts["article translation unchanged"] == len(before)
    assert report.counts["article translation created"] == report.counts["article translation updated"] == 0


def test_a_translation_edited_in_the_admin_is_kept_unless_forced():
    translation = ArticleTranslation.objects.get(article__slug="what-is-depression")
    translation.title = "Editado"
    translation.edited_in_admin = True
    translation.save()
    report = load_content()
    assert "es/what-is-depression" in report.kept
    translation.refresh_from_db()
    assert translation.title == "Editado"
    call_command("load_content", "--force", verbosity=0)
    translation.refresh_from_db()
    assert translation.title == "¿Qué es la depresión?"
    assert not translation.edited_in_admin


def test_a_changed_spanish_file_updates_its_translation(content_copy):
    path = content_copy / "es" / "articles" / "what-is-depression.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("¿Qué es la depresión?", "¿Qué es la depresión? (nuevo)", 1)
    )
    report = load_content(content_copy)
    assert report.counts["article translation updated"] == 1
    assert ArticleTranslation.objects.get(article__slug="what-is-depression").title == "¿Qué es la depresión? (nuevo)"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "translation_of: what-is-depression",
            "translation_of: no-such-article",
            "translation_of names an unknown article 'no-such-article'",
        ),
        ("reviewer: spanish-medical-reviewer", "reviewer: nobody", "unknown reviewer 'nobody'"),
        ("translator:", "translated_by:", "missing translator"),
    ],
)
def test_a_spanish_article_naming_something_unknown_is_a_clear_error(content_copy, old, new, message):
    path = content_copy / "es" / "articles" / "what-is-depression.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape(f"what-is-depression.md: {message}")):
        load_content(content_copy, force=True)


@pytest.mark.parametrize("name", ["faq.yaml", "glossary.yaml", "topics.yaml"])
def test_a_spanish_list_entry_naming_an_unknown_english_one_is_a_clear_error(content_copy, name):
    path = content_copy / "es" / name
    text = path.read_text(encoding="utf-8")
    first = re.search(r"translation_of: (\S+)", text).group(1)
    path.write_text(text.replace(f"translation_of: {first}", "translation_of: not-there", 1), encoding="utf-8")
    with pytest.raises(ContentError, match=f"{name}: translation_of names an unknown .* 'not-there'"):
        load_content(content_copy)


def test_the_english_version_goes_up_when_the_words_change_and_not_otherwise():
    article = Article.objects.get(slug="what-is-depression")
    article.author = "Someone else"
    article.save()
    assert article.version == 1
    article.body += "\nUna frase más.\n"
    article.save()
    article.refresh_from_db()
    assert article.version == 2
    assert article.version_date is not None
    article.summary = "A new summary."
    article.save()
    article.refresh_from_db()
    assert article.version == 3
