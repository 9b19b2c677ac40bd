"""A write that fails — a full disk, a folder made read-only, a writer process that died — said in one
line, with nothing left behind (the caller removes the staging generation; the live one is untouched).

Whoosh's multiprocess writer runs each sub-writer in a ``SubWriterTask`` process. On a full disk such a
process died printing a 48-line traceback, and the parent went on: its commit waits one second for each
result, and a result that never comes is left out — a generation missing a worker's documents — or the
parent blocked forever on a job queue no process empties. Here a sub-writer exits quietly with the errno
as its exit code, the parent's puts give up once one has died, and ``check_tasks`` turns a death into the
error it was.
"""

from __future__ import annotations

import errno
import os
import queue
import shutil
import sys
from pathlib import Path

from ..errors import IndexStateError

_OTHER_FAILURE = 255  # a sub-writer's exit code for anything but an OSError
NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
# Disk an index takes per byte of text read: 5.1 for the government reports (3.2 MB read, 16 MB written,
# which is also the build's peak), 4.3 for all xwlb (119 MB, 514 MB), whose build peaks at twice that
# (Whoosh's spilled runs beside the segments they merge into): so "at least".
INDEX_BYTES_PER_INPUT_BYTE = 5


def _quiet_task_class():
    """Whoosh's sub-writer process, exiting with its errno instead of printing a traceback (made on first
    use: importing whoosh.multiproc costs a search 15 ms)."""
    from whoosh.multiproc import SubWriterTask

    class QuietSubWriter(SubWriterTask):
        def run(self) -> None:
            try:
                super().run()
            except OSError as error:
                if os.environ.get("SEARCHKIT_DEBUG"):
                    import traceback

                    traceback.print_exc()
                sys.exit(error.errno if error.errno and 0 < error.errno < _OTHER_FAILURE else _OTHER_FAILURE)
            except Exception:
                if os.environ.get("SEARCHKIT_DEBUG"):
                    import traceback

                    traceback.print_exc()
                sys.exit(_OTHER_FAILURE)

    return QuietSubWriter


class _Jobs:
    """The sub-writers' job queue as the parent puts to it: waiting for room only while they live."""

    def __init__(self, jobs, tasks: list) -> None:
        self._jobs, self._tasks = jobs, tasks

    def put(self, item, block: bool = True, timeout: float | None = None) -> None:
        while True:
            try:
                self._jobs.put(item, timeout=0.5)
                return
            except queue.Full:
                check_tasks(self._tasks)

    def __getattr__(self, name: str):
        return getattr(self._jobs, name)


def start_tasks(writer) -> None:
    """Start all of Whoosh's ``MpWriter`` sub-writers now, as quiet ones (Whoosh starts its own lazily)."""
    args = (writer.storage, writer.indexname, writer.jobqueue, writer.resultqueue, writer.subargs, writer.multisegment)
    task_class = _quiet_task_class()
    while len(writer.tasks) < writer.procs:
        task = task_class(*args)
        writer.tasks.append(task)
        task.start()
    writer.jobqueue = _Jobs(writer.jobqueue, writer.tasks)


def check_tasks(tasks) -> None:
    """The error a sub-writer died of, if one did (an OSError for its errno)."""
    for task in tasks:
        code = task.exitcode
        if code in (None, 0):
            continue
        if 0 < code < _OTHER_FAILURE:
            raise OSError(code, os.strerror(code))
        hint = "" if os.environ.get("SEARCHKIT_DEBUG") else " (set SEARCHKIT_DEBUG=1 to see why)"
        raise IndexStateError(f"a writer process stopped (exit code {code}){hint}; the index is as it was")


def no_space(index_dir: Path, bytes_to_read: int, rewritten: int = 0) -> IndexStateError:
    """The one line for a full disk, with the space this write needs at least: the index of the text
    read, and ``rewritten`` bytes written again whatever changed (the manifest)."""
    try:
        free = shutil.disk_usage(index_dir).free
    except OSError:
        free = None
    need = INDEX_BYTES_PER_INPUT_BYTE * bytes_to_read + rewritten
    if free is None:
        space = ""
    elif need > free:
        space = f": {_mb(free)} free, and writing this needs at least {_mb(need)}"
    else:
        space = f": {_mb(free)} free, not enough for this update"
    return IndexStateError(f"no space left in {index_dir} to write the index{space}; free some space or choose "
                           "another folder with --index (the index is as it was)")


def disk_full(index_dir: Path) -> bool:
    """Whether the index's file system has (next to) nothing left: a failure there is the full disk's,
    whatever Whoosh made of it (a run file cut short reads back as EOFError)."""
    try:
        usage = shutil.disk_usage(index_dir)
    except OSError:
        return False
    return usage.free < 1 << 20


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB" if size < 10e6 else f"{size / 1e6:,.0f} MB"
