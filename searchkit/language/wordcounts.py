"""Word frequencies of a part of the corpus, cut as the index cut it (jieba words of the folded text)."""

from __future__ import annotations

from collections import Counter

from ..analysis import normalize, segment


def words_of(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of every jieba word of a paragraph, as indexing made them: letters, digits
    and Han only, folded (width, case, script); spans index ``text`` itself."""
    return list(segment(normalize(text)))


def cut_like(index) -> None:
    """Cut text from now on as ``index`` was cut: with the user word list it was built with, if any."""
    from ..analysis.tokenizers import use_user_words
    from ..userwords import words_of_record

    use_user_words(words_of_record(index.user_words))


def scope_word_counts(index, **filters) -> tuple[Counter, int]:
    """How often each word occurs in the paragraphs of the speeches ``filters`` admit, and how many
    words those paragraphs hold in all."""
    cut_like(index)
    counts: Counter = Counter()
    for summary in index.speeches(sort="id", **filters):
        for paragraph in index.speech(summary.speech_id):
            counts.update(word for word, _, _ in words_of(paragraph.text))
    return counts, sum(counts.values())
