"""Read files into raw documents (one small module per format): find speech files, decode their bytes, unpack JSON Lines.

Nothing here knows about paragraphs or the index; a ``Document`` is one speech's whole text plus any
metadata the file states explicitly (JSONL fields).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..models import Skipped
from . import docx, html, jsonl, pdf, sidecar, text
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


def discover(paths: list[Path]) -> Iterator[tuple[Path, Path]]:
    """(root, file) for every speech file under ``paths``, sorted; a file path is its own root's child."""
    for path in paths:
        if not path.exists():
            raise InputError(f"{path} does not exist")
        if path.is_file():
            yield path.parent, path
            continue
        found = []
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                file = Path(dirpath) / name
                if _is_speech_file(name):
                    found.append(file)
        for file in sorted(found):
            yield path, file


def speech_id_for(root: Path, file: Path) -> str:
    """Stable id: the path below the indexed folder, without the suffix (``2014政府工作报告_李克强``)."""
    return file.relative_to(root).with_suffix("").as_posix()


def read_file(root: Path, file: Path) -> Iterator[Document | Skipped]:
    """The documents of one file; bad JSONL lines come out as ``Skipped`` and the rest still read.

    Raises ``InputError`` when the file as a whole cannot be read.
    """
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(f"{file} cannot be read: {error.strerror}") from None
    source = str(file.resolve())
    speech_id = speech_id_for(root, file)
    suffix = file.suffix.lower()
    if suffix == ".jsonl":
        yield from jsonl.documents(decode(data, str(file)), speech_id, source)
    else:
        body, fields = SINGLE[suffix](data, str(file))
        explicit, problem = sidecar.read(file)
        if problem:
            yield problem
        yield Document(speech_id, source, body, {**fields, **explicit}, file.name)
