"""Build and update an index: gather speeches, compare content hashes, write a new generation."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from . import charindex, generations as store
from .codec import install as install_codec
from .codec import make_codec
from ..errors import DamagedIndexError, IndexStateError, InputError, SearchkitError
from ..ingest.budget import DEFAULT_MEMORY_MB, PROCESS_MB, writer_plan
from ..ingest.intake import UNCHANGED, WRITE, Intake, Progress, ignoring_sigint, within
from ..models import IndexReport, Skipped, Speech
from .schema import make_schema, register_words
from ..text import userwords
from ..ingest.speeches import RULES_VERSION

WAITING, WRITING = "waiting for another writer", "writing index"  # stages reported to ``on_stage``


PARALLEL_MIN_BYTES = 3_000_000  # ≈ 1 M characters: below this one process writes quicker than two start


def _path_list(paths, index_dir) -> list[Path]:
    """``paths`` as a list: a single str or Path is one path, never a string of one-character paths."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    try:
        paths = list(paths)
    except TypeError:
        raise InputError(f"paths must be a file or folder, or a list of them, not the {type(paths).__name__} {paths!r}") from None
    for what, value in (*(("paths", p) for p in paths), ("index_dir", index_dir)):
        if not isinstance(value, (str, os.PathLike)):
            raise InputError(f"{what} must be a path (str or Path), not the {type(value).__name__} {value!r}"[:200])
    return [Path(p) for p in paths]


