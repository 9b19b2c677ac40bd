"""Open index readers for the server: a bounded pool that follows the live generation.

A ``SpeechIndex`` holds one Whoosh searcher, which is not safe to share between threads, so each
request borrows a reader of its own. When a running ``index`` or ``watch`` publishes a new generation
(CURRENT changes), the next request gets a reader of the new one; readers of an old generation are
closed as they come back. The server never writes to the index.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ..storage import generations as store
from ..errors import IndexStateError
from ..index import SpeechIndex, open_index


class ReaderPool:
    """At most ``size`` readers open at once; ``check_every`` seconds between looks at CURRENT."""

    def __init__(self, index_dir: Path, size: int = 4, check_every: float = 0.5) -> None:
        self.index_dir = Path(index_dir)
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._idle: list[SpeechIndex] = []
        self._check_every = check_every
        self._checked_at = 0.0
        self._live: Path | None = None
        self._caches: dict[tuple[str, str], object] = {}  # (generation, name) -> derived data

    def live(self) -> Path:
        """The live generation, re-read from CURRENT at most every ``check_every`` seconds."""
        now = time.monotonic()
        with self._lock:
            if self._live is not None and now - self._checked_at < self._check_every:
                return self._live
        generation = store.live_generation(self.index_dir)
        if generation is None:
            raise IndexStateError(f"no index at {self.index_dir}; create it with `searchkit index PATH --index {self.index_dir}`")
        with self._lock:
            self._live, self._checked_at = generation, now
            return generation

    @contextlib.contextmanager
    def reader(self) -> Iterator[SpeechIndex]:
        live = self.live()
        with self._slots:
            with self._lock:
                stale = [r for r in self._idle if r.generation != live]
                self._idle = [r for r in self._idle if r.generation == live]
                reader = self._idle.pop() if self._idle else None
            for old in stale:
                old.close()
            if reader is None:
                reader = open_index(self.index_dir)
            try:
                yield reader
            finally:
                with self._lock:
                    keep = reader.generation == self._live
                    if keep:
                        self._idle.append(reader)
                if not keep:
                    reader.close()

    def cached(self, generation: Path, name: str, build):
        """``build()`` once per generation: data derived from the index (e.g. speech metadata)."""
        key = (generation.name, name)
        with self._lock:
            if key in self._caches:
                return self._caches[key]
        value = build()
        with self._lock:
            for old in [k for k in self._caches if k[0] != generation.name]:
                del self._caches[old]
            self._caches[key] = value
        return value

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for reader in idle:
            reader.close()
