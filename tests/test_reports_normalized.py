"""trend's occurrences, characters and rate per 10,000 characters, checked against brute force; the
--measure bars and the --plot chart (PNG and SVG, matplotlib)."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from typer.testing import CliRunner

from searchkit import QueryError
from searchkit.text import normalize
from searchkit.cli import app
from searchkit.language.plot import plot_trend
from searchkit.language.reports import UNKNOWN, kwic, trend

from language_fixtures import scope_paragraphs

runner = CliRunner()


def count_overlapping(haystack: str, needle: str) -> int:
    found, start = 0, haystack.find(needle)
    while start >= 0:
        found += 1
        start = haystack.find(needle, start + 1)
    return found


def brute_force(index, term, by="year", **filters):
    """group → (occurrences, chars) over every paragraph of the speeches searched."""
    speeches = {s.speech_id: s for s in index.speeches(sort="id")}
    totals = defaultdict(lambda: [0, 0])
    for p in scope_paragraphs(index, **filters):
        s = speeches[p.speech_id]
        value = s.year if by == "year" else s.speaker
        group = totals[str(value) if value else UNKNOWN]
        group[0] += count_overlapping(normalize(p.text), normalize(term))
        group[1] += len(p.text)
    return totals


@pytest.mark.parametrize("by", ["year", "speaker"])
@pytest.mark.parametrize("term", ["改革", "互联网", "学习", "電子商務"])
def test_occurrences_and_chars_equal_brute_force(small_index, term, by):
    expected = brute_force(small_index, term, by)
    rows = trend(small_index, [term], by=by)
    assert {r.group: (r.occurrences, r.chars) for r in rows} == {g: tuple(v) for g, v in expected.items()}
    for r in rows:
        assert r.per_10k_chars == pytest.approx(r.occurrences * 10_000 / r.chars, abs=1e-3)
        assert r.occurrences >= r.paragraphs >= r.speeches


def test_occurrences_equal_kwic_lines(small_index):
    for term in ("改革", "学习"):  # 学习学习再学习: touching occurrences are each counted
        assert sum(r.occurrences for r in trend(small_index, [term])) == len(kwic(small_index, term))


def test_filters_shrink_the_characters_too(small_index):
    expected = brute_force(small_index, "改革", since="2014")
    rows = trend(small_index, ["改革"], since="2014")
    assert {r.group: (r.occurrences, r.chars) for r in rows} == {g: tuple(v) for g, v in expected.items()}


def test_gov_rates_equal_brute_force(gov_index):
    expected = brute_force(gov_index, "创新", since="2008")
    rows = trend(gov_index, ["创新"], since="2008")
    assert {r.group: (r.occurrences, r.chars) for r in rows} == {g: tuple(v) for g, v in expected.items()}
    by_year = {r.group: r for r in rows}
    # The 2016 report mentions 创新 most often per character of the decade.
    assert max(by_year.values(), key=lambda r: r.per_10k_chars).group == "2016"


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_plot_writes_the_format_its_suffix_names(small_index, tmp_path, suffix, magic):
    path = plot_trend(trend(small_index, ["改革", "互联网"]), tmp_path / f"chart{suffix}")
    assert path.read_bytes().startswith(magic)
    if suffix == ".svg":  # text stays text: both terms are in the legend
        svg = path.read_text(encoding="utf-8")
        assert "改革" in svg and "互联网" in svg and "per 10,000 characters" in svg


def test_plot_bad_input(small_index, tmp_path):
    rows = trend(small_index, ["改革"])
    with pytest.raises(QueryError, match="--plot writes"):
        plot_trend(rows, tmp_path / "chart.jpg")
    with pytest.raises(QueryError, match="--measure"):
        plot_trend(rows, tmp_path / "chart.png", measure="words")


def test_cli_rows_plot_and_measure(small_index, tmp_path):
    ix = str(small_index.path)
    result = runner.invoke(app, ["trend", "改革", "--json", "--index", ix])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [r.to_dict() for r in trend(small_index, ["改革"])]
    assert set(rows[0]) == {"term", "group", "speeches", "paragraphs", "occurrences", "chars", "per_10k_chars"}
    result = runner.invoke(app, ["trend", "改革", "--csv", "--index", ix])
    assert result.stdout.splitlines()[0] == "term,group,speeches,paragraphs,occurrences,chars,per_10k_chars"
    chart = tmp_path / "trend.png"
    result = runner.invoke(app, ["trend", "改革", "互联网", "--plot", str(chart), "--measure", "per_10k_chars", "--index", ix])
    assert result.exit_code == 0 and chart.read_bytes().startswith(b"\x89PNG")
    assert "bars: per 10k chars" in result.stdout
    for args in (["--plot", str(tmp_path / "x.gif")], ["--measure", "words"]):
        result = runner.invoke(app, ["trend", "改革", *args, "--index", ix])
        assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "x.gif").exists()
