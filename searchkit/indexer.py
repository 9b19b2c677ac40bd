"""Build and update an index: read speeches, compare content hashes, write a new generation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from . import store
from .errors import InputError
from .models import IndexReport, Skipped, Speech
from .readers import Document, discover, read_file
from .schema import make_schema, paragraph_key
from .speeches import make_speech

HEADING_BOOST = 1.5
Progress = Callable[[int, int], None]  # (files done, files in all)


def read_speeches(paths: Iterable[Path], progress: Progress | None = None) -> tuple[list[Speech], list[Skipped], set[str]]:
    """Every speech under ``paths``, what was skipped, and the files that could not be read at all."""
    files = list(discover([Path(p) for p in paths]))
    speeches: dict[str, Speech] = {}
    skipped: list[Skipped] = []
    unreadable: set[str] = set()
    for done, (root, file) in enumerate(files, 1):
        try:
            for item in read_file(root, file):
                if isinstance(item, Skipped):
                    skipped.append(item)
                    continue
                _add_speech(item, speeches, skipped)
        except InputError as error:
            skipped.append(Skipped(str(file), str(error)))
            unreadable.add(str(file.resolve()))
        if progress:
            progress(done, len(files))
    return list(speeches.values()), skipped, unreadable


def _add_speech(document: Document, speeches: dict[str, Speech], skipped: list[Skipped]) -> None:
    speech = make_speech(document)
    if not speech.paragraphs:
        skipped.append(Skipped(document.source, f"speech {speech.speech_id!r} has no text"))
        return
    if speech.speech_id in speeches:
        skipped.append(
            Skipped(document.source, f"speech id {speech.speech_id!r} is already used by {speeches[speech.speech_id].file}")
        )
        return
    speeches[speech.speech_id] = speech


def _under(file: str, roots: list[Path]) -> bool:
    path = Path(file)
    return any(path == root or root in path.parents for root in roots)


def update_index(
    paths: Iterable[Path],
    index_dir: Path,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    lock_timeout: float = 30.0,
) -> IndexReport:
    """Bring the index at ``index_dir`` in line with the speeches under ``paths``.

    New and changed speeches are (re)indexed, speeches whose file under ``paths`` is gone are removed,
    the rest is untouched; with ``rebuild`` the index is made from ``paths`` alone. The change is
    published atomically: readers see the index before or after, never during.
    """
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists():
            raise InputError(f"{path} does not exist")
    index_dir = Path(index_dir)
    with store.writer_lock(index_dir, lock_timeout):
        live = None if rebuild else store.live_generation(index_dir)
        if live is not None:
            store.check_format(live, index_dir)
            manifest = store.read_manifest(live)
        else:
            manifest = {}
        speeches, skipped, unreadable = read_speeches(paths, progress)

        roots = [p.resolve() for p in paths]
        seen = {s.speech_id for s in speeches}
        removed = [
            speech_id
            for speech_id, entry in manifest.items()
            if speech_id not in seen and _under(entry["file"], roots) and entry["file"] not in unreadable
        ]
        added = [s for s in speeches if s.speech_id not in manifest]
        updated = [s for s in speeches if s.speech_id in manifest and manifest[s.speech_id]["hash"] != s.content_hash]
        unchanged = len(speeches) - len(added) - len(updated)

        if live is not None and not (added or updated or removed):
            paragraphs = sum(entry["paragraphs"] for entry in manifest.values())
            return IndexReport(0, 0, 0, unchanged, paragraphs, len(manifest), tuple(skipped))

        staging = store.begin_generation(index_dir, live)
        _write(staging, live is None, [*removed, *(s.speech_id for s in updated)], [*added, *updated])
        for speech_id in removed:
            del manifest[speech_id]
        for speech in (*added, *updated):
            manifest[speech.speech_id] = _manifest_entry(speech)
        store.publish(index_dir, staging, manifest)
    paragraphs = sum(entry["paragraphs"] for entry in manifest.values())
    return IndexReport(
        len(added), len(updated), len(removed), unchanged, paragraphs, len(manifest), tuple(skipped),
        added_ids=tuple(s.speech_id for s in added),
        updated_ids=tuple(s.speech_id for s in updated),
        removed_ids=tuple(removed),
    )


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


def _write(staging: Path, fresh: bool, delete_ids: list[str], speeches: list[Speech]) -> None:
    from whoosh import index as whoosh_index

    if fresh:
        ix = whoosh_index.create_in(str(staging), make_schema())
    else:
        ix = whoosh_index.open_dir(str(staging))
    writer = ix.writer(limitmb=256)
    try:
        for speech_id in delete_ids:
            writer.delete_by_term("speech_id", speech_id)
        for speech in speeches:
            for number, (text, section) in enumerate(zip(speech.paragraphs, speech.sections), 1):
                # A match in the title or a heading says more about a passage than one in its body.
                is_heading = text == speech.title or (section is not None and section.endswith(text))
                writer.add_document(
                    _words_boost=HEADING_BOOST if is_heading else 1.0,
                    key=paragraph_key(speech.speech_id, number),
                    speech_id=speech.speech_id,
                    paragraph=number,
                    text=text,
                    words=text,
                    grams=text,
                    title=speech.title,
                    speaker=speech.speaker or "",
                    date=speech.date or "",
                    when=speech.date or str(speech.year or ""),
                    undated=0 if speech.date or speech.year else 1,
                    source=speech.source,
                    section=section,
                    venue=speech.venue,
                )
        writer.commit(optimize=False)
    except BaseException:
        writer.cancel()
        raise
    finally:
        ix.close()
