"""`diff` from the terminal and the browser: --json (one object per item, then the summary), --csv, a
terminal view that fits 80 columns, one-line errors; the side-by-side page, its API, the reader's
"compare with…" link, and document text escaped."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

from rich.cells import cell_len
from typer.testing import CliRunner

from searchkit.cli import app
from searchkit.web.present import speech_url
from web_samples import XSS_ID
from web_samples import client, index, index_dir  # noqa: F401  (module fixtures: one web index per module)

runner = CliRunner()


def run(index_dir, *args):
    return runner.invoke(app, ["diff", *map(str, args), "--index", str(index_dir)])


def test_json_has_one_object_per_item_then_the_summary(index_dir, index):
    result = run(index_dir, "gov-2014", "gov-2015", "--json")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    items, summary = lines[:-1], lines[-1]
    expected = index.diff("gov-2014", "gov-2015")
    assert items == [x.to_dict() for x in expected.items] and summary == expected.summary()
    assert summary["a"]["speech_id"] == "gov-2014" and summary["b"]["date"] == "2015-03-05"
    for side, count in (("a", len(index.speech("gov-2014"))), ("b", len(index.speech("gov-2015")))):
        assert sorted(x[f"{side}_paragraph"] for x in items if x[f"{side}_paragraph"] is not None) == list(range(1, count + 1))
    assert {"kind", "a_paragraph", "b_paragraph", "changes"} <= set(items[0])
    reworded = next(x for x in items if x["kind"] == "reworded")
    for c in reworded["changes"]:
        assert set(c) == {"op", "a_start", "a_end", "b_start", "b_end"}
    assert summary["kept"] + summary["reworded"] + summary["added"] + summary["moved"] == summary["b_paragraphs"]


def test_only_and_csv(index_dir, index):
    result = run(index_dir, "gov-2014", "gov-2015", "--csv", "--only", "added,reworded")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = [x for x in index.diff("gov-2014", "gov-2015").items if x.kind in ("added", "reworded")]
    assert [(r["kind"], r["b_paragraph"]) for r in rows] == [(x.kind, str(x.b_paragraph)) for x in expected]
    assert json.loads(rows[0]["changes"]) == [c.to_dict() for c in expected[0].changes]
    bad = run(index_dir, "gov-2014", "gov-2015", "--only", "new")
    assert bad.exit_code == 2 and bad.stderr.startswith("searchkit: --only takes kinds from kept")


def test_the_terminal_view_fits_80_columns_and_marks_the_changes(index_dir, index):
    result = run(index_dir, "gov-2014", "gov-2015")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80 and not any(line != line.rstrip() for line in lines)
    assert lines[0].startswith("A  gov-2014") and "of B is new wording" in result.stdout
    # Piped, without colours, the changes are marked as wdiff marks them.
    reworded = next(x for x in index.diff("gov-2014", "gov-2015").items if x.kind == "reworded" and x.changes)
    change = reworded.changes[0]
    if change.a_end > change.a_start:
        assert f"[-{reworded.a_text[change.a_start:change.a_end]}" in result.stdout.replace("\n    ", "")
    else:
        assert f"{{+{reworded.b_text[change.b_start:change.b_end]}" in result.stdout.replace("\n    ", "")


def test_unknown_speeches_fail_in_one_line(index_dir):
    result = run(index_dir, "gov-2014", "gov-1999")
    assert result.exit_code == 1
    assert result.stderr.startswith("searchkit: no speech 'gov-1999'") and result.stderr.count("\n") == 1


def test_api_equals_the_library(client, index):
    body = client.get("/api/diff", params={"a": "gov-2014", "b": "gov-2015"}).json()
    assert body == index.diff("gov-2014", "gov-2015").to_dict()
    assert client.get("/api/diff", params={"a": "gov-2014"}).status_code == 400
    assert client.get("/api/diff", params={"a": "gov-2014", "b": "nope"}).status_code == 404


def test_page_shows_both_sides_with_the_changes_marked(client, index):
    html = client.get("/diff", params={"a": "gov-2014", "b": "gov-2015"}).text
    result = index.diff("gov-2014", "gov-2015")
    rows = re.findall(r'<div class="diff-row (\w+)">\s*<div class="side a">(.*?)</div>\s*<div class="side b">(.*?)</div>', html, re.S)
    assert [kind for kind, _, _ in rows] == [x.kind for x in result.items]
    for (_, left, right), x in zip(rows, result.items):
        deleted = [unescape(m) for m in re.findall(r"<del>(.*?)</del>", left)]
        inserted = [unescape(m) for m in re.findall(r"<ins>(.*?)</ins>", right)]
        assert deleted == [x.a_text[c.a_start:c.a_end] for c in x.changes if c.a_end > c.a_start]
        assert inserted == [x.b_text[c.b_start:c.b_end] for c in x.changes if c.b_end > c.b_start]
    assert f"{result.counts['reworded']}</span>" in html


def test_the_reader_links_to_a_comparison_that_offers_the_likeliest_speeches(client):
    reader = client.get(speech_url("gov-2014")).text
    link = unescape(re.search(r'<a id="compare-link" href="([^"]*)"', reader).group(1))
    page = client.get(link)
    assert page.status_code == 200
    offered = [unescape(t) for t in re.findall(r'<ul class="offers">.*?</ul>', page.text, re.S)[0].split("<li>")[1:]]
    assert "2015年政府工作报告" in offered[0] and "2008年政府工作报告" in offered[1]  # the same report, nearest year first
    first = unescape(re.search(r'<ul class="offers">\s*<li><a href="([^"]*)"', page.text).group(1))
    assert client.get(first).status_code == 200


def test_document_text_is_escaped(client):
    page = client.get("/diff", params={"a": XSS_ID, "b": "gov-2014"})
    assert page.status_code == 200
    assert "<script>window" not in page.text and "onerror=\"window" not in page.text
    assert "&lt;script&gt;window.__xss=&#39;text&#39;&lt;/script&gt;" in page.text
