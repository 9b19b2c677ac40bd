"""The terminal as people type: words without quotes, -word, pipes that close early, help, version, narrow
terminals. Pipes are real (a subprocess), the rest goes through typer's CliRunner."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import searchkit
from samples import REPO, SPEECH, TRADITIONAL
from searchkit.cli import render
from cli_json import json_lines
from searchkit.cli import app

runner = CliRunner()
LONG_ID = "1954政府工作报告_周恩来_在中华人民共和国第一届全国人民代表大会第一次会议上"


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    base = tmp_path_factory.mktemp("terminal")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "speech.txt").write_text(SPEECH, encoding="utf-8")
    (corpus / "traditional.txt").write_text(TRADITIONAL, encoding="utf-8")
    (corpus / f"{LONG_ID}.txt").write_text("关于一九五四年的政府工作报告\n　　我们要发展电子商务。\n" * 3, encoding="utf-8")
    searchkit.update_index([corpus], base / "ix")
    return base / "ix"


def run(ix, *args, env=None):
    return runner.invoke(app, [*map(str, args), "--index", str(ix)], env=env)


def hits(result):
    assert result.exit_code == 0, result.output
    return [(h["speech_id"], h["paragraph"]) for h in json_lines(result.stdout)]


# -- query words -----------------------------------------------------------------------------------


def test_words_typed_without_quotes_are_one_query(ix):
    typed = hits(run(ix, "search", "电子商务", "就业", "--json"))
    assert typed == hits(run(ix, "search", "电子商务 就业", "--json"))
    assert sorted(typed) == [("speech", 3), ("traditional", 2)]


def test_a_minus_word_that_is_no_option_excludes(ix):
    typed = hits(run(ix, "search", "电子商务", "-就业", "--json"))
    assert typed == hits(run(ix, "search", "电子商务 -就业", "--json"))
    assert ("speech", 3) not in typed and ("speech", 1) in typed
    # before the words too, and with options on either side
    assert hits(run(ix, "search", "-n", "50", "-就业", "电子商务", "--json")) == hits(run(ix, "search", "-就业 电子商务", "--json", "-n", "50"))


def test_real_options_still_parse_among_words(ix):
    assert len(hits(run(ix, "search", "电子商务", "-n1", "--json"))) == 1
    assert len(hits(run(ix, "search", "-n", "2", "电子商务", "--json"))) == 2
    unknown = run(ix, "search", "电子商务", "--jsn")
    assert unknown.exit_code == 2 and "No such option: --jsn" in unknown.stderr


# -- messages ----------------------------------------------------------------------------------------


def test_limit_zero_gives_the_count(ix):
    result = run(ix, "search", "电子商务", "-n", "0")
    assert result.exit_code == 0, result.output
    every = hits(run(ix, "search", "电子商务", "--json", "-n", "100"))
    assert result.stdout.strip() == f"{len(every)} paragraphs match 电子商务." and len(every) > 1


def test_filters_that_remove_every_hit_say_so(ix):
    result = run(ix, "search", "电子商务", "--since", "2030", "--speaker", "李克强")
    assert result.exit_code == 0, result.output
    every = hits(run(ix, "search", "电子商务", "--json", "-n", "100"))
    assert result.stdout.strip() == f"{len(every)} paragraphs match 电子商务; none with speaker 李克强, since 2030."
    assert "No paragraphs match" in run(ix, "search", "不存在的词").stdout


def test_help_keeps_defaults_env_var_and_plain_flags():
    text = runner.invoke(app, ["search", "--help"]).stdout
    assert "[env var: SEARCHKIT_INDEX; default: (indexes/speeches)]" in " ".join(text.split())
    assert "[default: 10]" in text and "[default: relevance]" in text
    assert "<bool>" not in text and re.search(r"^\s+--json\s+Machine-readable", text, re.M)


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"searchkit {searchkit.__version__}\n"


# -- list: ids are never cut -------------------------------------------------------------------------


def test_piped_list_keeps_whole_ids_and_show_takes_them(ix):
    listed = run(ix, "list", env={"COLUMNS": "80"})
    assert listed.exit_code == 0 and "…" not in listed.stdout
    ids = [line.split()[-1] for line in listed.stdout.splitlines()[1:-1]]
    assert LONG_ID in ids
    for speech_id in ids:
        assert run(ix, "show", speech_id).exit_code == 0


@pytest.mark.parametrize("width", [80, 60])
def test_list_in_a_narrow_terminal_wraps_ids_and_stays_in_width(ix, monkeypatch, width):
    from rich.cells import cell_len

    screen = io.StringIO()
    monkeypatch.setattr(render, "console", lambda stderr=False: render._Console(
        file=screen, force_terminal=True, width=width, color_system=None, highlight=False, soft_wrap=True))
    with searchkit.open_index(ix) as index:
        render.print_speech_list(index.speeches())
    lines = screen.getvalue().splitlines()
    assert all(cell_len(line) <= width for line in lines)
    assert "…" not in screen.getvalue()
    assert any(line.rstrip().endswith("speech_id") for line in lines[:1])
    assert "traditional" in screen.getvalue() and "speech" in screen.getvalue()
    # the long id wraps: its pieces, read down the id column, make the whole id
    column_start = cell_len(lines[0][:lines[0].index("speech_id")])
    pieces = []
    for line in lines[1:-1]:
        cells, piece = 0, ""
        for char in line:
            if cells >= column_start:
                piece += char
            cells += cell_len(char)
        pieces.append(piece.strip())
    assert LONG_ID in "".join(pieces)


# -- pipes that close early --------------------------------------------------------------------------


def _into_closed_pipe(args):
    """Run searchkit with stdout a pipe nobody reads any more (as after `| head` has quit)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        done = subprocess.run([sys.executable, "-m", "searchkit", *map(str, args)], stdout=write_end,
                              stderr=subprocess.PIPE, env=env, timeout=120)
    finally:
        os.close(write_end)
    return done.returncode, done.stderr.decode()


