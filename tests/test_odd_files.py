"""Odd things in the paths given to `index`: what cannot be read, names that are not UTF-8, files of other
kinds, links that lead nowhere, JSONL fields of the wrong type. Each is a reported skip; nothing indexed
is lost for it, and the rest is indexed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import searchkit
from cluster_fixtures import needs_searchd
from samples import REPO
from searchkit.cli import app

runner = CliRunner()
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def _index(*args):
    """`searchkit index ARGS --json`: (exit code, the JSON report, stderr)."""
    result = runner.invoke(app, ["index", *map(str, args), "--json"])
    assert "internal error" not in result.stderr and "Traceback" not in result.output, result.output
    return result.exit_code, json.loads(result.stdout), result.stderr


def _write(folder: Path, name: str, title: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"{title}\n　　{body}\n", encoding="utf-8")


# -- what cannot be read ------------------------------------------------------------------------------


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2  # <linux/prctl.h>, <linux/capability.h>


def _drop_permission_override() -> None:
    """In a child before exec: root without the capabilities that let it read and enter anything, so
    permissions bind it as they bind a user (the interpreter's own files, root's, stay readable)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _index_as_a_user(*args):
    """`python -m searchkit index ARGS --json`, a real process for which permissions hold."""
    preexec = None
    if os.geteuid() == 0:
        try:
            subprocess.run(["true"], preexec_fn=_drop_permission_override, check=True)
        except (OSError, subprocess.SubprocessError) as error:
            pytest.skip(f"running as root, and cannot drop root's permission override to test it: {error}")
        preexec = _drop_permission_override
    run = subprocess.run([sys.executable, "-m", "searchkit", "index", *map(str, args), "--json"], env=ENV,
                         capture_output=True, text=True, preexec_fn=preexec, timeout=120)
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr and run.stdout, run.stderr
    return run.returncode, json.loads(run.stdout), run.stderr


def test_what_cannot_be_read_is_reported_and_keeps_its_speeches(tmp_path):
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    _write(corpus, "a.txt", "第一篇", "发展电子商务。")
    _write(corpus, "b.txt", "第二篇", "推进乡村振兴。")
    _write(corpus, "gone.txt", "第三篇", "这篇会被删掉。")
    _write(corpus / "sub", "c.txt", "第四篇", "科技创新。")
    searchkit.update_index([corpus], ix)
    (corpus / "gone.txt").unlink()
    (corpus / "b.txt").chmod(0o000)
    later = time.time() + 5
    os.utime(corpus / "b.txt", (later, later))  # changed: it must be read again, and cannot be
    (corpus / "sub").chmod(0o000)
    try:
        code, report, stderr = _index_as_a_user(corpus, "--index", ix)
    finally:
        (corpus / "b.txt").chmod(0o644)
        (corpus / "sub").chmod(0o755)
    assert code == 1
    assert report["removed_ids"] == ["gone"]  # only what is gone is removed
    assert report["speeches"] == 3
    assert {s["source"]: s["reason"] for s in report["skipped"]} == {
        str(corpus / "b.txt"): f"{corpus / 'b.txt'} cannot be read: Permission denied",
        str(corpus / "sub"): f"{corpus / 'sub'} cannot be read: Permission denied",
    }
    assert f"skipped {corpus / 'sub'}: " in stderr
    with searchkit.open_index(ix) as index:
        assert sorted(s.speech_id for s in index.speeches()) == ["a", "b", "sub/c"]
    # readable again: nothing to report, nothing lost
    code, report, _ = _index(corpus, "--index", ix)
    assert (code, report["skipped"], report["removed_ids"], report["speeches"]) == (0, [], [], 3)


def test_a_folder_listed_but_not_entered_keeps_its_speeches(tmp_path):
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    _write(corpus, "a.txt", "第一篇", "发展电子商务。")
    _write(corpus / "sub", "d.txt", "第五篇", "绿色发展。")
    _write(corpus / "sub" / "deeper", "e.txt", "第六篇", "扩大内需。")
    searchkit.update_index([corpus], ix)
    (corpus / "sub").chmod(0o644)  # its names can be read, its files not looked at
    try:
        code, report, _ = _index_as_a_user(corpus, "--index", ix)
    finally:
        (corpus / "sub").chmod(0o755)
    assert (code, report["removed_ids"], report["speeches"]) == (1, [], 3)
    assert {s["source"] for s in report["skipped"]} == {str(corpus / "sub" / "d.txt"), str(corpus / "sub" / "deeper")}


# -- names, kinds and links -----------------------------------------------------------------------------


def test_a_name_that_is_not_utf8_is_skipped_and_the_rest_indexed(tmp_path):
    corpus = tmp_path / "c"
    _write(corpus, "a.txt", "第一篇", "发展电子商务。")
    with open(os.path.join(os.fsencode(corpus), b"bad\xff.txt"), "wb") as file:
        file.write("第二篇\n　　推进乡村振兴。\n".encode())
    os.mkdir(os.path.join(os.fsencode(corpus), b"dir\xfe"))
    with open(os.path.join(os.fsencode(corpus), b"dir\xfe", b"x.txt"), "wb") as file:
        file.write("第三篇\n　　科技创新。\n".encode())
    code, report, stderr = _index(corpus, "--index", tmp_path / "ix")
    assert code == 1 and report["added_ids"] == ["a"]
    assert {s["source"]: s["reason"] for s in report["skipped"]} == {
        f"{corpus}/bad\\xff.txt": "its name is not valid UTF-8: rename it",
        f"{corpus}/dir\\xfe": "its name is not valid UTF-8: rename it",
    }
    assert f"skipped {corpus}/bad\\xff.txt: its name is not valid UTF-8" in stderr
    assert not list((tmp_path / "ix").glob("gen-*.tmp"))


