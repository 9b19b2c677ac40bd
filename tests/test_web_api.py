"""The JSON API (searchkit/web/api.py) through Starlette's test client: the same results and fields as
the library and the CLI's --json, bounded parameters, one-line JSON errors."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient
from typer.testing import CliRunner

import searchkit
from searchkit.web import create_app
from cli_json import search_json
from searchkit.web.api import HIT_COLUMNS
from searchkit.web.present import speech_url
from searchkit.language.reports import kwic, trend
from web_samples import BASE, ODD_IDS, XSS_ID
from web_samples import client, index, index_dir  # noqa: F401  (module fixtures: one web index per module)



@pytest.mark.parametrize("query, filters", [
    ("改革开放", {}),
    ("改革", {"speaker": "李克强"}),
    ("互联网 OR 电子商务", {"since": "2014", "until": "2015-12"}),
    ('"发展电子商务"', {}),
    ("翻页测试", {"sort": "-date"}),
])
def test_search_returns_the_library_results(client, index, query, filters):
    response = client.get("/api/search", params={"q": query, "limit": 7, "offset": 2, **filters})
    assert response.status_code == 200
    body = response.json()
    sort = filters.pop("sort", "relevance")
    assert body["total"] == index.count(query, **filters) > 0
    expected = index.search(query, limit=7, offset=2, sort=sort, **filters)
    assert body["hits"] == [hit.to_dict() for hit in expected]


def test_search_hits_have_the_fields_of_the_cli_json(client, index_dir):
    from searchkit.cli import app

    result = CliRunner().invoke(app, ["search", "改革开放", "--index", str(index_dir), "--limit", "5", "--json"])
    assert result.exit_code == 0, result.output
    cli_hits, cli_summary = search_json(result.stdout)
    api = client.get("/api/search", params={"q": "改革开放", "limit": 5}).json()
    assert api["hits"] == cli_hits and len(cli_hits) == 5
    assert api["total"] == cli_summary["total"] > 5


def test_export_has_the_cli_csv_columns_and_the_whole_result(client, index):
    from searchkit.cli.search import HIT_COLUMNS as CLI_COLUMNS

    assert HIT_COLUMNS == CLI_COLUMNS
    response = client.get("/api/export", params={"q": "翻页测试", "format": "csv", "sort": "date"})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert list(rows[0]) == HIT_COLUMNS
    expected = index.search("翻页测试", limit=None, sort="date")
    assert len(rows) == len(expected) == 45  # more than one page of the search page
    assert [(r["speech_id"], int(r["paragraph"])) for r in rows] == [(h.speech_id, h.paragraph) for h in expected]
    assert json.loads(rows[0]["matches"]) == [list(m) for m in expected[0].matches]
    exported = client.get("/api/export", params={"q": "翻页测试", "format": "json", "sort": "date"}).json()
    assert exported["total"] == 45 and exported["hits"] == [h.to_dict() for h in expected]


def test_facets_equal_a_brute_force_count(client, index):
    query = "改革 OR 注入测试 OR 奇特"
    body = client.get("/api/facets", params={"q": query}).json()
    meta = {s.speech_id: s for s in index.speeches(sort="id")}
    hits = index.search(query, limit=None)
    years = Counter(str(meta[h.speech_id].year or "?") for h in hits)
    # A speaker facet counts what its click keeps: speakers whose name contains it.
    speakers = {name: sum(1 for h in hits if name in (meta[h.speech_id].speaker or "?")) for name in
                {meta[h.speech_id].speaker or "?" for h in hits}}
    assert body["paragraphs"] == len(hits)
    assert body["speeches"] == len({h.speech_id for h in hits})
    assert {f["value"]: f["paragraphs"] for f in body["year"]} == dict(years)
    assert {f["value"]: f["paragraphs"] for f in body["speaker"]} == dict(speakers)


def test_trend_and_kwic_equal_the_library(client, index):
    rows = client.get("/api/trend", params=[("term", "改革"), ("term", "互联网"), ("by", "speaker")]).json()["rows"]
    assert rows == [r.to_dict() for r in trend(index, ["改革", "互联网"], by="speaker")]
    same = client.get("/api/trend", params={"terms": "改革，互联网", "by": "speaker"}).json()["rows"]
    assert same == rows
    lines = client.get("/api/kwic", params={"q": "互联网", "width": 5, "since": "2014"}).json()["lines"]
    assert lines == [line.to_dict() for line in kwic(index, "互联网", width=5, limit=500, since="2014")]
    assert lines and all(len(line["left"]) <= 5 for line in lines)


def test_speeches_and_speech_by_any_id(client, index):
    listed = client.get("/api/speeches", params={"sort": "id", "limit": 100}).json()
    assert listed["total"] == len(index.speeches())
    assert [s["speech_id"] for s in listed["speeches"]] == sorted(s.speech_id for s in index.speeches())
    for speech_id in [XSS_ID, *ODD_IDS]:
        body = client.get(speech_url(speech_id, api=True)).json()
        assert body["speech_id"] == speech_id
        assert body["paragraphs"] == [p.to_dict() for p in index.speech(speech_id)]


@pytest.mark.parametrize("path, status, words", [
    ("/api/speech/nobody", 404, "no speech"),
    ("/api/search", 400, "give a query"),
    ("/api/search?q=改革&limit=101", 400, "limit must be between 0 and 100"),
    ("/api/search?q=改革&limit=ten", 400, "whole number"),
    ("/api/search?q=改革&offset=10001", 400, "offset"),
    ("/api/search?q=改革&since=2014-13", 400, "--since takes a real date"),
    ("/api/search?q=改革&sort=best", 400, "sort must be one of"),
    ("/api/search?q=" + "a" * 501, 400, "longer than 500"),
    ("/api/search?q=" + "a" * 12_001, 414, "longer than 12000"),
    ("/api/trend", 400, "at least one term"),
    ("/api/trend?terms=a,b,c,d,e,f,g,h,i", 400, "at most 8 terms"),
    ("/api/kwic?q=改革&width=500", 400, "width"),
    ("/api/nothing-here", 404, "not found"),
])
def test_errors_are_one_line_of_json(client, path, status, words):
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert "\n" not in response.text.strip()
    body = response.json()
    assert body["status"] == status and words in body["error"]
    assert "Traceback" not in response.text


def test_an_empty_result_is_not_an_error(client):
    body = client.get("/api/search", params={"q": "不存在的词语组合"}).json()
    assert body == {"total": 0, "offset": 0, "hits": []}


def test_a_speaker_facet_counts_what_its_filter_keeps(tmp_path):
    """The speaker filter matches part of a name: the facet for 李鹏 counts 李鹏飞 too, as its click does."""
    import json as json_module

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = [{"id": f"s{n}", "title": "讲话", "speaker": speaker, "date": "2000-01-01", "text": "讲话\n我们谈谈水利建设。"}
               for n, speaker in enumerate(["李鹏", "李鹏飞", "李鹏飞", "王五"])]
    (corpus / "a.jsonl").write_text("\n".join(json_module.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    searchkit.update_index([corpus], tmp_path / "index")
    with TestClient(create_app(tmp_path / "index"), base_url=BASE) as local:
        facets = {f["value"]: f["paragraphs"] for f in local.get("/api/facets", params={"q": "水利"}).json()["speaker"]}
        assert facets == {"李鹏": 3, "李鹏飞": 2, "王五": 1}
        for name, count in facets.items():
            assert local.get("/api/search", params={"q": "水利", "speaker": name}).json()["total"] == count


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=0, max_size=60))
def test_any_query_or_id_is_answered_never_a_crash(client, text):
    for path, params in (("/api/search", {"q": text}), ("/", {"q": text, "since": text[:10]}),
                         ("/api/kwic", {"q": text}), ("/trend", {"terms": text})):
        response = client.get(path, params=params)
        assert response.status_code in (200, 400), (path, text, response.text)
    response = client.get(speech_url(text or "x", api=True))
    assert response.status_code in (200, 400, 404) and "error" in response.json() or response.status_code == 200


def test_undecodable_bytes_in_the_url_are_a_400_or_replaced(client):
    assert client.get("/api/speech/%FF%FE").status_code == 400
    assert client.get("/api/search?q=%FF%FE").status_code in (200, 400)


def test_exact_search_counts_what_trend_counts(client, index):
    """exact=1: every term is the string as typed (trend's and kwic's count), in hits, total and facets."""
    for query in ("互联网发展", "经济发展 OR 改革开放", "改革 发展"):
        body = client.get("/api/search", params={"q": query, "exact": 1, "limit": 100}).json()
        expected = index.matching_docs(query, exact=True)
        assert body["total"] == len(expected) == len(body["hits"])
        assert body["hits"] == [h.to_dict() for h in index.search(query, limit=100, exact=True)]
        facets = client.get("/api/facets", params={"q": query, "exact": 1}).json()
        assert facets["paragraphs"] == len(expected)
        assert index.count(query) >= len(expected)
    rows = trend(index, ["互联网发展"])
    exact_total = client.get("/api/search", params={"q": "互联网发展", "exact": "1"}).json()["total"]
    assert sum(r.paragraphs for r in rows) == exact_total < index.count("互联网发展")
