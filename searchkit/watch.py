"""Keep an index in step with folders: watch for file changes, debounce, update incrementally."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path

from .ingest.budget import DEFAULT_MEMORY_MB
from .errors import SearchkitError
from .storage.writer import update_index
from .models import IndexReport, Skipped
from .ingest.readers import SUFFIXES, sidecar


def watch(
    paths: list[Path],
    index_dir: Path,
    on_report: Callable[[IndexReport], None],
    on_error: Callable[[SearchkitError], None],
    *,
    debounce: float = 1.0,
    stop: threading.Event | None = None,
    follow: bool = False,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> None:
    """Update the index now, then after every burst of changes under ``paths`` (quiet for
    ``debounce`` seconds), until ``stop`` is set or KeyboardInterrupt. ``follow`` and ``memory_mb``
    are ``update_index``'s. A report's ``skipped`` holds only what was not in the one before: a bad
    file is reported once, and again only if it is fixed and goes bad again."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    stop = stop or threading.Event()
    changed = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            names = [getattr(event, "src_path", ""), getattr(event, "dest_path", "")]
            if event.is_directory or any(
                Path(str(n)).suffix.lower() in SUFFIXES or str(n).endswith(sidecar.SUFFIX) for n in names if n
            ):
                changed.set()

    told: set[Skipped] = set()  # skips reported and still there: each update finds them again

    def update() -> None:
        nonlocal told
        try:
            report = update_index(paths, index_dir, follow=follow, memory_mb=memory_mb)
            new = tuple(skipped for skipped in report.skipped if skipped not in told)
            told = set(report.skipped)
            on_report(dataclasses.replace(report, skipped=new))
        except SearchkitError as error:
            on_error(error)
        except OSError as error:  # a file vanishing mid-read, a full disk: report, keep watching
            on_error(SearchkitError(f"update failed: {error}"))

    observer = Observer()
    for path in paths:
        # inotify watches folders; a file is watched through its folder.
        folder = path if path.is_dir() else path.parent
        observer.schedule(Handler(), str(folder), recursive=path.is_dir())
    observer.start()
    try:
        update()
        while not stop.is_set():
            if not changed.wait(timeout=0.2):
                continue
            # Debounce: wait until no new event arrives for `debounce` seconds.
            changed.clear()
            while changed.wait(timeout=debounce) and not stop.is_set():
                changed.clear()
            if not stop.is_set():
                update()
    finally:
        observer.stop()
        observer.join()
