"""Collocates: co-occurrence counts equal a brute-force loop over every occurrence's window, corpus
frequencies equal a count of the words of every paragraph, and the statistics rank as they say."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from searchkit import QueryError
from searchkit.text import normalize, segment
from searchkit.language import collocates
from searchkit.language.stats import log_likelihood

from language_fixtures import scope_paragraphs


def brute_force(index, term, window, **filters):
    """(co-occurrences, frequencies, occurrences) by plain loops over the paragraphs in scope."""
    needle = normalize(term)
    near, frequency, found = Counter(), Counter(), 0
    for p in scope_paragraphs(index, **filters):
        folded = normalize(p.text)
        words = list(segment(folded))
        frequency.update(w for w, _, _ in words)
        start = folded.find(needle)
        while start >= 0:
            found += 1
            end = start + len(needle)
            for word, s, e in words:
                inside = start - window <= s and e <= end + window
                if inside and not (s < end and e > start):
                    near[word] += 1
            start = folded.find(needle, start + 1)
    return near, frequency, found


def check_against_brute_force(index, term, window, **filters):
    result = collocates(index, term, window=window, min_count=1, limit=None, **filters)
    near, frequency, found = brute_force(index, term, window, **filters)
    assert result.occurrences == found
    assert result.window_words == sum(near.values())
    assert result.corpus_words == sum(frequency.values())
    assert result.collocates, "the term has collocates"
    for row in result.collocates:
        assert (row.cooccurrences, row.frequency) == (near[row.word], frequency[row.word]), row.word
    # Every word seen near the term more often than chance is listed; no other.
    expected = {w for w, n in near.items() if n > sum(near.values()) * frequency[w] / sum(frequency.values())}
    assert {row.word for row in result.collocates} == expected
    return result


@pytest.mark.parametrize("window", [1, 4, 10])
def test_small_corpus_counts_equal_brute_force(small_index, window):
    check_against_brute_force(small_index, "改革", window)


def test_filters_limit_both_the_windows_and_the_corpus(small_index):
    result = check_against_brute_force(small_index, "改革", 6, since="2014")
    assert result.corpus_words < collocates(small_index, "改革", window=6).corpus_words


def test_traditional_script_finds_the_same_collocates(small_index):
    assert collocates(small_index, "電子商務") == collocates(small_index, "电子商务")


def test_ranked_by_log_likelihood_and_cut_by_min_count_and_limit(small_index):
    everything = collocates(small_index, "改革", window=8, min_count=1, limit=None).collocates
    scores = [row.log_likelihood for row in everything]
    assert scores == sorted(scores, reverse=True)
    assert all(row.cooccurrences >= 2 for row in collocates(small_index, "改革", window=8, min_count=2).collocates)
    assert collocates(small_index, "改革", window=8, min_count=1, limit=3).collocates == everything[:3]


def test_bad_arguments_are_usage_errors(small_index):
    for kwargs, message in (({"window": 0}, "--window"), ({"min_count": 0}, "--min-count"), ({"limit": -1}, "--limit")):
        with pytest.raises(QueryError, match=message):
            collocates(small_index, "改革", **kwargs)
    with pytest.raises(QueryError, match="give a term"):
        collocates(small_index, "  ")


def test_log_likelihood_is_zero_for_independence_and_grows_with_association():
    assert log_likelihood(10, 90, 100, 900) == pytest.approx(0.0, abs=1e-9)
    assert 0 < log_likelihood(20, 80, 100, 900) < log_likelihood(40, 60, 100, 900)
    # Dunning's G² by its textbook formula, for one table.
    o = [30, 70, 120, 780]
    n = sum(o)
    rows, cols = (o[0] + o[1], o[2] + o[3]), (o[0] + o[2], o[1] + o[3])
    e = [rows[0] * cols[0] / n, rows[0] * cols[1] / n, rows[1] * cols[0] / n, rows[1] * cols[1] / n]
    assert log_likelihood(*o) == pytest.approx(2 * sum(x * math.log(x / y) for x, y in zip(o, e)))


def test_gov_reports_counts_equal_brute_force_and_find_known_collocates(gov_index):
    result = check_against_brute_force(gov_index, "互联网", 10)
    top = [row.word for row in result.collocates[:10]]
    assert "金融" in top  # 互联网金融, a set phrase of the 2014–2017 reports
    reform = collocates(gov_index, "改革", window=10, since="2013")
    assert reform.collocates[0].word == "深化"  # 全面深化改革
