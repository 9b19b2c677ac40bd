"""Documents → speeches: paragraphs (text kept exactly as written) and metadata."""

from __future__ import annotations

import hashlib
import json
import re

from .analysis import HAN
from .models import Speech
from .readers.document import Document

# Bump when paragraph or metadata rules change: every speech's hash changes, so an update re-reads all.
RULES_VERSION = "1"

_INDENT = (" ", "\t", "\u3000", "\xa0")
_SENTENCE_END = tuple("。！？；：!?;:…”’」』）)")
_HAN_CHAR = re.compile(f"[{HAN}]")
# A hard-wrapped line is long; shorter lines are titles, headings or one-line paragraphs.
_WRAP_MIN = 40


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text: one per line, or per block when a text separated by blank lines
    hard-wraps its paragraphs. Each paragraph is trimmed of surrounding whitespace only.
    """
    lines = text.splitlines()
    has_blank_lines = any(not line.strip() for line in lines)
    paragraphs: list[str] = []
    previous = ""  # the last line added, or "" after a blank line
    for line in lines:
        stripped = line.strip()
        if not stripped:
            previous = ""
            continue
        if (
            has_blank_lines
            and previous
            and not line.startswith(_INDENT)
            and len(previous) >= _WRAP_MIN
            and not previous.endswith(_SENTENCE_END)
        ):
            glue = "" if _HAN_CHAR.match(previous[-1]) or _HAN_CHAR.match(stripped[0]) else " "
            paragraphs[-1] += glue + stripped
        else:
            paragraphs.append(stripped)
        previous = stripped
    return paragraphs


def content_hash(document: Document) -> str:
    digest = hashlib.sha256()
    digest.update(RULES_VERSION.encode())
    digest.update(json.dumps(document.fields, sort_keys=True, ensure_ascii=False).encode())
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def make_speech(document: Document) -> Speech:
    paragraphs = split_paragraphs(document.text)
    fields = document.fields
    return Speech(
        speech_id=document.speech_id,
        source=fields.get("source") or document.source,
        paragraphs=tuple(paragraphs),
        title=fields.get("title") or (paragraphs[0] if paragraphs else None),
        speaker=fields.get("speaker"),
        date=fields.get("date"),
        venue=fields.get("venue"),
        sections=(None,) * len(paragraphs),
        content_hash=content_hash(document),
        file=document.source,
    )
