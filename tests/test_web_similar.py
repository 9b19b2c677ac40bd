"""Source tracing in the web app (searchkit/web/similar_views.py): the API equals the library, the page
marks the reused spans on both sides, a reader paragraph links to its sources."""

from __future__ import annotations

import re
from html import unescape

import pytest

from searchkit.web.present import speech_url
from web_samples import XSS_ID
from web_samples import client, index, index_dir  # noqa: F401  (module fixtures: one web index per module)

PASSAGE = "我们要坚持改革开放，发展互联网经济，大力发展电子商务。"


@pytest.mark.parametrize("by", ["paragraph", "speech"])
def test_api_similar_equals_the_library(client, index, by):
    body = client.get("/api/similar", params={"text": PASSAGE, "by": by, "limit": 5}).json()
    assert body["passage"] == PASSAGE
    assert body["hits"] == [h.to_dict() for h in index.similar(PASSAGE, 5, by=by)]
    assert body["hits"] and body["hits"][0]["speech_id"] == "trad-2013-06-01"


def test_api_similar_takes_the_passages_title(client, index):
    title = "关于电子商务发展的讲话"
    body = client.get("/api/similar", params={"text": PASSAGE, "limit": 5, "passage_title": title}).json()
    assert body["hits"] == [h.to_dict() for h in index.similar(PASSAGE, 5, passage_title=title)]
    assert client.get("/api/similar", params={"text": PASSAGE, "passage_title": "题" * 201}).status_code == 400
    page = client.get("/similar", params={"text": PASSAGE, "passage_title": '"><script>window.__xss=1</script>'}).text
    assert "<script>window" not in page
    assert 'name="passage_title" maxlength="200" value="&#34;&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;"' in page


def test_page_marks_reused_spans_in_hits_and_passage(client, index):
    html = client.get("/similar", params={"text": PASSAGE}).text
    hits = index.similar(PASSAGE, 10)
    blocks = re.findall(r'<li class="hit">(.*?)</li>', html, re.S)
    assert len(blocks) == len(hits)
    for block, hit in zip(blocks, hits):
        marks = [unescape(m) for m in re.findall(r"<mark>([^<]*)</mark>", block)]
        assert marks == [hit.text[s:e] for s, e in hit.matches]
    passage = re.search(r'<p id="passage" class="snippet">(.*?)</p>', html).group(1)
    assert "<mark>" in passage and unescape(re.sub(r"</?mark>", "", passage)) == PASSAGE


def test_a_reader_paragraph_links_to_its_sources_and_is_left_out(client, index):
    reader = client.get(speech_url("gov-2014")).text
    link = unescape(re.search(r'<p id="p7" class="para">.*?<a class="sim" href="([^"]*)"', reader).group(1))
    page = client.get(link)
    assert page.status_code == 200
    source = next(p for p in index.speech("gov-2014") if p.paragraph == 7)
    expected = index.similar(source.text, 10, exclude=[("gov-2014", 7)], passage_title=source.title)
    titles = [unescape(t) for t in re.findall(r'<a class="title" href="[^"]*">([^<]*)</a>', page.text)]
    assert titles == [h.title or h.speech_id for h in expected]
    assert not any(h.speech_id == "gov-2014" and h.paragraph == 7 for h in expected)


def test_a_reader_paragraphs_title_yields_to_the_one_the_caller_gives(client, index):
    # as `searchkit similar --speech ID --passage-title T`: the caller's title, else the speech's own
    source = next(p for p in index.speech("gov-2014") if p.paragraph == 7)
    body = client.get("/api/similar", params={"speech": "gov-2014", "p": 7, "passage_title": "电子商务发展意见"}).json()
    assert body["hits"] == [h.to_dict() for h in index.similar(
        source.text, 10, exclude=[("gov-2014", 7)], passage_title="电子商务发展意见")]


def test_the_pages_reused_share_counts_as_the_hits_shared_does(client, index):
    # an indexed paragraph pasted whole is all reused: the page must not say less than its own hit does
    source = next(p for p in index.speech("gov-2014") if p.paragraph == 7)
    html = client.get("/similar", params={"text": source.text, "lang": "en"}).text
    assert index.similar(source.text, 1)[0].shared == 1.0
    assert "100% of the passage is reused" in html


def test_similar_escapes_and_bounds(client):
    html = client.get("/similar", params={"text": "注入测试<script>window.__xss='text'</script>的原则"}).text
    assert "<script>window" not in html and "&lt;script&gt;" in html
    assert client.get("/api/similar", params={"text": "改" * 1001}).status_code == 400
    assert client.get("/api/similar", params={"text": PASSAGE, "limit": 51}).status_code == 400
    assert client.get("/api/similar", params={"speech": "gov-2014", "p": 99}).json()["error"].endswith("no paragraph 99")
    assert client.get("/api/similar", params={"speech": XSS_ID, "p": 2}).status_code == 200
