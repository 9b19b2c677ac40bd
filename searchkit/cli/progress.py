"""Running an index update with a progress bar on a terminal (shared by `index` and the first search)."""

from __future__ import annotations

import sys
from pathlib import Path


def _progress_bar(enabled: bool):
    """A (callback, close) pair: a rich progress bar on a terminal, nothing otherwise."""
    if not (enabled and sys.stderr.isatty()):
        return None, lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True)
    task = bar.add_task("files", total=None)
    bar.start()

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return update, bar.stop


def run_index(paths: list[Path], index_dir: Path, rebuild: bool, show_progress: bool):
    from ..indexer import update_index

    progress, close = _progress_bar(show_progress)
    try:
        return update_index(paths, index_dir, rebuild=rebuild, progress=progress)
    finally:
        close()
