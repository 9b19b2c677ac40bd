"""Faults on a real 3-node, 3-shard, 2-replica searchd cluster (shard k on nodes k and k+1), one
scenario in order: a node killed (SIGKILL) changes no answer; writes while it is down leave its
replicas stale, which ``status`` says, queries avoid, and ``index`` or ``cluster repair`` bring
current; with both replicas of a shard down a query fails in one line naming the shard."""

from __future__ import annotations

import json
import os
import signal

import pytest
from typer.testing import CliRunner

import searchkit
from cluster_fixtures import needs_searchd, start
from searchkit.cli import app
from searchkit.cluster import ShardUnavailable, processes
from searchkit.cluster.writes import shard_of

pytestmark = needs_searchd
runner = CliRunner()
QUERIES = ["改革开放", "发展", '"互联网"', "改革 OR 创新", "经济 -开放", "改革 NEAR/5 开放", "AI", "電子商務"]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    yield from start(tmp_path_factory.mktemp("faults"))


def kill(cluster, name: str) -> None:
    pid = cluster.pid(name)
    os.kill(pid, signal.SIGKILL)
    processes.collect(pid)  # this process started it: gone, not a zombie
    assert cluster.pid(name) is None


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def answers(index) -> list:
    return [(r.total, sorted((h.speech_id, h.paragraph) for h in r.hits)) for r in (index.search(q, limit=None) for q in QUERIES)]


def assert_same_answers(cluster) -> None:
    with searchkit.open_index(cluster.url) as remote, searchkit.open_index(cluster.local) as local:
        assert answers(remote) == answers(local)


def add_speeches(cluster, name: str, shards: set[int]) -> None:
    """A new file of speeches, at least one on each of ``shards``, loaded into the cluster and the local index."""
    lines, covered, number = [], set(), 0
    while not shards <= covered:
        speech_id = f"{name}-{number}"
        number += 1
        if shard_of(speech_id, 3) in shards - covered:
            covered.add(shard_of(speech_id, 3))
            lines.append(json.dumps({"id": speech_id, "title": f"{name}讲话", "date": "2021-07-01",
                                     "text": f"{name}讲话\n我们要坚持改革开放，发展数字经济。\n新的段落{number}：推进AI应用。"}, ensure_ascii=False))
    (cluster.corpus / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert searchkit.update_index([cluster.corpus], cluster.url).added == len(lines)
    assert searchkit.update_index([cluster.corpus], cluster.local).added == len(lines)


def states(cluster) -> dict[str, str]:
    result = invoke("cluster", "status", cluster.folder, "--json")
    assert result.exit_code == 0, result.output
    return {f"{r['shard']}@{r['node']}": r["state"] for r in json.loads(result.stdout)["replicas"]}


def test_one_node_killed_changes_no_answer(cluster):
    with searchkit.open_index(cluster.url) as opened_before:
        before = answers(opened_before)
        kill(cluster, "node2")
        assert answers(opened_before) == before
    assert_same_answers(cluster)
    mine, theirs = invoke("search", "改革", "--json", "--index", cluster.url), invoke("search", "改革", "--json", "--index", cluster.local)
    assert mine.exit_code == 0 and mine.stdout == theirs.stdout


def test_writes_while_a_node_is_down_leave_it_stale_and_queries_avoid_it(cluster):
    add_speeches(cluster, "while-node2-down", {0, 1})  # shard1 and shard2 live on node2
    assert_same_answers(cluster)
    assert invoke("cluster", "up", cluster.folder).exit_code == 0  # starts node2 again, with its old data
    assert states(cluster) == {"shard1@node1": "current", "shard3@node1": "current", "shard1@node2": "stale",
                               "shard2@node2": "stale", "shard2@node3": "current", "shard3@node3": "current"}
    status = invoke("cluster", "status", cluster.folder)
    assert "missed writes" in status.stderr and "cluster repair" in status.stderr
    assert_same_answers(cluster)  # the stale replicas are up, but never answer for their shards


def test_index_brings_stale_replicas_current(cluster):
    report = searchkit.update_index([cluster.corpus], cluster.url)
    assert (report.added, report.updated, report.removed) == (0, 0, 0)
    assert set(states(cluster).values()) == {"current"}
    kill(cluster, "node1")  # node2 alone now serves shard1: it must hold the new speeches
    assert_same_answers(cluster)
    assert invoke("cluster", "up", cluster.folder).exit_code == 0


def test_cluster_repair_brings_a_stale_replica_current(cluster):
    kill(cluster, "node3")
    add_speeches(cluster, "while-node3-down", {1, 2})
    assert invoke("cluster", "up", cluster.folder).exit_code == 0
    assert {k: v for k, v in states(cluster).items() if v != "current"} == {"shard2@node3": "stale", "shard3@node3": "stale"}
    result = invoke("cluster", "repair", cluster.folder)
    assert result.exit_code == 0 and "repaired shard2@node3" in result.stdout and "repaired shard3@node3" in result.stdout
    assert set(states(cluster).values()) == {"current"}
    kill(cluster, "node2")
    kill(cluster, "node1")  # node3 alone holds no replica of shard1
    with pytest.raises(ShardUnavailable, match="shard1"):
        with searchkit.open_index(cluster.url) as remote:
            remote.count("改革")
    assert invoke("cluster", "up", cluster.folder).exit_code == 0
    kill(cluster, "node1")  # shard2 (node2, node3) and shard3 (node3, node1): node3 answers both
    with searchkit.open_index(cluster.url) as remote, searchkit.open_index(cluster.local) as local:
        assert [remote.count(q) for q in QUERIES] == [local.count(q) for q in QUERIES]
    assert invoke("cluster", "up", cluster.folder).exit_code == 0


def test_every_replica_of_a_shard_down_fails_in_one_line_naming_it(cluster):
    kill(cluster, "node2")
    kill(cluster, "node3")  # shard2 lives on node2 and node3
    result = invoke("search", "改革", "--index", cluster.url)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "shard2 has no live, current replica" in result.stderr
    assert result.stdout == ""
    loading = invoke("index", cluster.corpus, "--index", cluster.url)
    assert loading.exit_code == 1 and "shard2" in loading.stderr


def test_down_stops_every_node(cluster):
    assert invoke("cluster", "up", cluster.folder).exit_code == 0
    pids = [cluster.pid(f"node{n}") for n in (1, 2, 3)]
    result = invoke("cluster", "down", cluster.folder)
    assert result.exit_code == 0 and "stopped 3 nodes" in result.stdout
    assert not any(os.path.exists(f"/proc/{pid}") for pid in pids)
