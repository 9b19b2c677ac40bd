"""What the cluster stores, row by row, and how a write reaches every replica.

One RT index per shard holds four kinds of rows: the shard's *marker* (kind 0: its write generation,
and the generations of every shard as this write knew them), *paragraphs* (kind 1: the normalized
text the engine matches on — ``body``, every character a token — and the raw paragraph it shows, the
jieba words as tokens for word statistics, the speech's metadata), *speech records* (kind 2: the
manifest entry) and *file records* (kind 3: what ``Intake`` needs to skip unchanged files).

A write goes to every live, current replica of the shard; a replica that is down misses it and its
marker stays at the older generation, so ``status`` calls it stale and ``repair`` (or the next
``index``) copies over exactly the rows that differ from a current replica.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict

from ..models import Speech
from ..text import normalize, segmenter
from .layout import Node, Topology, shard_index
from .sphinxql import (KIND_MARKER, KIND_PARAGRAPH, KIND_SPEECH, MARKER_WORD, Client, NodeDown, doc_id,
                       marker_id, match_text, word_token)

STRING_FIELDS = ("speech_id", "hash", "norm", "raw", "title", "speaker", "date", "source", "section", "venue", "sortkey", "meta")
NUMBER_FIELDS = ("kind", "shard", "paragraph", "heading", "length", "nwords", "gen")
ATTRIBUTES = ("id", *NUMBER_FIELDS, *STRING_FIELDS)
COLUMNS = (*ATTRIBUTES, "body", "words")
BATCH_ROWS = 400
# SphinxQL keeps no escape for NUL and Ctrl-Z: they travel as two plane-16 private-use characters.
_OUT = str.maketrans({0: 0x10FFF0, 0x1A: 0x10FFF1})
_IN = str.maketrans({0x10FFF0: 0, 0x10FFF1: 0x1A})


def encode(text: str | None) -> str:
    return (text or "").translate(_OUT)


def decode(text: str | None) -> str:
    return (text or "").translate(_IN)


def shard_of(key: str, shards: int) -> int:
    """The shard of a speech (by id) or a file record (by path): a stable hash, never Python's."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big") % shards


def _with_hash(row: dict) -> dict:
    digest = hashlib.blake2b(digest_size=12)
    for name in ATTRIBUTES[1:]:
        if name != "hash":
            digest.update(f"{row.get(name, '')}\x1f".encode("utf-8"))
    row["hash"] = digest.hexdigest()
    return row


def with_fields(row: dict) -> dict:
    """``row`` (its attributes) with the full-text fields searchd keeps but never returns."""
    kind = int(row["kind"])
    norm = decode(row.get("norm"))
    row["body"] = match_text(norm) if kind == KIND_PARAGRAPH else ""
    row["words"] = (" ".join(word_token(w) for w in segmenter().words_of(norm)) if kind == KIND_PARAGRAPH
                    else MARKER_WORD if kind == KIND_MARKER else "")
    return row


def paragraph_rows(speech: Speech, shard: int) -> list[dict]:
    from ..storage.writer import is_heading  # the local index's own rule for a heading paragraph

    when = speech.date or str(speech.year or "")
    rows = []
    for number, (text, section) in enumerate(zip(speech.paragraphs, speech.sections), 1):
        norm = normalize(text)
        words = segmenter().words_of(norm)
        row = {"id": doc_id("p", speech.speech_id, number), "kind": KIND_PARAGRAPH, "shard": shard, "paragraph": number,
               # In UTF-16 units, as the character index counts a paragraph's length for BM25.
               "heading": int(is_heading(text, speech.title, section)), "length": len(text.encode("utf-16-le")) // 2,
               "nwords": len(words), "gen": 0,
               "speech_id": speech.speech_id, "norm": encode(norm), "raw": encode(text), "title": encode(speech.title),
               "speaker": encode(speech.speaker), "date": encode(speech.date), "source": encode(speech.source),
               "section": encode(section), "venue": encode(speech.venue), "sortkey": encode(when), "meta": ""}
        _with_hash(row)
        row["body"] = match_text(norm)
        row["words"] = " ".join(word_token(w) for w in words)
        rows.append(row)
    return rows


def record_row(kind: int, key: str, shard: int, meta: dict, speech_id: str = "") -> dict:
    row = {"id": doc_id("s" if kind == KIND_SPEECH else "f", key), "kind": kind, "shard": shard, "paragraph": 0,
           "heading": 0, "length": 0, "nwords": 0, "gen": 0, "speech_id": speech_id, "norm": "", "raw": "",
           "title": "", "speaker": "", "date": "", "source": "", "section": "", "venue": "", "sortkey": "",
           "meta": encode(json.dumps(meta, ensure_ascii=False, sort_keys=True))}
    return with_fields(_with_hash(row))


def marker_row(shard: int, gen: int, gens: dict[int, int], info: dict) -> dict:
    meta = {**info, "gens": {str(k): g for k, g in sorted(gens.items())}}
    row = {"id": marker_id(shard), "kind": KIND_MARKER, "shard": shard, "paragraph": 0, "heading": 0, "length": 0,
           "nwords": 0, "gen": gen, "speech_id": "", "norm": "", "raw": "", "title": "", "speaker": "", "date": "",
           "source": "", "section": "", "venue": "", "sortkey": "", "meta": json.dumps(meta, sort_keys=True)}
    return with_fields(_with_hash(row))


