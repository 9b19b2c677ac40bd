"""Sidecar metadata: ``NAME.meta.json`` beside ``NAME.txt`` (or .html, .docx, …) states what the text
cannot be trusted to say. Its values win over everything read from the file.

    {"title": "2026年政府工作报告", "speaker": "李强", "date": "2026-03-05", "venue": "…", "source": "…"}

Every key is optional; other keys are ignored.
"""

from __future__ import annotations

import json
from pathlib import Path

from ...models import Skipped
from . import limits
from .document import without_lone_surrogates

SUFFIX = ".meta.json"
FIELDS = ("title", "speaker", "date", "venue", "source")


def path_for(file: Path) -> Path:
    return file.with_name(file.stem + SUFFIX)


def read(file: Path) -> tuple[dict, Skipped | None]:
    """The sidecar's fields ({} when there is none), and a problem to report if it is unusable
    (the speech is still indexed, without it)."""
    path = path_for(file)
    if not path.is_file():  # a FIFO or device is never opened
        return {}, None
    try:
        if path.stat().st_size > limits.text_cap():
            return {}, Skipped(str(path), f"sidecar ignored: larger than {limits.megabytes(limits.text_cap())}")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return {}, Skipped(str(path), f"sidecar ignored: not valid UTF-8 JSON ({error})")
    if not isinstance(data, dict):
        return {}, Skipped(str(path), "sidecar ignored: it must be a JSON object")
    return {k: without_lone_surrogates(str(data[k]).strip())
            for k in FIELDS if isinstance(data.get(k), (str, int)) and str(data[k]).strip()}, None
