"""`search --facets`, `collocates` and `compare` through typer's CliRunner: the same figures as the
library, in the terminal, JSON and CSV; bad input is one line and exit 2."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from searchkit.cli import app
from searchkit.language import collocates, compare


runner = CliRunner()
WIDE = {"COLUMNS": "200"}


@pytest.fixture(scope="module")
def ix(small_index):
    return small_index.path


def run(ix, *args):
    return runner.invoke(app, [str(a) for a in args] + ["--index", str(ix)], env=WIDE)


def ok(ix, *args):
    result = run(ix, *args)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def test_search_json_ends_with_the_facets(ix, small_index):
    lines = [json.loads(line) for line in ok(ix, "search", "互联网", "--facets", "year,speaker", "--json", "-n", "2").splitlines()]
    assert len(lines) == 3 and "speech_id" in lines[0]
    facets = lines[-1]["facets"]
    assert list(facets) == ["year", "speaker"]
    assert facets["year"] == [f.to_dict() for f in small_index.facets("互联网", by="year")]
    assert sum(row["paragraphs"] for row in facets["speaker"]) == small_index.count("互联网")


def test_search_prints_the_facets_after_the_hits(ix, small_index):
    out = ok(ix, "search", "互联网", "--facets", "speaker", "-n", "1")
    assert out.index("  speaker  paragraphs  speeches") > out.index("互联网")
    for row in small_index.facets("互联网", by="speaker"):
        assert any(line.split() == [row.group, str(row.paragraphs), str(row.speeches)] for line in out.splitlines())


def test_search_without_facets_prints_none(ix):
    assert "  year  paragraphs" not in ok(ix, "search", "互联网")
    assert not any("facets" in line for line in ok(ix, "search", "互联网", "--json").splitlines())


def test_facets_usage_errors_are_one_line(ix):
    for args in (("--facets", "month"), ("--facets", "year", "--csv")):
        result = run(ix, "search", "互联网", *args)
        assert result.exit_code == 2 and "--facets" in result.output and "Traceback" not in result.output


def test_collocates_json_and_csv_equal_the_library(ix, small_index):
    expected = collocates(small_index, "改革", window=6, min_count=1, limit=None)
    data = json.loads(ok(ix, "collocates", "改革", "--window", "6", "--min-count", "1", "-n", "0", "--json"))
    assert data == expected.to_dict()
    rows = list(csv.DictReader(io.StringIO(ok(ix, "collocates", "改革", "-w", "6", "--min-count", "1", "-n", "0", "--csv"))))
    assert [(r["word"], int(r["cooccurrences"])) for r in rows] == [(c.word, c.cooccurrences) for c in expected.collocates]
    out = ok(ix, "collocates", "改革", "-w", "6", "--min-count", "1")
    assert f"{expected.occurrences} occurrences" in out and expected.collocates[0].word in out


def test_compare_json_csv_and_terminal(ix, small_index):
    expected = compare(small_index, {"until": "2010"}, {"since": "2013"}, min_count=2, limit=None)
    args = ("compare", "--a", "until=2010", "--b", "since=2013", "--min-count", "2", "-n", "0")
    assert json.loads(ok(ix, *args, "--json")) == expected.to_dict()
    rows = list(csv.DictReader(io.StringIO(ok(ix, *args, "--csv"))))
    assert [(r["word"], int(r["count_a"]), int(r["count_b"])) for r in rows] == [
        (k.word, k.count_a, k.count_b) for k in expected.keywords]
    out = ok(ix, *args)
    assert "A = until=2010" in out and expected.keywords[0].word in out


def test_compare_bad_scopes_are_usage_errors(ix):
    for a in ("sinc=2003", "since=20x3"):
        result = run(ix, "compare", "--a", a, "--b", "since=2013")
        assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    result = run(ix, "compare", "--a", "speaker=无此人", "--b", "since=2013")
    assert result.exit_code == 2 and "part A holds no speeches" in result.output
