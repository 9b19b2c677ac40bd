"""Odd things in the paths given to `index`: what cannot be read, names that are not UTF-8, files of other
kinds, links that lead nowhere, JSONL fields of the wrong type. Each is a reported skip; nothing indexed
is lost for it, and the rest is indexed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

import searchkit
from samples import REPO
from searchkit.cli import app

runner = CliRunner()
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def _index(*args):
    """`searchkit index ARGS --json`: (exit code, the JSON report, stderr)."""
    result = runner.invoke(app, ["index", *map(str, args), "--json"])
    assert "internal error" not in result.stderr and "Traceback" not in result.output, result.output
    return result.exit_code, json.loads(result.stdout), result.stderr


def _write(folder: Path, name: str, title: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"{title}\n　　{body}\n", encoding="utf-8")


# -- JSONL fields --------------------------------------------------------------------------------------


def test_jsonl_fields_that_are_not_text_are_refused_with_the_line(tmp_path):
    lines = [
        {"id": ["x"], "text": "第一篇\n发展电子商务。"},
        {"title": {"a": 1}, "text": "第二篇\n推进乡村振兴。"},
        {"speaker": True, "text": "第三篇\n科技创新。"},
        {"date": 2014.5, "text": "第四篇\n绿色发展。"},
        {"id": 7, "date": 2014, "text": "第五篇\n扩大就业。"},  # whole numbers read as what they say
        {"id": "good", "title": None, "speaker": "李克强", "text": "第六篇\n深化改革。"},
    ]
    file = tmp_path / "news.jsonl"
    file.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    report = searchkit.update_index([file], tmp_path / "ix")
    assert sorted(report.added_ids) == ["7", "good"]
    assert [(s.source, s.reason) for s in report.skipped] == [
        (f"{file}:1", '"id" must be a string, not a list'),
        (f"{file}:2", '"title" must be a string, not an object'),
        (f"{file}:3", '"speaker" must be a string, not true/false'),
        (f"{file}:4", '"date" must be a string, not a fractional number'),
    ]
    with searchkit.open_index(tmp_path / "ix") as index:
        summaries = {s.speech_id: s for s in index.speeches()}
    assert summaries["7"].year == 2014 and summaries["good"].speaker == "李克强"
