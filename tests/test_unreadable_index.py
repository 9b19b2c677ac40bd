"""An index folder the user may not read (issue 18): one line, exit 1 — not click's "not readable" usage
error, exit 2. Real processes, as a user without root's override of permission bits."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

import pytest

import searchkit

REPO = Path(__file__).resolve().parents[1]


def searchkit_cli(*args: str, preexec_fn=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "searchkit", *args], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=120, preexec_fn=preexec_fn)


def _lose_root_override() -> None:
    """Stay root but lose root's override of permission bits (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH),
    as a user without it is. Not setuid(65534): the interpreter lives under /root (mode 0700) here."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP, before exec drops it for good
            raise OSError(ctypes.get_errno(), "prctl")


@pytest.fixture(scope="module")
def unreadable_index(tmp_path_factory):
    """(a corpus, an index of it that only uid 65534 may read)."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to make a folder that a process cannot read")
    base = tmp_path_factory.mktemp("unreadable")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("讲话\n　　经济发展。\n", encoding="utf-8")
    index_dir = base / "ix"
    searchkit.update_index([corpus], index_dir)
    for path in [index_dir, *index_dir.rglob("*")]:
        os.chown(path, 65534, 65534, follow_symlinks=False)
    index_dir.chmod(0o700)
    if subprocess.run(["ls", str(index_dir)], capture_output=True, preexec_fn=_lose_root_override).returncode == 0:
        pytest.skip("this system lets the process read the folder anyway")
    return corpus, index_dir


@pytest.mark.parametrize("command", [["search", "经济"], ["stats"], ["index", "{corpus}"]])
def test_an_unreadable_index_folder_is_one_line_exit_1(unreadable_index, command):
    corpus, index_dir = unreadable_index
    args = [arg.format(corpus=corpus) for arg in command]
    result = searchkit_cli(*args, "-i", str(index_dir), preexec_fn=_lose_root_override)
    assert result.returncode == 1, result.stderr  # click's "not readable" usage error was exit 2
    assert result.stderr.startswith("searchkit: ") and result.stderr.count("\n") == 1, result.stderr
    assert str(index_dir) in result.stderr and "Permission denied" in result.stderr
