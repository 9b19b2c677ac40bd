"""A cluster's shape: its nodes, which shards each one holds, its URL and each node's searchd config.

The URL names everything a client needs, so any machine can open the cluster from it alone:
``sphinx://HOST:PORT,HOST:PORT,…/?shards=S&replicas=R``. PORT is a node's SphinxQL port; its agent
port (Sphinx's own protocol, which distributed indexes speak between nodes) is PORT+1. Shard ``k``
(0-based inside, ``shard1…`` to users) lives on nodes ``k, k+1, … k+R-1`` (mod N), so R replicas
are always on R different nodes.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from ..errors import QueryError

SCHEME = "sphinx"
ALL = "sk_all"  # the distributed index every node serves: one agent line per shard, its replicas as mirrors
MAX_NODES = 64
# Every character of the match text is its own token (ngram_len = 1): ASCII is moved into the Private
# Use Area (match.py) so that one range covers it all; searchd 2.2.11 crashes on ranges past U+2FFFF.
NGRAM_CHARS = "U+80..U+2FFFF"
_NODE = re.compile(r"^(?P<host>[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:]+\]):(?P<port>\d{1,5})$")


def shard_index(shard: int) -> str:
    return f"sk_shard{shard + 1}"


def shard_name(shard: int) -> str:
    return f"shard{shard + 1}"


@dataclass(frozen=True)
class Node:
    name: str
    host: str
    port: int  # SphinxQL; the agent port is port + 1

    @property
    def api_port(self) -> int:
        return self.port + 1

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Topology:
    nodes: tuple[Node, ...]
    shards: int
    replicas: int

    def __post_init__(self) -> None:
        if not 1 <= len(self.nodes) <= MAX_NODES:
            raise QueryError(f"a cluster has 1 to {MAX_NODES} nodes, not {len(self.nodes)}")
        if self.shards < 1:
            raise QueryError(f"a cluster needs at least 1 shard, not {self.shards}")
        if not 1 <= self.replicas <= len(self.nodes):
            raise QueryError(f"--replicas must be 1 to the number of nodes ({len(self.nodes)}), not {self.replicas}")
        if len({n.address for n in self.nodes}) != len(self.nodes):
            raise QueryError("two nodes have the same host:port")

    @classmethod
    def of(cls, addresses: list[str], shards: int, replicas: int) -> "Topology":
        nodes = []
        for number, address in enumerate(addresses, 1):
            match = _NODE.match(address.strip())
            if not match or not 0 < int(match["port"]) < 65535:
                raise QueryError(f"a node is HOST:PORT (its SphinxQL port; PORT+1 is its agent port), not {address!r}")
            nodes.append(Node(f"node{number}", match["host"], int(match["port"])))
        return cls(tuple(nodes), shards, replicas)

    def holders(self, shard: int) -> list[Node]:
        """The nodes holding ``shard``, its first replica first."""
        return [self.nodes[(shard + r) % len(self.nodes)] for r in range(self.replicas)]

    def shards_of(self, node: Node) -> list[int]:
        return [k for k in range(self.shards) if node in self.holders(k)]

    @property
    def url(self) -> str:
        return f"{SCHEME}://{','.join(n.address for n in self.nodes)}/?shards={self.shards}&replicas={self.replicas}"


def is_url(text) -> bool:
    return isinstance(text, str) and text.startswith(f"{SCHEME}://")


def parse_url(url: str) -> Topology:
    """The topology a cluster URL names; a clear error for anything else."""
    parsed = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qs(parsed.query)
    try:
        shards = int(query.get("shards", ["1"])[0])
        replicas = int(query.get("replicas", ["1"])[0])
    except ValueError:
        raise QueryError(f"a cluster URL ends with ?shards=S&replicas=R (numbers), not {url!r}") from None
    if parsed.scheme != SCHEME or not parsed.netloc:
        raise QueryError(f"a cluster URL is {SCHEME}://HOST:PORT,…/?shards=S&replicas=R, not {url!r}")
    return Topology.of(parsed.netloc.split(","), shards, replicas)


def config_text(topology: Topology, node: Node, data_dir: Path) -> str:
    """searchd's config for ``node``: an RT index per shard it holds, and the distributed index over
    every shard (each shard's replicas as mirrors), listening on ``node.host`` only."""
    data_dir = Path(data_dir)
    parts = [f"# searchkit cluster {topology.url}: {node.name}, written by `searchkit cluster`\n"]
    for shard in topology.shards_of(node):
        parts.append(f"""index {shard_index(shard)}
{{
    type = rt
    path = {data_dir / shard_index(shard)}
    rt_field = body
    rt_field = words
    rt_attr_uint = kind
    rt_attr_uint = shard
    rt_attr_uint = paragraph
    rt_attr_uint = heading
    rt_attr_uint = length
    rt_attr_uint = nwords
    rt_attr_bigint = gen
    rt_attr_string = speech_id
    rt_attr_string = hash
    rt_attr_string = norm
    rt_attr_string = raw
    rt_attr_string = title
    rt_attr_string = speaker
    rt_attr_string = date
    rt_attr_string = source
    rt_attr_string = section
    rt_attr_string = venue
    rt_attr_string = sortkey
    rt_attr_string = meta
    rt_mem_limit = 256M
    dict = keywords
    charset_table = 0..9, a..z, A..Z->a..z
    ngram_len = 1
    ngram_chars = {NGRAM_CHARS}
}}
""")
    agents = "\n".join(
        "    agent = " + "|".join(f"{n.host}:{n.api_port}:{shard_index(k)}" for n in topology.holders(k))
        for k in range(topology.shards)
    )
    parts.append(f"""index {ALL}
{{
    type = distributed
{agents}
    ha_strategy = nodeads
    agent_connect_timeout = 500
    agent_query_timeout = 60000
}}

searchd
{{
    listen = {node.host}:{node.port}:mysql41
    listen = {node.host}:{node.api_port}
    log = {data_dir / 'searchd.log'}
    query_log = {data_dir / 'query.log'}
    pid_file = {data_dir / 'searchd.pid'}
    binlog_path = {data_dir}
    workers = threads
    max_packet_size = 32M
    ha_ping_interval = 300
    read_timeout = 30
    client_timeout = 600
}}
""")
    return "\n".join(parts)


def write_configs(topology: Topology, folder: Path, data_root: Path | None = None) -> list[Path]:
    """One config per node, ``FOLDER/NODE.conf``, its data under ``DATA_ROOT/NODE`` (default: FOLDER)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    root = Path(data_root or folder).absolute()
    written = []
    for node in topology.nodes:
        path = folder / f"{node.name}.conf"
        path.write_text(config_text(topology, node, root / node.name), encoding="utf-8")
        written.append(path)
    return written
