"""FIFOs, sockets and devices in an indexed folder are reported and never opened; the rest is indexed.

Each run is a real subprocess with a timeout: opening a FIFO blocks forever, so a regression fails
here instead of hanging the suite."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import time

import pytest

import searchkit
from samples import REPO, SPEECH

ENV = {**os.environ, "PYTHONPATH": str(REPO)}
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def _index(*args, timeout=60):
    run = subprocess.run([sys.executable, "-m", "searchkit", "index", *map(str, args), "--json"],
                         capture_output=True, timeout=timeout, env=ENV)
    return run.returncode, json.loads(run.stdout.decode().splitlines()[0]), run.stderr.decode()


@pytest.fixture
def odd(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "speech.txt").write_text(SPEECH, encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")
    bound = socket.socket(socket.AF_UNIX)
    bound.bind(str(corpus / "socket.md"))
    yield corpus
    bound.close()


def test_a_fifo_and_a_socket_are_skipped_and_the_rest_indexed(odd, tmp_path):
    code, report, stderr = _index(odd, "--index", tmp_path / "ix")
    assert code == 1 and report["added"] == 1
    assert sorted((s["source"].rsplit("/", 1)[1], s["reason"]) for s in report["skipped"]) == [
        ("pipe.txt", "not a regular file (a FIFO); not read"),
        ("socket.md", "not a regular file (a socket); not read"),
    ]
    assert f"searchkit: skipped {odd / 'pipe.txt'}: not a regular file (a FIFO)" in stderr
    with searchkit.open_index(tmp_path / "ix") as index:
        assert [s.speech_id for s in index.speeches()] == ["speech"]


def test_a_fifo_named_on_the_command_line_is_skipped(odd, tmp_path):
    code, report, _ = _index(odd / "pipe.txt", odd / "speech.txt", "--index", tmp_path / "ix")
    assert (code, report["added"]) == (1, 1)
    assert [s["reason"] for s in report["skipped"]] == ["not a regular file (a FIFO); not read"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_follow_never_reads_a_device(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "speech.txt").write_text(SPEECH, encoding="utf-8")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    code, report, _ = _index(corpus, "--index", tmp_path / "ix", "--follow")
    assert (code, report["added"]) == (1, 1)
    assert [(s["source"], s["reason"]) for s in report["skipped"]] == [
        (str(corpus / "zero.txt"), "not a regular file (a character device); not read")]


def test_a_fifo_in_place_of_a_listed_file_is_not_waited_for(tmp_path):
    # Listed as a regular file, replaced by a FIFO before it is read: opened without blocking, refused.
    os.mkfifo(tmp_path / "late.txt")
    code = ("import sys; from pathlib import Path; from searchkit.ingest.readers import read_file\n"
            "try:\n    list(read_file(Path(sys.argv[1]), Path(sys.argv[1]) / 'late.txt'))\n"
            "except Exception as error:\n    print(type(error).__name__, error)\n")
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, timeout=60, env=ENV)
    assert run.stdout.decode() == f"InputError {tmp_path / 'late.txt'}: not a regular file (a FIFO); not read\n"


def test_watch_skips_a_fifo_and_indexes_later_files(odd, tmp_path):
    ix = tmp_path / "ix"
    run = subprocess.Popen([sys.executable, "-m", "searchkit", "watch", str(odd), "--index", str(ix), "--debounce", "0.1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV, start_new_session=True)
    try:
        ready, _, _ = select.select([run.stdout], [], [], 60)  # a hung watch never says anything
        assert ready and b"added speech" in run.stdout.readline()
        (odd / "later.txt").write_text("后来的讲话\n我们要推进改革开放。\n", encoding="utf-8")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with searchkit.open_index(ix) as index:
                    if index.count("推进改革开放"):
                        break
            except searchkit.SearchkitError:
                pass
            time.sleep(0.1)
        with searchkit.open_index(ix) as index:
            assert sorted(s.speech_id for s in index.speeches()) == ["later", "speech"]
    finally:
        run.kill()
        run.wait(timeout=30)
