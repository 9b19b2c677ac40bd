"""`firsts`: formulations a period uses that no earlier paragraph holds. Every figure is recounted by
brute force — plain ``str.count`` over the normalized text of every paragraph of the index — on a
synthetic corpus (with undated and year-only speeches) and on five government work reports."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

import searchkit
from samples import GOV_REPORTS, missing
from searchkit.cli import app
from searchkit.engine.filters import Filters
from searchkit.language.novelty import firsts
from searchkit.text import normalize
from searchkit.web.present import url

runner = CliRunner()

SPEECHES = {
    "old-2010.txt": "2010年的讲话\n——2010年3月5日\n　　我们要坚持改革开放，推动大众创业，保持经济平稳较快发展。\n",
    "mid-2011.txt": "2011年的讲话\n——2011年3月5日\n　　继续深化改革开放，促进经济平稳较快发展。\n",
    "new-2012a.txt": "2012年的讲话\n——2012年3月5日\n　　深入推进供给侧结构性改革，培育发展新动能。\n"
                     "　　推进供给侧结构性改革，要坚持稳中求进，推动大众创业。\n　　发展新动能是关键，互联网加行动要落实。\n",
    "new-2012b.txt": "2012年的另一篇讲话\n——2012年7月1日\n　　供给侧结构性改革取得进展，发展新动能不断增强，互联网加行动有力推进。\n",
    "later-2013.txt": "2013年的讲话\n——2013年3月5日\n　　供给侧结构性改革要深化，发展新动能要培育。\n",
    "undated.txt": "没有日期的讲话\n　　互联网加行动计划早已提出。\n",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    base = tmp_path_factory.mktemp("firsts")
    corpus = base / "corpus"
    corpus.mkdir()
    for name, text in SPEECHES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    searchkit.update_index([corpus], base / "ix")
    with searchkit.open_index(base / "ix") as index:
        yield index


def when(entry: dict) -> str | None:
    return entry.get("date") or (str(entry["year"]) if entry.get("year") else None)


def check_by_brute_force(index, result, min_count=2, **given):
    """Every first's figures, recounted over every paragraph of the index with str.count."""
    period = Filters.of(since=result.since, until=result.until, **given)
    paragraphs = [(p, normalize(p.text), index.manifest[p.speech_id]) for p in index.paragraphs()]
    earlier = [text for p, text, entry in paragraphs if not when(entry) or when(entry)[: len(result.since)] < result.since[: len(when(entry))]]
    inside = [(p, text, entry) for p, text, entry in paragraphs if period.matches(entry)]
    later = [text for p, text, entry in paragraphs if when(entry) and when(entry)[: len(result.since)] >= result.since[: len(when(entry))]]
    assert result.paragraphs == len(inside)
    for f in result.firsts:
        assert all(text.count(f.term) == 0 for text in earlier), f.term  # never before, nor undated
        uses = [(p, text, entry) for p, text, entry in inside if f.term in text]
        assert f.count == sum(text.count(f.term) for _, text, _ in uses), f.term
        assert f.paragraphs == len(uses) and f.speeches == len({p.speech_id for p, _, _ in uses})
        first = min(uses, key=lambda use: (when(use[2]), use[0].speech_id, use[0].paragraph))[0]
        assert (f.first_speech_id, f.first_paragraph, f.first_date) == (first.speech_id, first.paragraph, first.date)
        assert f.count_since == sum(text.count(f.term) for text in later)
        assert f.count >= min_count


def test_new_formulations_of_a_period_counted_exactly(small):
    result = firsts(small, since="2012", until="2012", limit=None)
    terms = {f.term: f for f in result.firsts}
    assert "供给侧结构性改革" in terms and "发展新动能" in terms
    assert "大众创业" not in terms  # said in 2010
    assert "互联网加" not in terms and "互联网加行动" not in terms  # an undated speech has it: maybe older
    reform = terms["供给侧结构性改革"]
    assert (reform.count, reform.paragraphs, reform.speeches, reform.count_since) == (3, 3, 2, 4)
    assert (reform.first_speech_id, reform.first_paragraph, reform.first_date) == ("new-2012a", 3, "2012-03-05")
    assert (result.speeches, result.earlier_speeches, result.undated_speeches) == (2, 2, 1)
    check_by_brute_force(small, result)


def test_pieces_of_a_longer_formulation_give_way_to_it(small):
    terms = [f.term for f in firsts(small, since="2012", until="2012", limit=None).firsts]
    assert "供给侧" not in terms and "结构性改革" not in terms  # always inside 供给侧结构性改革 here


def test_the_period_defaults_to_the_newest_year_and_filters_narrow_it(small):
    newest = firsts(small, limit=None)
    assert newest.since == "2013" and newest.speeches == 1
    check_by_brute_force(small, newest)
    one = firsts(small, since="2012", until="2012", title="另一篇", min_count=1, limit=None)
    assert one.speeches == 1 and all(f.first_speech_id == "new-2012b" for f in one.firsts)
    check_by_brute_force(small, one, min_count=1, title="另一篇")
    assert firsts(small, since="2012", until="2012", min_count=3, limit=None).firsts[0].term == "供给侧结构性改革"