def update_index(
    paths: Iterable[Path],
    index_dir: Path,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    lock_timeout: float = 30.0,
    on_stage: Callable[[str], None] | None = None,
    follow: bool = False,
    words: Path | None = None,
    memory_mb: int = DEFAULT_MEMORY_MB,
    on_speeches: Callable[[int], None] | None = None,
) -> IndexReport:
    """Bring the index at ``index_dir`` in line with the speeches under ``paths``.

    New and changed speeches are (re)indexed, speeches whose file under ``paths`` is gone are removed,
    the rest is untouched; with ``rebuild`` the index is made from ``paths`` alone. The change is
    published atomically: readers see the index before or after, never during. ``on_stage`` hears
    ``WAITING`` while another writer holds the index and ``WRITING`` once every file is read.
    Symbolic links that lead out of an indexed folder are skipped unless ``follow``.
    ``words``: a user word list (userwords.py) for the segmenter; an index keeps the list it was built
    with, and another list needs ``rebuild``.
    ``memory_mb``: about how much memory the build may take, all its processes together (at least
    ``budget.MIN_MEMORY_MB``); less makes large builds slower (postings spill to disk sooner), not smaller.
    """
    writer_plan(memory_mb, 1)  # a bad budget fails before any file is read
    paths = _path_list(paths, index_dir)
    for path in paths:
        if not path.exists():
            raise InputError(f"{path} does not exist")
    from . import failures, repair  # what a search, which imports this module too, never needs

    index_dir = Path(index_dir)
    stage = on_stage or (lambda name: None)
    # Every process this starts (readers, Whoosh's writers, character index builders) is forked while
    # the lock is held, so it dies with this one and never holds the lock (ingest/processes.py).
    with store.writer_lock(index_dir, lock_timeout, on_wait=lambda: stage(WAITING)):
        store.remove_leftovers(index_dir)  # a killed writer's, even when this run changes nothing
        live = None if rebuild else store.live_generation(index_dir)
        # A damaged live generation, its manifest (what the report compares with), and what verifying read.
        damage, before, checked = None, None, None
        if live is not None:
            try:
                manifest, checked = repair.verify(live, index_dir)  # every byte: the repair starts here
            except DamagedIndexError as error:
                damage, before = error, repair.trusted_manifest(live, error)
                live = None  # rebuilt from the files its manifest names, none of its own files reused
        if live is None:
            manifest = {"rules": RULES_VERSION, "speeches": {}, "files": {}}
        known = manifest["speeches"]
        if before is None:
            before = manifest
        user_words = _user_words(words, before.get("user_words"), live is not None or damage is not None, index_dir)
        under = within([p.resolve() for p in paths])
        also, lost = _recorded_elsewhere(before, under) if damage else ([], [])
        intake = Intake(paths, manifest["files"], manifest["rules"], progress, follow=follow, also=also,
                        on_speeches=on_speeches)
        intake.skipped.extend(Skipped(path, "gone, and its speeches were only in the damaged index") for path in lost)
        writer = _Writer(index_dir, live, parallel=intake.bytes_to_read >= PARALLEL_MIN_BYTES, memory_mb=memory_mb,
                         words=userwords.words_of_record(user_words) or ())
        try:
            added, updated, unchanged_read = [], [], 0
            # Speeches stream from readers straight into the writer, whose workers analyze meanwhile.
            for speech in intake.speeches():
                entry = known.get(speech.speech_id)
                verdict = intake.verdict(speech, entry)
                if verdict != WRITE:
                    unchanged_read += verdict == UNCHANGED
                    continue
                writer.replace(speech, delete_old=entry is not None)
                old = before["speeches"].get(speech.speech_id)
                if old is not None and old["hash"] == speech.content_hash and old["file"] == speech.file:
                    unchanged_read += 1  # repairing: the same speech, written again
                else:
                    (updated if old is not None else added).append(speech.speech_id)
                known[speech.speech_id] = _manifest_entry(speech)
            unreadable = within([Path(p) for p in intake.unreadable])  # not gone: its speeches stay
            seen = intake.unchanged_ids | set(intake.files_ids())
            removed = [
                speech_id
                for speech_id, entry in known.items()
                if speech_id not in seen and under(entry["file"]) and not unreadable(entry["file"])
            ]
            for speech_id in removed:
                writer.delete(speech_id)
                del known[speech_id]
            if damage:
                removed = [speech_id for speech_id in before["speeches"] if speech_id not in known]
            files = {path: record for path, record in manifest["files"].items() if not under(path)}
            files.update(intake.files)
            # An index made before checksums gets them now, even when nothing else changed.
            if live is None or writer.changed or files != manifest["files"] or manifest["rules"] != RULES_VERSION \
                    or checked is None:
                stage(WRITING)  # merging segments can take longer than reading did
                store.publish(index_dir, writer.finish(), {"rules": RULES_VERSION, "speeches": known, "files": files,
                                                           **({"user_words": user_words} if user_words else {})},
                              previous=live if checked else None)  # verified checksums only
            else:
                writer.cancel()
        except BaseException as error:
            # A full disk shows as an OSError, or as whatever Whoosh made of a file it could not finish.
            full = isinstance(error, Exception) and not isinstance(error, SearchkitError) and failures.disk_full(index_dir)
            writer.cancel()  # nothing of the new generation is left; the live one stays as it was
            if full or isinstance(error, OSError) and error.errno in failures.NO_SPACE:
                raise failures.no_space(index_dir, intake.bytes_to_read, _size(live, store.MANIFEST)) from None
            if isinstance(error, OSError):  # a folder made read-only meanwhile …
                raise IndexStateError(f"cannot write the index in {index_dir}: {error.strerror or error}") from None
            raise
    paragraphs = sum(entry["paragraphs"] for entry in known.values())
    unchanged = len(intake.unchanged_ids) + unchanged_read
    return IndexReport(
        len(added), len(updated), len(removed), unchanged, paragraphs, len(known), tuple(intake.skipped),
        added_ids=tuple(added),
        updated_ids=tuple(updated),
        removed_ids=tuple(removed),
        repaired=f"{damage.file}: {damage.why}" if damage else "",
    )


def _size(folder: Path | None, name: str) -> int:
    try:
        return (folder / name).stat().st_size if folder is not None else 0
    except OSError:
        return 0


