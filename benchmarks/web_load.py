"""A bounded local load test of `searchkit serve`: N concurrent clients × M requests each against
127.0.0.1 only, a mix of pages and API calls; reports latency percentiles and errors, next to the
same requests answered by the library in-process (one thread) as the baseline.

    PYTHONPATH=$PWD python benchmarks/web_load.py [--clients 20] [--requests 200] [--corpus DIR]

Stops by itself: after clients × requests requests or --max-seconds, whichever comes first.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import searchkit  # noqa: E402
from searchkit.language.reports import kwic, trend  # noqa: E402

TERMS = ["改革开放", "互联网", "经济", "就业", "生态文明", "科技 创新", '"人民生活"', "农业 OR 农村", "教育 -高等"]


def request_mix(speech_ids: list[str]) -> list[tuple[str, str, object]]:
    """(kind, URL, the same work done by the library) — cycled through by every client."""
    mix = []
    for n, term in enumerate(TERMS):
        q = quote(term)
        mix.append(("page /?q=", f"/?q={q}", lambda ix, t=term: (ix.search(t, limit=20), ix.matching_docs(t))))
        mix.append(("api search", f"/api/search?q={q}&limit=10", lambda ix, t=term: (ix.search(t, limit=10), ix.count(t))))
        mix.append(("api search", f"/api/search?q={q}&limit=10&sort=-date&since=2000", lambda ix, t=term: ix.search(t, limit=10, sort="-date", since="2000")))
        sid = speech_ids[n % len(speech_ids)]
        mix.append(("page /speech", f"/speech/{quote(sid, safe='')}?q={q}", lambda ix, s=sid: ix.speech(s)))
    mix.append(("page /trend", "/trend?terms=" + quote("改革开放,互联网"), lambda ix: trend(ix, ["改革开放", "互联网"])))
    mix.append(("api kwic", "/api/kwic?q=" + quote("创新") + "&limit=200", lambda ix: kwic(ix, "创新", limit=200)))
    passage = "必须毫不动摇巩固和发展公有制经济，毫不动摇鼓励、支持和引导非公有制经济发展。"
    mix.append(("page /similar", "/similar?text=" + quote(passage), lambda ix: ix.similar(passage, 10)))
    return mix


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def client(port: int, mix, start: int, count: int, deadline: float, results: list, lock: threading.Lock) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    mine = []
    for i in range(count):
        if time.monotonic() > deadline:
            break
        kind, url, _ = mix[(start + i) % len(mix)]
        began = time.perf_counter()
        try:
            connection.request("GET", url)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine.append((kind, time.perf_counter() - began, ok))
    connection.close()
    with lock:
        results.extend(mine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200, help="requests per client")
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared/corpus/gov-work-reports")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        index_dir = Path(scratch) / "index"
        searchkit.update_index([args.corpus], index_dir)
        with searchkit.open_index(index_dir) as index:
            stats = index.stats()
            mix = request_mix([s.speech_id for s in index.speeches(sort="id")])
            # Baseline: the same work by the library, in process, one request at a time (twice round the mix).
            library = {}
            for _ in range(2):
                for kind, _, work in mix:
                    began = time.perf_counter()
                    work(index)
                    library.setdefault(kind, []).append(time.perf_counter() - began)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "searchkit", "serve", "--index", str(index_dir), "--port", str(port)],
                                  env={**os.environ, "PYTHONPATH": str(REPO)}, stderr=subprocess.DEVNULL)
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats").close()
                    break
                except OSError:
                    time.sleep(0.1)
            results: list = []
            lock = threading.Lock()
            deadline = time.monotonic() + args.max_seconds
            threads = [threading.Thread(target=client, args=(port, mix, n * 7, args.requests, deadline, results, lock))
                       for n in range(args.clients)]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(10)

    errors = sum(1 for _, _, ok in results if not ok)
    print(f"index: {stats['speeches']} speeches, {stats['paragraphs']} paragraphs ({args.corpus.name}); "
          f"{args.clients} clients x {args.requests} requests on 127.0.0.1; machine shared (2 cores)")
    print(f"{len(results)} requests in {elapsed:.1f} s = {len(results) / elapsed:.0f} req/s; errors: {errors}")
    print(f"{'request kind':<14} {'n':>5} {'server p50':>11} {'server p95':>11} {'library p50':>12} {'library p95':>12}  (ms)")
    kinds = list(dict.fromkeys(kind for kind, _, _ in mix))
    for kind in kinds + ["all"]:
        times = [t for k, t, _ in results if kind in (k, "all")]
        lib = [t for k, ts in library.items() if kind in (k, "all") for t in ts]
        print(f"{kind:<14} {len(times):>5} {percentile(times, 50) * 1000:>11.1f} {percentile(times, 95) * 1000:>11.1f} "
              f"{percentile(lib, 50) * 1000:>12.1f} {percentile(lib, 95) * 1000:>12.1f}")


if __name__ == "__main__":
    main()
