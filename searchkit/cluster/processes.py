"""Starting and stopping a cluster's searchd processes on this machine (``cluster up`` / ``down``).

``up`` writes the configs (layout.write_configs: the same code path as ``cluster config``), starts one
``searchd --nodetach`` per node in its own session (so it outlives the command, and no watchdog
restarts a node that is meant to be down), waits until each answers SphinxQL, gives every replica its
marker, and records the URL and pids in ``DIR/cluster.json``. ``down`` stops exactly those pids.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from ..errors import QueryError
from .layout import Topology, parse_url, write_configs
from .sphinxql import Client, ClusterError, NodeDown

STATE = "cluster.json"
START_TIMEOUT_S = 15
STOP_TIMEOUT_S = 10
HOST = "127.0.0.1"


def searchd() -> str:
    path = shutil.which("searchd")
    if path is None:
        raise ClusterError("searchd is not installed; install Sphinx (`apt-get install sphinxsearch`) or Manticore")
    return path


def free_ports(count: int) -> list[int]:
    """``count`` SphinxQL ports on 127.0.0.1, each with its agent port (port + 1) free too."""
    ports: list[int] = []
    while len(ports) < count:
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            port = probe.getsockname()[1]
        if port + 1 >= 65535 or port in ports or port + 1 in ports or port - 1 in ports:
            continue
        with socket.socket() as second:
            try:
                second.bind((HOST, port + 1))
            except OSError:
                continue
        ports.append(port)
    return ports


def read_state(folder: Path) -> dict:
    path = Path(folder) / STATE
    if not path.is_file():
        raise ClusterError(f"no cluster in {folder}; start one with `searchkit cluster up {folder} --nodes 3 --shards 3 --replicas 2`")
    return json.loads(path.read_text(encoding="utf-8"))


def _running(pid: int, config: str) -> bool:
    """Whether ``pid`` is still the searchd this cluster started (not a reused pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z" and config.encode() in cmdline


def up(folder: Path, nodes: int, shards: int, replicas: int, port: int | None = None) -> dict:
    """Start a cluster in ``folder``; its state (url, nodes with pid, port and shards). A folder that
    holds a cluster already gets its stopped nodes started again (``restart``)."""
    folder = Path(folder).absolute()
    binary = searchd()
    if (folder / STATE).is_file():
        return restart(folder)
    if nodes < 1:
        raise QueryError(f"--nodes must be 1 or more, not {nodes}")
    ports = free_ports(nodes) if port is None else [port + 2 * i for i in range(nodes)]
    topology = Topology.of([f"{HOST}:{p}" for p in ports], shards, replicas)
    configs = write_configs(topology, folder)
    started: list[dict] = []
    try:
        for node, config in zip(topology.nodes, configs):
            started.append({"name": node.name, "pid": _start(binary, folder, node.name, config), "port": node.port, "host": node.host,
                            "config": str(config), "shards": [f"shard{k + 1}" for k in topology.shards_of(node)]})
        _wait_until_answering(topology, started, folder)
        state = {"url": topology.url, "nodes": started}
        (folder / STATE).write_text(json.dumps(state, indent=1), encoding="utf-8")
        from .writes import init_markers

        init_markers(topology)
        return state
    except BaseException:
        _stop(started)
        raise


_STARTED: dict[int, subprocess.Popen] = {}  # pid -> the process this one started (its exit is read, not guessed)


def _start(binary: str, folder: Path, name: str, config: Path) -> int:
    (folder / name).mkdir(exist_ok=True)
    with open(folder / name / "searchd.out", "ab") as out:
        process = subprocess.Popen([binary, "--nodetach", "--config", str(config)], stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    _STARTED[process.pid] = process
    return process.pid


def restart(folder: Path) -> dict:
    """Start again the nodes of the cluster in ``folder`` that are not running (same configs, ports
    and data: RT indexes come back from their binlogs); the cluster's state."""
    state = read_state(folder)
    if all(_running(n["pid"], n["config"]) for n in state["nodes"]):
        raise ClusterError(f"the cluster in {folder} is already running; stop it with `searchkit cluster down {folder}`")
    topology = parse_url(state["url"])
    binary = searchd()
    for record in state["nodes"]:
        if not _running(record["pid"], record["config"]):
            record["pid"] = _start(binary, folder, record["name"], Path(record["config"]))
    (folder / STATE).write_text(json.dumps(state, indent=1), encoding="utf-8")  # before waiting: `down` finds them
    _wait_until_answering(topology, state["nodes"], folder)
    return state


def _wait_until_answering(topology: Topology, started: list[dict], folder: Path) -> None:
    client = Client(topology)
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        for node, record in zip(topology.nodes, started):
            while True:
                process = _STARTED.get(record["pid"])
                if process is not None and process.poll() is not None:
                    log = (folder / node.name / "searchd.out").read_text(errors="replace").strip().splitlines()
                    why = next((line for line in reversed(log) if "FATAL" in line or "ERROR" in line), log[-1] if log else "")
                    raise ClusterError(f"searchd for {node.name} stopped at start: {why.strip()}")
                try:
                    client.connection(node)
                    break
                except NodeDown:
                    if time.monotonic() > deadline:
                        raise ClusterError(f"searchd for {node.name} did not answer on {node.address} within {START_TIMEOUT_S} s") from None
                    time.sleep(0.05)
    finally:
        client.close()


def _stop(nodes: list[dict]) -> list[str]:
    """SIGTERM each node still running, SIGKILL what is left after the grace period; the names stopped."""
    stopped = []
    for record in nodes:
        if _running(record["pid"], record["config"]):
            os.kill(record["pid"], signal.SIGTERM)
            stopped.append(record["name"])
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for record in nodes:
        process = _STARTED.pop(record["pid"], None)
        if process is not None:  # started by this process: wait for it, and collect it
            try:
                process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            continue
        while _running(record["pid"], record["config"]) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _running(record["pid"], record["config"]):
            os.kill(record["pid"], signal.SIGKILL)
    return stopped


def collect(pid: int, timeout: float = STOP_TIMEOUT_S) -> None:
    """Wait until a node this process started (and someone stopped) has exited, and collect it."""
    process = _STARTED.pop(pid, None)
    if process is not None:
        process.wait(timeout)


def down(folder: Path) -> list[str]:
    """Stop every searchd ``up`` started in ``folder``; the names of those that were running."""
    state = read_state(folder)
    return _stop(state["nodes"])


def topology_of(target: str | Path) -> Topology:
    """The topology of a cluster URL or of the cluster started in a folder."""
    text = str(target)
    if "://" in text:
        return parse_url(text)
    return parse_url(read_state(Path(target))["url"])


def pids(folder: Path) -> dict[str, int | None]:
    """node name -> pid while running (else None), for the nodes ``up`` started in ``folder``."""
    return {n["name"]: (n["pid"] if _running(n["pid"], n["config"]) else None) for n in read_state(folder)["nodes"]}
