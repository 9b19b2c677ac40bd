"""How a build shares its memory budget between processes (no heavy imports: the CLI reads it for --help)."""

from __future__ import annotations

from ..errors import SettingError

DEFAULT_MEMORY_MB = 3000  # the whole build, every process together
# Measured (benchmarks/speed.py, all 74,545 xwlb stories): the parent holds ~PARENT_MB (interpreter,
# the manifest and file list of 75k speeches, documents on their way to the writers), each writer
# ~PROCESS_MB before any postings (interpreter, jieba's dictionary, Whoosh), each reading process
# ~READER_MB, and a writer's pool grows to ~POOL_FACTOR x its ``limitmb`` (Whoosh counts its postings'
# bytes, not Python's overhead on them: a writer given 633 MB peaked at 1,539 MB).
PARENT_MB = 600
PROCESS_MB = 300
READER_MB = 100
POOL_FACTOR = 2.0
MIN_LIMIT_MB = 32
MIN_MEMORY_MB = 400  # one process and a minimal pool (a big build also forks readers, ~READER_MB each)


def writer_plan(memory_mb: int, cpus: int) -> tuple[int, int]:
    """(worker processes, ``limitmb`` of each writer) that keep a build within ``memory_mb`` in all.

    Up to min(cpus, 4) workers, fewer if their base size would not leave each a minimal pool; 0
    workers: the one process writes itself. What is left after every process's base size (the
    readers' too) is split between the writers. A smaller pool spills sorted runs to disk sooner, which slows large builds
    (all 74,545 xwlb stories, before the character index: 467 s at 1 GB, 335 s at 4 GB a writer)."""
    if isinstance(memory_mb, bool) or not isinstance(memory_mb, int) or memory_mb < MIN_MEMORY_MB:
        raise SettingError(f"build memory must be a whole number of MB, at least {MIN_MEMORY_MB}, not {memory_mb!r}")
    workers, readers = min(cpus, 4) if cpus >= 2 else 0, reader_processes(cpus)
    base = lambda workers: PARENT_MB + PROCESS_MB * workers + READER_MB * readers
    while workers >= 2 and memory_mb - base(workers) < workers * MIN_LIMIT_MB * POOL_FACTOR:
        workers -= 1
    if workers < 2:
        workers = 0  # one worker beside an idle parent is slower than the parent alone
    return workers, max(MIN_LIMIT_MB, int((memory_mb - base(workers)) / max(workers, 1) / POOL_FACTOR))


def reader_processes(cpus: int) -> int:
    """Processes that read and split files beside the parent on a machine with ``cpus`` (0: it alone)."""
    return min(cpus, 4) if cpus >= 2 else 0
