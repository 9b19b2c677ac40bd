"""Every error a user can cause, one class per row: one actionable line on stderr, exit 1 (files, index)
or 2 (usage), never "internal error" — that is for bugs, and only bugs."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

import searchkit
from samples import SPEECH
from searchkit.cli import app

runner = CliRunner()

# (what the user did, the command, exit code, what the line must say)
CLASSES = [
    ("unknown option", ["search", "x", "--nope", "-i", "{ix}"], 2, "No such option: --nope"),
    ("option value of the wrong type", ["search", "x", "-n", "abc", "-i", "{ix}"], 2, "--limit"),
    ("missing argument", ["show", "-i", "{ix}"], 2, "Missing argument"),
    ("negative limit", ["search", "电子商务", "-n", "-1", "-i", "{ix}"], 2, "limit must be 0 or more"),
    ("negative offset", ["search", "电子商务", "--offset", "-1", "-i", "{ix}"], 2, "offset must be 0 or more"),
    ("unknown sort", ["list", "--sort", "size", "-i", "{ix}"], 2, "sort must be one of"),
    ("impossible date", ["search", "电子商务", "--since", "2014-13", "-i", "{ix}"], 2, "--since takes a real date"),
    ("two output formats", ["search", "电子商务", "--json", "--csv", "-i", "{ix}"], 2, "choose --json or --csv"),
    ("query with nothing to find", ["search", "-电子商务", "-i", "{ix}"], 2, "only excludes"),
    ("query of operators only", ["search", "((", "OR", "-i", "{ix}"], 2, "the query has no words to search for"),
    ("unknown trend grouping", ["trend", "电子商务", "--by", "month", "-i", "{ix}"], 2, "--by must be one of"),
    ("negative kwic width", ["kwic", "电子商务", "--width", "-5", "-i", "{ix}"], 2, "--width must be 0 or more"),
    ("negative context", ["show", "speech", "-C", "-1", "-i", "{ix}"], 2, "--context must be 0 or more"),
    ("paragraph out of range", ["show", "speech", "-p", "99", "-i", "{ix}"], 2, "has paragraphs 1–"),
    ("unknown speech id", ["show", "nope", "-i", "{ix}"], 1, "`searchkit list` shows the ids"),
    ("negative debounce", ["watch", "{corpus}", "--debounce", "-1", "-i", "{ix}"], 2, "--debounce must be 0 or more"),
    ("build memory below the minimum", ["index", "{corpus}", "--memory", "100", "-i", "{ix}"], 2, "at least 400"),
    ("build memory not a number", ["index", "{corpus}", "--memory", "3GB", "-i", "{ix}"], 2, "--memory"),
    ("watch with build memory below the minimum", ["watch", "{corpus}", "--memory", "100", "-i", "{ix}"], 2, "at least 400"),
    ("no index there", ["search", "电子商务", "-i", "{missing}"], 1, "create it with `searchkit index PATH"),
    ("index path is a file", ["search", "电子商务", "-i", "{file}"], 1, "cannot read index"),
    ("a folder that is no index", ["stats", "-i", "{plain}"], 1, "no index at"),
    ("a damaged index", ["list", "-i", "{damaged}"], 1, "is damaged"),
    ("a damaged index, updating", ["index", "{corpus}", "-i", "{damaged}"], 1, "--rebuild"),
    ("input path missing", ["index", "{missing}", "-i", "{ix}"], 1, "does not exist"),
    ("watched path missing", ["watch", "{missing}", "-i", "{ix}"], 1, "does not exist"),
    ("index folder is a file", ["index", "{corpus}", "-i", "{file}"], 1, "cannot write an index in"),
]


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    base = tmp_path_factory.mktemp("errors")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "speech.txt").write_text(SPEECH, encoding="utf-8")
    searchkit.update_index([corpus], base / "ix")
    shutil.copytree(base / "ix", base / "damaged")
    live = (base / "damaged" / "CURRENT").read_text().strip()
    (base / "damaged" / live / "manifest.json").write_text("{", encoding="utf-8")
    (base / "file").write_text("not a folder")
    (base / "plain").mkdir()
    return {"ix": base / "ix", "corpus": corpus, "missing": base / "missing", "file": base / "file",
            "plain": base / "plain", "damaged": base / "damaged"}


@pytest.mark.parametrize("what, command, code, says", CLASSES, ids=[c[0] for c in CLASSES])
def test_each_user_error_is_one_actionable_line(places, what, command, code, says):
    result = runner.invoke(app, [arg.format(**places) for arg in command])
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("searchkit: ") and result.stderr.count("\n") == 1, result.stderr
    assert says in result.stderr and "internal error" not in result.stderr
    assert result.stdout == ""


def test_a_query_with_bytes_that_are_not_utf8_still_searches(places):
    # The shell passes such bytes as surrogate escapes: '\xff电子商务' arrives as '\udcff电子商务'.
    result = runner.invoke(app, ["search", "\udcff电子商务", "-i", str(places["ix"])])
    assert result.exit_code == 0, result.output
    assert "电子商务" in result.stdout and "internal error" not in result.stderr


def test_the_system_refusing_is_not_an_internal_error(places, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device", "/tmp/somewhere")

    monkeypatch.setattr(searchkit.SpeechIndex, "search", full_disk)
    result = runner.invoke(app, ["search", "电子商务", "-i", str(places["ix"])])
    assert result.exit_code == 1 and result.stderr == "searchkit: /tmp/somewhere: No space left on device\n"


def test_a_bug_is_an_internal_error_that_points_to_debug(places, monkeypatch):
    def bug(*args, **kwargs):
        return 1 / 0

    monkeypatch.setattr(searchkit.SpeechIndex, "search", bug)
    result = runner.invoke(app, ["search", "电子商务", "-i", str(places["ix"])])
    assert result.exit_code == 1
    assert result.stderr.startswith("searchkit: internal error: ZeroDivisionError") and "--debug" in result.stderr
