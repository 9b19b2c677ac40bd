"""User word lists: new terms jieba's dictionary splits (新质生产力 → 新质|生产力), added to the segmenter
that builds the index's word field, so ranking and word counts (collocates, compare) see them whole.

Format: one word a line, optionally a frequency after it (whitespace between); ``#`` starts a comment.
An index records the list it was built with (its words and a digest) in its manifest: later updates
use the same list, a different list needs a rebuild (``update_index`` says so), and ``stats`` tells
when the list's file has changed since. Query-time segmentation needs nothing: it reads the index's own
vocabulary (``LexiconSegmenter``), which holds the user words.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .normalize import normalize
from ..errors import InputError

STARTER = Path(__file__).with_name("userwords.txt")
Words = tuple[tuple[str, "int | None"], ...]


def read_words(path: str | Path) -> Words:
    """The (word, frequency or None) pairs of a word list file, normalized, in order, without repeats."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read word list {path}: {getattr(error, 'strerror', None) or error}") from None
    words: dict[str, int | None] = {}
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) > 2 or (len(fields) == 2 and not fields[1].isdigit()):
            raise InputError(f"{path}:{number}: a word list line is a word, optionally a frequency (新质生产力 100)")
        words[normalize(fields[0])] = int(fields[1]) if len(fields) == 2 else None
    if not words:
        raise InputError(f"{path} holds no words")
    return tuple(words.items())


def digest(words: Words) -> str:
    """A short fingerprint of a list's content (not its file name)."""
    text = "\n".join(f"{word}\t{'' if freq is None else freq}" for word, freq in words)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def record(words: Words, path: str | Path) -> dict:
    """What the manifest keeps about the list an index is built with."""
    return {"file": str(Path(path).resolve()), "digest": digest(words), "words": [list(pair) for pair in words]}


def words_of_record(recorded: dict | None) -> Words | None:
    if not recorded:
        return None
    return tuple((word, freq) for word, freq in recorded["words"])


def status(recorded: dict | None) -> str:
    """One line for `stats`: which list the index was built with, and whether its file changed since."""
    if not recorded:
        return "none (jieba's dictionary alone)"
    line = f"{recorded['file']} ({len(recorded['words'])} words, digest {recorded['digest']})"
    try:
        now = digest(read_words(recorded["file"]))
    except InputError:
        return line + "; the file is gone (the index keeps its words)"
    if now != recorded["digest"]:
        return line + "; the file has changed since: rebuild with `searchkit index PATH --rebuild --words FILE`"
    return line
