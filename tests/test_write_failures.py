"""A disk that fills up while `index` writes (issue 18, item 6): one line naming the folder and the space
needed, no traceback, nothing left behind, the old index as it was. Real processes on a real full file
system: a small tmpfs mounted for the test (root only; skipped, saying why, elsewhere)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import searchkit
from searchkit.storage.writer import PARALLEL_MIN_BYTES

REPO = Path(__file__).resolve().parents[1]
HAN = "经济发展改革开放人民生活水平提高推进现代化建设坚持创新协调绿色共享高质量科技教育文化卫生"


def searchkit_cli(*args: str, preexec_fn=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SEARCHKIT_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "searchkit", *args], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=120, preexec_fn=preexec_fn)


def write_corpus(folder: Path, total_bytes: int, seed: int = 0) -> Path:
    """Speeches of random Han text, ``total_bytes`` of UTF-8 in all, 60 kB a file."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    written, n = 0, 0
    while written < total_bytes:
        paragraphs = ["".join(rng.choices(HAN, k=rng.randint(40, 200))) + "。" for _ in range(150)]
        text = f"第{n}篇讲话\n" + "\n".join(paragraphs) + "\n"
        (folder / f"s{n:04d}.txt").write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
        n += 1
    return folder


@pytest.fixture
def small_disk(tmp_path):
    """A function mounting a file system of its own, of the size given."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    disk = tmp_path / "disk"
    disk.mkdir()

    def mount(size: str) -> Path:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
                                 capture_output=True, text=True)
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
        return disk

    yield mount
    if os.path.ismount(disk):
        subprocess.run(["umount", "-l", str(disk)], check=False)


def assert_one_line_and_nothing_left(result: subprocess.CompletedProcess, index_dir: Path) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"searchkit: no space left in {index_dir} to write the index"), result.stderr
    assert result.stderr.count("\n") == 1 and "needs at least" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not [p.name for p in index_dir.iterdir() if p.name.startswith("gen-") and p.name.endswith(".tmp")]


@pytest.mark.parametrize("size", ["one writer", "writer processes"])
def test_a_full_disk_is_one_line_and_the_old_index_stays(small_disk, tmp_path, size):
    index_dir = small_disk("2m") / "ix"
    small = tmp_path / "small"
    small.mkdir()
    (small / "a.txt").write_text("小讲话\n　　经济发展。\n", encoding="utf-8")
    searchkit.update_index([small], index_dir)
    before = counts(index_dir)
    # An index takes about 5 times the text: 600 kB cannot fit in 2 MB; above PARALLEL_MIN_BYTES, processes write.
    big = 600_000 if size == "one writer" else PARALLEL_MIN_BYTES + 200_000
    corpus = write_corpus(tmp_path / "corpus", big)
    result = searchkit_cli("index", str(small), str(corpus), "-i", str(index_dir))
    assert_one_line_and_nothing_left(result, index_dir)
    assert counts(index_dir) == before


def counts(index_dir: Path) -> tuple:
    with searchkit.open_index(index_dir) as index:
        return index.count("经济发展"), [s.speech_id for s in index.speeches()]


def test_a_fresh_multiprocess_build_on_a_full_disk_is_one_line(small_disk, tmp_path):
    # 5 MB: the writer processes, not the parent, run out first (they printed 48-line tracebacks).
    disk = small_disk("5m")
    index_dir = disk / "ix"
    corpus = write_corpus(tmp_path / "corpus", PARALLEL_MIN_BYTES + 200_000, seed=1)
    result = searchkit_cli("index", str(corpus), "-i", str(index_dir))
    assert_one_line_and_nothing_left(result, index_dir)
    assert shutil.disk_usage(disk).free > 0.95 * shutil.disk_usage(disk).total  # the space is free again
