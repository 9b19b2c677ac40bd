"""``ClusterIndex``: a cluster opened for reading, with the public methods of a local ``Snapshot``.

It *is* a Snapshot whose per-query state comes from the cluster: for each query the candidates
(candidates.py) become the ``store`` and ``substrings`` the Snapshot's own search code runs on —
filters, the two ranking stages, date order, facets, highlights and snippets are that code, unchanged.
What a Snapshot reads from its files is asked of the cluster instead: the manifest (speech records),
the paragraph count and average length, the words' document frequencies (query-time segmentation
and the second ranking stage).
"""

from __future__ import annotations

import functools
import json

from ..engine.snapshot import Snapshot
from ..engine.filters import Filters
from ..models import Paragraph
from ..storage import generations
from ..text import LexiconSegmenter, pieces, segmenter, userwords
from ..text.lexicon import MAX_WORD
from .candidates import CandidateTexts, ClusterEvaluator, match_expression, needles_of
from .sphinxql import phrase
from .layout import Topology, parse_url, shard_name
from .loader import manifest as read_manifest
from .sphinxql import (CANDIDATE_FIELDS, DETAIL_FIELDS, KIND_MARKER, MARKER_WORD, ROW_FIELDS, Client, ClusterError,
                       doc_id, literal, marker_id, word_token)
from .writes import decode, shard_of

OPTIONAL = ("title", "speaker", "date", "section", "venue")
KEYWORDS_PER_QUERY = 60
NOT_SERVED = "is not served by a cluster index (it reads the local index's word postings); run it on a local index"


def word_edged(needle: str) -> bool:
    """Whether ``needle`` begins or ends with a Latin or digit word (which must be whole in the text)."""
    edges = list(pieces(needle))
    return bool(edges) and (edges[0].lastgroup == "word" or edges[-1].lastgroup == "word")


def _matching(expression: str) -> str:
    return literal(f"(@body ({expression})) | (@words {MARKER_WORD})")


class CandidateStore:
    """One query's candidates as the Snapshot's ``store``: stored fields, sort columns, and the
    cluster's word statistics for the second ranking stage. A candidate's raw text and metadata are
    fetched only when asked for (``load``): a query decides on the normalized texts alone."""

    def __init__(self, rows: list[dict], index: "ClusterIndex") -> None:
        self.rows = rows
        self.index = index
        self._batch = 16

    def load(self, docnums) -> None:
        missing = [d for d in dict.fromkeys(docnums) if "raw" not in self.rows[d]]
        by_shard: dict[int, list[int]] = {}
        for docnum in missing:
            by_shard.setdefault(int(self.rows[docnum]["shard"]), []).append(docnum)
        for shard, docnums in by_shard.items():
            for start in range(0, len(docnums), 2000):
                chunk = docnums[start:start + 2000]
                ids = [marker_id(shard), *(int(self.rows[d]["id"]) for d in chunk)]
                template = (f"SELECT id, kind, shard, gen, {', '.join(DETAIL_FIELDS)} FROM {{index}} WHERE id IN "
                            f"({', '.join(map(str, ids))}) LIMIT 0, {len(ids)} OPTION max_matches={len(ids)}")
                details = {int(r["id"]): r for r in self.index.client.on_shard(shard, template).rows}
                for docnum in chunk:
                    found = details.get(int(self.rows[docnum]["id"]))
                    if found is None:
                        raise ClusterError(f"{shard_name(shard)} changed while it was read; search again")
                    self.rows[docnum].update({name: found[name] for name in DETAIL_FIELDS})

    def stored(self, docnum: int) -> dict:
        if "raw" not in self.rows[docnum]:
            # Asked one by one (trend, matching_paragraphs): fetch ahead, more each time.
            self.load(range(docnum, min(len(self.rows), docnum + self._batch)))
            self._batch = min(self._batch * 2, 4000)
        row = self.rows[docnum]
        fields = {name: decode(row[name]) or None for name in OPTIONAL}
        return {**fields, "speech_id": row["speech_id"], "paragraph": int(row["paragraph"]), "text": decode(row["raw"]),
                "source": decode(row["source"])}

    def docnums(self, speech_ids) -> set[int]:
        wanted = set(speech_ids)
        return {d for d, row in enumerate(self.rows) if row["speech_id"] in wanted}

    def column(self, name: str) -> list:
        if name == "speech_id":
            return [r["speech_id"] for r in self.rows]
        if name == "order":
            return [int(r["paragraph"]) for r in self.rows]
        if name == "when":
            return [decode(r["sortkey"]).encode() for r in self.rows]
        if name == "undated":
            return [0 if r["sortkey"] else 1 for r in self.rows]
        raise KeyError(name)

    def doc_count(self) -> int:
        return self.index.doc_count

    def word_total(self) -> int:
        return self.index.word_total

    def word_df(self, word: str) -> int:
        return self.index.word_df(word)


