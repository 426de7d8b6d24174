"""The language switcher on a phone, by keyboard: early in the tab order, on screen, with a visible focus ring, and it
keeps the reader on the same page. Spanish chrome pages pass axe on a phone."""

import pytest
from playwright.sync_api import expect


def test_a_keyboard_user_on_a_phone_reaches_the_switcher_and_changes_language(site, phone_page):
    phone_page.goto(site + "/es/language-help/")
    switcher = phone_page.get_by_role("link", name="English")
    for _ in range(10):  # skip link, the crisis bar's links, the clinic's name, then the switcher
        phone_page.keyboard.press("Tab")
        if phone_page.evaluate("document.activeElement.hreflang === 'en'"):
            break
    expect(switcher).to_be_focused()
    expect(switcher).to_be_in_viewport()
    assert switcher.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    box = switcher.bounding_box()
    assert box["height"] >= 44  # a touch target (WCAG 2.5.5)
    assert box["width"] >= 44
    phone_page.keyboard.press("Enter")
    expect(phone_page).to_have_url(site + "/language-help/")
    expect(phone_page.locator("html")).to_have_attribute("lang", "en")
    expect(phone_page.get_by_role("link", name="Español")).to_be_in_viewport()


@pytest.mark.parametrize("path", ["/es/crisis/", "/es/language-help/", "/es/privacy/", "/es/no-such-page/"])
def test_spanish_pages_pass_axe_and_fit_a_phone(site, phone_page, axe_violations, path):
    phone_page.goto(site + path)
    assert axe_violations(phone_page) == []
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"