def _recorded_elsewhere(manifest: dict, under: Callable[[str], bool]) -> tuple[list[tuple[Path, Path]], list[str]]:
    """The files a damaged index was made from that ``paths`` do not cover, each with the folder it was
    indexed under (so its speeches keep their ids); and those of them that are gone."""
    also, lost = [], []
    for path, record in manifest["files"].items():
        if under(path):
            continue
        from .repair import root_of

        root = root_of(path, record["base"])
        if root is not None and Path(path).is_file():
            also.append((root, Path(path)))
        else:
            lost.append(path)
    return also, lost


def _user_words(words: Path | None, recorded: dict | None, updating: bool, index_dir: Path) -> dict | None:
    """The word list this run indexes with (given, else the one the index was built with); a list
    other than the index's own is refused unless rebuilding."""
    chosen = recorded
    if words is not None:
        chosen = userwords.record(userwords.read_words(words), words)
        if updating and (recorded or {}).get("digest") != chosen["digest"]:
            built = f"the word list {recorded['file']}" if recorded else "no word list"
            raise IndexStateError(f"{index_dir} was built with {built}; indexing with {words} changes how every "
                                  f"paragraph is cut into words: rebuild it (`searchkit index PATH --rebuild --words {words}`)")
    return chosen


def _manifest_entry(speech: Speech) -> dict:
    return {
        "hash": speech.content_hash,
        "file": speech.file,
        "paragraphs": len(speech.paragraphs),
        "title": speech.title,
        "speaker": speech.speaker,
        "date": speech.date,
        "venue": speech.venue,
        "year": speech.year,
        "source": speech.source,
    }


def is_heading(text: str, title: str | None, section: str | None) -> bool:
    """A match in the title or a heading says more about a passage than one in its body."""
    return text == title or (section is not None and section.endswith(text))


def _segments(reader) -> list:
    readers = getattr(reader, "readers", None)
    return list(readers) if readers is not None else ([reader] if reader.doc_count_all() else [])


def _index_segment(generation: Path, segment_id: str) -> None:
    from whoosh import index as whoosh_index

    with whoosh_index.open_dir(str(generation)).reader() as reader:
        for segment in _segments(reader):
            if segment.segment().segment_id() == segment_id:
                headings: list[bool] = []

                def texts():  # streamed: a segment's stored fields, all at once, would be gigabytes
                    for docnum in range(segment.doc_count_all()):
                        fields = segment.stored_fields(docnum)
                        headings.append(is_heading(fields["text"], fields.get("title"), fields.get("section")))
                        yield fields["text"]

                charindex.build(texts(), headings, generation / charindex.FOLDER / segment_id)


CHARS_MB_PER_DOC = 0.0025  # a character index build's peak beyond its process (measured: 640 MB for 202k paragraphs)


