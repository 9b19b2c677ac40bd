"""JSON Lines: one speech per line, ``text`` required, optional metadata fields."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ...models import Skipped
from .document import Document, without_lone_surrogates

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


def documents(text: str, speech_id: str, source: str) -> Iterator[Document | Skipped]:
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
        wrong = next((key for key in ("id", *FIELDS) if record.get(key) is not None and _text(record[key]) is None), None)
        if wrong is not None:
            yield Skipped(where, f"\"{wrong}\" must be a string, not {_KINDS.get(type(record[wrong]), 'that')}")
            continue
        record_id = _text(record.get("id"))
        doc_id = record_id if record_id else f"{speech_id}#{number}"
        fields = {key: value for key in FIELDS if (value := _text(record.get(key))) and value.strip()}
        yield Document(doc_id, source, without_lone_surrogates(body), fields)
