"""A small corpus for the web tests: the synthetic speeches of test_filters, plus speeches whose text
and metadata try to inject markup, and speeches whose ids are not safe in a URL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import searchkit
from searchkit.web import create_app
from test_filters import write_corpus

BASE = "http://127.0.0.1:8765"

XSS_ID = "../../evil <b>"
XSS_RECORD = {
    "id": XSS_ID,
    "title": "<script>window.__xss='title'</script>标题注入",
    "speaker": "<img src=x onerror=\"window.__xss='speaker'\">",
    "date": "2015-06-01",
    "source": "javascript:window.__xss='source'",
    "text": "<script>window.__xss='title2'</script>\n"
            "坚持注入测试<script>window.__xss='text'</script>的原则。\n"
            "注入测试<img src=x onerror=\"window.__xss='img'\">再来。\n"
            "注入测试<a href=\"javascript:window.__xss='link'\">点我</a>链接。\n"
            "<svg onload=\"window.__xss='svg'\"></svg>注入测试结束。",
}
ODD_IDS = ["a #b?c d", "100%25 sure", "..", "中文/编号&x=1"]
ODD_RECORDS = [
    {"id": speech_id, "title": f"奇怪编号{n}", "speaker": "测试员", "date": f"2012-0{n + 1}-01",
     "source": "测试", "text": f"奇怪编号{n}\n奇特编号的讲话第一段。\n奇特编号的讲话第二段，奇特。"}
    for n, speech_id in enumerate(ODD_IDS)
]
# Many paragraphs with one word, for pagination (more than a page of 20).
PAGED_RECORD = {"id": "paged", "title": "分页讲话", "speaker": "页码员", "date": "2011-01-01", "source": "测试",
                "text": "分页讲话\n" + "\n".join(f"第{n}段，翻页测试的内容。" for n in range(1, 46))}


def write_web_corpus(folder: Path) -> Path:
    write_corpus(folder)
    records = [XSS_RECORD, *ODD_RECORDS, PAGED_RECORD]
    (folder / "web.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return folder


def build_web_index(base: Path) -> Path:
    index_dir = base / "index"
    report = searchkit.update_index([write_web_corpus(base / "corpus")], index_dir)
    assert report.skipped == (), report.skipped
    return index_dir


class LiveServer:
    """The app served by uvicorn on a free 127.0.0.1 port in a background thread (for a browser)."""

    def __init__(self, app) -> None:
        import socket
        import threading
        import time

        import uvicorn

        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self._socket.close()


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory, request):
    return build_web_index(tmp_path_factory.mktemp(request.module.__name__))


@pytest.fixture(scope="module")
def client(index_dir):
    with TestClient(create_app(index_dir), base_url=BASE, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def index(index_dir):
    with searchkit.open_index(index_dir) as opened:
        yield opened


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NEEDS_CHROMIUM = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: apt-get install chromium fonts-noto-cjk (as .ci/run does)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The web app of the web corpus, served on a free 127.0.0.1 port for a real browser."""
    live = LiveServer(create_app(build_web_index(tmp_path_factory.mktemp("web-live"))))
    yield live
    live.stop()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (which never downloads a browser here)."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright to run the browser tests")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()