@pytest.mark.parametrize("kwargs, message", [
    ({"since": "2030"}, "no speech in the period"),
    ({"since": "2012-13"}, "--since takes a real date"),
    ({"min_count": 0}, "--min-count must be 1 or more"),
])
def test_bad_periods_say_what_to_do(small, kwargs, message):
    with pytest.raises(searchkit.QueryError, match=message):
        firsts(small, **kwargs)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    if not GOV_REPORTS.is_dir():
        pytest.skip(missing(GOV_REPORTS))
    index_dir = tmp_path_factory.mktemp("firsts-gov") / "ix"
    searchkit.update_index(sorted(GOV_REPORTS.glob("201[3-7]*.txt")), index_dir)
    with searchkit.open_index(index_dir) as index:
        yield index


def test_work_reports_by_brute_force(reports):
    """2017 against 2013–2016: 三去一降一补 and 习近平同志为核心 (5 times) are new; 供给侧结构性改革 was
    2016's. 2015 against 2013–2014: 新常态 and 万众创新, counted since in 2016 and 2017 too."""
    latest = firsts(reports, limit=None)
    assert latest.since == "2017" and latest.earlier_speeches == 4
    terms = {f.term: f for f in latest.firsts}
    assert terms["习近平同志为核心"].count == 5 and "三去一降一补" in terms and "供给侧结构性改革" not in terms
    check_by_brute_force(reports, latest)
    middle = firsts(reports, since="2015", until="2015", limit=None)
    terms = {f.term: f for f in middle.firsts}
    assert "新常态" in terms and "万众创新" in terms and terms["新常态"].count_since > terms["新常态"].count
    check_by_brute_force(reports, middle)


def test_cli_json_csv_and_terminal(small):
    index_dir = str(small.path)
    result = runner.invoke(app, ["firsts", "--since", "2012", "--until", "2012", "--json", "-n", "0", "--index", index_dir])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    expected = firsts(small, since="2012", until="2012", limit=None)
    assert lines[:-1] == [f.to_dict() for f in expected.firsts]
    assert lines[-1]["since"] == "2012" and lines[-1]["speeches"] == 2 and "firsts" not in lines[-1]
    assert {"term", "count", "paragraphs", "first_date", "first_speech_id", "first_paragraph"} <= set(lines[0])
    table = runner.invoke(app, ["firsts", "--since", "2012", "--until", "2012", "--csv", "--index", index_dir])
    assert table.stdout.splitlines()[0].startswith("term,count,paragraphs,speeches,count_since,first_date")
    shown = runner.invoke(app, ["firsts", "--since", "2012", "--until", "2012", "--index", index_dir])
    assert shown.exit_code == 0 and "供给侧结构性改革" in shown.stdout and "new-2012a ¶3" in shown.stdout
    assert max(cell_len(line) for line in shown.stdout.splitlines()) <= 80
    bad = runner.invoke(app, ["firsts", "--since", "2030", "--index", index_dir])
    assert bad.exit_code == 2 and bad.stderr.startswith("searchkit: no speech in the period")


def test_web_page_and_api(small):
    from starlette.testclient import TestClient

    from searchkit.web import create_app
    from searchkit.web.present import speech_url

    client = TestClient(create_app(small.path), base_url="http://127.0.0.1:8765")
    expected = firsts(small, since="2012", until="2012", limit=100)
    assert client.get("/api/firsts", params={"since": "2012", "until": "2012"}).json() == expected.to_dict()
    page = client.get("/firsts", params={"since": "2012", "until": "2012"})
    assert page.status_code == 200
    rows = re.findall(r'<a class="term" href="([^"]*)">([^<]*)</a></td><td>(\d+)</td>.*?<a class="first" href="([^"]*)"', page.text, re.S)
    assert [(term, int(count)) for _, term, count, _ in rows] == [(f.term, f.count) for f in expected.firsts]
    trend, term, _, first = rows[0]
    f = expected.firsts[0]
    assert unescape(trend) == url("/trend", {"terms": f.term})
    assert unescape(first) == speech_url(f.first_speech_id, {"q": f.term, "exact": 1, "p": f.first_paragraph}, f.first_paragraph)
    reader = client.get(unescape(first)).text  # the first use, its formulation marked
    marked = re.search(rf'<p id="p{f.first_paragraph}" class="para hit">.*?</p>', reader, re.S).group(0)
    assert re.search(rf"<mark[^>]*>{f.term}</mark>", marked)
    bad = client.get("/firsts", params={"since": "2030"})
    assert bad.status_code == 400 and "no speech in the period" in bad.text
