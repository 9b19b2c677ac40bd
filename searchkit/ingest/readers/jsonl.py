"""JSON Lines: one speech per line, ``text`` required, optional metadata fields."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ...models import Skipped
from .document import Document, without_lone_surrogates

FIELDS = ("title", "speaker", "date", "source", "venue")


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
        record_id = record.get("id")
        doc_id = without_lone_surrogates(str(record_id)) if record_id not in (None, "") else f"{speech_id}#{number}"
        fields = {
            key: without_lone_surrogates(str(record[key]))
            for key in FIELDS
            if isinstance(record.get(key), (str, int)) and str(record[key]).strip()
        }
        yield Document(doc_id, source, without_lone_surrogates(body), fields)
