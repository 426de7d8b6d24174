"""A Spanish-speaking reader: the same pages under /es/, reached and read by keyboard, with no WCAG violations."""

import pytest
from playwright.sync_api import expect

SPANISH_PAGES = [
    "/es/",
    "/es/learn/",
    "/es/learn/what-is-depression/",
    "/es/learn/administration-routes/",
    "/es/learn/side-effects-and-risks/",
    "/es/faq/",
    "/es/glossary/",
    "/es/search/?q=ketamina",
    "/es/crisis/",
    "/es/privacy/",
    "/es/consultation/",
    "/es/esta-pagina-no-existe/",
]


def tab_to(page, name: str, limit: int = 40):
    """Press Tab until the link with this name has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    pytest.fail(f"{name!r} was not reached in {limit} presses of Tab")


def test_a_keyboard_reader_switches_to_spanish_and_stays_on_the_same_article(site, page):
    page.goto(site + "/learn/what-is-depression/")
    tab_to(page, "Español")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site + "/es/learn/what-is-depression/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    tab_to(page, "English")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site + "/learn/what-is-depression/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_spanish_skip_link_is_the_first_tab_stop(site, page):
    page.goto(site + "/es/learn/what-is-depression/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Saltar al contenido principal")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize("path", SPANISH_PAGES)
def test_axe_finds_no_wcag_violations_in_spanish(site, page, axe_violations, path):
    page.goto(site + path)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/es/", "/es/learn/administration-routes/", "/es/crisis/", "/es/consultation/"])
def test_no_horizontal_scroll_on_a_375px_phone_in_spanish(site, phone_page, axe_violations, path):
    phone_page.goto(site + path)
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"
    assert axe_violations(phone_page) == []
