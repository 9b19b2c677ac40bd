"""trend and kwic, checked against brute-force scans: of the synthetic corpus of test_filters, and of the
government work reports when ../shared/corpus is present."""

from __future__ import annotations

from collections import Counter

import pytest

import searchkit
from searchkit import QueryError
from searchkit.text import normalize
from searchkit.language.reports import UNKNOWN, kwic, trend

from test_filters import build_index

from samples import GOV_REPORTS, missing

# Each trend term with the (folded) strings a paragraph must contain to match it.
TERMS = {
    "改革开放": ["改革开放"],
    "互联网": ["互联网"],
    '"发展电子商务"': ["发展电子商务"],  # a quoted phrase
    "改革 互联网": ["改革", "互联网"],  # two words, anywhere in the paragraph
    "電子商務": ["电子商务"],  # typed in traditional script
}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    with searchkit.open_index(build_index(tmp_path_factory, "reports")) as opened:
        yield opened


@pytest.fixture(scope="module")
def paragraphs(index):
    return list(index.paragraphs())


def group_of(summary, by):
    value = summary.year if by == "year" else summary.speaker
    return str(value) if value else UNKNOWN


def expected_trend(index, paragraphs, terms, by="year", **filters):
    searched = {s.speech_id: s for s in index.speeches(**filters)}
    groups = sorted({group_of(s, by) for s in searched.values()}, key=lambda g: (g == UNKNOWN, g))
    rows = []
    for term in terms:
        needles = TERMS[term]
        matching = [
            p for p in paragraphs
            if p.speech_id in searched and all(n in normalize(p.text) for n in needles)
        ]
        for group in groups:
            in_group = [p for p in matching if group_of(searched[p.speech_id], by) == group]
            rows.append((term, group, len({p.speech_id for p in in_group}), len(in_group)))
    return rows


def as_tuples(rows):
    return [(r.term, r.group, r.speeches, r.paragraphs) for r in rows]


FILTERS = [{}, dict(since="2014"), dict(until="2014-03"), dict(speaker="李克強"), dict(title="讲话"),
           dict(source="新华网", since="2014-03-06")]


@pytest.mark.parametrize("by", ["year", "speaker"])
@pytest.mark.parametrize("filters", FILTERS, ids=[repr(f) for f in FILTERS])
def test_trend_counts_equal_a_brute_force_scan(index, paragraphs, by, filters):
    terms = list(TERMS)
    assert as_tuples(trend(index, terms, by=by, **filters)) == expected_trend(index, paragraphs, terms, by, **filters)


def test_trend_shows_every_year_of_the_searched_speeches_with_zeros(index):
    rows = trend(index, ["互联网", "科学发展观"])
    years = ["2008", "2010", "2013", "2014", "2015", "2016", UNKNOWN]
    assert [r.group for r in rows] == years * 2
    by_key = {(r.term, r.group): (r.speeches, r.paragraphs) for r in rows}
    assert by_key["互联网", "2008"] == (0, 0) and by_key["互联网", "2014"] == (3, 4)
    assert by_key["科学发展观", "2008"] == (1, 2) and by_key["科学发展观", "2010"] == (1, 1)
    assert by_key["科学发展观", "2014"] == (0, 0) and by_key["科学发展观", UNKNOWN] == (0, 0)
    # Only the searched speeches' years.
    assert [r.group for r in trend(index, ["互联网"], since="2014-03-06")] == ["2014", "2015", "2016"]
    assert [r.group for r in trend(index, ["互联网"], speaker="温家宝")] == ["2008"]


def test_trend_by_speaker_groups_and_unknown_last(index):
    rows = trend(index, ["改革开放"], by="speaker")
    groups = [r.group for r in rows]
    assert groups[-1] == UNKNOWN and groups[:-1] == sorted(groups[:-1])
    assert set(groups) == {"李克强", "温家宝", "习近平", "韩正", "马凯", "俞正声", "張高麗", UNKNOWN}
    assert {r.group: r.paragraphs for r in rows}["韩正"] == 2


def test_trend_of_a_term_found_nowhere_is_all_zeros(index):
    rows = trend(index, ["量子计算"])
    assert rows and all((r.speeches, r.paragraphs) == (0, 0) for r in rows)
    assert trend(index, ["改革"], speaker="nobody") == []  # no speech searched: no group


def test_trend_usage_errors(index):
    with pytest.raises(QueryError):
        trend(index, ["改革"], by="month")
    with pytest.raises(QueryError):
        trend(index, [])
    with pytest.raises(QueryError):
        trend(index, ["改革"], since="2014-1")
    with pytest.raises(QueryError):
        trend(index, ['""'])


# -- kwic ------------------------------------------------------------------------------------------


def expected_kwic(index, paragraphs, term, width, **filters):
    """(speech_id, paragraph, left, match, right) for every occurrence of ``term``, folded."""
    searched = {s.speech_id for s in index.speeches(**filters)}
    needle = normalize(term)
    lines = []
    for p in paragraphs:
        if p.speech_id not in searched:
            continue
        folded = normalize(p.text)
        start = folded.find(needle)
        while start >= 0:
            end = start + len(needle)
            lines.append((p.speech_id, p.paragraph, p.text[max(0, start - width):start], p.text[start:end],
                          p.text[end:end + width]))
            start = folded.find(needle, start + 1)
    return lines


def kwic_tuples(lines):
    return [(k.speech_id, k.paragraph, k.left, k.match, k.right) for k in lines]


