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
        self.done = self.total = self.read = 0
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[files]}"),
                                TimeElapsedColumn(), transient=True, console=Console(stderr=True))
            self.task = self.bar.add_task("indexing", total=None, files="")
            self.bar.start()

    def files(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.done, self.total = done, total
            self.bar.update(self.task, description="indexing", completed=done, total=total, files=self._count())

    def speeches(self, read: int) -> None:
        """Speeches read so far: the count that moves while one big JSONL file is read."""
        if self.bar is not None:
            self.read = read
            if read % 50 == 0 or read < 50:  # redrawing is not free: every 50th is enough to see it move
                self.bar.update(self.task, files=self._count())

    def _count(self) -> str:
        files = f"{self.done}/{self.total} files" if self.total else ""
        return " · ".join(x for x in (files, f"{self.read:,} speeches read" if self.read else "") if x)

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
                            on_speeches=bar.speeches if bar.bar else None,
                            on_stage=bar.stage, follow=follow, words=words,
                            **({} if memory_mb is None else {"memory_mb": memory_mb}))
    finally:
        bar.close()


class CountBar:
    """A bar counting items done (``bar(done, total)``) on stderr when it is a terminal; silent otherwise."""

    def __init__(self, label: str) -> None:
        self.bar = None
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                transient=True, console=Console(stderr=True))
            self.task = self.bar.add_task(label, total=None)
            self.bar.start()

    def __call__(self, done: int, total: int) -> None:
        if self.bar is not None and (done == total or done % 20 == 0):
            self.bar.update(self.task, completed=done, total=total)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
