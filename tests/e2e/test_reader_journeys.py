import pytest
from playwright.sync_api import expect

AXE_PAGES = [
    "/",
    "/learn/",
    "/learn/what-is-depression/",
    "/learn/administration-routes/",
    "/learn/side-effects-and-risks/",
    "/faq/",
    "/glossary/",
    "/search/?q=ketamine",
    "/crisis/",
    "/privacy/",
    "/this-page-does-not-exist/",
]


def test_a_reader_goes_from_home_to_an_article_by_clicking(site, page):
    page.goto(site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Learn").click()
    expect(page).to_have_url(site + "/learn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Learn about depression and ketamine treatment")
    page.get_by_role("link", name="How ketamine works").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ketamine")
    expect(page.get_by_text("Medically reviewed by")).to_be_visible()
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Learn").click()
    expect(page).to_have_url(site + "/learn/")


def test_a_reader_searches_and_opens_a_result(site, page):
    page.goto(site + "/")
    page.get_by_role("searchbox", name="Search articles").fill("pregnant")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("main").get_by_role("heading", level=2)).to_contain_text("for “pregnant”")
    results = page.locator(".result")
    expect(results.first).to_be_visible()
    expect(results.first.locator("mark").first).to_be_visible()
    results.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(site, page):
    page.goto(site + "/learn/what-is-depression/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_the_crisis_line_is_reachable_by_keyboard_right_after_the_skip_link(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="988").first).to_be_focused()


@pytest.mark.parametrize(
    "path", ["/", "/learn/", "/learn/administration-routes/", "/faq/", "/crisis/", "/search/?q=ketamine"]
)
def test_no_horizontal_scroll_on_a_375px_phone(site, phone_page, path):
    phone_page.goto(site + path)
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"


def test_pages_work_with_javascript_off(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    page.get_by_role("searchbox", name="Search articles").fill("bladder")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".result").first).to_be_visible()
    context.close()


@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_wcag_violations(site, page, axe_violations, path):
    page.goto(site + path)
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/", "/learn/what-is-depression/", "/crisis/"])
def test_axe_finds_no_wcag_violations_on_a_phone(site, phone_page, axe_violations, path):
    phone_page.goto(site + path)
    assert axe_violations(phone_page) == []