def test_a_file_of_another_kind_named_on_its_own_is_skipped(tmp_path):
    (tmp_path / "x.csv").write_text("a,b\n1,2\n")
    (tmp_path / "y.json").write_text("{}\n")
    (tmp_path / "a.meta.json").write_text('{"speaker": "李克强"}\n')
    _write(tmp_path, "a.txt", "第一篇", "发展电子商务。")
    code, report, stderr = _index(tmp_path / "x.csv", tmp_path / "y.json", tmp_path / "a.meta.json", tmp_path / "a.txt",
                                  "--index", tmp_path / "ix")
    assert code == 1 and report["added_ids"] == ["a"]
    reasons = {Path(s["source"]).name: s["reason"] for s in report["skipped"]}
    supported = "searchkit reads .docx, .htm, .html, .jsonl, .md, .pdf, .txt"
    assert reasons["x.csv"] == reasons["y.json"] == f"not a speech file: {supported}"
    assert reasons["a.meta.json"].startswith("a metadata file: it is read with its speech")
    alone = runner.invoke(app, ["index", str(tmp_path / "x.csv"), "--index", str(tmp_path / "ix2")])
    assert alone.exit_code == 1 and alone.stderr == f"skipped {tmp_path / 'x.csv'}: not a speech file: {supported}\n"


@pytest.mark.parametrize("follow", [False, True], ids=["plain", "--follow"])
def test_links_that_lead_nowhere_are_reported(tmp_path, follow):
    corpus = tmp_path / "c"
    _write(corpus, "a.txt", "第一篇", "发展电子商务。")
    links = {
        "dangling.txt": "nowhere.txt",
        "gone-outside.txt": str(tmp_path / "gone.txt"),
        "loop.txt": "loop.txt",
        "l1.txt": "l2.txt",
        "l2.txt": "l1.txt",
        "missing-folder": "no-such-folder",
        "looping-folder": "looping-folder",
        "logo.png": "nowhere.png",  # not a speech file: not ours to report
    }
    for name, target in links.items():
        (corpus / name).symlink_to(target)
    args = [corpus, "--index", tmp_path / "ix", *(["--follow"] if follow else [])]
    code, report, _ = _index(*args)
    assert code == 1 and report["added_ids"] == ["a"]
    reasons = {Path(s["source"]).name: s["reason"] for s in report["skipped"]}
    assert set(reasons) == set(links) - {"logo.png"}
    for name in ("dangling.txt", "gone-outside.txt", "missing-folder"):
        assert reasons[name] == f"a link to {links[name]}, which does not exist"
    for name in ("loop.txt", "l1.txt", "l2.txt", "looping-folder"):
        assert reasons[name] == f"a link to {links[name]}, which leads round in a loop of links"
    again = _index(*args)
    assert (again[0], again[1]["skipped"]) == (code, report["skipped"])  # same input, same report


# -- JSONL fields --------------------------------------------------------------------------------------


def test_jsonl_fields_that_are_not_text_are_refused_with_the_line(tmp_path):
    lines = [
        {"id": ["x"], "text": "第一篇\n发展电子商务。"},
        {"title": {"a": 1}, "text": "第二篇\n推进乡村振兴。"},
        {"speaker": True, "text": "第三篇\n科技创新。"},
        {"date": 2014.5, "text": "第四篇\n绿色发展。"},
        {"id": 7, "date": 2014, "text": "第五篇\n扩大就业。"},  # whole numbers read as what they say
        {"id": "good", "title": None, "speaker": "李克强", "text": "第六篇\n深化改革。"},
    ]
    file = tmp_path / "news.jsonl"
    file.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    report = searchkit.update_index([file], tmp_path / "ix")
    assert sorted(report.added_ids) == ["7", "good"]
    assert [(s.source, s.reason) for s in report.skipped] == [
        (f"{file}:1", '"id" must be a string, not a list'),
        (f"{file}:2", '"title" must be a string, not an object'),
        (f"{file}:3", '"speaker" must be a string, not true/false'),
        (f"{file}:4", '"date" must be a string, not a fractional number'),
    ]
    with searchkit.open_index(tmp_path / "ix") as index:
        summaries = {s.speech_id: s for s in index.speeches()}
    assert summaries["7"].year == 2014 and summaries["good"].speaker == "李克强"


@needs_searchd
def test_a_folder_that_cannot_be_read_keeps_its_speeches_in_a_cluster(tmp_path):
    from searchkit.cluster import processes

    corpus = tmp_path / "corpus"
    _write(corpus, "a.txt", "第一篇", "发展电子商务。")
    _write(corpus, "gone.txt", "第三篇", "这篇会被删掉。")
    _write(corpus / "sub", "c.txt", "第四篇", "科技创新。")
    state = processes.up(tmp_path / "cluster", 1, 1, 1)
    try:
        searchkit.update_index([corpus], state["url"])
        (corpus / "gone.txt").unlink()
        (corpus / "sub").chmod(0o000)
        try:
            code, report, _ = _index_as_a_user(corpus, "--index", state["url"])
        finally:
            (corpus / "sub").chmod(0o755)
        assert (code, report["removed_ids"], report["speeches"]) == (1, ["gone"], 2)
        with searchkit.open_index(state["url"]) as index:
            assert sorted(s.speech_id for s in index.speeches()) == ["a", "sub/c"]
    finally:
        processes.down(tmp_path / "cluster")
