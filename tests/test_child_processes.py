"""kill -9 and SIGTERM of `searchkit index` and `watch` at random moments, with real processes: no
process of the run is left behind, the lock is free at once, and the next update equals a fresh build.

The default suite runs a few trials (one per phase); ``SEARCHKIT_KILL_TRIALS=20 pytest -s
tests/test_child_processes.py -k many`` runs that many at random moments and prints the figures.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import searchkit
from samples import REPO
from searchkit.errors import IndexStateError
from searchkit.ingest import processes
from searchkit.ingest.budget import DEFAULT_MEMORY_MB, reader_processes, writer_plan
from searchkit.storage import generations as store, writer as indexer

pytestmark = pytest.mark.skipif(not processes.pdeathsig_available(), reason="children die with their parent on Linux only")

ENV = {**os.environ, "PYTHONPATH": str(REPO)}
TERMS = ("经济", "改革开放", "社会主义现代化")
WORDS = ("经济", "发展", "改革", "开放", "人民", "政府", "工作", "社会主义", "现代化", "建设", "创新", "科技",
         "教育", "文化", "农业", "就业", "收入", "保障", "生态", "环境", "制度", "市场", "企业", "服务")


def make_corpus(folder: Path, files: int = 200, paragraphs: int = 18, length: int = 300, seed: int = 0) -> Path:
    """≈ 3.3 MB in 200 files: above the thresholds of the reading processes and the multi-process writer
    (at least 40,000 paragraphs also make the character index build in parallel)."""
    rng = random.Random(seed)
    folder.mkdir()
    for number in range(files):
        lines = [f"第{number}号讲话"]
        for _ in range(paragraphs):
            words = [rng.choice(WORDS) for _ in range(length // 2)]
            lines.append("".join(words)[:length] + "。")
        (folder / f"speech-{number:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = sum(file.stat().st_size for file in folder.iterdir())
    assert files >= 200 and size > indexer.PARALLEL_MIN_BYTES, size
    return folder


def content(ix: Path):
    with searchkit.open_index(ix) as index:
        speeches = sorted((s.speech_id, s.paragraphs) for s in index.speeches())
        paragraphs = sorted((p.speech_id, p.paragraph, p.text) for p in index.paragraphs())
        return speeches, paragraphs, {term: index.count(term) for term in TERMS}


def session_processes(sid: int) -> list[int]:
    """Live processes of session ``sid`` (zombies are dead: they hold no lock and no memory; this
    container's PID 1 may not reap the orphans among them)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                found.append(int(entry))
    return found


def _wait_for(condition, run, timeout=60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if run.poll() is not None:
            return False
        time.sleep(0.02)
    return False


def _staging(ix: Path) -> Path | None:
    return next(ix.glob("gen-*.tmp"), None)


def _all_started(run, ix) -> bool:
    """Every process of the run is up: the readers, and the writers (started with the first speech)."""
    cpus = os.cpu_count() or 1
    expected = 1 + reader_processes(cpus) + writer_plan(DEFAULT_MEMORY_MB, cpus)[0]
    return _staging(ix) is not None and len(session_processes(run.pid)) >= expected


PHASES = {  # when the signal is sent: a moment of the run, then a random pause
    "reading": (lambda run, ix: len(session_processes(run.pid)) > 1, 0.3),  # the first reader has forked
    "writing": (_all_started, 0.3),  # files still being read, speeches streaming to the writers
    "later": (lambda run, ix: _staging(ix) is not None, 3.0),  # writers finishing, merging, committing
    # Whoosh has committed (its first TOC after the empty one): the character index is being built
    "characters": (lambda run, ix: (s := _staging(ix)) is not None and any(s.glob("_MAIN_[1-9]*.toc")), 0.2),
    "any": (lambda run, ix: True, 8.0),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(corpus, a fresh build of it, the same index lacking one speech) — the index a trial starts from."""
    root = tmp_path_factory.mktemp("kills")
    # SEARCHKIT_KILL_CORPUS=PARAGRAPHS,LENGTH (paragraphs a file, characters a paragraph): e.g. 220,60
    # for 44,000 paragraphs, whose character index is built by a pool of processes.
    paragraphs, length = map(int, (os.environ.get("SEARCHKIT_KILL_CORPUS") or "18,300").split(","))
    corpus = make_corpus(root / "corpus", paragraphs=paragraphs, length=length)
    fresh = root / "fresh"
    searchkit.update_index([corpus], fresh)
    older = root / "older"
    shutil.copytree(fresh, older)
    extra = corpus / "speech-000.txt"
    extra.rename(root / "aside.txt")
    searchkit.update_index([corpus], older)  # so the next update after a kill has real work to do
    (root / "aside.txt").rename(extra)
    return corpus, content(fresh), older


def trial(built, tmp_path: Path, signum: int, phase: str, rng: random.Random) -> dict:
    corpus, expected, older = built
    ix = tmp_path / f"ix-{rng.random():.6f}"
    shutil.copytree(older, ix)
    live = (ix / "CURRENT").read_text()
    err = tmp_path / "stderr"
    with open(err, "wb") as stderr:  # a file, not a pipe: children left behind would hold a pipe open
        run = subprocess.Popen([sys.executable, "-m", "searchkit", "index", str(corpus), "--index", str(ix), "--rebuild"],
                               stdout=subprocess.DEVNULL, stderr=stderr, env=ENV, start_new_session=True)
    ready, pause = PHASES[phase]
    assert _wait_for(lambda: ready(run, ix), run), f"the run ended before the {phase} phase"
    time.sleep(rng.uniform(0, pause))
    # What it was doing when the signal came, for the figures.
    staging, processes_then = _staging(ix), len(session_processes(run.pid))
    doing = ("published" if (ix / "CURRENT").read_text() != live else "reading/writing" if staging is None or not any(
        staging.glob("_MAIN_[1-9]*.toc")) else "characters/commit")
    try:
        os.kill(run.pid, signum)  # the parent alone, as `kill PID` does: its children are its to end
    except ProcessLookupError:
        pass
    run.wait(timeout=30)
    published = (ix / "CURRENT").read_text() != live
    started = time.monotonic()
    while session_processes(run.pid) and time.monotonic() - started < 2:
        time.sleep(0.02)
    left, gone_s = session_processes(run.pid), time.monotonic() - started
    for pid in left:  # never leave them to the next test
        os.kill(pid, signal.SIGKILL)
    waited = []
    began = time.monotonic()
    added = None
    try:
        added = searchkit.update_index([corpus], ix, lock_timeout=2, on_stage=lambda stage: waited.append(
            time.monotonic() - began) if stage == indexer.WAITING else None).added
    except IndexStateError as error:  # still locked after 2 s
        waited.append(str(error))
    result = {"signal": signum, "phase": phase, "doing": doing, "processes": processes_then, "published": published, "returncode": run.returncode, "stderr": err.read_text(),
              "left": left, "gone_s": gone_s, "lock_wait": waited, "update_s": time.monotonic() - began, "added": added,
              "tmp_left": [p.name for p in ix.glob("gen-*.tmp")], "equal": not waited and content(ix) == expected}
    shutil.rmtree(ix, ignore_errors=True)
    return result


def check(result: dict) -> None:
    assert result["left"] == [], result
    assert result["lock_wait"] == [], result  # the next writer did not have to wait for the lock
    assert result["tmp_left"] == [] and result["equal"], result
    if result["published"]:  # its work was done: it may have ended, or been leaving (no handler left then)
        assert result["returncode"] in (0, -result["signal"], 143), result
    elif result["signal"] == signal.SIGTERM:
        assert (result["returncode"], result["stderr"]) == (143, "searchkit: terminated\n"), result
    else:
        assert result["returncode"] == -signal.SIGKILL, result


@pytest.mark.parametrize("signum, phase", [
    (signal.SIGKILL, "writing"),
    (signal.SIGTERM, "writing"),
    (signal.SIGTERM, "reading"),
], ids=["kill-9-writing", "term-writing", "term-reading"])
def test_a_killed_index_leaves_no_process_and_no_lock(built, tmp_path, signum, phase):
    check(trial(built, tmp_path, signum, phase, random.Random(f"{signum}{phase}")))


TRIALS = int(os.environ.get("SEARCHKIT_KILL_TRIALS") or 0)


@pytest.mark.skipif(TRIALS < 1, reason="many kill trials take minutes: SEARCHKIT_KILL_TRIALS=20 pytest -s "
                                       "tests/test_child_processes.py -k many")
def test_many_kills_at_random_moments(built, tmp_path):
    rng = random.Random(os.environ.get("SEARCHKIT_KILL_SEED", "18"))
    results = []
    for number in range(TRIALS):
        signum = (signal.SIGKILL, signal.SIGTERM)[number % 2]
        phases = (os.environ.get("SEARCHKIT_KILL_PHASES") or ",".join(PHASES)).split(",")
        phase = phases[number // 2 % len(phases)]
        results.append(trial(built, tmp_path, signum, phase, rng))
        r = results[-1]
        print(f"trial {number + 1:2}: {signal.Signals(signum).name:7} at {phase:10} ({r['doing']:17}, {r['processes']} processes) exit "
              f"{r['returncode']:4}, processes left {len(r['left'])} (all gone in {r['gone_s']:.2f} s), lock waits {len(r['lock_wait'])}, "
              f"next update {r['update_s']:.2f} s ({r['added']} added), equal to a fresh build: {r['equal']}")
    print(f"{len(results)} trials: processes left {sum(len(r['left']) for r in results)}, lock waits "
          f"{sum(len(r['lock_wait']) for r in results)}, gen-*.tmp left {sum(len(r['tmp_left']) for r in results)}, "
          f"unequal {sum(not r['equal'] for r in results)}")
    for result in results:
        check(result)


def test_sigterm_stops_watch_like_ctrl_c(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("经济发展的讲话\n我们要推进改革开放。\n", encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "searchkit", "watch", str(corpus), "--index", str(tmp_path / "ix")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, start_new_session=True)
    try:
        assert b"added a" in run.stdout.readline()  # the first update is done
        run.send_signal(signal.SIGTERM)
        stdout, stderr = run.communicate(timeout=30)
    finally:
        run.kill()
    assert run.returncode == 143 and stderr.decode().endswith("searchkit: terminated\n")  # the rule of every command


def test_watch_killed_mid_update_leaves_no_process_and_no_lock(built, tmp_path):
    corpus = built[0]
    ix = tmp_path / "ix"
    run = subprocess.Popen([sys.executable, "-m", "searchkit", "watch", str(corpus), "--index", str(ix)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, start_new_session=True)
    assert _wait_for(lambda: _all_started(run, ix), run)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    deadline = time.monotonic() + 2
    while session_processes(run.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    left = session_processes(run.pid)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []
    with store.writer_lock(ix, timeout=0.5):  # free at once (it was held until the kill)
        pass
