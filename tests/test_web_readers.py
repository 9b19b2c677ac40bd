"""The server's reader pool (searchkit/web/readers.py): follows new generations, never shares a reader
between threads, and the app sees an index update on the next request."""

from __future__ import annotations

import json
import threading
import time

from starlette.testclient import TestClient

import searchkit
from searchkit.web import create_app
from searchkit.web.readers import ReaderPool
from web_samples import build_web_index


def add_speech(corpus, index_dir, speech_id: str, text: str) -> None:
    (corpus / f"{speech_id}.jsonl").write_text(json.dumps({"id": speech_id, "title": speech_id, "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    searchkit.update_index([corpus], index_dir)


def test_the_app_follows_index_updates(tmp_path):
    index_dir = build_web_index(tmp_path)
    app = create_app(index_dir)
    app.state.pool._check_every = 0.0  # look at CURRENT on every request
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        assert client.get("/api/search", params={"q": "量子纠缠"}).json()["total"] == 0
        add_speech(tmp_path / "corpus", index_dir, "new-one", "标题\n我们研究量子纠缠。\n量子纠缠很奇妙。")
        assert client.get("/api/search", params={"q": "量子纠缠"}).json()["total"] == 2
        (tmp_path / "corpus" / "new-one.jsonl").unlink()
        searchkit.update_index([tmp_path / "corpus"], index_dir)
        assert client.get("/api/search", params={"q": "量子纠缠"}).json()["total"] == 0
        assert client.get("/api/speech/new-one").status_code == 404


def test_readers_are_reused_then_replaced_after_an_update(tmp_path):
    index_dir = build_web_index(tmp_path)
    pool = ReaderPool(index_dir, size=2, check_every=0.0)
    with pool.reader() as first:
        first_generation = first.generation
    with pool.reader() as again:
        assert again is first
    add_speech(tmp_path / "corpus", index_dir, "later", "标题\n后来的讲话。")
    with pool.reader() as fresh:
        assert fresh is not first and fresh.generation != first_generation
    pool.close()


def test_concurrent_requests_each_get_their_own_reader(tmp_path):
    index_dir = build_web_index(tmp_path)
    pool = ReaderPool(index_dir, size=3)
    with searchkit.open_index(index_dir) as index:
        expected = [h.to_dict() for h in index.search("改革", limit=None)]
    in_use: set[int] = set()
    clash = threading.Event()
    results, errors = [], []
    lock = threading.Lock()

    def work():
        try:
            for _ in range(15):
                with pool.reader() as reader:
                    with lock:
                        if id(reader) in in_use:
                            clash.set()
                        in_use.add(id(reader))
                    hits = [h.to_dict() for h in reader.search("改革", limit=None)]
                    time.sleep(0.001)
                    with lock:
                        in_use.discard(id(reader))
                results.append(hits == expected)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and not clash.is_set()
    assert len(results) == 8 * 15 and all(results)
    pool.close()
