"""Damage detection: the size and CRC-32 of every file of a generation, written when it is published.

``checksums.json`` in each generation records ``{file: [size, crc32]}`` for all its files (Whoosh's, the
character index's, the manifest and the info file) and a CRC of that table itself. Checking every byte
on every open would cost a cold search of the full xwlb index (520 MB) a tenth of a second or more, so
opening checks cheaply (``check_open``): every file's size, and the bytes of the files small enough to
read in well under a millisecond plus the character index arrays that opening reads whole anyway. What
opening cannot afford — the bytes of the large memory-mapped files — ``verify`` checks: ``searchkit check``
and the start of every ``update_index`` run, which repairs what it finds (writer.py). The character index
also checks the shape of its arrays on open and the parts of them each search reads (charindex.py).

An index made before checksums were written has none (its info file does not say ``"checksums": true``):
it opens unchecked, and its next update writes them.
"""

from __future__ import annotations

import mmap
import os
import threading
import zlib
from pathlib import Path

import orjson

from ..errors import DamagedIndexError, IndexStateError

CHECKSUMS = "checksums.json"
# Files up to this size are read and checked on every open: 1 MiB is ~0.2 ms of CRC-32 from the page cache.
WHOLE_ON_OPEN = 1 << 20
# The character index arrays opening reads whole anyway (charindex.CharIndex): checked whatever their size.
READ_WHOLE = frozenset({"starts.npy", "keys.npy", "bounds.npy", "headings.npy"})


def _recorded_name(name: str) -> bool:
    # Whoosh's empty lock files come and go; ``.part`` files are replacements not yet renamed.
    return name != CHECKSUMS and not name.endswith("LOCK") and ".part" not in name


def crc_of(path: Path) -> int:
    """CRC-32 of a file's bytes, read through a memory map (no copy)."""
    with open(path, "rb") as file:
        if os.fstat(file.fileno()).st_size == 0:
            return 0
        with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as view:
            return zlib.crc32(view)


def _table_crc(files: dict) -> int:
    return zlib.crc32(orjson.dumps(files, option=orjson.OPT_SORT_KEYS))


def damaged(generation: Path, file: str, why: str) -> DamagedIndexError:
    """The one-line error for ``file`` (relative to ``generation``) being damaged."""
    index_dir = generation.parent
    where = f"{generation.name}/{file}" if file else generation.name
    return DamagedIndexError(
        f"{index_dir} is damaged ({where}: {why}); rebuild it with `searchkit index PATH --index {index_dir}`",
        where, why,
    )


def damaged_at(path: Path, why: str) -> DamagedIndexError:
    """The error for ``path``, a file inside some generation."""
    for parent in path.parents:
        if parent.name.startswith("gen-"):
            return damaged(parent, path.relative_to(parent).as_posix(), why)
    return DamagedIndexError(f"{path} is damaged ({why}); rebuild the index", str(path), why)


def unreadable(generation: Path, error: OSError) -> IndexStateError:
    """A file the system will not let us read: not damage, and nothing a rebuild would fix."""
    return IndexStateError(f"cannot read index {generation.parent}: {error.filename or generation}: {error.strerror}")


def record(generation: Path, previous: Path | None = None) -> dict:
    """The contents of ``checksums.json`` for every file of ``generation``. A file hard-linked from ``previous``
    (the same inode) keeps the checksum ``previous`` records: its bytes were verified when this
    update began, and rereading a 500 MB index on every small update would be most of its cost."""
    known: dict = {}
    if previous is not None:
        try:
            known = _read_table(previous) or {}
        except IndexStateError:
            known = {}
    files: dict[str, list[int]] = {}
    for path in sorted(generation.rglob("*")):
        if not path.is_file() or not _recorded_name(path.name):
            continue
        name = path.relative_to(generation).as_posix()
        stat = path.stat()
        crc = None
        if name in known and known[name][0] == stat.st_size:
            try:
                old = (previous / name).stat()
                if (old.st_ino, old.st_dev) == (stat.st_ino, stat.st_dev):
                    crc = known[name][1]
            except OSError:
                pass
        files[name] = [stat.st_size, crc_of(path) if crc is None else crc]
    return {"crc": _table_crc(files), "files": files}


