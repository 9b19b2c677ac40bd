"""``searchkit index PATHS --index URL``: the local index's update rules, written to a cluster.

The same ``Intake`` (readers, metadata, speeches; files whose signature is unchanged are not read
again) and the same decisions as ``storage.writer.update_index``: a speech whose content hash and file
are unchanged is not rewritten, a changed one replaces its paragraphs, one whose file is gone under
the given paths is removed, an id another still-present file holds is never overwritten. Each speech
lives on one shard (a stable hash of its id) and every write goes to every live replica; replicas
that missed earlier writes are repaired first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..ingest.intake import UNCHANGED, WRITE, Intake, Progress, within
from ..ingest.speeches import RULES_VERSION
from ..models import IndexReport
from .layout import Topology
from .sphinxql import KIND_FILE, KIND_SPEECH, Client, doc_id, fetch_all
from .writes import ShardWriter, decode, paragraph_rows, record_row, repair, shard_of


def records(client: Client, kind: int) -> list[dict]:
    """Every speech record (kind 2) or file record (kind 3), as stored (their ``meta``)."""
    rows = fetch_all(client, f"kind IN (0, {kind})", ("meta",), lambda: _count(client, kind))
    return [json.loads(decode(r["meta"])) for r in rows if int(r["kind"]) == kind]


def _count(client: Client, kind: int) -> int:
    total = 0
    for answer in client.fanout("SELECT shard, COUNT(*) AS n, MAX(gen) AS g FROM {index} WHERE kind IN (0, %s) GROUP BY shard LIMIT 1000" % kind):
        total += sum(int(r["n"]) for r in answer.rows)
    return total


def manifest(client: Client) -> dict[str, dict]:
    return {entry["speech_id"]: entry for entry in records(client, KIND_SPEECH)}


def update_cluster(paths: Iterable[Path], topology: Topology, *, rebuild: bool = False, progress: Progress | None = None,
                   follow: bool = False) -> IndexReport:
    """Bring the cluster in line with the speeches under ``paths`` (see the module docstring)."""
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists():
            raise InputError(f"{path} does not exist")
    client = Client(topology)
    try:
        client.refresh()
        repair(client)
        shards = topology.shards
        known = {} if rebuild else manifest(client)
        known_files = {} if rebuild else {r["path"]: r["record"] for r in records(client, KIND_FILE)}
        rules = (client.marker_meta.get("rules") if known else None) or RULES_VERSION
        writer = ShardWriter(client)
        if rebuild:
            _truncate(client, writer)
        intake = Intake(paths, known_files, rules, progress, follow=follow)
        added, updated, unchanged_read = [], [], 0
        for speech in intake.speeches():
            entry = known.get(speech.speech_id)
            verdict = intake.verdict(speech, entry)
            if verdict != WRITE:
                unchanged_read += verdict == UNCHANGED
                continue
            shard = shard_of(speech.speech_id, shards)
            rows = paragraph_rows(speech, shard)
            if entry is not None and entry["paragraphs"] > len(rows):
                writer.delete(shard, [doc_id("p", speech.speech_id, n) for n in range(len(rows) + 1, entry["paragraphs"] + 1)])
            new_entry = _entry(speech, rows)
            writer.put(shard, rows + [record_row(KIND_SPEECH, speech.speech_id, shard, new_entry, speech.speech_id)])
            (updated if entry is not None else added).append(speech.speech_id)
            known[speech.speech_id] = new_entry
        under = within([p.resolve() for p in paths])
        unreadable = within([Path(p) for p in intake.unreadable])  # not gone: its speeches stay
        seen = intake.unchanged_ids | set(intake.files_ids())
        removed = [sid for sid, entry in known.items()
                   if sid not in seen and under(entry["file"]) and not unreadable(entry["file"])]
        for speech_id in removed:
            shard = shard_of(speech_id, shards)
            count = known.pop(speech_id)["paragraphs"]
            writer.delete(shard, [doc_id("p", speech_id, n) for n in range(1, count + 1)] + [doc_id("s", speech_id)])
        for path, record in intake.files.items():
            if known_files.get(path) != record:
                writer.put(shard_of(path, shards), [record_row(KIND_FILE, path, shard_of(path, shards), {"path": path, "record": record})])
        for path in known_files:
            if under(path) and path not in intake.files:
                writer.delete(shard_of(path, shards), [doc_id("f", path)])
        if writer.changed or rules != RULES_VERSION:
            writer.finish({"rules": RULES_VERSION})
    finally:
        client.close()
    return IndexReport(
        len(added), len(updated), len(removed), len(intake.unchanged_ids) + unchanged_read,
        sum(entry["paragraphs"] for entry in known.values()), len(known), tuple(intake.skipped),
        added_ids=tuple(added), updated_ids=tuple(updated), removed_ids=tuple(removed),
    )


def _entry(speech, rows: list[dict]) -> dict:
    return {"speech_id": speech.speech_id, "hash": speech.content_hash, "file": speech.file, "paragraphs": len(rows),
            "title": speech.title, "speaker": speech.speaker, "date": speech.date, "venue": speech.venue,
            "year": speech.year, "source": speech.source, "chars": sum(len(text) for text in speech.paragraphs)}


def _truncate(client: Client, writer: ShardWriter) -> None:
    from .layout import shard_index

    for shard, nodes in writer.targets.items():
        for node in nodes:
            client.run(node, f"TRUNCATE RTINDEX {shard_index(shard)}")
        writer.changed.add(shard)
