"""The HTML pages (searchkit/web/pages.py) through the test client: highlights as <mark>, facets that
narrow to their count, pagination, the reader's anchors, trend links, KWIC order, escaping, language."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from searchkit.web.present import marked, speech_url
from web_samples import ODD_IDS, XSS_ID
from web_samples import client, index, index_dir  # noqa: F401  (module fixtures: one web index per module)



def links(html: str, container_id: str) -> list[tuple[str, str]]:
    """(href, text) of the links inside the element with ``container_id``."""
    start = html.index(f'id="{container_id}"')
    block = html[start:html.index("</ul>", start)]
    return [(unescape(h), unescape(t)) for h, t in re.findall(r'<a href="([^"]*)">([^<]*)</a>', block)]


def api_total(client, href: str) -> int:
    params = {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}
    return client.get("/api/search", params=params).json()["total"]


def test_search_page_marks_every_match_and_counts(client, index):
    html = client.get("/", params={"q": "电子商务"}).text
    hits = index.search("电子商务", limit=20)
    marks = re.findall(r"<mark[^>]*>([^<]*)</mark>", html)
    assert marks and all(m in ("电子商务", "電子商務") for m in marks)
    assert sum(len(h.matches) for h in hits) == len(marks)
    speeches = len({h.speech_id for h in index.search("电子商务", limit=None)})
    assert f"{speeches} 篇讲话中的 {index.count('电子商务')} 个段落" in html


def test_facet_links_narrow_to_their_count(client):
    html = client.get("/", params={"q": "改革"}).text
    year_links = links(html, "facet-year")
    speaker_links = links(html, "facet-speaker")
    assert len(year_links) >= 4 and len(speaker_links) >= 4
    counts = {unescape(label): int(n) for label, n in re.findall(r'>([^<>]+)</a> <span class="n">(\d+)</span>', html)}
    for href, label in year_links + speaker_links:
        assert api_total(client, href) == counts[label]


def test_pagination_walks_every_hit_once(client, index):
    seen = []
    for page in (1, 2, 3):
        html = client.get("/", params={"q": "翻页测试", "sort": "date", "page": page}).text
        seen += re.findall(r'<span class="para">第 (\d+) 段</span>', html)
    assert [int(n) for n in seen] == [h.paragraph for h in index.search("翻页测试", limit=None, sort="date")]
    last = client.get("/", params={"q": "翻页测试", "page": 3}).text
    assert 'rel="next"' not in last and 'rel="prev"' in last and "第 3 / 3 页" in last


def test_hit_links_open_the_reader_at_the_paragraph(client, index):
    html = client.get("/", params={"q": "奇特编号"}).text
    hrefs = [unescape(h) for h in re.findall(r'<a class="title" href="([^"]*)"', html)]
    assert len(hrefs) == 2 * len(ODD_IDS)
    for href in hrefs:
        path, _, fragment = href.partition("#")
        page = client.get(path)
        assert page.status_code == 200
        paragraph = int(fragment.removeprefix("p"))
        # The anchored paragraph exists, carries the hit class, and marks the query.
        focused = re.search(rf'<p id="p{paragraph}" class="para hit">(.*?)</p>', page.text)
        assert focused and re.search(r"<mark[^>]*>奇特(编号)?</mark>", focused.group(1))


def test_reader_shows_every_paragraph_with_an_anchor(client, index):
    for speech_id in ODD_IDS + ["gov-2014"]:
        html = client.get(speech_url(speech_id)).text
        paragraphs = index.speech(speech_id)
        assert re.findall(r'<p id="p(\d+)"', html) == [str(p.paragraph) for p in paragraphs]


@pytest.mark.parametrize("path", [
    "/?q=注入测试", speech_url(XSS_ID, {"q": "注入测试"}), "/kwic?q=注入测试", "/speeches",
    "/trend?terms=注入测试&by=speaker", "/?q=<script>alert(1)</script>", "/kwic?q=\"><img src=x>",
])
def test_document_text_and_queries_are_escaped(client, path):
    html = client.get(path).text
    assert "<script>window" not in html and "<script>alert" not in html
    assert "<img src=x" not in html and "<svg onload" not in html
    assert 'href="javascript:' not in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/app.js" defer>']


def test_xss_speech_text_is_shown_as_text(client):
    html = client.get(speech_url(XSS_ID)).text
    assert "&lt;script&gt;window.__xss=&#39;text&#39;&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__xss=&#39;img&#39;&#34;&gt;" in html


def test_trend_points_link_to_the_paragraphs_they_count(client, index):
    # Trend counts 互联网发展 as typed; a plain search would also find 互联网 … 发展 apart.
    assert client.get("/api/search", params={"q": "互联网发展"}).json()["total"] > client.get(
        "/api/search", params={"q": "互联网发展", "exact": 1}).json()["total"] > 0
    html = client.get("/trend", params={"terms": "改革,互联网,互联网发展", "measure": "paragraphs"}).text
    assert "<svg" in html and html.count("<circle") >= 3 * 5
    points = re.findall(r'<a class="point" href="([^"]*)">\s*<circle[^>]*data-term="([^"]*)" data-group="([^"]*)"><title>[^<]*: (\d+)</title>', html)
    assert points
    for href, term, group, value in points:
        assert api_total(client, unescape(href)) == int(value)
    by_speaker = client.get("/trend", params={"terms": "改革", "by": "speaker"}).text
    assert "<rect" in by_speaker and "李克强" in by_speaker


def test_kwic_sorts_by_left_context(client):
    html = client.get("/kwic", params={"q": "改革", "order": "left", "width": 6}).text
    lefts = [unescape(x) for x in re.findall(r'<td class="left"><span>([^<]*)</span></td>', html)]
    assert len(lefts) > 5 and lefts == sorted(lefts, key=lambda s: s[::-1])
    assert html.count("<mark>") == len(lefts)


def test_interface_language_toggle(client):
    chinese = client.get("/", params={"q": "改革"}).text
    english = client.get("/", params={"q": "改革", "lang": "en"}).text
    assert "篇讲话中的" in chinese and 'lang="zh-CN"' in chinese
    assert "paragraphs in" in english and 'lang="en"' in english
    # Links keep the language; the toggle keeps the query.
    assert "lang=en" in re.search(r'<a class="title" href="([^"]*)"', english).group(1)
    toggle = unescape(re.search(r'id="lang-toggle" href="([^"]*)"', chinese).group(1))
    assert parse_qs(urlsplit(toggle).query) == {"q": ["改革"], "lang": ["en"]}


def test_bad_input_on_a_page_is_one_line_in_the_page(client):
    response = client.get("/", params={"q": "改革", "since": "2014-13"})
    assert response.status_code == 400
    assert re.search(r'<p class="error" role="alert">[^\n<]*since[^\n<]*</p>', response.text)
    assert 'value="改革"' in response.text  # the form keeps what was typed
    for path in ("/trend?terms=改革&since=2014-13", "/kwic?q=改革&until=2014-02-30"):
        page = client.get(path)
        assert page.status_code == 400 and re.search(r'<p class="error" role="alert">[^\n<]*real date[^\n<]*</p>', page.text)
        assert "改革" in page.text  # the form keeps the terms
    missing = client.get("/speech/nobody")
    assert missing.status_code == 404 and "Traceback" not in missing.text


def test_marked_pieces_rebuild_the_text():
    text = "我们要发展电子商务，电子商务很重要"
    pieces = marked(text, [(5, 9), (10, 14)])
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, is_match in pieces if is_match] == ["电子商务", "电子商务"]
    assert "".join(p for p, _ in marked(text[4:], [(5, 9)], offset=4)) == text[4:]


def test_each_query_term_has_its_own_highlight_colour(client):
    html = client.get("/", params={"q": "改革 互联网"}).text
    marks = re.findall(r'<mark class="t(\d)">([^<]*)</mark>', html)
    assert {text for n, text in marks if n == "0"} == {"改革"}
    assert {text for n, text in marks if n == "1"} <= {"互联网", "互聯網"} and any(n == "1" for n, _ in marks)


@pytest.mark.parametrize("measure", __import__("searchkit.web.chart", fromlist=["MEASURES"]).MEASURES)
def test_trend_chart_draws_each_measure_of_the_rows(client, index, measure):
    from searchkit.language.reports import trend

    html = client.get("/trend", params={"terms": "改革,互联网", "measure": measure}).text
    drawn = {(unescape(t), g): float(v) for t, g, v in
             re.findall(r'data-term="([^"]*)" data-group="([^"]*)"><title>[^<]*: ([\d.]+)</title>', html)}
    rows = {(r.term, r.group): getattr(r, measure) for r in trend(index, ["改革", "互联网"]) if r.group != "?"}
    assert drawn == pytest.approx(rows) and len(drawn) == len(rows)
