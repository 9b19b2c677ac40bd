"""Whole-generation verification, for ``searchkit check`` and the start of every update, and what an
update needs to rebuild a damaged index from the files it was made from.

Opening a generation checks it cheaply (integrity.py); ``verify`` reads every byte: each file against
its checksum, the manifest and info file for the kinds of their values, the Whoosh index for opening,
and each character index for the shape of its arrays (for an index made before checksums, the whole
of each character index against itself, which is what a checksum would have vouched for).
"""

from __future__ import annotations

import time
from pathlib import Path, PurePosixPath

from ..errors import DamagedIndexError, IndexStateError
from . import charindex, generations as store, integrity
from .reader import StoredIndex


def verify(generation: Path, index_dir: Path) -> tuple[dict, tuple[int, int] | None]:
    """The generation's manifest once every check has passed, and what was read for its checksums
    (None: it has none); the first damage found is a DamagedIndexError."""
    info = store.check_format(generation, index_dir)
    checked = integrity.verify(generation, store.checksummed(info))
    manifest = store.read_manifest(generation)
    stored = StoredIndex(generation)
    try:
        segments = stored.segments()
        ends = [offset for offset, _, _ in segments[1:]] + [stored.doc_count_all()]
        for (offset, segment_id, _), end in zip(segments, ends):
            chars = charindex.CharIndex(generation / charindex.FOLDER / segment_id, doc_count=end - offset)
            if checked is None:
                chars.check_all()
        paragraphs = sum(entry["paragraphs"] for entry in manifest["speeches"].values())
        if paragraphs != stored.doc_count():
            raise integrity.damaged(generation, store.MANIFEST, f"it lists {paragraphs:,} paragraphs where the "
                                    f"index holds {stored.doc_count():,}")
    finally:
        stored.close()
    return manifest, checked


def check(index_dir: Path) -> dict:
    """``searchkit check``: the live generation verified, or the one line saying what is damaged and
    how to repair it."""
    index_dir = Path(index_dir)
    generation = store.live_generation(index_dir)
    if generation is None:
        raise IndexStateError(f"no index at {index_dir}; create it with `searchkit index PATH --index {index_dir}`")
    started = time.perf_counter()
    try:
        manifest, checked = verify(generation, index_dir)
    except DamagedIndexError as damage:
        raise _with_remedy(damage, generation, index_dir) from None
    report = {"index": str(index_dir), "generation": generation.name, "speeches": len(manifest["speeches"]),
              "checksums": checked is not None, "files": checked[0] if checked else None,
              "bytes": checked[1] if checked else None, "seconds": round(time.perf_counter() - started, 2)}
    return report


def _with_remedy(damage: DamagedIndexError, generation: Path, index_dir: Path) -> DamagedIndexError:
    """The damage, saying how to repair it: an update re-reads the files its manifest names, when the
    manifest can be trusted; otherwise only a rebuild from the paths can."""
    try:
        manifest = trusted_manifest(generation, damage)
    except IndexStateError as error:
        return DamagedIndexError(str(error), damage.file, damage.why)
    roots = sorted({str(root) for root in map(lambda item: root_of(*item), _records(manifest)) if root})
    path = roots[0] if len(roots) == 1 else "PATH"
    return DamagedIndexError(
        f"{index_dir} is damaged ({damage.file}: {damage.why}); `searchkit index {path} --index {index_dir}` "
        f"rebuilds it from the {len(manifest['files']):,} files it was made from", damage.file, damage.why)


def _records(manifest: dict):
    return ((path, record["base"]) for path, record in manifest["files"].items())


def trusted_manifest(generation: Path, damage: DamagedIndexError) -> dict:
    """The damaged generation's manifest, if it can still be trusted to say which files the index was
    made from: its bytes match its checksum (or, with the checksums themselves damaged, it reads as a
    manifest). Otherwise an IndexStateError asking for a rebuild from the paths."""
    index_dir = generation.parent
    rebuild = (f"{index_dir} is damaged ({damage.file}: {damage.why}) and so is the list of files it was made from: "
               f"rebuild it with `searchkit index PATH --index {index_dir} --rebuild`")
    if damage.file == store.CURRENT:  # no generation to read a manifest from: its message says --rebuild
        raise IndexStateError(str(damage))
    if damage.file == f"{generation.name}/{store.MANIFEST}":
        raise IndexStateError(rebuild)
    try:
        table = integrity.recorded(generation, store.checksummed(store.check_format(generation, index_dir)))
    except IndexStateError:  # the info file, which says whether there are checksums, or the checksums
        try:
            table = integrity.read_table(generation)
        except IndexStateError:
            table = None
    try:
        return store.read_manifest(generation, checksums=table)
    except IndexStateError:
        raise IndexStateError(rebuild) from None


def root_of(path: str, base: str) -> Path | None:
    """The folder a file was indexed under, from its path and the id base it was given (its path below
    that folder, without the suffix): reading it from there again gives its speeches the same ids."""
    depth = len(PurePosixPath(base).parts)
    file = Path(path)
    if depth < 1 or depth > len(file.parents):
        return None
    return file.parents[depth - 1]