class ClusterIndex(Snapshot):
    """The cluster at ``url`` (``sphinx://…``), open for searching; see the module docstring."""

    def __init__(self, url: str | Topology) -> None:
        self.topology = url if isinstance(url, Topology) else parse_url(url)
        self.path = self.topology.url
        self.client = Client(self.topology)
        self.client.refresh()
        self.client.require_data()
        self.user_words = None
        self.segmenter = segmenter(())
        self.cache: dict = {}
        self._word_df: dict[str, int] = {}
        self._counts()
        self.cut = self._cut
        self._lexicon = LexiconSegmenter(self.word_df, self.doc_count)
        self.store = CandidateStore([], self)
        self.substrings = CandidateTexts([], [], [], self.doc_count, self.average_length)
        self.evaluator = ClusterEvaluator(self.substrings, self.cut, lambda needle: 0)

    def _counts(self) -> None:
        self.doc_count = self.word_total = total_length = 0
        for answer in self.client.fanout("SELECT shard, COUNT(*) AS n, SUM(length) AS l, SUM(nwords) AS w, MAX(gen) AS g "
                                         "FROM {index} WHERE kind IN (0, 1) GROUP BY shard LIMIT 1000"):
            for row in answer.rows:
                self.doc_count += int(row["n"]) - 1  # the shard's marker
                total_length += int(row["l"] or 0)
                self.word_total += int(row["w"] or 0)
        self.average_length = total_length / self.doc_count if self.doc_count else 1.0

    def close(self) -> None:
        self.client.close()

    @functools.cached_property
    def manifest(self) -> dict[str, dict]:
        entries = read_manifest(self.client)
        self.cache["speech_chars"] = {sid: int(entry.get("chars", 0)) for sid, entry in entries.items()}  # trend's sizes
        return entries

    # -- word statistics ----------------------------------------------------------------------------

    def word_df(self, word: str) -> int:
        if word not in self._word_df:
            self._word_df.update(self.word_dfs([word]))
        return self._word_df[word]

    def word_dfs(self, words: list[str]) -> dict[str, int]:
        """Paragraphs holding each jieba word, summed over the shards (keyword statistics of one query)."""
        found: dict[str, int] = {}
        words = list(dict.fromkeys(words))
        for start in range(0, len(words), KEYWORDS_PER_QUERY):
            chunk = words[start:start + KEYWORDS_PER_QUERY]
            tokens = {word_token(w): w for w in chunk}
            query = literal(f"@words ({' | '.join([MARKER_WORD, *tokens])})")
            counts = dict.fromkeys(chunk, 0)
            for answer in self.client.fanout(f"SELECT shard, MAX(gen) AS g FROM {{index}} WHERE MATCH({query}) GROUP BY shard", meta=True):
                keywords = {key[8:-1]: value for key, value in answer.meta.items() if key.startswith("keyword[")}
                for position, token in keywords.items():
                    if token in tokens:
                        counts[tokens[token]] += int(answer.meta.get(f"docs[{position}]", 0))
            found.update(counts)
        return found

    def _cut(self, run: str) -> list[str]:
        """The index's own vocabulary cuts a Han run (text.lexicon), its frequencies asked in one go."""
        missing = [run[i:j] for i in range(len(run)) for j in range(i + 1, min(len(run), i + MAX_WORD) + 1)]
        missing = [w for w in dict.fromkeys(missing) if w not in self._word_df]
        if missing:
            self._word_df.update(self.word_dfs(missing))
        return self._lexicon(run)

    def string_dfs(self, needles: list[str]) -> dict[str, int]:
        """Paragraphs whose text holds each string, over all shards: the engine's count of its phrase,
        which is exact for strings that begin and end with Han characters or symbols; a string with a
        Latin or digit word at an edge (``ai`` is not in ``said``) is counted by ``match.find`` on the
        texts the phrase finds."""
        from ..engine.match import find
        from .sphinxql import fetch_all

        statements = [f"SELECT shard, COUNT(*) AS n, MAX(gen) AS g FROM {{index}} WHERE MATCH({_matching(phrase(n))}) "
                      f"GROUP BY shard LIMIT 1000" for n in needles]
        found = {}
        for needle, answers in zip(needles, self.client.fanout_many(statements)):
            found[needle] = sum(int(r["n"]) - 1 for a in answers for r in a.rows)
            if word_edged(needle) and found[needle]:
                rows = fetch_all(self.client, f"MATCH({_matching(phrase(needle))})", ("norm",), lambda: found[needle])
                found[needle] = sum(1 for r in rows if int(r["kind"]) != KIND_MARKER and find(decode(r["norm"]), needle))
        return found

    # -- queries: the Snapshot's code over each query's candidates ----------------------------------

    def _candidates(self, tree) -> tuple[list[dict], str | None, int]:
        expression = match_expression(tree, self.cut)
        where = f"MATCH({_matching(expression)})" if expression else "kind IN (0, 1)"
        total = 0
        for answer in self.client.fanout(f"SELECT shard, COUNT(*) AS n, MAX(gen) AS g FROM {{index}} WHERE {where} GROUP BY shard LIMIT 1000"):
            total += sum(int(r["n"]) for r in answer.rows)
        for _ in range(3):  # a write between the count and the fetch can only make the count short
            limit = total + 2 * self.topology.shards + 10
            template = (f"SELECT {', '.join(CANDIDATE_FIELDS)} FROM {{index}} WHERE {where} LIMIT 0, {limit} "
                        f"OPTION max_matches={limit}, ranker=none")
            answers = self.client.fanout(template, meta=True)
            found = sum(int(a.meta.get("total_found", len(a.rows))) for a in answers)
            if found <= sum(len(a.rows) for a in answers):
                break
            total = found
        else:
            raise ClusterError("the cluster kept changing while it was searched; search again")
        rows = [r for answer in answers for r in answer.rows if int(r["kind"]) != KIND_MARKER]
        rows.sort(key=lambda r: (r["speech_id"], int(r["paragraph"])))
        return rows, expression, len(rows)

    def hits_of(self, ranked, terms, snippet_chars):
        self.store.load(docnum for docnum, _ in ranked)  # the hits' texts and metadata in one query a shard
        return super().hits_of(ranked, terms, snippet_chars)

    def scored(self, compiled, filters: Filters):
        rows, expression, found = self._candidates(compiled.tree)
        texts = CandidateTexts([decode(r["norm"]) for r in rows], [int(r["length"]) for r in rows],
                               [bool(int(r["heading"])) for r in rows], self.doc_count, self.average_length)
        frequencies: dict[str, int] = {}
        make = lambda df: ClusterEvaluator(texts, self.cut, df)
        needles = needles_of(make, compiled.tree)
        if len(needles) == 1 and expression == phrase(needles[0]) and not word_edged(needles[0]):
            frequencies[needles[0]] = found  # the candidates are that phrase's paragraphs: no second count
        else:
            frequencies.update(self.string_dfs(needles))
        self.store = CandidateStore(rows, self)
        self.substrings = texts
        self.evaluator = make(lambda needle: frequencies.get(needle, 0))
        return super().scored(compiled, filters)

    def bm25(self, needle: str):
        raise ClusterError(f"scoring a single string {NOT_SERVED}")

    def word_frequencies(self, words, **filters):
        raise ClusterError(f"counting words (collocates, compare) {NOT_SERVED}")

    def similar(self, *args, **kwargs):
        raise ClusterError(f"similar {NOT_SERVED}")

    # -- browsing -----------------------------------------------------------------------------------

    def _paragraph_rows(self, speech_ids: list[str], counts: dict[str, int]) -> list[dict]:
        by_shard: dict[int, list[int]] = {}
        for sid in speech_ids:
            ids = by_shard.setdefault(shard_of(sid, self.topology.shards), [])
            ids.extend(doc_id("p", sid, n) for n in range(1, counts[sid] + 1))
        rows = []
        for shard, ids in by_shard.items():
            for start in range(0, len(ids), 2000):
                chunk = [marker_id(shard), *ids[start:start + 2000]]
                template = (f"SELECT {', '.join(ROW_FIELDS)} FROM {{index}} WHERE id IN ({', '.join(map(str, chunk))}) "
                            f"LIMIT 0, {len(chunk)} OPTION max_matches={len(chunk)}")
                rows += [r for r in self.client.on_shard(shard, template).rows if int(r["kind"]) != KIND_MARKER]
        return rows

    def _paragraph(self, row: dict) -> Paragraph:
        return Paragraph(**CandidateStore([row], self).stored(0))

    def speech(self, speech_id: str) -> list[Paragraph]:
        entry = self._record(speech_id)
        if entry is None:
            return super().speech(speech_id)  # not there: the Snapshot's message, with the ids it may mean
        rows = self._paragraph_rows([speech_id], {speech_id: entry["paragraphs"]})
        return sorted((self._paragraph(r) for r in rows), key=lambda p: p.paragraph)

    def _record(self, speech_id: str) -> dict | None:
        if "manifest" in self.__dict__:
            return self.manifest.get(speech_id)
        shard = shard_of(str(speech_id), self.topology.shards)
        template = f"SELECT id, kind, shard, gen, meta FROM {{index}} WHERE id IN ({marker_id(shard)}, {doc_id('s', speech_id)})"
        rows = [r for r in self.client.on_shard(shard, template).rows if int(r["kind"]) != KIND_MARKER]
        return json.loads(decode(rows[0]["meta"])) if rows else None

    def paragraphs(self):
        ids = sorted(self.manifest)
        counts = {sid: self.manifest[sid]["paragraphs"] for sid in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = self._paragraph_rows(chunk, counts)
            rows.sort(key=lambda r: (r["speech_id"], int(r["paragraph"])))
            yield from (self._paragraph(r) for r in rows)

    def stats(self) -> dict:
        size = 0
        for shard in range(self.topology.shards):
            node = next(iter(self.client.current_replicas(shard)), None)
            if node is None:
                raise self.client.unavailable(shard)
            from .layout import shard_index

            status = {r["Variable_name"]: r["Value"] for r in self.client.run(node, f"SHOW INDEX {shard_index(shard)} STATUS")[0].rows}
            size += int(status.get("disk_bytes", 0)) + int(status.get("ram_bytes", 0))
        return {
            "index": self.topology.url,
            "generation": ", ".join(f"{shard_name(k)}:{g}" for k, g in sorted(self.client.current.items())),
            "speeches": len(self.manifest),
            "paragraphs": self.doc_count,
            "size_bytes": size,
            "format": generations.FORMAT,
            "user_words": userwords.status(None),
            "nodes": len(self.topology.nodes),
            "shards": self.topology.shards,
            "replicas": self.topology.replicas,
        }
