"""The browsing commands (search filters and sort, list, trend, kwic, show) through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import searchkit
from searchkit.cli import HIT_COLUMNS, app
from cli_json import json_lines, search_json  # noqa: F401
from searchkit.language.reports import trend

from test_filters import build_index

runner = CliRunner()
WIDE = {"COLUMNS": "200"}  # rich would otherwise fold table cells at 80 columns


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    return build_index(tmp_path_factory, "cli")


def run(ix, *args, env=None):
    return runner.invoke(app, [str(a) for a in args] + ["--index", str(ix)], env=env)


def ok(ix, *args, env=None):
    result = run(ix, *args, env=env)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout




def csv_rows(output):
    return list(csv.DictReader(io.StringIO(output)))


# -- search ----------------------------------------------------------------------------------------


def test_search_speaker_filter(ix):
    hits = json_lines(ok(ix, "search", "改革", "--speaker", "李克強", "--json", "-n", "50"))
    assert {h["speech_id"] for h in hits} == {"gov-2014", "gov-2015"}
    assert all(h["speaker"] == "李克强" for h in hits)


def test_search_since_until(ix):
    hits = json_lines(ok(ix, "search", "改革", "--since", "2014-03", "--until", "2014-11-09", "--json", "-n", "50"))
    assert {h["speech_id"] for h in hits} == {"gov-2014", "cppcc-2014-03-05", "xinhua-2014-03-20", "apec-2014"}
    assert all("2014-03-01" <= h["date"] <= "2014-11-09" for h in hits)
    text = ok(ix, "search", "改革", "--since", "2015")
    assert "2 paragraphs match" in text and "2008" not in text


@pytest.mark.parametrize("sort, reverse", [("date", False), ("-date", True)])
def test_search_sort_by_date(ix, sort, reverse):
    hits = json_lines(ok(ix, "search", "改革", "--sort", sort, "--since", "2011", "--json", "-n", "50"))
    assert len(hits) == 10
    dates = [h["date"] for h in hits]
    assert dates == sorted(dates, reverse=reverse)
    relevance = {(h["speech_id"], h["paragraph"]): h["score"] for h in json_lines(ok(ix, "search", "改革", "--since", "2011", "--json", "-n", "50"))}
    assert [h["score"] for h in hits] == [relevance[(h["speech_id"], h["paragraph"])] for h in hits] and hits[0]["score"] > 0
    page = json_lines(ok(ix, "search", "改革", "--sort", sort, "--since", "2011", "--json", "-n", "3", "--offset", "2"))
    assert page == hits[2:5]


def test_search_csv(ix):
    rows = csv_rows(ok(ix, "search", "互联网", "--csv", "--speaker", "李克强", "-n", "50"))
    assert rows and list(rows[0]) == HIT_COLUMNS
    for row in rows:
        assert row["speaker"] == "李克强"
        spans = json.loads(row["matches"])
        assert spans and all(row["text"][s:e] == "互联网" for s, e in spans)


def test_search_with_a_filter_admitting_no_speech_prints_no_hit(ix):
    hits, summary = search_json(ok(ix, "search", "改革", "--speaker", "nobody", "--json"))
    assert hits == [] and summary["total"] == 0 and summary["unfiltered"] > 0


# -- list ------------------------------------------------------------------------------------------


def test_list_table(ix):
    text = ok(ix, "list", env=WIDE)
    for expected in ("李克强", "温家宝", "习近平", "張高麗", "2014年政府工作报告", "关于互联网发展的讲话",
                     "2014-03-05", "talk-2010", "11 speeches"):
        assert expected in text
    lines = text.splitlines()
    assert lines[0].split() == ["date", "speaker", "title", "paragraphs", "speech_id"]
    assert "2010" in next(line for line in lines if "talk-2010" in line)  # a year-only speech shows its year
    assert not [line for line in lines if line != line.rstrip()]  # piped: no padding at line ends
    text = ok(ix, "list", "--speaker", "温家宝", env=WIDE)
    assert "2 speeches" in text and "李克强" not in text


def test_list_json(ix):
    listed = json_lines(ok(ix, "list", "--json", "--sort", "-date", "--since", "2014"))
    assert [s["speech_id"] for s in listed] == [
        "people-2016-12-01", "gov-2015", "apec-2014", "xinhua-2014-03-20", "cppcc-2014-03-05", "gov-2014"]
    assert set(listed[0]) == {"speech_id", "title", "speaker", "date", "year", "venue", "source", "paragraphs"}
    assert listed[0]["year"] == 2016 and listed[0]["paragraphs"] == 3
    by_speaker = json_lines(ok(ix, "list", "--json", "--sort", "speaker", "--title", "政府工作报告"))
    assert [(s["speaker"], s["speech_id"]) for s in by_speaker] == [
        ("李克强", "gov-2014"), ("李克强", "gov-2015"), ("温家宝", "gov-2008")]


def test_list_csv(ix):
    output = ok(ix, "list", "--csv", "--source", "新华网")
    assert output.splitlines()[0] == "speech_id,date,year,speaker,title,venue,paragraphs,source"
    assert [row["speech_id"] for row in csv_rows(output)] == ["cppcc-2014-03-05", "xinhua-2014-03-20"]


# -- trend -----------------------------------------------------------------------------------------


def test_trend_json_rows_equal_the_api(ix):
    rows = json_lines(ok(ix, "trend", "改革开放", '"发展电子商务"', "--json"))
    with searchkit.open_index(ix) as index:
        assert rows == [r.to_dict() for r in trend(index, ["改革开放", '"发展电子商务"'])]
    assert [r["group"] for r in rows[:7]] == ["2008", "2010", "2013", "2014", "2015", "2016", "?"]
    assert {r["group"]: (r["speeches"], r["paragraphs"]) for r in rows if r["term"] == "改革开放"}["2014"] == (3, 4)


def test_trend_csv_and_by_speaker(ix):
    output = ok(ix, "trend", "互联网", "--csv", "--by", "speaker", "--since", "2014")
    assert output.splitlines()[0] == "term,group,speeches,paragraphs,occurrences,chars,per_10k_chars"
    rows = {row["group"]: (int(row["speeches"]), int(row["paragraphs"])) for row in csv_rows(output)}
    assert rows == {"习近平": (1, 1), "俞正声": (0, 0), "李克强": (2, 3), "韩正": (1, 1), "马凯": (1, 2)}


def test_trend_terminal_bars(ix):
    text = ok(ix, "trend", "改革开放", "互联网")
    assert "█" in text and "2014" in text and "互联网" in text
    bars = {line.split()[0]: line.count("█") for line in text.splitlines() if line[:4].isdigit()}
    assert bars["2014"] > bars["2015"] > 0  # 改革开放: 4 paragraphs in 2014, 1 in 2015


# -- kwic ------------------------------------------------------------------------------------------


def test_kwic_json(ix):
    lines = json_lines(ok(ix, "kwic", "改革开放", "--json", "--since", "2011"))
    assert len(lines) == 6
    assert all(line["match"] in ("改革开放", "改革開放") for line in lines)
    assert set(lines[0]) == {"speech_id", "paragraph", "date", "speaker", "left", "match", "right"}
    assert [line["date"] for line in lines] == sorted(line["date"] for line in lines)
    assert len(json_lines(ok(ix, "kwic", "改革开放", "--json", "-n", "3"))) == 3


def test_kwic_csv_and_width(ix):
    output = ok(ix, "kwic", "互联网", "--csv", "--width", "4")
    assert output.splitlines()[0] == "speech_id,paragraph,date,speaker,left,match,right"
    rows = csv_rows(output)
    assert len(rows) == 9
    # 互联网+ leaves a right context "+…", which a spreadsheet would take for a formula: it gets a quote.
    assert "'+" in {r["right"][:2] for r in rows}
    rows = [{k: v[1:] if v[:2] in ("'+", "'-", "'=", "'@") else v for k, v in r.items()} for r in rows]
    assert all(len(r["left"]) <= 4 and len(r["right"]) <= 4 and r["match"] in ("互联网", "互聯網") for r in rows)
    assert any(len(r["left"]) == 4 for r in rows)


def test_kwic_terminal(ix):
    text = ok(ix, "kwic", "电子商务", "-w", "5")
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 4
    assert all("电子商务" in line or "電子商務" in line for line in lines)
    assert any("gov-2014 ¶8" in line and "2014-03-05 · 李克强" in line for line in lines)


# -- show ------------------------------------------------------------------------------------------


def test_show_header(ix):
    text = ok(ix, "show", "gov-2014")
    header = {line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip() for line in text.splitlines()[:7] if ":" in line}
    assert header["speaker"] == "李克强" and header["date"] == "2014-03-05" and header["title"] == "2014年政府工作报告"
    assert header["paragraphs"] == "8"
    text = ok(ix, "show", "trad-reform")
    assert "speaker:" not in text and "date:" not in text and "關於深化改革的講話" in text


# -- usage errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("search", "改革", "--sort", "speaker"),
    ("search", "改革", "--since", "2014-1"),
    ("search", "改革", "--until", "abc"),
    ("list", "--sort", "relevance"),
    ("list", "--since", "yesterday"),
    ("trend", "改革", "--by", "month"),
    ("trend", "改革", "--since", "2014年"),
    ("kwic", "改革", "--until", "20140305"),
    ("kwic", "改革", "--width", "-1"),
    ("search", "改革", "--limit", "many"),
])
def test_usage_errors_exit_2_with_one_line(ix, args):
    result = run(ix, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("searchkit: ") and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_list_counts_one_speech_in_the_singular(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "talk.txt").write_text("关于就业的讲话\n　　我们要促进就业。\n", encoding="utf-8")
    searchkit.update_index([folder], tmp_path / "ix")
    result = run(tmp_path / "ix", "list", env=WIDE)
    assert result.exit_code == 0 and result.output.rstrip().endswith("\n1 speech")


def test_show_suggests_the_ids_a_shortened_id_may_mean(ix):
    result = runner.invoke(app, ["show", "gov-201", "--index", ix])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "did you mean gov-2014" in result.stderr
    result = runner.invoke(app, ["show", "no-such-speech", "--index", ix])
    assert result.exit_code == 1 and "`searchkit list` shows the ids" in result.stderr
