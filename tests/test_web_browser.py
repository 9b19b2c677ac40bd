"""The web app in a real browser: Debian's Chromium driven by Playwright, against uvicorn on 127.0.0.1.
A person types a query, sees highlights, clicks a facet, opens a speech at its paragraph, draws a trend;
speeches that carry markup render as text and run nothing."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from searchkit.web.present import speech_url
from web_samples import NEEDS_CHROMIUM, ODD_IDS, XSS_ID
from web_samples import browser, server  # noqa: F401  (module fixtures)

pytest.importorskip("playwright.sync_api", reason="pip install playwright to run the browser tests")
pytestmark = NEEDS_CHROMIUM


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    opened.dialogs = []
    opened.errors = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    yield opened
    context.close()


def query_of(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_typing_a_query_and_enter_shows_marked_hits(page, server):
    page.goto(server.url + "/")
    page.fill("#q", "电子商务")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=%E7%94%B5"))
    marks = page.locator("li.hit mark").all_inner_texts()
    assert marks and set(marks) <= {"电子商务", "電子商務"}
    assert "个段落" in page.inner_text("#count")
    assert not page.errors


def test_results_appear_while_typing(page, server):
    page.goto(server.url + "/")
    page.locator("#q").press_sequentially("改革开放", delay=30)
    # A slow machine may pause long enough mid-word to show 改革's results first: wait for the whole word.
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '改革开放'")
    assert query_of(page.url)["q"] == "改革开放"  # the URL follows, so it can be shared
    assert "改革开放" in page.locator("li.hit mark").all_inner_texts()


def test_a_facet_narrows_the_result_and_back_undoes_it(page, server):
    page.goto(server.url + "/?q=改革")
    first_count = page.inner_text("#count")
    year_link = page.locator("#facet-year a").first
    year = year_link.inner_text()
    expected = int(page.locator("#facet-year li").first.locator(".n").inner_text())
    year_link.click()
    page.wait_for_url(re.compile(r"since="))
    assert query_of(page.url) == {"q": "改革", "since": year, "until": year}
    metas = page.locator("li.hit .meta").all_inner_texts()
    assert len(metas) == expected and all(m.startswith(year) for m in metas)
    page.go_back()
    page.wait_for_url(re.compile(r"^[^#]*\?q=%E6%94%B9%E9%9D%A9$"))
    assert page.inner_text("#count") == first_count


def test_a_hit_opens_the_speech_at_its_paragraph(page, server):
    page.goto(server.url + "/?q=翻页测试&sort=date&page=2")
    last = page.locator("li.hit a.title").last
    paragraph = int(re.search(r"\d+", page.locator("li.hit .para").last.inner_text()).group())
    assert paragraph > 30  # far down the speech
    last.click()
    page.wait_for_url(re.compile(rf"/speech/paged\?.*#p{paragraph}$"))
    target = page.locator(f"#p{paragraph}")
    assert "hit" in target.get_attribute("class")
    assert target.locator("mark").first.inner_text() == "翻页测试"
    box = target.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 800  # scrolled into view
    assert page.locator("#p1").bounding_box()["y"] < 0  # and the top of the speech scrolled away


def test_odd_speech_ids_open_their_own_speech(page, server):
    for speech_id in ODD_IDS:
        page.goto(server.url + speech_url(speech_id, {"q": "奇特"}, 2))
        assert page.inner_text(".speech-meta code") == speech_id
        assert page.locator("#p2 mark").first.inner_text() == "奇特"


def test_a_trend_is_drawn_and_a_point_lists_its_paragraphs(page, server):
    page.goto(server.url + "/trend")
    page.fill("#terms", "改革, 互联网")
    page.select_option("select[name=measure]", "paragraphs")  # points then show what their link lists
    page.press("#terms", "Enter")
    page.wait_for_selector("#trend-chart circle")
    assert page.locator("#trend-chart path.series").count() == 2
    point = page.locator("#trend-chart a.point").first
    value = int(point.locator("title").text_content().rsplit(": ", 1)[1])
    point.click()
    page.wait_for_url(re.compile(r"since="))
    assert page.locator("li.hit").count() == value > 0


def test_a_paragraph_leads_to_the_passages_that_reuse_it(page, server):
    page.goto(server.url + speech_url("gov-2014", {"p": 7}, 7))
    page.click("#p7 a.sim")
    page.wait_for_url(re.compile(r"/similar\?speech=gov-2014&p=7"))
    assert page.locator("#similar-hits li.hit").count() > 0
    assert page.locator("#similar-hits mark").count() > 0 and page.locator("#passage mark").count() > 0


def test_markup_in_speeches_renders_as_text_and_never_runs(page, server):
    for path in ("/?q=注入测试", speech_url(XSS_ID, {"q": "注入测试"}), "/kwic?q=注入测试", "/speeches",
                 "/trend?terms=注入测试&by=speaker", "/similar?text=注入测试的原则，注入测试结束"):
        page.goto(server.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert page.locator("img, svg:not(#trend-chart):not(.swatch) script, main script").count() == 0, path
    page.goto(server.url + speech_url(XSS_ID))
    body = page.inner_text("main")
    assert "<script>window.__xss='text'</script>" in body
    assert "<img src=x onerror=\"window.__xss='img'\">" in body
    assert '<a href="javascript:window.__xss=\'link\'">点我</a>' in body
    assert page.locator("main a[href^='javascript']").count() == 0
    assert not page.dialogs and not page.errors


def test_kwic_lines_and_english_toggle(page, server):
    page.goto(server.url + "/kwic?q=改革&order=left")
    assert page.locator("#kwic-table td.match mark").count() > 5
    page.click("#lang-toggle")
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert "By left context" in page.inner_text("#kwic-table thead")
    assert query_of(page.url)["q"] == "改革"
