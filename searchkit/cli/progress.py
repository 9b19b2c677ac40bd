"""Running an index update with a progress bar on a terminal (shared by `index` and the first search)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


class _Bar:
    """A rich progress bar on stderr when it is a terminal; silent otherwise. Reading counts files;
    the write that follows has no count, so the bar says so and pulses instead of sitting at 100 %."""

    def __init__(self, enabled: bool) -> None:
        self.bar = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[files]}"),
                                TimeElapsedColumn(), transient=True, console=Console(stderr=True))
            self.task = self.bar.add_task("indexing", total=None, files="")
            self.bar.start()

    def files(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description="indexing", completed=done, total=total, files=f"{done}/{total} files")

    def stage(self, name: str) -> None:
        from ..storage.writer import WAITING

        if name == WAITING:  # said in any case: a silent wait looks like a hang
            message = "searchkit: another searchkit process is writing this index; waiting for it to finish …"
            if self.bar is not None:
                self.bar.console.print(message, markup=False, highlight=False)  # above the bar, not into it
            else:
                typer.echo(message, err=True)
        if self.bar is not None:  # a new task: a bar without a total pulses
            self.bar.remove_task(self.task)
            self.task = self.bar.add_task(name, total=None, files="")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def run_index(paths: list[Path], index_dir: Path, rebuild: bool, show_progress: bool, follow: bool = False,
              words: Path | None = None, memory_mb: int | None = None):
    from ..storage.writer import update_index

    bar = _Bar(show_progress)
    try:
        if not isinstance(index_dir, Path):  # a cluster URL
            from ..cluster import update_cluster

            if words is not None:
                from ..errors import QueryError

                raise QueryError("a cluster index cuts with jieba's dictionary alone: --words is for local indexes")
            return update_cluster(paths, index_dir, rebuild=rebuild, progress=bar.files if bar.bar else None, follow=follow)
        return update_index(paths, index_dir, rebuild=rebuild, progress=bar.files if bar.bar else None,
                            on_stage=bar.stage, follow=follow, words=words,
                            **({} if memory_mb is None else {"memory_mb": memory_mb}))
    finally:
        bar.close()