@pytest.mark.parametrize("width", [0, 3, 20])
@pytest.mark.parametrize("term", ["改革开放", "改革開放", "互联网", "电子商务", "创新"])
def test_kwic_lines_equal_every_occurrence(index, paragraphs, term, width):
    lines = kwic(index, term, width=width)
    assert sorted(kwic_tuples(lines)) == sorted(expected_kwic(index, paragraphs, term, width))
    texts = {(p.speech_id, p.paragraph): p.text for p in paragraphs}
    for line in lines:
        assert line.left + line.match + line.right in texts[line.speech_id, line.paragraph]
        assert normalize(line.match) == normalize(term)  # the term, as the speech writes it
        assert len(line.left) <= width and len(line.right) <= width


def test_kwic_match_is_the_term_as_written(index):
    forms = Counter(line.match for line in kwic(index, "改革开放"))
    assert forms == {"改革开放": 8, "改革開放": 2}
    assert kwic_tuples(kwic(index, "改革開放")) == kwic_tuples(kwic(index, "改革开放"))


def test_kwic_lines_carry_speech_metadata_in_date_order(index):
    meta = {s.speech_id: s for s in index.speeches()}
    lines = kwic(index, "改革")
    for line in lines:
        assert (line.date, line.speaker) == (meta[line.speech_id].date, meta[line.speech_id].speaker)
    dated = [line.date for line in lines if line.date]
    assert dated == sorted(dated)
    # Within a paragraph, occurrences left to right.
    gov_2015 = [line for line in lines if line.speech_id == "gov-2015"]
    assert [line.left for line in gov_2015] == ["", "改革开放是发展的动力，我们要坚定不移推进"]


def test_kwic_date_order_follows_the_listing(index):
    order = list(dict.fromkeys(line.speech_id for line in kwic(index, "改革开放")))
    listed = [s.speech_id for s in index.speeches(sort="date")]
    assert order == [sid for sid in listed if sid in order]


def test_kwic_limit(index):
    every = kwic(index, "改革")
    assert len(every) > 5
    for limit in (0, 1, 5, len(every), len(every) + 10):
        assert kwic(index, "改革", limit=limit) == every[:limit]
    with pytest.raises(QueryError):
        kwic(index, "改革", limit=-1)
    with pytest.raises(QueryError):
        kwic(index, "改革", width=-1)


def test_kwic_with_filters(index, paragraphs):
    for filters in (dict(speaker="李克強"), dict(since="2014-03", until="2014-11"), dict(title="講話")):
        lines = kwic(index, "改革", width=5, **filters)
        assert sorted(kwic_tuples(lines)) == sorted(expected_kwic(index, paragraphs, "改革", 5, **filters)), filters


def test_kwic_with_a_filter_admitting_no_speech_is_empty(index):
    assert kwic(index, "改革", since="2030") == []


def test_kwic_adjacent_occurrences_are_separate_lines(index, paragraphs):
    lines = kwic(index, "学习", width=4)
    assert [line.match for line in lines] == ["学习"] * 3
    assert kwic_tuples(lines) == expected_kwic(index, paragraphs, "学习", 4)


# -- the government work reports -------------------------------------------------------------------


@pytest.fixture(scope="module")
def gov():
    if not GOV_REPORTS.is_dir():
        pytest.skip(missing(GOV_REPORTS))
    return GOV_REPORTS


def test_every_gov_report_has_its_year(gov, gov_index):
    listed = gov_index.speeches()
    assert len(listed) == len(list(gov.glob("*.txt")))
    for speech in listed:
        assert speech.year == int(speech.speech_id[:4]), speech.speech_id  # 2014政府工作报告_李克强


def test_gov_trend_per_year_equals_a_brute_force_count(gov_index):
    speeches = {s.speech_id: s for s in gov_index.speeches()}
    paragraphs = list(gov_index.paragraphs())
    terms = ["改革开放", "互联网", "科学发展观"]
    rows = trend(gov_index, terms)
    years = sorted({str(s.year) for s in speeches.values()})
    assert [r.group for r in rows] == years * len(terms)
    for term in terms:
        matching = [p for p in paragraphs if term in normalize(p.text)]
        expected = {year: (0, 0) for year in years}
        for year in years:
            in_year = [p for p in matching if str(speeches[p.speech_id].year) == year]
            expected[year] = (len({p.speech_id for p in in_year}), len(in_year))
        assert {r.group: (r.speeches, r.paragraphs) for r in rows if r.term == term} == expected, term
        assert sum(r.paragraphs for r in rows if r.term == term) == gov_index.count(term)
    # What the terms say about the reports: 互联网 first appears in the late 1990s, 科学发展观 after 2003.
    first = {t: min(int(r.group) for r in rows if r.term == t and r.paragraphs) for t in terms}
    assert first["改革开放"] < 1990 and 1995 <= first["互联网"] <= 2002 and 2004 <= first["科学发展观"] <= 2006


def test_gov_kwic_equals_every_occurrence(gov_index):
    paragraphs = list(gov_index.paragraphs())
    lines = kwic(gov_index, "互联网", width=8)
    expected = []
    for p in paragraphs:
        start = p.text.find("互联网")
        while start >= 0:
            expected.append((p.speech_id, p.paragraph, p.text[max(0, start - 8):start], "互联网", p.text[start + 3:start + 11]))
            start = p.text.find("互联网", start + 1)
    assert expected and sorted(kwic_tuples(lines)) == sorted(expected)
    dates = [line.date for line in lines]
    assert all(dates) and dates == sorted(dates)
