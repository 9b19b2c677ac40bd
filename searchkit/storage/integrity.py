"""Damage detection: the size and CRC-32 of every file of a generation, written when it is published.

``checksums.json`` in each generation records ``{file: [size, crc32]}`` for all its files (Whoosh's, the
character index's, the manifest and the info file) and a CRC of that table itself. Checking every byte
on every open would cost a cold search of the full xwlb index (520 MB) a tenth of a second or more, so
opening checks cheaply (``check_open``): every file's size, the bytes of the files small enough to read
in well under a millisecond, and those of the texts' offsets (``starts.npy``) from the array opening
loads anyway. What opening cannot afford — the bytes of the large files — ``verify`` checks: ``searchkit
check`` and the start of every ``update_index`` run, which repairs what it finds (writer.py). The
character index also checks the shape of its arrays on open, and each search the parts it reads
(charindex.py), so damage there is an error rather than a wrong count.

An index made before checksums were written has none (its info file does not say ``"checksums": true``):
it opens unchecked, and its next update writes them.
"""

from __future__ import annotations

import mmap
import os
import zlib
from pathlib import Path

import orjson

from ..errors import DamagedIndexError, IndexStateError

CHECKSUMS = "checksums.json"
# Files up to this size are read and checked on every open: 1 MiB is ~0.2 ms of CRC-32 from the page cache.
WHOLE_ON_OPEN = 1 << 20
# Checked on every open whatever their size, from the array the opening loads (charindex.CharIndex):
# the offsets of the texts, on which every count rests (3 MB for the full xwlb index: 0.6 ms).
CHECKED_WHEN_LOADED = frozenset({"starts.npy"})


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
    (the same inode) keeps the checksum ``previous`` records — pass it only when its checksums were
    verified as this update began: rereading a 500 MB index on every small update would be most of its cost."""
    known: dict = {}
    if previous is not None:
        try:
            known = read_table(previous) or {}
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


def read_table(generation: Path) -> dict[str, list[int]] | None:
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
    the info file says they were (so a missing checksums file is damage). Without it a checksums file
    is stale: a searchkit that writes none updated the index, linking the old one in unchanged."""
    if not expected:
        return None
    table = read_table(generation)
    if table is None:
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


def check_open(generation: Path, expected: bool) -> dict[str, list[int]] | None:
    """The cheap checks made on every open: every recorded file is there at its recorded size, and the
    small ones hold the bytes written (``starts.npy``, whatever its size, is checked by the character
    index from the array it loads: ``check_loaded``). ``expected``: the info file says checksums were
    written. Returns the checksums (None: the generation has none)."""
    table = recorded(generation, expected)
    if table is None:
        return None
    for name, (size, _) in table.items():
        _size_check(generation, name, size)
    for name, (size, crc) in table.items():
        if size <= WHOLE_ON_OPEN and name.rsplit("/", 1)[-1] not in CHECKED_WHEN_LOADED:
            _crc_check(generation, name, crc)
    return table


def check_loaded(path: Path, array, table: dict[str, list[int]] | None) -> None:
    """``array``, just loaded whole from the ``.npy`` file ``path``, holds the bytes written: the CRC of the
    file is that of its header, read again (a few hundred bytes), and of the array in memory."""
    for parent in path.parents:
        if parent.name.startswith("gen-"):
            name = path.relative_to(parent).as_posix()
            break
    else:
        return
    if table is None or name not in table:
        return
    size, crc = table[name]
    try:
        with open(path, "rb") as file:
            header = file.read(size - array.nbytes)
    except OSError as error:
        raise damaged(parent, name, error.strerror or "it cannot be read") from None
    if zlib.crc32(array, zlib.crc32(header)) != crc:
        raise damaged(parent, name, "its bytes differ from those written (checksum mismatch)")


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
