"""Read files into raw documents (one small module per format): find speech files, decode their bytes, unpack JSON Lines.

Nothing here knows about paragraphs or the index; a ``Document`` is one speech's whole text plus any
metadata the file states explicitly (JSONL fields).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ...errors import InputError
from ...models import Skipped
from . import docx, html, jsonl, limits, pdf, sidecar, text
from .document import Document
from .text import decode

__all__ = ["Document", "decode", "discover", "read_file", "speech_id_for"]

# Single-speech formats: suffix -> read(data, name) -> (text with one paragraph per line, explicit fields).
SINGLE = {
    ".txt": text.read,
    ".md": text.read,
    ".html": html.read,
    ".htm": html.read,
    ".docx": docx.read,
    ".pdf": pdf.read,
}
SUFFIXES = set(SINGLE) | {".jsonl"}


def _is_speech_file(name: str) -> bool:
    return not name.startswith(".") and not name.endswith(sidecar.SUFFIX) and Path(name).suffix.lower() in SUFFIXES


def _leaves(link: Path, root: Path) -> Path | None:
    """Where ``link`` leads, if that is outside ``root``."""
    target, inside = link.resolve(), root.resolve()
    return None if target == inside or inside in target.parents else target


def _found_anyway(target: Path, root: Path) -> bool:
    """Whether walking ``root`` finds ``target`` (a path inside it) without following links."""
    relative = target.relative_to(root.resolve())
    return _is_speech_file(target.name) and not any(part.startswith(".") for part in relative.parts)


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))


def not_regular(mode: int) -> str | None:
    """Why a file of this mode is never read ("not a regular file (a FIFO)"), None for a regular file.
    Opening a FIFO blocks until a writer comes; /dev/zero never ends."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"not a regular file ({kind}); not read"


def _special(file: Path) -> str | None:
    """``not_regular`` of what ``file`` leads to; None when it cannot be told (the reader reports that)."""
    try:
        return not_regular(file.stat().st_mode)
    except OSError:
        return None


def discover(paths: list[Path], follow: bool = False, on_skip=None) -> Iterator[tuple[Path, Path]]:
    """(root, file) for every speech file under ``paths``, sorted; a file path is its own root's child.

    A symbolic link inside a folder that leads out of it is not followed (as ripgrep does not), and
    ``on_skip(Skipped)`` hears of it; with ``follow`` it is followed, each real folder walked once.
    A link to a file that the walk finds anyway is left out, so the file keeps its own name as id.
    What is not a regular file (a FIFO, a socket, a device, a link to one) is never opened: ``on_skip``
    hears of it."""
    for path in paths:
        if not path.exists():
            raise InputError(f"{path} does not exist")
        if path.is_file():
            yield path.parent, path
            continue
        if not path.is_dir():
            if on_skip is not None:
                on_skip(Skipped(str(path), _special(path) or "not a regular file; not read"))
            continue
        found = []
        walked = {path.resolve()}
        for dirpath, dirnames, filenames in os.walk(path, followlinks=follow):
            kept = []
            for name in sorted(d for d in dirnames if not d.startswith(".")):
                folder = Path(dirpath) / name
                if folder.is_symlink():
                    target = _leaves(folder, path)
                    if target is not None and not follow:
                        if on_skip is not None:
                            on_skip(Skipped(str(folder), f"a link to {target}, outside {path}; --follow indexes it"))
                        continue
                    if target is None or folder.resolve() in walked:  # inside: walked anyway; or a loop
                        continue
                    walked.add(folder.resolve())
                kept.append(name)
            dirnames[:] = kept
            for name in filenames:
                file = Path(dirpath) / name
                if not _is_speech_file(name):
                    continue
                if file.is_symlink():
                    target = _leaves(file, path)
                    if target is None and _found_anyway(file.resolve(), path):
                        continue  # the file itself is listed, under its own name (its id)
                    if target is not None and not follow:
                        if on_skip is not None:
                            on_skip(Skipped(str(file), f"a link to {target}, outside {path}; --follow indexes it"))
                        continue
                special = _special(file)
                if special is not None:
                    if on_skip is not None:
                        on_skip(Skipped(str(file), special))
                    continue
                found.append(file)
        for file in sorted(found):
            yield path, file


def speech_id_for(root: Path, file: Path) -> str:
    """Stable id: the path below the indexed folder, without the suffix (``2014政府工作报告_李克强``)."""
    return file.relative_to(root).with_suffix("").as_posix()


def open_regular(file: Path):
    """``file`` opened for reading in binary, or an InputError if it cannot be or is not a regular file.
    Opened without blocking, so a FIFO put in its place since it was listed does not hang the run."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(f"{file} cannot be read: {error.strerror}") from None
    special = not_regular(os.fstat(fd).st_mode)
    if special is not None:
        os.close(fd)
        raise InputError(f"{file}: {special}")
    return os.fdopen(fd, "rb")


def read_file(root: Path, file: Path) -> Iterator[Document | Skipped]:
    """The documents of one file; bad JSONL lines come out as ``Skipped`` and the rest still read.

    Raises ``InputError`` when the file as a whole cannot be read, or holds or expands to more than
    ``limits`` allow (its size is checked before it is read).
    """
    source = str(file.resolve())
    speech_id = speech_id_for(root, file)
    suffix = file.suffix.lower()
    cap = limits.file_cap(suffix)
    with open_regular(file) as handle:
        if suffix == ".jsonl":
            yield from jsonl.read(handle, str(file), speech_id, source)
            return
        if os.fstat(handle.fileno()).st_size > cap:
            raise InputError(_too_big(file, suffix, cap))
        try:
            data = handle.read(cap + 1)  # no more than that, even if it grew meanwhile
        except OSError as error:
            raise InputError(f"{file} cannot be read: {error.strerror}") from None
    if len(data) > cap:
        raise InputError(_too_big(file, suffix, cap))
    body, fields = SINGLE[suffix](data, str(file))
    del data
    limits.check_text(body, str(file))
    explicit, problem = sidecar.read(file)
    if problem:
        yield problem
    yield Document(speech_id, source, body, {**fields, **explicit}, file.name)


def _too_big(file: Path, suffix: str, cap: int) -> str:
    if suffix in (".txt", ".md"):
        return f"{file} holds more than {limits.megabytes(cap)} of text, more than a speech holds; split it into speeches"
    return f"{file} is larger than {limits.megabytes(cap)}, more than a {suffix} speech takes; not read"