def _read_table(generation: Path) -> dict[str, list[int]] | None:
    """The recorded ``{file: [size, crc]}``, or None when the generation has no checksums file."""
    try:
        data = orjson.loads((generation / CHECKSUMS).read_bytes())
    except FileNotFoundError:
        return None
    except PermissionError as error:
        raise unreadable(generation, error) from None
    except (OSError, ValueError):
        raise damaged(generation, CHECKSUMS, "it cannot be read") from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or not all(
        isinstance(entry, list) and len(entry) == 2 and all(type(n) is int for n in entry) for entry in files.values()
    ):
        raise damaged(generation, CHECKSUMS, "it does not hold a table of checksums")
    if data.get("crc") != _table_crc(files):
        raise damaged(generation, CHECKSUMS, "its own checksum differs")
    return files


def recorded(generation: Path, expected: bool) -> dict[str, list[int]] | None:
    """The generation's checksums; None for an index made before they were written. ``expected``:
    the info file says they were (so a missing checksums file is damage)."""
    table = _read_table(generation)
    if table is None and expected:
        raise damaged(generation, CHECKSUMS, "missing")
    return table


def _size_check(generation: Path, name: str, size: int) -> None:
    try:
        actual = os.stat(generation / name).st_size
    except FileNotFoundError:
        raise damaged(generation, name, "missing") from None
    except PermissionError as error:
        raise unreadable(generation, error) from None
    except OSError as error:
        raise damaged(generation, name, error.strerror or "it cannot be read") from None
    if actual != size:
        short = "cut short: " if actual < size else ""
        raise damaged(generation, name, f"{short}{actual:,} bytes where {size:,} were written")


def _crc_check(generation: Path, name: str, crc: int) -> None:
    try:
        actual = crc_of(generation / name)
    except PermissionError as error:
        raise unreadable(generation, error) from None
    except (OSError, ValueError) as error:
        raise damaged(generation, name, getattr(error, "strerror", None) or "it cannot be read") from None
    if actual != crc:
        raise damaged(generation, name, "its bytes differ from those written (checksum mismatch)")


class OpenCheck:
    """The checks made on every open (``check_open``). The sizes and the small files are checked at
    once; the character index arrays read whole (7 MB a segment on the full xwlb index: 6 ms to read and
    check) in a thread, while the opening reads them too and does its numpy work; ``result()`` waits."""

    def __init__(self, generation: Path, table: dict[str, list[int]] | None) -> None:
        self.generation, self.table = generation, table
        self._error: IndexStateError | None = None
        self._thread: threading.Thread | None = None
        if table is None:
            return
        for name, (size, _) in table.items():
            _size_check(generation, name, size)
        later = []
        for name, (size, crc) in table.items():
            if name.rsplit("/", 1)[-1] in READ_WHOLE and size > WHOLE_ON_OPEN:
                later.append((name, crc))
            elif size <= WHOLE_ON_OPEN:
                _crc_check(generation, name, crc)
        if later:
            self._thread = threading.Thread(target=self._check, args=(later,), daemon=True)
            self._thread.start()

    def _check(self, files: list[tuple[str, int]]) -> None:
        try:
            for name, crc in files:
                _crc_check(self.generation, name, crc)  # zlib releases the GIL: this runs beside the opening
        except IndexStateError as error:
            self._error = error

    def result(self) -> IndexStateError | None:
        """The damage the thread found, once it has finished (None: none)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        return self._error

    def wait(self) -> None:
        if self.result() is not None:
            raise self._error


def check_open(generation: Path, expected: bool) -> OpenCheck:
    """The cheap checks made on every open: every recorded file is there at its recorded size, and
    the small ones and the character index arrays read whole hold the bytes written. ``expected``: the
    info file says checksums were written. Call ``wait()`` on the result before answering any query."""
    return OpenCheck(generation, recorded(generation, expected))


def check_bytes(generation: Path, table: dict[str, list[int]] | None, name: str, data: bytes) -> None:
    """``data``, read from the file ``name`` of the generation, are the bytes written (when recorded)."""
    if table is not None and name in table and zlib.crc32(data) != table[name][1]:
        raise damaged(generation, name, "its bytes differ from those written (checksum mismatch)")


def verify(generation: Path, expected: bool) -> tuple[int, int] | None:
    """Every byte of every recorded file against its checksum: (files, bytes) read, or None when the
    generation has no checksums."""
    table = recorded(generation, expected)
    if table is None:
        return None
    for name, (size, _) in table.items():
        _size_check(generation, name, size)
    for name, (_, crc) in table.items():
        _crc_check(generation, name, crc)
    return len(table), sum(size for size, _ in table.values())
