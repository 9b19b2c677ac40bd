"""A real 3-node, 3-shard, 2-replica searchd cluster answers as a local index of the same files does:
the same totals and paragraph sets (random queries: quoted and not, AND/OR/NOT, NEAR, filters), the
same top hits, the same CLI output. No engine is mocked here; the nodes stop with the module."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

import searchkit
from cluster_fixtures import WORDS, needs_searchd, start
from searchkit.cli import app

pytestmark = needs_searchd
runner = CliRunner()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    yield from start(tmp_path_factory.mktemp("cluster"))


@pytest.fixture(scope="module")
def both(cluster):
    with searchkit.open_index(cluster.url) as remote, searchkit.open_index(cluster.local) as local:
        yield remote, local


def keys(result):
    return [(h.speech_id, h.paragraph) for h in result.hits]


def assert_same(remote, local, query, **options):
    mine, theirs = remote.search(query, limit=None, **options), local.search(query, limit=None, **options)
    assert mine.total == theirs.total, query
    assert set(keys(mine)) == set(keys(theirs)), query
    return mine, theirs


QUERIES = ["改革开放", "发展", '"色社会"', "互联网 金融", "改革 OR 创新", "改革 -开放", "改革 NEAR/3 开放", '"电子商务"',
           "電子商務", "AI", "5G", "PM2.5", '"3.5%"', "经济 (增长 OR 发展) -美国", "十八大", "学习学习", "一、"]


@pytest.mark.parametrize("query", QUERIES)
def test_same_paragraphs_totals_and_ranking(both, query):
    remote, local = both
    mine, theirs = assert_same(remote, local, query)
    # Ranking by corpus-wide statistics: the same scores, so the same best hits whatever the shards
    # (equal scores are ordered by speech id there, by position in the local index here).
    assert [h.score for h in mine.hits[:10]] == [h.score for h in theirs.hits[:10]]
    assert top(mine) == top(theirs)
    found = {(h.speech_id, h.paragraph): h for h in theirs.hits}
    assert all((h.matches, h.snippet) == (found[k].matches, found[k].snippet) for k, h in zip(keys(mine), mine.hits))


def top(result, n: int = 10) -> set:
    """The best ``n`` hits, those tied with the last one left out (either engine may pick among them)."""
    if len(result.hits) <= n:
        return set(keys(result))
    cut = result.hits[n - 1].score
    return {(h.speech_id, h.paragraph) for h in result.hits[:n] if h.score > cut}


@pytest.mark.parametrize("options", [dict(speaker="李克强"), dict(since="2010", until="2015-06"), dict(sort="date"),
                                     dict(sort="-date", title="讲话"), dict(source="新华网"), dict(exact=True)])
def test_filters_and_sorts(both, options):
    remote, local = both
    mine, theirs = assert_same(remote, local, "发展 OR 改革", **options)
    if options.get("sort"):
        assert keys(mine) == keys(theirs)
    facets = dict(facets=("year", "speaker", "speech"))
    assert remote.search("改革", limit=0, **facets).facets == local.search("改革", limit=0, **facets).facets


_term = st.sampled_from(WORDS + ["改革开放", "发展经济", "学习", "电子", "商务", "开放合作"])
_leaf = st.one_of(_term, _term.map(lambda t: f'"{t}"'), st.tuples(_term, _term, st.integers(0, 12)).map(lambda x: f"{x[0]} NEAR/{x[2]} {x[1]}"))
_query = st.recursive(_leaf, lambda inner: st.one_of(
    st.tuples(inner, inner).map(" ".join),
    st.tuples(inner, inner).map(lambda x: f"({x[0]} OR {x[1]})"),
    st.tuples(inner, _term).map(lambda x: f"{x[0]} -{x[1]}"),
), max_leaves=4)
_filters = st.sampled_from([{}, {"speaker": "李克强"}, {"since": "2008"}, {"until": "2014-12"}, {"title": "讲话"}])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=_query, filters=_filters)
def test_random_queries_match_the_local_index(both, query, filters):
    remote, local = both
    assert_same(remote, local, query, **filters)


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("args", [
    ["search", "改革", "-n", "5", "--json"], ["search", "发展", "--sort", "date", "--facets", "year,speaker"],
    ["list", "--json"], ["show", "gov-2014"], ["show", "gen-003", "--json"], ["trend", "改革", "互联网", "--json"],
    ["trend", "发展", "--by", "speaker"], ["kwic", "改革开放", "--json"], ["search", "互联网", "--csv"],
])
def test_commands_print_what_a_local_index_prints(cluster, args):
    mine, theirs = invoke(*args, "--index", cluster.url), invoke(*args, "--index", cluster.local)
    assert mine.exit_code == theirs.exit_code == 0, mine.output
    assert mine.stdout == theirs.stdout


def test_export_and_stats(cluster):
    mine, theirs = invoke("export", "--index", cluster.url), invoke("export", "--index", cluster.local)
    assert mine.stdout == theirs.stdout and mine.stdout
    stats = json.loads(invoke("stats", "--json", "--index", cluster.url).stdout)
    assert stats["paragraphs"] == json.loads(invoke("stats", "--json", "--index", cluster.local).stdout)["paragraphs"]
    assert (stats["nodes"], stats["shards"], stats["replicas"]) == (3, 3, 2)


def test_a_feature_the_cluster_does_not_serve_says_so_in_one_line(cluster):
    result = invoke("similar", "我们要坚持改革开放，推动经济发展", "--index", cluster.url)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "not served by a cluster" in result.stderr


def test_status_shows_every_replica_current(cluster):
    result = invoke("cluster", "status", cluster.folder, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [n["up"] for n in report["nodes"]] == [True] * 3 and all(n["pid"] for n in report["nodes"])
    assert len(report["replicas"]) == 6 and {r["state"] for r in report["replicas"]} == {"current"}
    with searchkit.open_index(cluster.local) as local:
        assert sum(r["paragraphs"] for r in report["replicas"]) == 2 * local.stats()["paragraphs"]


def test_loading_again_rewrites_nothing(cluster):
    report = searchkit.update_index([cluster.corpus], cluster.url)
    assert (report.added, report.updated, report.removed) == (0, 0, 0) and report.unchanged == report.speeches


def test_up_json_and_config_write_the_same_configs(tmp_path):
    up = invoke("cluster", "up", tmp_path / "up", "--nodes", "2", "--shards", "2", "--replicas", "2", "--json")
    try:
        assert up.exit_code == 0, up.output
        state = json.loads(up.stdout)
        assert [n["name"] for n in state["nodes"]] == ["node1", "node2"] and all(n["pid"] for n in state["nodes"])
        assert [n["shards"] for n in state["nodes"]] == [["shard1", "shard2"], ["shard1", "shard2"]]
        nodes = [arg for n in state["nodes"] for arg in ("--node", f"127.0.0.1:{n['port']}")]
        config = invoke("cluster", "config", tmp_path / "config", *nodes, "--shards", "2", "--replicas", "2",
                        "--data-dir", tmp_path / "up")
        assert config.exit_code == 0 and config.stdout.strip() == state["url"]
        for name in ("node1.conf", "node2.conf"):
            assert (tmp_path / "config" / name).read_text() == (tmp_path / "up" / name).read_text()
        assert "agent = 127.0.0.1:" in (tmp_path / "up" / "node1.conf").read_text()
        with searchkit.open_index(state["url"]) as empty:
            with pytest.raises(searchkit.SearchkitError, match="no speech"):
                empty.speech("nothing")
    finally:
        assert invoke("cluster", "down", tmp_path / "up").exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["cluster", "up", "x", "--nodes", "2", "--replicas", "3"], "--replicas must be 1 to the number of nodes"),
    (["cluster", "config", "x", "--node", "nohost"], "a node is HOST:PORT"),
    (["search", "改革", "--index", "sphinx://127.0.0.1:1/?shards=x"], "a cluster URL ends with ?shards=S&replicas=R"),
    (["watch", "--index", "sphinx://127.0.0.1:1/"], "watch needs a local index folder"),
])
def test_usage_errors_are_one_line(tmp_path, args, message):
    result = runner.invoke(app, [str(tmp_path / a) if a == "x" else a for a in args])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and message in result.stderr
