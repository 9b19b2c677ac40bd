"""Talking to the cluster in SphinxQL (the MySQL protocol, through pymysql): connections, the text
the engine matches on, and the fan-out that never returns a silently smaller answer.

Every row-returning query is ORed with the shards' *markers* (one document per shard replica, kind 0,
whose ``gen`` is the replica's write generation), so each answer says which shards took part and how
current each was. A shard missing from the distributed index's answer (its mirror was down, or was
behind) is asked again directly, on a live replica at the current generation; with none left the
query fails with ``ShardUnavailable`` naming it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import SearchkitError
from .layout import ALL, Node, Topology, shard_index, shard_name

MARKER_WORD = "zzsearchkitmarker"  # in the markers' word field only: no jieba word hashes to it (see word_token)
KIND_MARKER, KIND_PARAGRAPH, KIND_SPEECH, KIND_FILE = 0, 1, 2, 3
CONNECT_TIMEOUT_S = 2
# What a query fetches of every candidate, and what only of the paragraphs it shows or counts in.
CANDIDATE_FIELDS = ("id", "kind", "shard", "gen", "speech_id", "paragraph", "heading", "length", "norm", "sortkey")
DETAIL_FIELDS = ("raw", "title", "speaker", "date", "source", "section", "venue")
ROW_FIELDS = CANDIDATE_FIELDS + DETAIL_FIELDS


class ClusterError(SearchkitError):
    """The cluster cannot answer (a node unreachable, a shard without a live replica, no data)."""


class ShardUnavailable(ClusterError):
    pass


def match_text(normalized: str) -> str:
    """The string searchd indexes for a normalized text: every character one token. ASCII goes to
    U+E000+code (letters, digits, spaces and symbols alike: no separators, no query operators), and
    characters past searchd's range to one stand-in; a phrase of this string is then found exactly
    where the text holds it (collisions only add candidates, which searchkit's matcher removes)."""
    return "".join(chr(0xE000 + o) if (o := ord(c)) < 0x80 else (c if o < 0x30000 else "\ue0ff") for c in normalized)


def phrase(needle: str) -> str:
    return f'"{match_text(needle)}"'


def word_token(word: str) -> str:
    """A jieba word as one ASCII token of the word field (whole-word matches, exact document counts)."""
    return "w" + hashlib.blake2b(word.encode("utf-8"), digest_size=8).hexdigest()


def doc_id(*key) -> int:
    """A stable 63-bit id for a paragraph (speech id, number), a speech record or a file record;
    ids below 2**20 are the markers'."""
    digest = hashlib.blake2b("\0".join(map(str, key)).encode("utf-8"), digest_size=8).digest()
    return (int.from_bytes(digest, "big") >> 1) | (1 << 40)


def marker_id(shard: int) -> int:
    return shard + 1


def _pymysql():
    try:
        import pymysql
    except ImportError:  # pragma: no cover - a dependency; said plainly where it is missing
        raise ClusterError("a cluster index needs the pymysql package (`pip install pymysql`)") from None
    return pymysql


@dataclass
class Answer:
    rows: list[dict] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


class Client:
    """Connections to the nodes of ``topology``, and what the markers said when it looked (``refresh``)."""

    def __init__(self, topology: Topology) -> None:
        self.topology = topology
        self._connections: dict[str, object] = {}
        self.down: set[str] = set()
        self.replica_gen: dict[tuple[int, str], int] = {}  # (shard, node name) -> generation of that replica
        self.current: dict[int, int] = {}  # shard -> the newest generation any marker knows of
        self.marker_meta: dict = {}

    # -- connections -------------------------------------------------------------------------------

    def connection(self, node: Node):
        pymysql = _pymysql()
        conn = self._connections.get(node.name)
        if conn is None:
            try:
                conn = pymysql.connect(host=node.host, port=node.port, user="", password="", charset="utf8",
                                       autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                                       client_flag=pymysql.constants.CLIENT.MULTI_STATEMENTS,
                                       cursorclass=pymysql.cursors.DictCursor)
            except pymysql.err.OperationalError:
                self.down.add(node.name)
                raise NodeDown(node) from None
            self._connections[node.name] = conn
        return conn

    def close(self) -> None:
        for conn in self._connections.values():
            try:
                conn.close()
            except Exception:
                pass
        self._connections.clear()

    def run(self, node: Node, sql: str, args=None, meta: bool = False, many: bool = False) -> list[Answer]:
        """Run ``sql`` (one statement or several joined by ';') on ``node``: an Answer per statement."""
        pymysql = _pymysql()
        try:
            cursor = self.connection(node).cursor()
            if many:
                cursor.executemany(sql, args)
                return [Answer()]
            cursor.execute(sql, args)
            answers = [Answer(list(cursor.fetchall()))]
            while cursor.nextset():
                answers.append(Answer(list(cursor.fetchall())))
            if meta:
                cursor.execute("SHOW META")
                answers[-1].meta = {row["Variable_name"]: row["Value"] for row in cursor.fetchall()}
            return answers
        except pymysql.err.OperationalError:
            self._forget(node)
            raise NodeDown(node) from None
        except pymysql.err.InterfaceError:
            self._forget(node)
            raise NodeDown(node) from None

    def _forget(self, node: Node) -> None:
        self.down.add(node.name)
        conn = self._connections.pop(node.name, None)
        if conn is not None:
            try:
                conn.close()
            except Exception:
                pass

    def alive(self, node: Node) -> bool:
        try:
            self.run(node, "SHOW STATUS LIKE 'uptime'")
            return True
        except NodeDown:
            return False

    # -- generations -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask every node for its replicas' markers: which replicas are up, and how current each is."""
        self.replica_gen.clear()
        self.current = {k: 0 for k in range(self.topology.shards)}
        self.down.clear()
        newest_meta: tuple[int, dict] = (-1, {})
        for node in self.topology.nodes:
            shards = self.topology.shards_of(node)
            if not shards:
                continue
            indexes = ", ".join(shard_index(k) for k in shards)
            try:
                rows = self.run(node, f"SELECT id, shard, gen, meta FROM {indexes} WHERE kind = 0 LIMIT 1000")[0].rows
            except NodeDown:
                continue
            except _pymysql().err.MySQLError as error:
                raise ClusterError(f"{node.name} ({node.address}) does not serve this cluster's indexes: {error.args[-1]}") from None
            for row in rows:
                shard, gen = int(row["shard"]), int(row["gen"])
                self.replica_gen[(shard, node.name)] = gen
                info = json.loads(row["meta"] or "{}")
                for k, g in info.get("gens", {}).items():
                    if int(k) in self.current:
                        self.current[int(k)] = max(self.current[int(k)], int(g))
                self.current[shard] = max(self.current[shard], gen)
                if sum(info.get("gens", {}).values()) > newest_meta[0]:
                    newest_meta = (sum(info.get("gens", {}).values()), info)
        self.marker_meta = newest_meta[1]

    def replica_state(self, shard: int, node: Node) -> str:
        """"current", "stale", "down" or "empty" (up, but never given this cluster's marker)."""
        if node.name in self.down:
            return "down"
        gen = self.replica_gen.get((shard, node.name))
        if gen is None:
            return "empty"
        return "current" if gen >= self.current.get(shard, 0) else "stale"

    def current_replicas(self, shard: int) -> list[Node]:
        return [n for n in self.topology.holders(shard) if self.replica_state(shard, n) == "current"]

    def unavailable(self, shard: int) -> ShardUnavailable:
        states = ", ".join(f"{n.name} ({n.address}) {self.replica_state(shard, n)}" for n in self.topology.holders(shard))
        return ShardUnavailable(f"{shard_name(shard)} has no live, current replica ({states}); its paragraphs cannot "
                                f"be counted: start its nodes again, then run `searchkit cluster repair`")

    def require_data(self) -> None:
        if not any(self.replica_gen.values()) and not self.down:
            raise ClusterError(f"the cluster at {self.topology.url} holds no searchkit data yet; load it with "
                               f"`searchkit index PATHS --index '{self.topology.url}'`")

    # -- queries -----------------------------------------------------------------------------------

    def fanout(self, template: str, args=None, meta: bool = False) -> list[Answer]:
        """``template`` (``{index}`` where the index goes) over every shard: the distributed index's
        answer where it is whole and current, else one answer per shard from a current replica."""
        for entry in self._entries():
            try:
                answer = self.run(entry, template.format(index=ALL), args, meta=meta)[0]
            except NodeDown:
                continue
            except _pymysql().err.MySQLError:
                break  # every agent failed: ask the shards one by one
            answered = self._generations(answer.rows)
            if all(answered.get(k, -1) >= self.current[k] and self.current[k] > 0 for k in range(self.topology.shards)):
                return [answer]
            break
        return [self.on_shard(k, template, args, meta) for k in range(self.topology.shards)]

    def on_shard(self, shard: int, template: str, args=None, meta: bool = False) -> Answer:
        """``template`` on ``shard``'s own index, at the first live current replica."""
        for node in self.current_replicas(shard):
            try:
                answer = self.run(node, template.format(index=shard_index(shard)), args, meta=meta)[0]
            except NodeDown:
                continue
            if self._generations(answer.rows).get(shard, -1) >= self.current[shard]:
                return answer
        raise self.unavailable(shard)

    def fanout_many(self, statements: list[str]) -> list[list[Answer]]:
        """Several ``{index}`` statements (values already quoted with ``literal``) in one round trip to
        the distributed index; any answer that is not whole is asked again shard by shard."""
        if not statements:
            return []
        answers: list[Answer] | None = None
        for entry in self._entries():
            try:
                answers = self.run(entry, ";\n".join(s.format(index=ALL) for s in statements))
                break
            except NodeDown:
                continue
            except _pymysql().err.MySQLError:
                break
        results = []
        for position, statement in enumerate(statements):
            answer = answers[position] if answers is not None and position < len(answers) else None
            if answer is not None:
                answered = self._generations(answer.rows)
                if all(answered.get(k, -1) >= self.current[k] > 0 for k in range(self.topology.shards)):
                    results.append([answer])
                    continue
            results.append([self.on_shard(k, statement) for k in range(self.topology.shards)])
        return results

    def _entries(self) -> list[Node]:
        up = [n for n in self.topology.nodes if n.name not in self.down]
        return up + [n for n in self.topology.nodes if n.name in self.down]

    @staticmethod
    def _generations(rows: list[dict]) -> dict[int, int]:
        answered: dict[int, int] = {}
        for row in rows:
            shard = int(row["shard"])
            answered[shard] = max(answered.get(shard, 0), int(row.get("g", row.get("gen")) or 0))
        return answered


class NodeDown(ClusterError):
    def __init__(self, node: Node) -> None:
        super().__init__(f"{node.name} ({node.address}) does not answer")
        self.node = node


def literal(text: str) -> str:
    """A SphinxQL string literal."""
    return "'" + _pymysql().converters.escape_string(text) + "'"


def fetch_all(client: Client, where: str, fields: tuple[str, ...], count: Callable[[], int], args=None) -> list[dict]:
    """Every row matching ``where`` (markers included, for the fan-out's check), ``count()`` of them at most."""
    limit = max(count(), 0) + client.topology.shards * 2 + 10
    columns = ", ".join(dict.fromkeys(("id", "kind", "shard", "gen", *fields)))
    template = f"SELECT {columns} FROM {{index}} WHERE {where} LIMIT 0, {limit} OPTION max_matches={limit}, ranker=none"
    rows = []
    for answer in client.fanout(template, args):
        rows.extend(answer.rows)
    return rows
