"""Files → speeches, reading only what changed.

Each indexed file is remembered with its signature (size and mtime of the file and of its sidecar) and
the speech ids it produced. A file whose signature is unchanged is not opened again: its speeches are
unchanged. The rest are read, and their speeches built — metadata extraction being the costly part —
in a pool of processes when there are many, streamed to the caller as they are ready.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import processes
from .budget import reader_processes
from ..errors import InputError
from ..models import Skipped, Speech
from .readers import Document, discover, read_file, sidecar, speech_id_for
from .speeches import RULES_VERSION, make_speech

Progress = Callable[[int, int], None]  # (files done, files in all)
PARALLEL_MIN_DOCUMENTS = 200  # below this a process pool costs more than it saves
CLASH, UNCHANGED, WRITE = "clash", "unchanged", "write"  # what ``Intake.verdict`` says of a speech read now


def within(roots: Iterable[Path]) -> Callable[[str], bool]:
    """Whether a file (a manifest's path string) is one of ``roots`` or under one. Strings, not Path
    objects: this runs for every speech of the index (75k for xwlb) on every update."""
    roots = [str(root) for root in roots]
    exact = set(roots)
    prefixes = tuple(os.path.join(root, "") for root in roots)
    return lambda file: file in exact or file.startswith(prefixes)


def signature(file: Path) -> list[int]:
    stat = file.stat()
    try:
        meta = sidecar.path_for(file).stat()
        meta_sig = [meta.st_size, meta.st_mtime_ns]
    except OSError:
        meta_sig = [-1, -1]
    return [stat.st_size, stat.st_mtime_ns, *meta_sig]


class Intake:
    """The speeches under ``paths``. Files unchanged since ``known`` (records valid only for the same
    ``rules`` version) are not read: their ids are in ``unchanged_ids`` at once. Iterating
    ``speeches()`` reads the others; afterwards ``skipped``, ``unreadable`` and ``files`` are complete."""

    def __init__(self, paths: Iterable[Path], known: dict[str, dict], rules: str | None, progress: Progress | None = None,
                 follow: bool = False, on_speeches: Callable[[int], None] | None = None,
                 also: Iterable[tuple[Path, Path]] = ()):
        self.progress = progress
        self.on_speeches = on_speeches  # hears how many speeches are read so far (one big JSONL is one file)
        self.unchanged_ids: set[str] = set()
        self.skipped: list[Skipped] = []
        self.unreadable: set[str] = set()  # files and folders that could not be read: their indexed speeches stay
        self.files: dict[str, dict] = {}  # file record per path, for the next run
        self._known = known
        self._sorted_known: list[str] | None = None  # made when a path cannot be read
        self._to_read: list[tuple[Path, Path, str, list[int]]] = []
        self._total = 0
        self._owner: dict[str, str] = {}  # speech id -> file, for the ids of files not read again
        listed: set[str] = set()
        # ``also``: (root, file) pairs read besides ``paths``, each with its own root (an index repairing
        # itself re-reads the files it was made from, keeping their speech ids).
        found = itertools.chain(
            discover([Path(p) for p in paths], follow=follow, on_skip=self.skipped.append,
                     on_unreadable=lambda skipped, where: self._fail(skipped, str(where.resolve()))),
            also)
        for root, file in found:
            path = str(file.resolve())
            if path in listed:  # `index C C/x.txt`: one file, read once
                continue
            listed.add(path)
            self._total += 1
            base = speech_id_for(root, file)
            try:
                sig = signature(file)
            except OSError as error:
                self._fail(Skipped(str(file), f"{file} cannot be read: {error.strerror}"), path)
                continue
            record = known.get(path)
            # A file that lost an id to another file is read again: the id may be free now.
            if rules == RULES_VERSION and record and record["sig"] == sig and record["base"] == base and not record.get("clash"):
                self.unchanged_ids.update(record["ids"])
                self._owner.update(dict.fromkeys(record["ids"], path))
                self.files[path] = record
                # What was skipped in it last time is skipped again: same input, same report.
                self.skipped.extend(Skipped(*item) for item in record.get("skipped", ()))
            else:
                self._to_read.append((root, file, path, sig))
        self.bytes_to_read = sum(sig[0] for *_, sig in self._to_read)

    def note_skip(self, file: str, skipped: Skipped, clash: bool = False) -> None:
        """``skipped`` (a part of ``file``), reported now and on later runs that do not read it again."""
        self.skipped.append(skipped)
        record = self.files[file]
        record.setdefault("skipped", []).append([skipped.source, skipped.reason])
        if clash:
            record["clash"] = True

    def _fail(self, skipped: Skipped, path: str) -> None:
        """``path`` (a file, or a folder and all below it) could not be read: what is indexed from it
        stays, and so do its file records, for a later run to compare with."""
        self.skipped.append(skipped)
        self.unreadable.add(path)
        if self._sorted_known is None:
            self._sorted_known = sorted(self._known)
        inside = os.path.join(path, "")
        files = [path] if path in self._known else []
        start = bisect.bisect_left(self._sorted_known, inside)
        files += itertools.takewhile(lambda f: f.startswith(inside), itertools.islice(self._sorted_known, start, None))
        for file in files:
            if file not in self.files:
                self.files[file] = self._known[file]
                self._owner.update(dict.fromkeys(self._known[file]["ids"], file))

    def _documents(self) -> Iterator[Document]:
        done = self._total - len(self._to_read)
        for root, file, path, sig in self._to_read:
            documents, skipped = [], []
            try:
                for item in read_file(root, file):
                    (skipped if isinstance(item, Skipped) else documents).append(item)
            except InputError as error:
                self._fail(Skipped(str(file), str(error)), path)
            else:
                self.files[path] = {"sig": sig, "base": speech_id_for(root, file), "ids": []}
                for item in skipped:
                    self.note_skip(path, item)
                yield from documents
            done += 1
            if self.progress:
                self.progress(done, self._total)

    def verdict(self, speech: Speech, entry: dict | None) -> str:
        """What an index whose record of this speech id is ``entry`` does with ``speech``, read now:
        ``CLASH`` (reported, and skipped) when another file that is still there and not read now holds
        the id — never overwrite it silently; ``UNCHANGED`` when the same file gave the same text;
        else ``WRITE`` (the same text from another file is an update too: its stored source changes)."""
        if entry is None:
            return WRITE
        if entry["file"] != speech.file and Path(entry["file"]).exists() and entry["file"] not in self.files:
            self.note_skip(speech.file, Skipped(speech.file, f"speech id {speech.speech_id!r} is already used by {entry['file']}"), clash=True)
            self.files[speech.file]["ids"].remove(speech.speech_id)
            return CLASH
        if entry["hash"] == speech.content_hash and entry["file"] == speech.file:
            return UNCHANGED
        return WRITE

    def files_ids(self) -> Iterator[str]:
        for record in self.files.values():
            yield from record["ids"]

    def speeches(self) -> Iterator[Speech]:
        taken: dict[str, str] = {}  # speech id -> file, to catch two files claiming one id
        for speech in _build(self._documents(), many=len(self._to_read) >= PARALLEL_MIN_DOCUMENTS or self.bytes_to_read > 5_000_000):
            if not speech.paragraphs:
                self.note_skip(speech.file, Skipped(speech.file, f"speech {speech.speech_id!r} has no text"))
            elif speech.speech_id in taken or speech.speech_id in self._owner:
                where = taken.get(speech.speech_id) or self._owner.get(speech.speech_id, "a file indexed before")
                self.note_skip(speech.file, Skipped(speech.file, f"speech id {speech.speech_id!r} is already used by {where}"), clash=True)
            else:
                taken[speech.speech_id] = speech.file
                self.files[speech.file]["ids"].append(speech.speech_id)
                if self.on_speeches is not None:
                    self.on_speeches(len(taken))
                yield speech


@contextlib.contextmanager
def ignoring_sigint() -> Iterator[None]:
    """Processes forked inside ignore Ctrl-C: only the parent reacts to it (and stops them)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals are not ours to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _build(documents: Iterator[Document], many: bool) -> Iterator[Speech]:
    if not many or not reader_processes(os.cpu_count() or 1):
        yield from map(make_speech, documents)
        return
    import multiprocessing

    from .metadata import warm_up

    warm_up()  # load once here; forked workers share it
    with processes.tied():  # workers die with this process, whatever kills it
        with ignoring_sigint():
            pool = multiprocessing.get_context("fork").Pool(reader_processes(os.cpu_count() or 1))
        with pool:  # leaving it (done, error or Ctrl-C in the parent) terminates the workers
            yield from pool.imap(make_speech, documents, chunksize=32)
