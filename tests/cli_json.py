"""Reading `--json` output: one object per line; `search` ends with a summary line (total, offset …)."""

from __future__ import annotations

import json


def is_summary(line: dict) -> bool:
    return "total" in line and "speech_id" not in line


def json_lines(output: str) -> list[dict]:
    """The objects of a `--json` output, without `search`'s closing summary line."""
    return [line for line in map(json.loads, filter(str.strip, output.splitlines())) if not is_summary(line)]


def search_json(output: str) -> tuple[list[dict], dict]:
    """The hits of `search --json` and its summary line, which must close the output."""
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    assert lines and is_summary(lines[-1]), output[-300:]
    assert not any(is_summary(line) for line in lines[:-1])
    return lines[:-1], lines[-1]