def index_characters(generation: Path, memory_mb: int = DEFAULT_MEMORY_MB) -> None:
    """Give every Whoosh segment in ``generation`` its character index (new and merged segments have
    none yet) and drop those of segments merged away. Large segments are done in parallel when the
    memory budget allows: a build holds a segment's texts and a sort of all its character pairs."""
    from whoosh import index as whoosh_index

    with whoosh_index.open_dir(str(generation)).reader() as reader:
        sizes = {s.segment().segment_id(): s.doc_count_all() for s in _segments(reader)}
    folder = generation / charindex.FOLDER
    if folder.is_dir():
        for old in folder.iterdir():
            if old.name not in sizes:
                shutil.rmtree(old)
    missing = [sid for sid in sizes if not charindex.exists(folder / sid)]
    big = [sid for sid in missing if sizes[sid] >= 20_000]
    need = PROCESS_MB + max((sizes[sid] for sid in big), default=0) * CHARS_MB_PER_DOC
    procs = min(len(big), os.cpu_count() or 1, max(1, int(memory_mb // need)))
    if procs > 1:
        import multiprocessing

        with ignoring_sigint():  # Ctrl-C reaches the parent alone, which ends the pool on its way out
            pool = multiprocessing.get_context("fork").Pool(procs)
        with pool:
            pool.starmap(_index_segment, [(generation, sid) for sid in big])
        missing = [sid for sid in missing if sid not in big]
    for sid in missing:
        _index_segment(generation, sid)


class _Writer:
    """A new generation being written, opened on the first change (a run that changes nothing
    writes nothing)."""

    def __init__(self, index_dir: Path, live: Path | None, parallel: bool, memory_mb: int = DEFAULT_MEMORY_MB,
                 words=()) -> None:
        self.index_dir, self.live, self.parallel, self.memory_mb = index_dir, live, parallel, memory_mb
        self.words = tuple(words)
        register_words(self.words)  # before the schema is unpickled, here and in forked workers
        self.staging: Path | None = None
        self._ix = self._writer = None
        self.changed = False

    def _open(self):
        from whoosh import index as whoosh_index

        if self._writer is None:
            install_codec()  # before the live generation's term tables are read (deletes)
            self.staging = store.begin_generation(self.index_dir, self.live)
            if self.live is None:
                self._ix = whoosh_index.create_in(str(self.staging), make_schema(self.words))
            else:
                self._ix = whoosh_index.open_dir(str(self.staging))
            procs, limit = writer_plan(self.memory_mb, os.cpu_count() or 1)
            if self.parallel and procs:
                # Whoosh's multiprocess writer: each process analyzes and writes its own segment; the
                # parent only hands out documents (and deletes), so the pools' share goes to the workers.
                self._writer = self._ix.writer(
                    procs=procs, multisegment=True, limitmb=limit, batchsize=256, codec=make_codec(),
                    subargs={"limitmb": limit, "codec": make_codec()},
                )
                # Start them now, deaf to Ctrl-C (the terminal sends it to every process): the parent
                # alone stops the run, and cancel() ends them, so no worker prints a traceback.
                from .failures import start_tasks

                with ignoring_sigint():
                    start_tasks(self._writer)
            else:
                self._writer = self._ix.writer(limitmb=writer_plan(self.memory_mb, 1)[1], codec=make_codec())
        self.changed = True
        return self._writer

    def delete(self, speech_id: str) -> None:
        # Deletes reach the segments that existed when the writer opened, not documents added since.
        self._open().delete_by_term("speech_id", speech_id)

    def replace(self, speech: Speech, delete_old: bool) -> None:
        writer = self._open()
        if delete_old:
            writer.delete_by_term("speech_id", speech.speech_id)
        when = speech.date or str(speech.year or "")
        for number, (text, section) in enumerate(zip(speech.paragraphs, speech.sections), 1):
            writer.add_document(
                speech_id=speech.speech_id,
                paragraph=number,
                order=number,
                text=text,
                words=text,
                title=speech.title,
                speaker=speech.speaker,
                date=speech.date,
                when=when.encode(),
                undated=0 if when else 1,
                source=speech.source,
                section=section,
                venue=speech.venue,
            )

    def finish(self) -> Path:
        """Commit and return the staging folder (created if nothing was written, for the manifest)."""
        if self._writer is not None:
            self._writer.commit(optimize=False)
            # Whoosh's commit leaves out the segment of a sub-writer that died: the generation would lack its documents.
            from .failures import check_tasks

            check_tasks(getattr(self._writer, "tasks", ()))
            self._ix.close()
            self._writer = None
            index_characters(self.staging, self.memory_mb)
        elif self.staging is None:
            self.staging = store.begin_generation(self.index_dir, self.live)
            if self.live is None:
                from whoosh import index as whoosh_index

                whoosh_index.create_in(str(self.staging), make_schema(self.words)).close()
        return self.staging

    def cancel(self) -> None:
        """Stop writing and remove the staging generation, whatever state a failure left the writer in."""
        if self._writer is not None:
            for task in getattr(self._writer, "tasks", ()):
                task.terminate()  # a task's own cancel() only flips a flag in this process's copy
                task.join()
            try:
                self._writer.cancel()
                self._ix.close()
            except Exception:  # "This writer is closed": a writer a failure already closed
                pass
            self._writer = None
        store.discard(self.staging)
