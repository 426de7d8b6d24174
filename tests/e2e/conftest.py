"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser), with axe-core."""

import itertools
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.db import transaction

from clinic_site.page_cache import PUBLIC_MODELS
from education.models import Article

CHROMIUM = "/usr/bin/chromium"
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )  # fmt: skip
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def shipped_content(django_db_setup, django_db_blocker) -> str:
    """What the public pages show, as loaded into the test database (tests/conftest.py), kept as JSON: putting it
    back after a browser test's flush takes a third of the time of loading the Markdown again."""
    with django_db_blocker.unblock():
        return serializers.serialize(
            "json", [row for label in PUBLIC_MODELS for row in apps.get_model(label).objects.all()]
        )


@pytest.fixture
def site(live_server, transactional_db, shipped_content):
    """The live site with the shipped content (put back after each browser test's database flush)."""
    if not Article.objects.exists():
        with transaction.atomic():  # foreign keys are checked at the commit, so the order of the rows does not matter
            rows = serializers.deserialize("json", shipped_content)
            for model, rows_of_model in itertools.groupby(rows, key=lambda row: type(row.object)):
                # One INSERT a model: the rows' own save() (its signals clear caches this test starts without)
                # took half a second a test.
                model.objects.bulk_create(row.object for row in rows_of_model)
    return live_server.url


@pytest.fixture
def page(browser):
    """A desktop page that fails the test if the browser reports a console error (a CSP violation, a missing file)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors, refused_pages = [], set()
    page.on("console", lambda message: errors.append(message) if message.type == "error" else None)
    page.on(
        "response",
        lambda r: refused_pages.add(r.url) if r.request.is_navigation_request() and r.status >= 400 else None,
    )
    yield page
    context.close()
    # The browser also reports a page the test opened that answers with an error on purpose (a used resume link's
    # 410), as a failed load of that page; a missing image, script or style sheet still fails the test.
    unexpected = [f"{m.text} ({m.location.get('url')})" for m in errors if m.location.get("url") not in refused_pages]
    assert unexpected == []


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_SCRIPT.exists():
        pytest.fail("axe-core is missing: run 'npm ci' (make test does it).")
    return AXE_SCRIPT.read_text()


@pytest.fixture
def axe_violations(axe_source):
    """Run axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page; return the violations."""

    def run(page) -> list[dict]:
        page.evaluate(axe_source)  # through the DevTools protocol, so the strict CSP need not be relaxed
        # Only the violations come back: the whole result (every rule that passed, with its elements' HTML) took
        # up to two seconds a page to hand over to Python.
        violations = page.evaluate(
            """async () => (await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
            })).violations"""
        )
        return [
            {"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]][:5]} for v in violations
        ]

    return run
