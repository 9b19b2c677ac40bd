"""The index directory: atomic generations, one writer at a time, a format check on open.

Layout of an index directory::

    CURRENT           name of the live generation ("gen-000007"), replaced atomically
    .lock             flock'd by the one writer (the kernel drops it if the writer dies: no stale lock;
                      the processes it forks die with it and do not share the lock: ingest/processes.py)
    gen-000007/       a complete Whoosh index + chars/ (charindex.py) + manifest.json + searchkit.json
    gen-000008.tmp/   a generation being written; never read, removed by the next writer

Every write (update or rebuild) makes a new generation — an update starts from hard links to the live
one's immutable Whoosh files — and publishes it by replacing CURRENT. Readers open whatever CURRENT
names, so they see the old index or the new one, never a mixture; ``kill -9`` at any moment leaves
CURRENT naming a complete generation. The generation before the live one is kept so that a reader
that read CURRENT just before a swap can still open it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import orjson

from ..errors import IndexStateError
from ..ingest import processes

FORMAT = 7  # 4: compact inlined posting lists (codec.py); 5: character index, no bigram field;
# 6: script folded one character at a time (乾隆 is indexed as 干隆, so a search for 乾 finds it);
# 7: the storage package holds the word tokenizer, word postings carry plain frequencies, the info
# file names the user word list
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
INFO = "searchkit.json"
_PREFIX = "gen-"
_TMP = ".tmp"


def version() -> str:
    from .. import __version__

    return __version__


def live_generation(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise IndexStateError(f"cannot read index {index_dir}: {error.strerror}") from None
    return index_dir / name


def exists(index_dir: Path) -> bool:
    return live_generation(index_dir) is not None


def check_format(generation: Path, index_dir: Path) -> dict:
    """The generation's info (format, version, user words); an IndexStateError unless it is this format."""
    try:
        info = json.loads((generation / INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise IndexStateError(
            f"{index_dir} is not a searchkit index (or is damaged); rebuild it with "
            f"`searchkit index PATH --index {index_dir} --rebuild`"
        ) from None
    if info.get("format") != FORMAT:
        raise IndexStateError(
            f"{index_dir} was built by searchkit {info.get('searchkit', '?')} (index format "
            f"{info.get('format')}); this is searchkit {version()} (format {FORMAT}): rebuild it with "
            f"`searchkit index PATH --index {index_dir} --rebuild`"
        )
    return info


def read_manifest(generation: Path, file=None) -> dict:
    """The generation's manifest (from ``file`` when it is already open); a damaged one is an IndexStateError."""
    try:
        with file or open(generation / MANIFEST, encoding="utf-8") as opened:
            manifest = orjson.loads(opened.read())
        manifest["speeches"], manifest["files"]  # noqa: B018 - both are needed
        return manifest
    except (OSError, ValueError, KeyError, TypeError):
        index_dir = generation.parent
        raise IndexStateError(
            f"{index_dir} is damaged ({generation.name}/{MANIFEST} cannot be read); rebuild it with "
            f"`searchkit index PATH --index {index_dir} --rebuild`"
        ) from None


@contextlib.contextmanager
def writer_lock(index_dir: Path, timeout: float = 30.0, on_wait=None) -> Iterator[None]:
    """Hold the index's write lock; wait up to ``timeout`` seconds for another writer to finish
    (calling ``on_wait()`` once, when the wait begins)."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        lock_file = open(index_dir / ".lock", "a+b")
    except OSError as error:
        why = "it is a file" if index_dir.is_file() else error.strerror
        raise IndexStateError(f"cannot write an index in {index_dir}: {why}; choose another folder with --index") from None
    with lock_file:
        deadline = time.monotonic() + timeout
        waited = False
        while True:
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexStateError(
                        f"another searchkit process is writing to {index_dir}; "
                        f"waited {timeout:.0f} s — try again when it has finished"
                    ) from None
                if not waited and on_wait is not None:
                    on_wait()
                waited = True
                time.sleep(0.1)
        try:
            with processes.tied(lock_file.fileno()):  # no child may keep the lock once this process is gone
                yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def _number(path: Path) -> int:
    return int(path.name[len(_PREFIX):].removesuffix(_TMP))


def _generations(index_dir: Path) -> list[Path]:
    return sorted(
        (p for p in index_dir.iterdir() if p.name.startswith(_PREFIX) and p.is_dir()), key=_number
    )


def remove_leftovers(index_dir: Path) -> None:
    """Remove the ``gen-N.tmp`` folders of writers that died (call with the writer lock held)."""
    for leftover in index_dir.glob(f"{_PREFIX}*{_TMP}"):
        shutil.rmtree(leftover, ignore_errors=True)


def begin_generation(index_dir: Path, start_from: Path | None) -> Path:
    """A fresh ``gen-N.tmp`` folder (call with the writer lock held), seeded with hard links to
    ``start_from``'s files when given. Leftovers of writers that died are removed first."""
    remove_leftovers(index_dir)
    numbers = [_number(p) for p in _generations(index_dir)]
    staging = index_dir / f"{_PREFIX}{max(numbers, default=0) + 1:06d}{_TMP}"
    staging.mkdir()
    if start_from is not None:
        for item in start_from.iterdir():
            # Whoosh never rewrites a file in place (new segments, TOC by rename), and we replace
            # manifest/info files by rename too, so sharing inodes with the live generation is safe.
            if item.is_file() and not item.name.endswith("LOCK"):
                os.link(item, staging / item.name)
            elif item.is_dir():  # the character indexes, one folder a segment, also never rewritten
                for file in item.rglob("*"):
                    target = staging / file.relative_to(start_from)
                    if file.is_dir():
                        target.mkdir(parents=True, exist_ok=True)
                    else:
                        target.parent.mkdir(parents=True, exist_ok=True)
                        os.link(file, target)
    return staging


def write_json(path: Path, data: dict) -> None:
    """Replace ``path`` atomically (new inode: hard-linked copies elsewhere keep the old content)."""
    tmp = path.with_name(path.name + ".part")
    # orjson: the manifest of a large index (25 MB for 75k speeches) is read and written on every update.
    with open(tmp, "wb") as file:
        file.write(orjson.dumps(data))
        file.flush()
        os.fsync(file.fileno())
    os.replace(tmp, path)


def publish(index_dir: Path, staging: Path, manifest: dict) -> Path:
    """Seal ``staging`` and make it the live generation."""
    write_json(staging / MANIFEST, manifest)
    # The word list is in the small info file too: a reader cuts text with it without parsing the manifest.
    write_json(staging / INFO, {"format": FORMAT, "searchkit": version(), "user_words": manifest.get("user_words")})
    _fsync_dir(staging)
    final = staging.with_name(staging.name.removesuffix(_TMP))
    os.rename(staging, final)
    pointer = index_dir / (CURRENT + ".part")
    with open(pointer, "w", encoding="utf-8") as file:
        file.write(final.name + "\n")
        file.flush()
        os.fsync(file.fileno())
    os.replace(pointer, index_dir / CURRENT)
    _fsync_dir(index_dir)
    for old in _generations(index_dir)[:-2]:
        shutil.rmtree(old, ignore_errors=True)
    return final


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
