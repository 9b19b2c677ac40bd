"""JSON Lines: one speech per line, ``text`` required, optional metadata fields.

A file up to ``limits.file_cap(".jsonl")`` is read whole, in any encoding ``text.decode`` tells; a larger
one line by line, as UTF-8 (what JSON Lines is), so memory stays bounded by the longest line. A line
of more than ``limits.text_cap()`` is skipped, without being held whole.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

from ...errors import InputError
from ...models import Skipped
from . import limits
from .document import Document, without_lone_surrogates
from .text import decode

FIELDS = ("title", "speaker", "date", "source", "venue")
# What a value that is not text is, in a reason: `"title": {"a": 1}` must not become the title "{'a': 1}".
_KINDS = {list: "a list", dict: "an object", bool: "true/false", float: "a fractional number"}


def _text(value) -> str | None:
    """A field's value as text: a string, or a whole number written as one (`"id": 7`, `"date": 2014`)."""
    if isinstance(value, str):
        return without_lone_surrogates(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def read(handle: BinaryIO, name: str, speech_id: str, source: str) -> Iterator[Document | Skipped]:
    """The documents of the open file ``handle`` (``name`` for messages)."""
    whole = limits.file_cap(".jsonl")
    try:
        data = handle.read(whole + 1)
    except OSError as error:
        raise InputError(f"{name} cannot be read: {error.strerror}") from None
    if len(data) <= whole:
        yield from documents(_split(decode(data, name), source), speech_id, source)
        return
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{name} is UTF-16; a JSONL file over {limits.megabytes(whole)} must be UTF-8")
    del data
    handle.seek(0)
    yield from documents(_stream(handle, source), speech_id, source)


Lines = Iterator[tuple[int, "str | Skipped"]]  # (line number, its text or why it is not read)


def _split(text: str, source: str) -> Lines:
    for number, line in enumerate(text.split("\n"), 1):
        yield number, _too_long(source, number) if limits.over_text_cap(line) else line


def _stream(handle: BinaryIO, source: str) -> Lines:
    cap = limits.text_cap()
    number = 0
    while line := handle.readline(cap + 1):
        number += 1
        if len(line) > cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # the rest of it, a piece at a time
                line = handle.readline(1 << 20)
            yield number, _too_long(source, number)
            continue
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            yield number, Skipped(f"{source}:{number}", "not UTF-8 (a large JSONL file is read as UTF-8, line by line)")
            continue
        yield number, text.rstrip("\r\n")


def _too_long(source: str, number: int) -> Skipped:
    return Skipped(f"{source}:{number}", f"longer than {limits.megabytes(limits.text_cap())}, more text than a "
                                         "speech holds; not read")


def documents(lines: Lines, speech_id: str, source: str) -> Iterator[Document | Skipped]:
    for number, line in lines:
        if isinstance(line, Skipped):
            yield line
            continue
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
        wrong = next((key for key in ("id", *FIELDS) if record.get(key) is not None and _text(record[key]) is None), None)
        if wrong is not None:
            yield Skipped(where, f"\"{wrong}\" must be a string, not {_KINDS.get(type(record[wrong]), 'that')}")
            continue
        record_id = _text(record.get("id"))
        doc_id = record_id if record_id else f"{speech_id}#{number}"
        fields = {key: value for key in FIELDS if (value := _text(record.get(key))) and value.strip()}
        yield Document(doc_id, source, without_lone_surrogates(body), fields)
