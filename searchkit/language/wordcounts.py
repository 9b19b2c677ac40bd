"""Word frequencies of a part of the corpus, cut as the index cut it (jieba words of the folded text,
with the index's own word list)."""

from __future__ import annotations

from collections import Counter

from ..text import Segmenter, normalize, segmenter


def words_of(text: str, cut: Segmenter | None = None) -> list[tuple[str, int, int]]:
    """(word, start, end) of every jieba word of a paragraph, as indexing made them: letters, digits
    and Han only, folded (width, case, script); spans index ``text`` itself. ``cut``: the index's
    segmenter (``index.segmenter``); None: jieba's dictionary alone."""
    return list((cut or segmenter())(normalize(text)))


def scope_word_counts(index, **filters) -> tuple[Counter, int]:
    """How often each word occurs in the paragraphs of the speeches ``filters`` admit, and how many
    words those paragraphs hold in all."""
    counts: Counter = Counter()
    for summary in index.speeches(sort="id", **filters):
        for paragraph in index.speech(summary.speech_id):
            counts.update(word for word, _, _ in words_of(paragraph.text, index.segmenter))
    return counts, sum(counts.values())
