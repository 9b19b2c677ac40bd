"""Read files into raw documents (one small module per format): find speech files, decode their bytes, unpack JSON Lines.

Nothing here knows about paragraphs or the index; a ``Document`` is one speech's whole text plus any
metadata the file states explicitly (JSONL fields).
"""

from __future__ import annotations

import errno
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
NOT_UTF8 = "its name is not valid UTF-8: rename it"


def unsupported(file: Path) -> str:
    """Why ``file`` (named on its own, not found in a folder) is not read."""
    if file.name.endswith(sidecar.SUFFIX):
        return f"a metadata file: it is read with its speech ({file.name[: -len(sidecar.SUFFIX)]}.*)"
    return f"not a speech file: searchkit reads {', '.join(sorted(SUFFIXES))}"


def printable(path: Path | str) -> str:
    """``path`` as text that can be printed and stored: bytes of a name that are not UTF-8 shown as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _valid_name(path: Path | str) -> bool:
    # A name that is not UTF-8 arrives with its bytes as lone surrogates, which no encoder downstream takes.
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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


def _is_speech_file(name: str) -> bool:
    return not name.startswith(".") and not name.endswith(sidecar.SUFFIX) and Path(name).suffix.lower() in SUFFIXES


def _may_matter(name: str) -> bool:
    """Whether a name found in a folder could be a speech file or a folder of them (no suffix): a link
    by such a name that leads nowhere is reported, a broken ``logo.png`` is not."""
    return _is_speech_file(name) or (not name.startswith(".") and not Path(name).suffix)


def _broken_link(link: Path) -> str | None:
    """Why the link ``link`` leads to nothing (its target is gone, or links lead round in a loop); None
    when it is not a link or reaches something. Raises ``OSError`` when ``link`` itself cannot be looked at."""
    if not link.is_symlink():
        return None
    try:
        os.stat(link)
    except OSError as error:
        target = printable(os.readlink(link))
        if error.errno == errno.ENOENT:
            return f"a link to {target}, which does not exist"
        if error.errno == errno.ELOOP:
            return f"a link to {target}, which leads round in a loop of links"
        return f"a link to {target}, which cannot be followed: {error.strerror}"
    return None


def _leaves(link: Path, root: Path) -> Path | None:
    """Where ``link`` leads, if that is outside ``root``."""
    target, inside = link.resolve(), root.resolve()
    return None if target == inside or inside in target.parents else target


def _found_anyway(target: Path, root: Path) -> bool:
    """Whether walking ``root`` finds ``target`` (a path inside it) without following links."""
    relative = target.relative_to(root.resolve())
    return _is_speech_file(target.name) and not any(part.startswith(".") for part in relative.parts)


def discover(paths: list[Path], follow: bool = False, on_skip=None, on_unreadable=None) -> Iterator[tuple[Path, Path]]:
    """(root, file) for every speech file under ``paths``, sorted; a file path is its own root's child.

    ``on_skip(Skipped)`` hears of what is left out and why: a symbolic link inside a folder that leads out
    of it (not followed, as ripgrep does not; with ``follow`` it is followed, each real folder walked
    once), a link that leads nowhere or round in a loop, a name that is not UTF-8, a file named on its own
    that is no speech file. ``on_unreadable(Skipped, path)`` hears of a folder or file that cannot be
    listed or looked at: what is indexed from it must stay. A link to a file that the walk finds anyway
    is left out, so the file keeps its own name as id. What is not a regular file (a FIFO, a socket, a
    device, a link to one) is never opened: ``on_skip`` hears of it."""

    def skip(where, reason: str) -> None:
        if on_skip is not None:
            on_skip(Skipped(printable(where), reason))

    def unreadable(where, error: OSError) -> None:
        if on_unreadable is not None:
            on_unreadable(Skipped(printable(where), f"{printable(where)} cannot be read: {error.strerror}"), Path(where))

    for path in paths:
        if not path.exists():
            raise InputError(f"{path} does not exist")
        if not _valid_name(path.resolve()):
            skip(path, NOT_UTF8)
            continue
        if path.is_file():
            if path.name.endswith(sidecar.SUFFIX) or path.suffix.lower() not in SUFFIXES:
                skip(path, unsupported(path))
            else:
                yield path.parent, path
            continue
        if not path.is_dir():
            skip(path, _special(path) or "not a regular file; not read")
            continue
        found = []
        walked = {path.resolve()}
        # os.walk drops a folder it cannot list unless told: its speeches would then look deleted.
        for dirpath, dirnames, filenames in os.walk(path, followlinks=follow, onerror=lambda e: unreadable(e.filename, e)):
            kept = []
            for name in sorted(d for d in dirnames if not d.startswith(".")):
                folder = Path(dirpath) / name
                try:
                    is_link = folder.is_symlink()
                except OSError as error:  # in a folder that may be listed but not entered (no execute permission)
                    unreadable(folder, error)
                    continue
                if not _valid_name(folder):
                    skip(folder, NOT_UTF8)
                    continue
                if is_link:
                    target = _leaves(folder, path)
                    if target is not None and not follow:
                        skip(folder, f"a link to {printable(target)}, outside {path}; --follow indexes it")
                        continue
                    if target is None or folder.resolve() in walked:  # inside: walked anyway; or a loop
                        continue
                    if not _valid_name(target):
                        skip(folder, f"a link to {printable(target)}, whose name is not valid UTF-8: rename it")
                        continue
                    walked.add(folder.resolve())
                kept.append(name)
            dirnames[:] = kept
            for name in sorted(filenames):
                if not _may_matter(name):
                    continue
                file = Path(dirpath) / name
                try:
                    broken = _broken_link(file)
                except OSError as error:
                    if _is_speech_file(name):
                        unreadable(file, error)
                    continue
                if broken:
                    skip(file, broken)
                    continue
                if not _is_speech_file(name):
                    continue
                if not _valid_name(file):
                    skip(file, NOT_UTF8)
                    continue
                if file.is_symlink():
                    target = _leaves(file, path)
                    if target is None and _found_anyway(file.resolve(), path):
                        continue  # the file itself is listed, under its own name (its id)
                    if target is not None and not follow:
                        skip(file, f"a link to {printable(target)}, outside {path}; --follow indexes it")
                        continue
                    if not _valid_name(file.resolve()):
                        skip(file, f"a link to {printable(file.resolve())}, whose name is not valid UTF-8: rename it")
                        continue
                special = _special(file)
                if special is not None:
                    skip(file, special)
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
    suffix = file.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{file}: {unsupported(file)}")
    source = str(file.resolve())
    speech_id = speech_id_for(root, file)
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

