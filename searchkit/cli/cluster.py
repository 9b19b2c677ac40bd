"""`searchkit cluster`: start, stop, inspect and repair a cluster of searchd nodes (docs/cluster.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import JsonOption

app = typer.Typer(name="cluster", help="A sharded, replicated cluster of Sphinx searchd nodes (see docs/cluster.md).",
                  no_args_is_help=True)

FolderArg = Annotated[Path, typer.Argument(help="The cluster's folder (configs, data, cluster.json).", show_default=False)]
ShardsOption = Annotated[int, typer.Option("--shards", help="Shards the speeches are split into.")]
ReplicasOption = Annotated[int, typer.Option("--replicas", help="Copies of each shard, on different nodes.")]


def _json(data) -> None:
    from . import render

    render.write_lines([render.json_line(data)])


@app.command("up")
def up_command(
    folder: FolderArg,
    nodes: Annotated[int, typer.Option("--nodes", help="searchd processes to start on 127.0.0.1.")] = 3,
    shards: ShardsOption = 3,
    replicas: ReplicasOption = 2,
    port: Annotated[Optional[int], typer.Option("--port", help="First port (node i: BASE+2i, its agent port one more) [default: free ports].", show_default=False)] = None,
    json_output: JsonOption = False,
) -> None:
    """Write each node's config under FOLDER, start the nodes, print the cluster URL."""
    from ..cluster import processes

    state = processes.up(folder, nodes, shards, replicas, port)
    if json_output:
        _json({"url": state["url"], "nodes": [{k: n[k] for k in ("name", "pid", "port", "shards")} for n in state["nodes"]]})
        return
    for node in state["nodes"]:
        typer.echo(f"{node['name']}  pid {node['pid']}  127.0.0.1:{node['port']}  {', '.join(node['shards'])}", err=True)
    typer.echo(state["url"])


@app.command("down")
def down_command(folder: FolderArg) -> None:
    """Stop every searchd that `cluster up` started in FOLDER."""
    from ..cluster import processes

    stopped = processes.down(folder)
    typer.echo(f"stopped {len(stopped)} node{'' if len(stopped) == 1 else 's'}" + (f": {', '.join(stopped)}" if stopped else ""))


@app.command("status")
def status_command(
    target: Annotated[str, typer.Argument(help="The cluster's folder, or its URL.", metavar="FOLDER|URL", show_default=False)],
    json_output: JsonOption = False,
) -> None:
    """Each node and shard replica: up or down, paragraphs, generation, current or stale."""
    from ..cluster import processes, status

    topology = processes.topology_of(target)
    pids = processes.pids(Path(target)) if "://" not in target else None
    report = status(topology, pids)
    if json_output:
        _json(report)
        return
    typer.echo(report["url"])
    for node in report["nodes"]:
        pid = f"pid {node['pid']}  " if node.get("pid") else ""
        typer.echo(f"{node['name']}  {node['address']}  {'up' if node['up'] else 'DOWN'}  {pid}{', '.join(node['shards'])}")
    for replica in report["replicas"]:
        paragraphs = "-" if replica["paragraphs"] is None else replica["paragraphs"]
        typer.echo(f"  {replica['shard']}@{replica['node']}  {paragraphs} paragraphs  generation "
                   f"{replica['generation'] if replica['generation'] is not None else '-'}  {replica['state']}")
    stale = [f"{r['shard']}@{r['node']}" for r in report["replicas"] if r["state"] in ("stale", "empty")]
    if stale:
        typer.echo(f"searchkit: {', '.join(stale)} missed writes; `searchkit cluster repair {target}` brings "
                   f"{'it' if len(stale) == 1 else 'them'} current", err=True)


@app.command("config")
def config_command(
    folder: FolderArg,
    node: Annotated[list[str], typer.Option("--node", help="A node as HOST:PORT (its SphinxQL port; PORT+1 is its agent port); repeat per node.", show_default=False)],
    shards: ShardsOption = 3,
    replicas: ReplicasOption = 2,
    data_dir: Annotated[Optional[Path], typer.Option("--data-dir", help="Where each node keeps its data, on its own machine [default: FOLDER].", show_default=False)] = None,
) -> None:
    """Write the configs for nodes you start yourself (`searchd --config NODE.conf`), print the URL."""
    from ..cluster import Topology, write_configs

    topology = Topology.of(node, shards, replicas)
    for path in write_configs(topology, folder, data_dir):
        typer.echo(f"wrote {path}", err=True)
    typer.echo(topology.url)


@app.command("repair")
def repair_command(
    target: Annotated[str, typer.Argument(help="The cluster's folder, or its URL.", metavar="FOLDER|URL", show_default=False)],
) -> None:
    """Bring replicas that missed writes in line with a current replica of their shard."""
    from ..cluster import processes, repair

    repaired = repair(processes.topology_of(target))
    if not repaired:
        typer.echo("every live replica is current")
    for replica, rows in repaired.items():
        typer.echo(f"repaired {replica}: {rows} rows copied or removed")
