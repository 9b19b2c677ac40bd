"""Screenshots of the web app's main pages, taken in Debian's Chromium, for the README.

    PYTHONPATH=$PWD python benchmarks/web_screens.py [--corpus ../shared/corpus/gov-work-reports] [--out docs]

Builds a throw-away index of the corpus, runs `searchkit serve` on a free 127.0.0.1 port, and saves
docs/web-search.png, web-speech.png, web-trend.png, web-kwic.png, web-similar.png, web-speeches.png (and
web-search-en.png), each also at phone width (390 px: web-*-phone.png), printing how wide each page is.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import searchkit  # noqa: E402
from searchkit.web.present import speech_url  # noqa: E402

PAGES = [
    ("web-search.png", "/?q=改革开放 创新&speaker=李克强", None),
    ("web-search-en.png", "/?q=互联网 OR 电子商务&sort=-date&lang=en", None),
    ("web-trend.png", "/trend?terms=改革开放, 互联网, 生态文明", None),
    ("web-kwic.png", "/kwic?q=供给侧&order=left&width=16", None),
    ("web-similar.png", "/similar?text=" + "必须毫不动摇巩固和发展公有制经济，毫不动摇鼓励、支持和引导非公有制经济发展。", None),
    ("web-speeches.png", "/speeches?sort=-date", None),
]
WIDTHS = {"": (1200, 820), "-phone": (390, 844)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared/corpus/gov-work-reports")
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("web_screens: no chromium (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        index_dir = Path(scratch) / "index"
        searchkit.update_index([args.corpus], index_dir)
        with searchkit.open_index(index_dir) as index:
            hit = index.search("改革开放", limit=1, speaker="李克强")[0]
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "searchkit", "serve", "--index", str(index_dir), "--port", str(port)],
                                  env={**os.environ, "PYTHONPATH": str(REPO)})
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/api/stats").close()
                    break
                except OSError:
                    time.sleep(0.1)
            pages = PAGES + [("web-speech.png", speech_url(hit.speech_id, {"q": "改革开放", "p": hit.paragraph}, hit.paragraph), None)]
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
                for suffix, (width, height) in WIDTHS.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    for name, path, _ in pages:
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        shot = args.out / name.replace(".png", f"{suffix}.png")
                        page.screenshot(path=str(shot))
                        wide = page.evaluate("document.documentElement.scrollWidth")
                        print(f"{shot}: {path} ({wide} px wide at a {width} px window)")
                    page.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
