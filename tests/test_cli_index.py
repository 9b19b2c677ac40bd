"""`searchkit index` as people run it: Ctrl-C, a second writer, folders it cannot write, stages of a run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from typer.testing import CliRunner

import searchkit
from samples import REPO, SPEECH
from searchkit import indexer, store
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
