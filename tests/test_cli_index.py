"""`searchkit index` as people run it: Ctrl-C, a second writer, folders it cannot write, stages of a run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import searchkit
from samples import REPO, SPEECH
from searchkit.storage import generations as store, writer as indexer
from searchkit.cli import app

runner = CliRunner()
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def _searchkit(*args, **popen):
    return subprocess.Popen([sys.executable, "-m", "searchkit", *map(str, args)], env=ENV, **popen)


def _export(ix):
    with searchkit.open_index(ix) as index:
        return [(p.speech_id, p.paragraph, p.text) for p in index.paragraphs()]


def _big_corpus(folder, files=260):
    """≈ 3.5 MB in 260 files: enough for the parallel reader and the multi-process writer."""
    folder.mkdir()
    line = "　　我们要大力发展电子商务，促进就业，推进改革开放和社会主义现代化建设。第{n}项工作要抓紧落实。\n"
    for number in range(files):
        body = "".join(line.format(n=n) for n in range(number, number + 300))
        (folder / f"speech-{number:03d}.txt").write_text(f"第{number}号讲话\n{body}", encoding="utf-8")
    return folder


def test_ctrl_c_during_index_prints_one_line_and_keeps_the_index(tmp_path):
    ix = tmp_path / "ix"
    (tmp_path / "small").mkdir()
    (tmp_path / "small" / "speech.txt").write_text(SPEECH, encoding="utf-8")
    searchkit.update_index([tmp_path / "small"], ix)
    before, live = _export(ix), (ix / "CURRENT").read_text()
    # A new session: Ctrl-C in a terminal goes to every process of the foreground group, workers too.
    run = _searchkit("index", _big_corpus(tmp_path / "big"), "--index", ix, "--rebuild",
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(ix.glob("gen-*.tmp")) and time.monotonic() < deadline:  # the writer has started
        time.sleep(0.1)
    time.sleep(1.5)  # its workers are busy
    assert run.poll() is None, "finished before it could be interrupted"
    os.killpg(run.pid, signal.SIGINT)
    stdout, stderr = run.communicate(timeout=60)
    assert (run.returncode, stderr.decode()) == (130, "searchkit: interrupted\n")
    assert (ix / "CURRENT").read_text() == live and _export(ix) == before


def test_a_writer_waiting_for_the_lock_says_so(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "speech.txt").write_text(SPEECH, encoding="utf-8")
    ix = tmp_path / "ix"
    with store.writer_lock(ix):
        run = _searchkit("index", tmp_path / "c", "--index", ix, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        said = run.stderr.readline().decode()  # said while it waits, before the lock is free
        assert "another searchkit process is writing this index; waiting" in said
    stdout, stderr = run.communicate(timeout=60)
    assert run.returncode == 0 and "1 added" in stdout.decode()


def test_stages_are_reported_in_order(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "speech.txt").write_text(SPEECH, encoding="utf-8")
    stages, ix = [], tmp_path / "ix"
    with store.writer_lock(ix):
        worker = threading.Thread(target=searchkit.update_index, args=([tmp_path / "c"], ix),
                                  kwargs={"on_stage": stages.append})
        worker.start()
        deadline = time.monotonic() + 20
        while not stages and time.monotonic() < deadline:
            time.sleep(0.05)
    worker.join(30)
    assert stages == [indexer.WAITING, indexer.WRITING]
    searchkit.update_index([tmp_path / "c"], ix, on_stage=stages.append)  # nothing to write: no stage
    assert stages == [indexer.WAITING, indexer.WRITING]


@pytest.mark.parametrize("make", ["read-only folder", "a file"])
def test_an_index_folder_that_cannot_be_written_is_one_line(tmp_path, monkeypatch, make):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "speech.txt").write_text(SPEECH, encoding="utf-8")
    ix = tmp_path / "ix"
    if make == "a file":
        ix.write_text("not a folder")
    else:
        ix.mkdir()
        ix.chmod(0o555)
        if os.access(ix, os.W_OK):  # root writes anyway: let the system refuse as it would a user
            real_open = open

            def refusing_open(file, mode="r", *args, **kwargs):
                if str(file).startswith(str(ix)) and set(mode) & set("wa+"):
                    raise PermissionError(13, "Permission denied", str(file))
                return real_open(file, mode, *args, **kwargs)

            monkeypatch.setattr("builtins.open", refusing_open)
    result = runner.invoke(app, ["index", str(tmp_path / "c"), "--index", str(ix)])
    ix.chmod(0o755) if ix.is_dir() else None
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr
    assert result.stderr.startswith(f"searchkit: cannot write an index in {ix}: ")
    assert "--index" in result.stderr


# -- same input, same report ---------------------------------------------------------------------------


def _report(ix, *paths, extra=()):
    result = runner.invoke(app, ["index", *map(str, paths), "--index", str(ix), "--json", *extra])
    return result.exit_code, {k: v for k, v in json.loads(result.stdout).items() if k in ("skipped", "speeches", "paragraphs")}, result.stderr


def test_two_folders_with_a_same_named_file_report_alike_on_every_run(tmp_path):
    for folder, text in (("A", SPEECH), ("B", "另一篇讲话\n　　我们要扩大就业。\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "speech.txt").write_text(text, encoding="utf-8")
    ix = tmp_path / "ix"
    fresh = _report(ix, tmp_path / "A", tmp_path / "B")
    assert fresh[0] == 1 and len(fresh[1]["skipped"]) == 1
    assert "speech.txt" in fresh[2] and "already used by" in fresh[2]
    assert _report(ix, tmp_path / "A", tmp_path / "B") == fresh  # re-index: same report
    assert _report(ix, tmp_path / "A", tmp_path / "B") == fresh
    # once A's file is gone, B's speech takes the free id
    (tmp_path / "A" / "speech.txt").unlink()
    code, report, _ = _report(ix, tmp_path / "A", tmp_path / "B")
    assert code == 0 and report["skipped"] == [] and report["speeches"] == 1
    with searchkit.open_index(ix) as index:
        assert "扩大就业" in index.speech("speech")[-1].text


def test_a_file_with_bad_parts_reports_them_on_every_run(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "news.jsonl").write_text('{"id": "a", "text": "我们要大力发展电子商务。"}\n{broken\n', encoding="utf-8")
    ix = tmp_path / "ix"
    fresh = _report(ix, tmp_path / "c")
    assert fresh[0] == 1 and len(fresh[1]["skipped"]) == 1
    assert _report(ix, tmp_path / "c") == fresh


# -- symbolic links ---------------------------------------------------------------------------------------


@pytest.fixture
def linked(tmp_path):
    """A folder with a speech, a link to a file outside it, a link to a folder outside it, a link inside."""
    outside = tmp_path / "outside"
    (outside / "more").mkdir(parents=True)
    (outside / "secret.txt").write_text("秘密文件\n　　这里不该被索引。\n", encoding="utf-8")
    (outside / "more" / "other.txt").write_text("外面的讲话\n　　同样不该被索引。\n", encoding="utf-8")
    folder = tmp_path / "speeches"
    folder.mkdir()
    (folder / "speech.txt").write_text(SPEECH, encoding="utf-8")
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    (folder / "more").symlink_to(outside / "more", target_is_directory=True)
    (folder / "again.txt").symlink_to(folder / "speech.txt")  # stays inside: the same file, read once
    return folder


def test_links_leaving_the_folder_are_skipped_and_reported(linked, tmp_path):
    code, report, stderr = _report(tmp_path / "ix", linked)
    assert code == 1 and report["speeches"] == 1
    skipped = {Path(s["source"]).name: s["reason"] for s in report["skipped"]}
    assert set(skipped) == {"secret.txt", "more"} and all("--follow" in r for r in skipped.values())
    with searchkit.open_index(tmp_path / "ix") as index:
        assert [s.speech_id for s in index.speeches()] == ["speech"]
        assert index.count("秘密") == 0


def test_follow_opts_in(linked, tmp_path):
    code, report, _ = _report(tmp_path / "ix", linked, extra=["--follow"])
    assert (code, report["skipped"]) == (0, [])
    with searchkit.open_index(tmp_path / "ix") as index:
        assert sorted(s.speech_id for s in index.speeches()) == ["more/other", "secret", "speech"]


def test_ctrl_c_never_leaves_a_hung_process(tmp_path):
    # A teardown that deadlocks after Ctrl-C (as a worker pool can, inside multiprocessing) must not keep
    # the terminal: after the grace period the process leaves with the same line and exit code.
    script = tmp_path / "stuck.py"
    script.write_text(
        "import threading, time\n"
        "import searchkit.cli as cli\n"
        "import searchkit.cli.index as index_command\n"
        "cli.INTERRUPT_GRACE_S = 1\n"
        "def stuck(*args, **kwargs):\n"
        "    print('working', flush=True)\n"
        "    try:\n"
        "        time.sleep(60)\n"
        "    except KeyboardInterrupt:\n"
        "        threading.Event().wait()  # never returns\n"
        "index_command.run_index = stuck\n"
        "cli.app()\n",
        encoding="utf-8",
    )
    (tmp_path / "c").mkdir()
    run = subprocess.Popen([sys.executable, str(script), "index", str(tmp_path / "c"), "--index", str(tmp_path / "ix")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    assert run.stdout.readline() == b"working\n"
    started = time.monotonic()
    run.send_signal(signal.SIGINT)
    stdout, stderr = run.communicate(timeout=30)
    assert (run.returncode, stderr.decode()) == (130, "searchkit: interrupted\n")
    assert time.monotonic() - started < 20
