"""Read files into raw documents: find speech files, decode their bytes, unpack JSON Lines.

Nothing here knows about paragraphs or the index; a ``Document`` is one speech's whole text plus any
metadata the file states explicitly (JSONL fields).
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .models import Skipped

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES
JSONL_FIELDS = ("title", "speaker", "date", "source", "venue")


@dataclass(frozen=True)
class Document:
    speech_id: str
    source: str  # the file it came from (absolute path)
    text: str
    fields: dict = field(default_factory=dict)  # explicit metadata: wins over what the text suggests


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
                if not name.startswith(".") and file.suffix.lower() in SUFFIXES:
                    found.append(file)
        for file in sorted(found):
            yield path, file


def speech_id_for(root: Path, file: Path) -> str:
    """Stable id: the path below the indexed folder, without the suffix (``2014政府工作报告_李克强``)."""
    return file.relative_to(root).with_suffix("").as_posix()


def decode(data: bytes, name: str) -> str:
    """Text of a file in UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK or Big5."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{name} starts with a {encoding} BOM but is not valid {encoding}") from None
    if b"\x00" in data:
        raise InputError(f"{name} looks binary (it contains NUL bytes)")
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
        break
    raise InputError(f"{name} is not UTF-8, GB18030, Big5 or UTF-16 with a BOM; convert it to UTF-8")


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for c in text if c < " " and c not in "\t\n\r\f\v\x1a")
    return controls <= len(text) // 100


def read_file(root: Path, file: Path) -> Iterator[Document | Skipped]:
    """The documents of one file; bad JSONL lines come out as ``Skipped`` and the rest still read.

    Raises ``InputError`` when the file as a whole cannot be read.
    """
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(f"{file} cannot be read: {error.strerror}") from None
    text = decode(data, str(file))
    source = str(file.resolve())
    speech_id = speech_id_for(root, file)
    if file.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_documents(text, speech_id, source)
    else:
        yield Document(speech_id, source, text)


def _jsonl_documents(text: str, speech_id: str, source: str) -> Iterator[Document | Skipped]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Skipped(where, f"not valid JSON ({error.msg})")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, "a JSONL line must be an object")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Skipped(where, "no \"text\" string")
            continue
        record_id = record.get("id")
        doc_id = str(record_id) if record_id not in (None, "") else f"{speech_id}#{number}"
        fields = {
            key: str(record[key])
            for key in JSONL_FIELDS
            if isinstance(record.get(key), (str, int)) and str(record[key]).strip()
        }
        yield Document(doc_id, source, body, fields)