def replace(client: Client, node: Node, shard: int, rows: list[dict]) -> None:
    if not rows:
        return
    sql = (f"REPLACE INTO {shard_index(shard)} ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * len(COLUMNS))})")
    for start in range(0, len(rows), BATCH_ROWS):
        client.run(node, sql, [tuple(r[c] for c in COLUMNS) for r in rows[start:start + BATCH_ROWS]], many=True)


def delete(client: Client, node: Node, shard: int, ids: list[int]) -> None:
    for start in range(0, len(ids), 1000):
        chunk = ids[start:start + 1000]
        client.run(node, f"DELETE FROM {shard_index(shard)} WHERE id IN ({', '.join(map(str, chunk))})")


class ShardWriter:
    """Rows buffered per shard and written to every live, current replica; a replica that stops
    answering midway is left behind (stale), a shard left with none fails the write."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.targets = {k: client.current_replicas(k) for k in range(client.topology.shards)}
        for shard, nodes in self.targets.items():
            if not nodes:
                raise client.unavailable(shard)
        self.rows: dict[int, list[dict]] = defaultdict(list)
        self.deletes: dict[int, list[int]] = defaultdict(list)
        self.changed: set[int] = set()

    def put(self, shard: int, rows: list[dict]) -> None:
        self.rows[shard].extend(rows)
        self.changed.add(shard)
        if len(self.rows[shard]) >= BATCH_ROWS:
            self.flush(shard)

    def delete(self, shard: int, ids: list[int]) -> None:
        self.deletes[shard].extend(ids)
        self.changed.add(shard)

    def flush(self, shard: int) -> None:
        rows, ids = self.rows.pop(shard, []), self.deletes.pop(shard, [])
        for node in list(self.targets[shard]):
            try:
                delete(self.client, node, shard, ids)
                replace(self.client, node, shard, rows)
            except NodeDown:
                self.targets[shard].remove(node)
        if not self.targets[shard]:
            raise self.client.unavailable(shard)

    def finish(self, info: dict) -> dict[int, int]:
        """Flush everything and publish the new generations in every live replica's marker."""
        for shard in list(self.rows) + list(self.deletes):
            self.flush(shard)
        gens = dict(self.client.current)
        for shard in self.changed:
            gens[shard] = gens.get(shard, 0) + 1
        for shard, nodes in self.targets.items():
            for node in nodes:
                try:
                    replace(self.client, node, shard, [marker_row(shard, gens[shard], gens, info)])
                except NodeDown:
                    pass
        self.client.refresh()
        return gens


def init_markers(topology: Topology) -> None:
    """Give every replica of a new cluster its marker (generation 1), so that queries can check it."""
    client = Client(topology)
    try:
        gens = {k: 1 for k in range(topology.shards)}
        for shard in range(topology.shards):
            for node in topology.holders(shard):
                replace(client, node, shard, [marker_row(shard, 1, gens, {})])
    finally:
        client.close()


def rows_of(client: Client, node: Node, shard: int, fields: tuple[str, ...], where: str = "") -> list[dict]:
    """Every row of one replica (with ``fields``), read straight from its own index."""
    index = shard_index(shard)
    count = client.run(node, f"SELECT COUNT(*) AS n FROM {index}")[0].rows
    limit = int(count[0]["n"]) + 10 if count else 10
    clause = f"WHERE {where} " if where else ""
    return client.run(node, f"SELECT {', '.join(fields)} FROM {index} {clause}LIMIT 0, {limit} OPTION max_matches={limit}")[0].rows


def repair(client: Client) -> dict[str, int]:
    """Bring every live replica that missed writes in line with a current one of its shard: copy the
    rows that differ, delete those gone. ``{"shardK@nodeN": rows changed}`` for each one repaired."""
    client.refresh()
    repaired = {}
    for shard in range(client.topology.shards):
        behind = [n for n in client.topology.holders(shard) if client.replica_state(shard, n) in ("stale", "empty")]
        sources = client.current_replicas(shard)
        if not behind:
            continue
        if not sources:
            raise client.unavailable(shard)
        source = sources[0]
        wanted = {int(r["id"]): r["hash"] for r in rows_of(client, source, shard, ("id", "hash"))}
        for node in behind:
            have = {int(r["id"]): r["hash"] for r in rows_of(client, node, shard, ("id", "hash"))}
            copy = [i for i, h in wanted.items() if have.get(i) != h]
            gone = [i for i in have if i not in wanted]
            copy.sort(key=lambda i: i == marker_id(shard))  # the marker last: a replica half copied stays stale
            for start in range(0, len(copy), BATCH_ROWS):
                chunk = copy[start:start + BATCH_ROWS]
                rows = rows_of(client, source, shard, ATTRIBUTES, f"id IN ({', '.join(map(str, chunk))})")
                replace(client, node, shard, [with_fields(dict(r)) for r in rows])
            delete(client, node, shard, gone)
            repaired[f"shard{shard + 1}@{node.name}"] = len(copy) + len(gone)
    client.refresh()
    return repaired
