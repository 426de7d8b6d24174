"""Pages cost a fixed number of SQL queries, however many articles there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

MAX_QUERIES = 4
PAGES = ["/", "/learn/", "/learn/what-is-depression/", "/faq/"]


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", PAGES)
def test_page_needs_at_most_four_queries_with_few_or_many_articles(client, make_article, url):
    from django.core.cache import cache

    few = queries_for(client, url)
    for _ in range(500):
        make_article(featured=True)
    cache.clear()
    many = queries_for(client, url)
    assert few <= MAX_QUERIES
    assert many == few
