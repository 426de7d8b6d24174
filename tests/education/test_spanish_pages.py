"""The education pages under /es/: Spanish words, the English article's references, the translation's own reviewer,
a notice when the English has moved on, and no address for an article not yet translated."""

import html as html_lib
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.test import RequestFactory

from clinic_site import page_cache
from clinic_site.models import ClinicDetails
from education.folding import fold
from education.models import Article, ArticleTranslation, FAQEntry, GlossaryTerm, TopicTranslation

pytestmark = pytest.mark.django_db

SLUG = "what-is-depression"
ENGLISH = f"/learn/{SLUG}/"
SPANISH = f"/es/learn/{SLUG}/"
CHANGELIST = "/admin/education/article/"
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}
SPANISH_PAGES = ["/es/", "/es/learn/", "/es/learn/topics/safety/", SPANISH, "/es/faq/", "/es/glossary/"]
SPANISH_PAGES += ["/es/search/?q=ketamina", "/es/search/?q=zzzz", "/es/learn/how-sure-is-the-evidence/"]


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def visible_text(markup: str) -> str:
    main = markup.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def h1(markup: str) -> str:
    return html_lib.unescape(re.search(r"<h1>(.*?)</h1>", markup, re.S).group(1)).strip()


def edit_english_body(editor_client, article: Article):
    """What an editor does in the admin: change a sentence of the English article and save it."""
    data = {
        "title": article.title, "slug": article.slug, "topic": article.topic_id, "summary": article.summary,
        "body": article.body + "\nOne more sentence about depression.\n", "status": "published",
        "published_at": article.published_at.isoformat(), "order": article.order, "author": article.author,
        "reviewer": article.reviewer_id, "last_reviewed": article.last_reviewed.isoformat(),
        "next_review_due": article.next_review_due.isoformat(), "image_alt": "",
        "references-TOTAL_FORMS": "0", "references-INITIAL_FORMS": "0",
        "translations-TOTAL_FORMS": "0", "translations-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = editor_client.post(f"{CHANGELIST}{article.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_spanish_article_shows_its_spanish_words_and_contents(client):
    translation = ArticleTranslation.objects.get(article__slug=SLUG, language="es")
    markup = page(client, SPANISH)
    assert '<html lang="es">' in markup
    assert h1(markup) == translation.title
    assert html_lib.escape(translation.summary, quote=False) in markup
    assert translation.body_html in markup
    for heading in translation.toc:
        if heading["level"] == 2:
            assert f'<li><a href="#{heading["anchor"]}">{html_lib.escape(heading["title"])}</a></li>' in markup
    text = visible_text(markup)
    assert "En esta página" in text
    assert "Referencias" in text
    assert "La mayoría de las personas se sienten tristes" in text
    assert "Most people feel sad" not in text


def test_the_spanish_article_lists_the_english_articles_references_with_the_same_numbers(client):
    markup = page(client, SPANISH)
    for reference in Article.objects.get(slug=SLUG).references.all():
        assert f'<li id="ref-{reference.number}">{html_lib.escape(reference.citation)}' in markup
    assert 'href="#ref-5" title="Referencia 5"' in markup  # the citation in the body goes to reference 5


def test_the_spanish_article_names_its_own_reviewer_translator_and_review_dates(client):
    translation = ArticleTranslation.objects.select_related("reviewer").get(article__slug=SLUG)
    english = Article.objects.select_related("reviewer").get(slug=SLUG)
    assert translation.reviewer != english.reviewer
    text = visible_text(page(client, SPANISH))
    assert f"Revisión médica: {translation.reviewer.name}" in text
    assert english.reviewer.name not in text
    assert f"Traducido por {translation.translator}." in text
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
              "noviembre", "diciembre"]  # fmt: skip
    last, due = (
        f"{day.day} de {months[day.month - 1]} de {day.year}"
        for day in (translation.last_reviewed, translation.next_review_due)
    )
    assert f"Última revisión: {last}" in text
    assert f"Última revisión de esta página: {last}. Próxima revisión: {due}." in text


def test_evidence_labels_are_in_spanish_and_link_to_the_level_on_the_spanish_explainer(client):
    markup = page(client, "/es/learn/bipolar-depression/")
    labels = re.findall(r'<a class="evidence evidence--(\w+)" href="([^"]+)"[^>]*>\(([^)]*)\)</a>', markup)
    assert labels
    explainer = page(client, "/es/learn/how-sure-is-the-evidence/")
    for _level, href, text in labels:
        assert text.startswith("Evidencia ")
        path, anchor = href.split("#")
        assert path == "/es/learn/how-sure-is-the-evidence/"
        assert f'id="{anchor}"' in explainer


def test_every_glossary_link_in_a_spanish_body_names_a_term_on_the_spanish_glossary(client):
    glossary = page(client, "/es/glossary/")
    anchors = set()
    for translation in ArticleTranslation.objects.all():
        anchors |= set(re.findall(r'href="/es/glossary/#([^"]+)"', translation.body_html))
    assert anchors
    assert {anchor for anchor in anchors if f'id="{anchor}"' not in glossary} == set()


def test_when_the_english_is_edited_after_review_the_spanish_page_says_so_and_links_to_it(client, editor_client):
    article = Article.objects.get(slug=SLUG)
    assert "Actualizado en inglés" not in page(client, SPANISH)
    edit_english_body(editor_client, article)
    article.refresh_from_db()
    assert article.version == 2
    markup = page(client, SPANISH)
    day = article.version_date
    assert f'Actualizado en inglés el <time datetime="{day.isoformat()}">' in markup
    assert f'<a href="{ENGLISH}" hreflang="en">Lea la página en inglés</a>' in markup


def test_the_editors_list_shows_a_translation_out_of_date_once_the_english_changes(editor_client):
    article = Article.objects.get(slug=SLUG)
    before = editor_client.get(CHANGELIST).content.decode()
    assert "es: up to date (Fernández-Huerta" in before
    assert "out of date: translates" not in before
    edit_english_body(editor_client, article)
    after = editor_client.get(CHANGELIST).content.decode()
    assert "es: out of date: translates version 1 of 2" in after
    filtered = editor_client.get(f"{CHANGELIST}?translation=out_of_date").content.decode()
    assert article.title in filtered
    assert Article.objects.get(slug="cost-and-insurance").title not in filtered


def test_editors_see_each_translations_score_and_can_edit_it_with_its_article(editor_client):
    translation = ArticleTranslation.objects.get(article__slug=SLUG)
    listing = editor_client.get("/admin/education/articletranslation/").content.decode()
    assert str(translation.fernandez_huerta) in listing
    assert "up to date" in listing
    change = editor_client.get(f"{CHANGELIST}{translation.article_id}/change/").content.decode()
    assert 'name="translations-0-body"' in change
    assert html_lib.escape(translation.title) in change


def test_an_article_without_a_translation_has_no_spanish_page_and_no_link_to_one(client, make_article):
    article = make_article()
    assert client.get(f"/es/learn/{article.slug}/").status_code == 404
    english = page(client, f"/learn/{article.slug}/")
    assert 'hreflang="es"' not in english
    assert "/es/learn/" + article.slug not in english
    assert f'hreflang="es" href="{settings.SITE_URL}/es{ENGLISH}"' in page(client, ENGLISH)


def test_spanish_faq_glossary_and_topic_pages_are_in_spanish(client):
    faq = page(client, "/es/faq/")
    entry = FAQEntry.objects.get(slug="how-fast-does-ketamine-work")
    spanish_entry = entry.translations.get(language="es")
    assert f'<h2 id="{entry.slug}-q">{html_lib.escape(spanish_entry.question, quote=False)}</h2>' in faq
    assert entry.question not in faq
    for reference in entry.references.all():
        assert f'<li id="{entry.slug}-ref-{reference.number}">{html_lib.escape(reference.citation)}' in faq

    glossary = page(client, "/es/glossary/")
    term = GlossaryTerm.objects.get(slug="antidepressant")
    assert f'<dt id="antidepressant">{term.translations.get().name}</dt>' in glossary  # the English anchor stays
    assert ">Antidepressant<" not in glossary
    names = [html_lib.unescape(name) for name in re.findall(r"<dt id=\"[^\"]+\">([^<]+)</dt>", glossary)]
    assert len(names) == GlossaryTerm.objects.count()
    assert names == sorted(names, key=fold)  # in Spanish alphabetical order, not the English terms' order

    topic = TopicTranslation.objects.get(topic__slug="safety", language="es")
    assert h1(page(client, "/es/learn/topics/safety/")) == topic.name
    assert topic.name in visible_text(page(client, "/es/learn/"))


def test_no_english_interface_text_on_the_spanish_education_pages(client):
    """Every string the catalogue holds for the education pages is shown translated (a missing msgstr shows English)."""
    phrases = set()
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        if not re.search(r"^#: .*(templates/education|education/)", block, re.M):
            continue
        msgid = "".join(
            re.findall(r'"(.*)"', block.split("msgid ", 1)[1].split("msgstr", 1)[0].split("msgid_plural")[0])
        )
        for fragment in re.split(r"%\(\w+\)s|<[^>]+>|\\\"", msgid):
            if len(fragment.split()) >= 3:
                phrases.add(fragment.strip(" .,:("))
    assert len(phrases) > 30
    clinic = ClinicDetails.load()  # the clinic's own words (its description, fees) are data, not interface text
    clinic_text = [" ".join(str(getattr(clinic, f.attname)).split()) for f in ClinicDetails._meta.concrete_fields]
    for url in SPANISH_PAGES:
        text = visible_text(page(client, url))
        for value in sorted(clinic_text, key=len, reverse=True):
            text = text.replace(value, "") if len(value) > 20 else text
        assert [phrase for phrase in phrases if phrase in text] == [], (url, text)


def test_spanish_search_finds_spanish_words_and_english_search_is_unchanged(client):
    spanish = page(client, "/es/search/?q=tristes")
    assert f'<a href="{SPANISH}">¿Qué es la depresión?</a>' in spanish
    assert "<mark>tristes</mark>" in spanish
    assert "1 resultado para" in visible_text(spanish) or "resultados para" in visible_text(spanish)
    english = page(client, "/search/?q=tristes")
    assert "0 results for" in visible_text(english)
    assert f'<a href="{ENGLISH}">What is depression?</a>' in page(client, "/search/?q=sad")


def test_the_sitemap_lists_spanish_addresses_with_their_english_alternates(client):
    tree = ElementTree.fromstring(client.get("/sitemap-articles.xml").content)
    urls = {url.find("s:loc", SITEMAP_NS).text: url for url in tree.findall("s:url", SITEMAP_NS)}
    spanish = urls[f"{settings.SITE_URL}{SPANISH}"]
    alternates = {link.get("hreflang"): link.get("href") for link in spanish.findall("x:link", SITEMAP_NS)}
    assert alternates == {
        "en": f"{settings.SITE_URL}{ENGLISH}",
        "es": f"{settings.SITE_URL}{SPANISH}",
        "x-default": f"{settings.SITE_URL}{ENGLISH}",
    }
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert f"<loc>{settings.SITE_URL}/es/faq/</loc>" in pages


def test_the_sitemap_leaves_out_a_spanish_address_that_would_not_exist(client, make_article):
    article = make_article()
    sitemap = client.get("/sitemap-articles.xml").content.decode()
    assert f"{settings.SITE_URL}/learn/{article.slug}/" in sitemap
    assert f"/es/learn/{article.slug}/" not in sitemap


def test_the_spanish_feed_lists_spanish_titles_and_addresses(client):
    tree = ElementTree.fromstring(client.get("/es/feed/").content)
    assert "artículos para pacientes" in tree.find("a:title", ATOM_NS).text
    entries = tree.findall("a:entry", ATOM_NS)
    assert entries
    titles = dict(ArticleTranslation.objects.values_list("article__slug", "title"))
    for entry in entries:
        link = entry.find("a:link", ATOM_NS).get("href")
        slug = re.fullmatch(rf"{re.escape(settings.SITE_URL)}/es/learn/([\w-]+)/", link).group(1)
        assert entry.find("a:title", ATOM_NS).text == titles[slug]
    english = ElementTree.fromstring(client.get("/feed/").content)
    assert all("/es/" not in e.find("a:link", ATOM_NS).get("href") for e in english.findall("a:entry", ATOM_NS))


@pytest.mark.parametrize(("first", "then"), [(SPANISH, ENGLISH), (ENGLISH, SPANISH), ("/es/", "/")])
def test_the_page_cache_keeps_each_language_apart(client, first, then):
    assert page_cache.key_for(RequestFactory().get(first), ()) != page_cache.key_for(RequestFactory().get(then), ())
    page(client, first)  # now stored
    markup = page(client, then)
    assert f'<html lang="{"es" if then.startswith("/es/") else "en"}">' in markup
    assert page(client, first) == page(client, first)  # served from the cache, unchanged


def test_marking_the_translation_current_after_updating_it_removes_the_notice(client, editor_client):
    article = Article.objects.get(slug=SLUG)
    edit_english_body(editor_client, article)
    translation = ArticleTranslation.objects.get(article=article)
    response = editor_client.post(
        "/admin/education/articletranslation/", {"action": "mark_current", "_selected_action": [translation.pk]}
    )
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.source_version == 2
    assert translation.edited_in_admin
    assert "Actualizado en inglés" not in page(client, SPANISH)
    assert "es: up to date" in editor_client.get(CHANGELIST).content.decode()
