"""Every page fits a phone: Debian's Chromium at 390 px (and at desktop width) shows no horizontal
scrolling, one line per nav link, KWIC's keyword on screen, and trend labels a person can read."""

from __future__ import annotations


import pytest

from web_samples import NEEDS_CHROMIUM
from web_samples import browser, server  # noqa: F401  (module fixtures)

pytest.importorskip("playwright.sync_api", reason="pip install playwright to run the browser tests")
pytestmark = NEEDS_CHROMIUM

PAGES = [
    "/",
    "/?q=改革 发展&lang=en",
    "/?q=电子商务",
    "/speech/gov-2014?q=改革",
    "/trend?terms=改革, 互联网, 电子商务",
    "/trend?terms=改革&by=speaker",
    "/kwic?q=改革&width=20",
    "/similar?text=大力发展电子商务，促进就业。",
    "/diff?a=gov-2014&b=gov-2015",
    "/diff?a=gov-2014&lang=en",
    "/firsts?since=2014&until=2014&min_count=1",
    "/reuse?a=until=2014-06&b=since=2014-07",
    "/speeches?sort=-date",
    "/speeches?lang=en",
]
WIDTHS = [390, 1200]


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def page(browser, request):
    context = browser.new_context(viewport={"width": request.param, "height": 844})
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_page_is_wider_than_the_window(page, server, path):
    page.goto(server.url + path)
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # each nav link and the language toggle on one line: no word broken a character a line
    heights = page.eval_on_selector_all("header.top nav a, header.top .lang", "els => els.map(e => e.getBoundingClientRect().height)")
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('header.top nav a')).lineHeight) || 26")
    assert heights and max(heights) < 1.6 * line


def test_kwic_keywords_are_on_screen(page, server):
    page.goto(server.url + "/kwic?q=改革&width=30")
    width = page.viewport_size["width"]
    boxes = page.eval_on_selector_all("#kwic-table mark", "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })")
    assert boxes and all(0 <= left and right <= width for left, right in boxes)


def test_trend_labels_stay_readable(page, server):
    page.goto(server.url + "/trend?terms=改革, 互联网")
    sizes = page.eval_on_selector_all("#trend-chart text", "els => els.map(e => e.getBoundingClientRect().height)")
    assert sizes and min(sizes) >= 8  # rendered px: the chart scrolls in its frame rather than shrink past reading
