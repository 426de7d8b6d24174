"""An article page, with everything it loads, stays small for readers on slow phones."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 100 * 1024


def compressed_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def assets_of(html: str) -> list[str]:
    """Stylesheets, scripts, icons and fonts the page asks for: all must be our own static files."""
    urls = re.findall(r'<(?:link|script)[^>]+(?:href|src)="([^"]+)"', html)
    return [url for url in urls if url.startswith("/static/")]


def test_article_page_with_its_assets_transfers_under_100_kb(client):
    html = client.get("/learn/administration-routes/").content
    assets = assets_of(html.decode())
    assert "/static/css/site.css" in assets
    total = compressed_size(html)
    for url in assets:
        path = finders.find(url.removeprefix("/static/"))
        assert path, f"{url} is not one of our static files"
        with open(path, "rb") as asset:
            total += compressed_size(asset.read())
    assert total <= BUDGET_BYTES, f"{total / 1024:.1f} KB"
