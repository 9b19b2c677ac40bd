"""searchkit on a cluster of Sphinx ``searchd`` nodes (Manticore speaks the same SphinxQL): sharded,
replicated, with the answers of a local index.

- layout.py: nodes, shard placement, the cluster URL, each node's config (``cluster config``);
- processes.py: starting and stopping searchd on this machine (``cluster up`` / ``down``);
- sphinxql.py: connections, the text the engine matches on, the fan-out that checks every shard;
- writes.py, loader.py: rows, writes to every replica, ``index PATHS --index URL``, ``repair``;
- candidates.py, remote.py: the engine finds candidates, searchkit's own evaluator decides
  (``ClusterIndex``, opened by ``open_index(URL)``).
See docs/cluster.md.
"""

from __future__ import annotations

from .layout import Topology, is_url, parse_url, shard_name, write_configs
from .sphinxql import ClusterError, ShardUnavailable

__all__ = ["ClusterError", "ShardUnavailable", "Topology", "is_url", "open_cluster", "parse_url", "repair",
           "status", "update_cluster", "write_configs"]


def open_cluster(url):
    from .remote import ClusterIndex

    return ClusterIndex(url)


def update_cluster(paths, url, **options):
    from .loader import update_cluster as load

    return load(paths, parse_url(url) if isinstance(url, str) else url, **options)


def repair(url) -> dict[str, int]:
    from .sphinxql import Client
    from .writes import repair as repair_replicas

    client = Client(parse_url(url) if isinstance(url, str) else url)
    try:
        return repair_replicas(client)
    finally:
        client.close()


def status(topology: Topology, pids: dict | None = None) -> dict:
    """Each node (up or down, its pid when known) and each replica: paragraphs, generation, state."""
    from .layout import shard_index
    from .sphinxql import Client, NodeDown

    client = Client(topology)
    try:
        client.refresh()
        nodes, replicas = [], []
        for node in topology.nodes:
            up = node.name not in client.down
            nodes.append({"name": node.name, "address": node.address, "up": up, "pid": (pids or {}).get(node.name),
                          "shards": [shard_name(k) for k in topology.shards_of(node)]})
            for shard in topology.shards_of(node):
                paragraphs = None
                if up:
                    try:
                        rows = client.run(node, f"SELECT COUNT(*) AS n FROM {shard_index(shard)} WHERE kind = 1")[0].rows
                        paragraphs = int(rows[0]["n"]) if rows else 0
                    except NodeDown:
                        up = False
                replicas.append({"shard": shard_name(shard), "node": node.name, "paragraphs": paragraphs,
                                 "generation": client.replica_gen.get((shard, node.name)),
                                 "state": client.replica_state(shard, node)})
        return {"url": topology.url, "nodes": nodes, "replicas": replicas,
                "current": {shard_name(k): g for k, g in sorted(client.current.items())}}
    finally:
        client.close()
