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
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import orjson

from ..errors import DamagedIndexError, IndexStateError
from ..ingest import processes
from . import integrity

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
        name = (index_dir / CURRENT).read_bytes().decode("ascii").strip()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise IndexStateError(f"cannot read index {index_dir}: {error.strerror}") from None
    except UnicodeDecodeError:
        name = ""
    if not re.fullmatch(rf"{_PREFIX}\d+", name):
        raise DamagedIndexError(
            f"{index_dir} is damaged ({CURRENT} does not name a generation); rebuild it with "
            f"`searchkit index PATH --index {index_dir} --rebuild`", CURRENT, "names no generation")
    return index_dir / name


def exists(index_dir: Path) -> bool:
    return live_generation(index_dir) is not None


def check_format(generation: Path, index_dir: Path) -> dict:
    """The generation's info (format, version, user words); an IndexStateError unless it is this
    format, a DamagedIndexError if it cannot be read."""
    if not generation.is_dir():
        raise DamagedIndexError(
            f"{index_dir} is damaged ({CURRENT} names {generation.name}, which is not there); rebuild it with "
            f"`searchkit index PATH --index {index_dir} --rebuild`", CURRENT, "names no generation")
    try:
        info = orjson.loads((generation / INFO).read_bytes())
    except FileNotFoundError:
        raise integrity.damaged(generation, INFO, "missing") from None
    except PermissionError as error:
        raise integrity.unreadable(generation, error) from None
    except (OSError, ValueError):
        raise integrity.damaged(generation, INFO, "it cannot be read") from None
    if not isinstance(info, dict) or type(info.get("format")) is not int:
        raise integrity.damaged(generation, INFO, "it does not say which index format this is")
    if info["format"] != FORMAT:
        raise IndexStateError(
            f"{index_dir} was built by searchkit {info.get('searchkit', '?')} (index format "
            f"{info.get('format')}); this is searchkit {version()} (format {FORMAT}): rebuild it with "
            f"`searchkit index PATH --index {index_dir} --rebuild`"
        )
    words = info.get("user_words")
    if not isinstance(info.get("searchkit"), str) or info.get("checksums", True) is not True or not (
        words is None or isinstance(words, dict) and isinstance(words.get("words"), list)
        and all(isinstance(pair, list) and len(pair) == 2 for pair in words["words"])
    ):
        raise integrity.damaged(generation, INFO, "a value in it is not of the kind written")
    return info


def checksummed(info: dict) -> bool:
    """Whether the generation's files have recorded checksums (indexes made before them have none)."""
    return info.get("checksums") is True


def _fields_of_kind(entries, kinds: dict) -> bool:
    """Every entry a dict whose fields (those present, or all for the required ones) have their kinds."""
    for entry in entries:
        if not isinstance(entry, dict):
            return False
        for name, (kind, required) in kinds.items():
            value = entry.get(name)
            if value is None and not required:
                continue
            if not isinstance(value, kind) or isinstance(value, bool):
                return False
    return True


_SPEECH_FIELDS = {"file": (str, True), "hash": (str, True), "paragraphs": (int, True), "title": (str, False),
                  "speaker": (str, False), "date": (str, False), "venue": (str, False), "source": (str, False),
                  "year": (int, False)}
_FILE_FIELDS = {"sig": (list, True), "base": (str, True), "ids": (list, True)}


def read_manifest(generation: Path, file=None, checksums: dict | None = None) -> dict:
    """The generation's manifest (from ``file``, opened in binary, when it is already open); a damaged
    one is a DamagedIndexError. ``checksums``: the generation's recorded ones, to check its bytes against."""
    try:
        with file or open(generation / MANIFEST, "rb") as opened:
            data = opened.read()
    except FileNotFoundError:
        raise integrity.damaged(generation, MANIFEST, "missing") from None
    except PermissionError as error:
        raise integrity.unreadable(generation, error) from None
    except OSError:
        raise integrity.damaged(generation, MANIFEST, "it cannot be read") from None
    integrity.check_bytes(generation, checksums, MANIFEST, data)
    try:
        manifest = orjson.loads(data)
    except ValueError:
        raise integrity.damaged(generation, MANIFEST, "it cannot be read") from None
    # An export that prints nothing and exits 0 is worse than an error: check the kinds it is read for.
    if not (isinstance(manifest, dict) and isinstance(manifest.get("speeches"), dict)
            and isinstance(manifest.get("files"), dict) and isinstance(manifest.get("rules", ""), str)
            and _fields_of_kind(manifest["speeches"].values(), _SPEECH_FIELDS)
            and _fields_of_kind(manifest["files"].values(), _FILE_FIELDS)):
        raise integrity.damaged(generation, MANIFEST, "a value in it is not of the kind written")
    return manifest


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


def publish(index_dir: Path, staging: Path, manifest: dict, previous: Path | None = None) -> Path:
    """Seal ``staging`` (its checksums too: files hard-linked from ``previous`` keep theirs) and make it
    the live generation. If anything fails before CURRENT names it, nothing of it is left behind."""
    final = staging.with_name(staging.name.removesuffix(_TMP))
    pointer = index_dir / (CURRENT + ".part")
    published = False
    try:
        write_json(staging / MANIFEST, manifest)
        # The word list is in the small info file too: a reader cuts text with it without parsing the manifest.
        write_json(staging / INFO, {"format": FORMAT, "searchkit": version(), "user_words": manifest.get("user_words"),
                                    "checksums": True})
        write_json(staging / integrity.CHECKSUMS, integrity.record(staging, previous))
        _fsync_dir(staging)
        os.rename(staging, final)
        with open(pointer, "w", encoding="utf-8") as file:
            file.write(final.name + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(pointer, index_dir / CURRENT)
        published = True
    finally:
        if not published:
            with contextlib.suppress(OSError):
                pointer.unlink(missing_ok=True)
            for unpublished in (staging, final):
                if unpublished.is_dir():
                    _remove(unpublished)
    _fsync_dir(index_dir)
    for old in _generations(index_dir)[:-2]:
        shutil.rmtree(old, ignore_errors=True)
    return final


def discard(staging: Path | None) -> None:
    """Remove a generation that will not be published (a failed or cancelled write)."""
    if staging is not None and staging.name.endswith(_TMP):
        _remove(staging)


def _remove(folder: Path) -> None:
    """Remove an unpublished generation and free its space now. A writer that failed may still hold its
    files open, and a removed file's blocks stay taken until the last descriptor closes: so the files
    only it has (one link: not those it shares with the live generation) are emptied first."""
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            if path.is_file() and not path.is_symlink() and path.stat().st_nlink == 1:
                os.truncate(path, 0)
    # Whoosh removes some temporary files while it still holds them open; Linux names them in /proc.
    inside = os.path.join(str(folder.resolve()), "")
    with contextlib.suppress(OSError):
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError, ValueError):
                if os.readlink(f"/proc/self/fd/{fd}").startswith(inside) and os.fstat(int(fd)).st_nlink == 0:
                    os.ftruncate(int(fd), 0)
    shutil.rmtree(folder, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
