"""The web app as a user reads it: the reader marks exactly what search marks, and only where the query
matches; labels say what they are; a page past the last shows the last; the nav keeps the query; an icon."""

from __future__ import annotations

import re
from html import unescape

import pytest

from searchkit.web.present import speech_url
from web_samples import client, index, index_dir  # noqa: F401  (module fixtures: one web index per module)

PARAGRAPH = re.compile(r'<p id="p(\d+)" class="para[^"]*">(.*?)</p>', re.S)


def reader_marks(html: str) -> dict[int, list[str]]:
    """Paragraph number → the marked pieces, in order, of every paragraph with a mark."""
    found = {}
    for number, body in PARAGRAPH.findall(html):
        marks = [unescape(m) for m in re.findall(r"<mark[^>]*>([^<]*)</mark>", body)]
        if marks:
            found[int(number)] = marks
    return found


@pytest.mark.parametrize("query", ["电子商务就业", "改革 开放", "互联网 OR 创新", '"深化改革"', "发展 -电子商务"])
def test_the_reader_marks_what_search_marks_and_only_in_matching_paragraphs(client, index, query):
    hits = index.search(query, limit=None)
    by_speech: dict[str, dict[int, list[str]]] = {}
    for hit in hits:
        by_speech.setdefault(hit.speech_id, {})[hit.paragraph] = [hit.text[s:e] for s, e in hit.matches]
    assert by_speech, query
    for speech in index.speeches():
        html = client.get(speech_url(speech.speech_id, {"q": query})).text
        assert reader_marks(html) == by_speech.get(speech.speech_id, {}), (query, speech.speech_id)


def test_the_reader_labels_the_date_as_a_date(client, index):
    speech = index.speeches()[0]
    html = client.get(speech_url(speech.speech_id)).text
    assert "<dt>日期</dt>" in html and "旧→新" not in html
    assert "<dt>Date</dt>" in client.get(speech_url(speech.speech_id, {"lang": "en"})).text


def test_the_speech_list_names_its_sort_orders_and_its_button(client):
    html = client.get("/speeches").text
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', html)
    assert [value for value, _ in options] == ["date", "-date", "speaker", "title", "id"]
    assert all(label not in ("date", "-date", "speaker", "title", "id") for _, label in options)
    assert ">检索</button>" not in html and ">显示</button>" in html


def test_a_page_past_the_last_shows_the_last_page_and_says_so(client, index):
    total = index.count("发展")
    pages = -(-total // 20)
    html = client.get("/", params={"q": "发展", "page": pages + 50}).text
    assert f"第 {pages + 50} 页已超出末页（共 {pages} 页）" in html
    assert len(re.findall(r'<li class="hit"', html)) == total - (pages - 1) * 20 > 0
    assert f"第 {pages + 50} / {pages}" not in html


def test_nav_links_keep_the_current_query(client):
    html = client.get("/", params={"q": "改革"}).text
    nav = html[html.index("<nav>"):html.index("</nav>")]
    assert 'href="/trend?terms=%E6%94%B9%E9%9D%A9"' in nav and 'href="/kwic?q=%E6%94%B9%E9%9D%A9"' in nav
    nav = client.get("/trend", params={"terms": "互联网"}).text
    assert 'href="/?q=%E4%BA%92%E8%81%94%E7%BD%91"' in nav


def test_every_page_has_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
    assert 'rel="icon"' in client.get("/").text


def test_trend_table_numbers_have_one_precision(client):
    html = client.get("/trend", params={"terms": "改革, 互联网"}).text
    table = html[html.index('class="trend-table"'):html.index("</table>")]
    rates = re.findall(r"<td>([0-9.]+) · ", table)
    assert rates and all(re.fullmatch(r"\d+\.\d\d", rate) for rate in rates)
