"""Facets: matching paragraphs per year, speaker or speech, equal to a brute-force scan and summing to
the search's own count."""

from __future__ import annotations

from collections import Counter

import pytest

from searchkit import QueryError
from searchkit.text import normalize
from searchkit.engine.facets import UNKNOWN, parse_facets

from language_fixtures import scope_paragraphs


def brute_force(index, term, by, **filters):
    speeches = {s.speech_id: s for s in index.speeches(sort="id")}
    counts = Counter()
    for p in scope_paragraphs(index, **filters):
        if normalize(term) in normalize(p.text):
            s = speeches[p.speech_id]
            value = {"year": s.year, "speaker": s.speaker, "speech": s.speech_id}[by]
            counts[str(value) if value else UNKNOWN] += 1
    return counts


@pytest.mark.parametrize("by", ["year", "speaker", "speech"])
@pytest.mark.parametrize("term", ["改革开放", "互联网", "電子商務"])
def test_facets_equal_a_brute_force_count_and_sum_to_the_count(small_index, term, by):
    found = small_index.facets(term, by)
    assert {f.group: f.paragraphs for f in found} == brute_force(small_index, term, by)
    assert sum(f.paragraphs for f in found) == small_index.count(term)


def test_facets_take_the_search_filters(small_index):
    found = small_index.facets("改革", by="speaker", since="2014", until="2014")
    assert {f.group: f.paragraphs for f in found} == brute_force(small_index, "改革", "speaker", since="2014", until="2014")
    assert sum(f.paragraphs for f in found) == small_index.count("改革", since="2014", until="2014")


def test_speeches_without_a_year_or_speaker_are_counted_under_a_question_mark(small_index):
    by_year = {f.group: f for f in small_index.facets("深化改革", by="year")}
    assert by_year[UNKNOWN].speeches == 1  # trad-reform.txt: no date, no year
    assert by_year[UNKNOWN].paragraphs == brute_force(small_index, "深化改革", "year")[UNKNOWN] > 0
    assert list(by_year)[-1] == UNKNOWN  # last, after the years in order
    years = [g for g in by_year if g != UNKNOWN]
    assert years == sorted(years)


def test_speakers_come_most_paragraphs_first_with_their_speeches(small_index):
    found = small_index.facets("互联网", by="speaker")
    assert [f.paragraphs for f in found] == sorted((f.paragraphs for f in found), reverse=True)
    li = next(f for f in found if f.group == "李克强")
    assert (li.paragraphs, li.speeches) == (3, 2)  # 2014: two paragraphs; 2015: one


def test_unknown_facets_are_usage_errors(small_index):
    with pytest.raises(QueryError, match="facets are by"):
        small_index.facets("改革", by="month")
    assert parse_facets("year, speaker,year") == ("year", "speaker")
    for bad in ("", "year,month", ","):
        with pytest.raises(QueryError, match="--facets"):
            parse_facets(bad)


def test_gov_facets_by_year_equal_a_brute_force_count(gov_index):
    for term in ("科学发展观", "互联网"):
        found = gov_index.facets(term, by="year")
        assert {f.group: f.paragraphs for f in found} == brute_force(gov_index, term, "year")
        assert sum(f.paragraphs for f in found) == gov_index.count(term)
