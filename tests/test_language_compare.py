"""Compare: key words of one part of the corpus against another, with frequencies equal to a count of
the words of every paragraph in each part, and the known new terms of the 2010s surfacing."""

from __future__ import annotations

from collections import Counter

import pytest

from searchkit import QueryError
from searchkit.text import normalize, segment
from searchkit.language import compare, parse_scope
from searchkit.language.stats import log_ratio

from language_fixtures import scope_paragraphs


def words_in(index, **filters) -> Counter:
    return Counter(w for p in scope_paragraphs(index, **filters) for w, _, _ in segment(normalize(p.text)))


def check_against_brute_force(index, a, b, **options):
    result = compare(index, a, b, limit=None, **options)
    counts_a, counts_b = words_in(index, **a), words_in(index, **b)
    assert (result.words_a, result.words_b) == (sum(counts_a.values()), sum(counts_b.values()))
    assert (result.speeches_a, result.speeches_b) == (len(index.speeches(**a)), len(index.speeches(**b)))
    for k in result.keywords:
        assert (k.count_a, k.count_b) == (counts_a[k.word], counts_b[k.word]), k.word
        assert k.count_b / result.words_b > k.count_a / result.words_a  # more frequent in B
        assert k.log_ratio == pytest.approx(log_ratio(k.count_b, result.words_b, k.count_a, result.words_a), abs=1e-3)
    scores = [k.log_likelihood for k in result.keywords]
    assert scores == sorted(scores, reverse=True)
    # The index's own word postings give the same frequencies as cutting the text again.
    from_postings, total = index.word_frequencies([k.word for k in result.keywords], **b)
    assert total == result.words_b
    assert all(from_postings[k.word] == k.count_b for k in result.keywords)
    return result


def test_small_corpus_frequencies_equal_brute_force(small_index):
    result = check_against_brute_force(small_index, {"until": "2010"}, {"since": "2013"}, min_count=2)
    assert "互联网" in [k.word for k in result.keywords]  # 0 mentions before 2010, many after


def test_parts_by_speaker(small_index):
    result = check_against_brute_force(small_index, {"speaker": "温家宝"}, {"speaker": "李克强"}, min_count=1)
    assert result.keywords and all(k.count_b >= 1 for k in result.keywords)


def test_min_count_limit_and_numbers(small_index):
    a, b = {"until": "2010"}, {"since": "2013"}
    assert all(k.count_b >= 3 for k in compare(small_index, a, b, min_count=3).keywords)
    everything = compare(small_index, a, b, min_count=1, limit=None).keywords
    assert compare(small_index, a, b, min_count=1, limit=2).keywords == everything[:2]
    assert not any(k.word.isdigit() for k in everything)


def test_sort_by_log_ratio_puts_the_biggest_change_first(small_index):
    a, b = {"until": "2010"}, {"since": "2013"}
    by_ratio = compare(small_index, a, b, min_count=1, limit=None, sort="log_ratio").keywords
    assert [k.log_ratio for k in by_ratio] == sorted((k.log_ratio for k in by_ratio), reverse=True)
    assert set(by_ratio) == set(compare(small_index, a, b, min_count=1, limit=None).keywords)
    with pytest.raises(QueryError, match="--sort"):
        compare(small_index, a, b, sort="chi2")


def test_an_empty_part_is_an_error(small_index):
    with pytest.raises(QueryError, match="part A holds no speeches"):
        compare(small_index, {"speaker": "无此人"}, {})


def test_scopes_parse_from_text():
    assert parse_scope("since=2003,until=2007") == {"since": "2003", "until": "2007"}
    assert parse_scope(" speaker = 李克强 ") == {"speaker": "李克强"}
    assert parse_scope("") == {}
    for bad, message in (("since=2003,since=2004", "given twice"), ("year=2003", "key=value"),
                         ("since", "key=value"), ("since=2003-13", "real date")):
        with pytest.raises(QueryError, match=message):
            parse_scope(bad)


def test_gov_2013_2017_against_2003_2007_surfaces_the_new_terms(gov_index):
    result = check_against_brute_force(gov_index, parse_scope("since=2003,until=2007"),
                                       parse_scope("since=2013,until=2017"))
    ranked = [k.word for k in result.keywords]
    assert "互联网" in ranked[:50]
    # jieba's dictionary cuts 供给侧 and 新常态 (供给|侧, 新|常态): their parts are key words of B.
    for part in ("供给", "侧", "常态"):
        assert part in ranked
    # Numbers (years, amounts) differ between any two periods: they are left out unless asked for.
    assert not any(word.isdigit() for word in ranked)
    b = compare(gov_index, {"since": "2003", "until": "2007"}, {"since": "2013", "until": "2017"}, limit=None, digits=True)
    numbers = [k for k in b.keywords if k.word.replace(".", "").isdigit()]
    assert numbers and [k for k in b.keywords if k not in numbers] == list(result.keywords)
