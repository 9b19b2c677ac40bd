"""`searchkit serve` (searchkit/cli/serve.py): prints its URL, serves the index, refuses a busy port
in one line, warns about non-local addresses."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from searchkit.cli.serve import host_warning
from web_samples import build_web_index

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(index_dir: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "searchkit", "serve", "--index", str(index_dir), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_serve_prints_its_url_and_answers(tmp_path):
    index_dir = build_web_index(tmp_path)
    port = free_port()
    process = serve(index_dir, "--port", str(port))
    try:
        line = process.stderr.readline()
        assert f"http://127.0.0.1:{port}/" in line and "17 speeches" in line
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=%E6%94%B9%E9%9D%A9&limit=1") as response:
                    body = json.loads(response.read())
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.1)
        assert body["total"] > 0 and len(body["hits"]) == 1
    finally:
        process.terminate()
        process.wait(10)


def test_a_busy_port_is_one_line(tmp_path):
    index_dir = build_web_index(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        process = serve(index_dir, "--port", str(busy.getsockname()[1]))
        _, err = process.communicate(timeout=30)
    assert process.returncode == 1
    assert err.strip().splitlines()[-1].startswith("searchkit: port") and "in use" in err
    assert "Traceback" not in err


def test_a_missing_index_is_one_line(tmp_path):
    process = serve(tmp_path / "nothing", "--port", str(free_port()))
    _, err = process.communicate(timeout=30)
    assert process.returncode == 1 and err.count("\n") == 1 and "no index" in err


def test_non_local_addresses_are_warned_about():
    assert host_warning("127.0.0.1") is None and host_warning("localhost") is None and host_warning("::1") is None
    for host in ("0.0.0.0", "192.168.1.20", "::"):
        assert "anyone who can reach this machine" in host_warning(host)
