"""The cached public pages read only models in page_cache.PUBLIC_MODELS, whose changes make the pages stale.

A model shown on a cached page but missing from that list would leave readers on the old page after an edit.
"""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from clinic_site import page_cache

pytestmark = pytest.mark.django_db

# An address of every page kept in the page cache, by URL name.
SAMPLES = {
    "education:home": ["/", "/es/"],
    "education:article_list": ["/learn/", "/learn/?page=2", "/es/learn/"],
    "education:topic": ["/learn/topics/about-ketamine/", "/es/learn/topics/about-ketamine/"],
    "education:article_detail": [
        "/learn/what-is-depression/",
        "/learn/cost-and-insurance/",
        "/es/learn/cost-and-insurance/",
    ],
    "education:faq": ["/faq/", "/es/faq/"],
    "education:glossary": ["/glossary/", "/es/glossary/"],
    "education:search": ["/search/?q=ketamine", "/search/?q=side+effects&page=2", "/es/search/?q=ketamina"],
    "crisis": ["/crisis/"],
    "privacy": ["/privacy/"],
    "language_help": ["/language-help/"],
    "robots_txt": ["/robots.txt"],
    "sitemap": ["/sitemap.xml"],
    "sitemap_section": ["/sitemap-pages.xml", "/sitemap-topics.xml", "/sitemap-articles.xml"],
    "feed": ["/feed/", "/es/feed/"],
}


def cached_page_names(patterns=None, namespace="") -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= cached_page_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and getattr(pattern.callback, "kept_in_page_cache", False):
            names.add(namespace + pattern.name)
    return names


def test_every_cached_page_has_sample_addresses_here():
    assert cached_page_names() == set(SAMPLES)


def test_every_model_a_cached_page_reads_makes_the_pages_stale_when_it_changes():
    tables = {model._meta.db_table: model._meta.label for model in apps.get_models(include_auto_created=True)}
    read = set()
    for url in (url for urls in SAMPLES.values() for url in urls):
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(url).status_code == 200, url
        for query in captured:
            read |= {tables[table] for table in re.findall(r'"(\w+)"', query["sql"]) if table in tables}
    assert "education.Article" in read  # the capture saw the pages' queries
    assert read - set(page_cache.PUBLIC_MODELS) == set()