@pytest.mark.parametrize("command", [["list"], ["search", "电子商务"], ["kwic", "电子商务"], ["show", "speech"],
                                     ["export"], ["search", "电子商务", "--json"]], ids=" ".join)
def test_a_closed_pipe_ends_quietly_with_exit_0(ix, command):
    code, stderr = _into_closed_pipe([*command, "--index", ix])
    assert (code, stderr) == (0, "")


def test_head_reads_the_first_lines(ix):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    shell = f"{sys.executable} -m searchkit list --index '{ix}' | head -1; echo \"rc=${{PIPESTATUS[0]}}\""
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, env=env, timeout=120)
    assert done.stdout.splitlines()[-1] == "rc=0" and done.stderr == ""


def test_trend_and_kwic_take_words_typed_without_quotes(ix):
    def rows(*args):
        result = run(ix, *args, "--json")
        assert result.exit_code == 0, result.output
        return json_lines(result.stdout)

    near = rows("trend", "电子商务", "NEAR/5", "就业")
    assert near == rows("trend", "电子商务 NEAR/5 就业") and {r["term"] for r in near} == {"电子商务 NEAR/5 就业"}
    assert {r["term"] for r in rows("trend", "电子商务", "就业")} == {"电子商务", "就业"}  # two terms, as before
    assert {r["term"] for r in rows("trend", "人民银行", "电子商务", "-就业")} == {"人民银行", "电子商务 -就业"}
    assert rows("kwic", "电子商务", "NEAR/5", "就业") == rows("kwic", "电子商务 NEAR/5 就业") != []
    assert rows("kwic", "电子商务", "-就业") == rows("kwic", "电子商务 -就业") != rows("kwic", "电子商务")


def test_group_terms():
    from searchkit.cli.options import group_terms

    assert group_terms(["互联网", "NEAR/2", "金融", "创新"]) == ["互联网 NEAR/2 金融", "创新"]
    assert group_terms(["网购", "OR", "电子商务", "就业", "NOT", "杭州"]) == ["网购 OR 电子商务", "就业 NOT 杭州"]
    assert group_terms(["(网购", "电子商务)", "就业"]) == ["(网购 电子商务)", "就业"]
    assert group_terms(["near", "or"]) == ["near", "or"]  # lower case: words


def terminal(monkeypatch, width: int, colour: bool = False) -> io.StringIO:
    screen = io.StringIO()
    monkeypatch.setattr(render, "console", lambda stderr=False: render._Console(
        file=screen, force_terminal=True, width=width, color_system="standard" if colour else None, highlight=False,
        soft_wrap=True))
    return screen


ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("context", [20, 8, 40])
def test_kwic_fits_an_80_column_terminal_with_the_term_in_one_column(ix, monkeypatch, context):
    from rich.cells import cell_len
    from rich.console import Console

    from searchkit.language.reports import kwic

    probe = Console(file=io.StringIO(), force_terminal=True, color_system="standard")
    probe.print(render.Text("x", style=render.MATCH_STYLE), end="")
    marker = probe.file.getvalue().split("x")[0]  # how the terminal is told "the term starts here"
    screen = terminal(monkeypatch, 80, colour=True)
    with searchkit.open_index(ix) as index:
        lines = kwic(index, "电子商务", width=context)
        render.print_kwic(lines, context)
    shown = screen.getvalue().splitlines()
    assert shown and all(cell_len(ANSI.sub("", line)) <= 80 for line in shown)
    terms = [line for line in shown if marker in line]
    assert len(terms) == len(lines)
    assert len({cell_len(ANSI.sub("", line[:line.index(marker)])) for line in terms}) == 1  # one column
    where = "".join(ANSI.sub("", line).replace(" ", "") for line in shown)
    assert all(f"{line.speech_id}¶{line.paragraph}".replace(" ", "") in where for line in lines)  # each says where


def test_wrapped_hit_text_keeps_its_indent(ix, monkeypatch):
    from rich.cells import cell_len

    screen = terminal(monkeypatch, 30)
    with searchkit.open_index(ix) as index:
        hits = index.search("电子商务", limit=3)
        render.print_hits(list(hits.hits), hits.total, 0, "电子商务")
    out = screen.getvalue()
    lines = out.splitlines()
    assert all(cell_len(line) <= 30 for line in lines)
    wrapped = 0
    for hit in hits:
        first = hit.snippet[:6]
        at = next(i for i, line in enumerate(lines) if first in line)
        block = lines[at:lines.index("", at)]
        assert all(line.startswith(" " * render.HIT_INDENT) for line in block)  # every wrapped line indented
        wrapped += len(block) > 1
    assert wrapped


def test_counts_read_in_the_singular_and_facets_head_their_columns(ix):
    result = run(ix, "search", '"大力发展电子商务"', "--speaker", "李克强", "-n", "0")
    assert result.stdout.startswith("1 paragraph matches") or "paragraphs match" in result.stdout
    result = run(ix, "search", "电子商务", "--facets", "year,speech", "-n", "0")
    lines = result.stdout.splitlines()
    assert "  year  paragraphs  speeches" in lines and any(line.startswith("  speech") and line.endswith("paragraphs") for line in lines)
