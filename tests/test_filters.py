"""Keyword filters (speaker, since/until, title, source) and date sorting, checked against a brute-force
scan of a small synthetic corpus. ``write_corpus`` is shared with test_reports and test_cli_browse."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

import searchkit
from searchkit import QueryError
from searchkit.text import normalize

# Seven speeches as .txt (header lines as the State Council publishes them) and four JSONL records.
# gov-2014 and cppcc-2014-03-05 share a date (ties); talk-2010 has a year (from its file name) but no
# date; trad-reform (traditional script) has neither.
SPEECHES = {
    "gov-2014.txt": """2014年政府工作报告
——2014年3月5日在第十二届全国人民代表大会第二次会议上
国务院总理　李克强
各位代表：
　　现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协各位委员提出意见。
　　过去一年，我们坚持全面深化改革，简政放权，激发市场活力，互联网经济蓬勃发展。
　　我们要把改革开放作为最大红利，以开放促改革，推动创新驱动发展。
　　大力发展电子商务，促进互联网与实体经济融合，扩大就业。
""",
    "gov-2015.txt": """2015年政府工作报告
——2015年3月5日在第十二届全国人民代表大会第三次会议上
国务院总理　李克强
各位代表：
　　现在，我代表国务院，向大会报告政府工作，请予审议。
　　制定“互联网+”行动计划，推动移动互联网、云计算、大数据同现代制造业结合。
　　改革开放是发展的动力，我们要坚定不移推进改革。
　　大众创业、万众创新，是发展的动力之源。
""",
    "gov-2008.txt": """2008年政府工作报告
——2008年3月5日在第十一届全国人民代表大会第一次会议上
国务院总理　温家宝
各位代表：
　　现在，我代表国务院，向大会报告过去五年政府工作，请予审议。
　　深入贯彻落实科学发展观，坚持改革开放，推动经济又好又快发展。
　　科学发展观是我们的指导思想，全党要学习学习再学习。
""",
    "econ-2008-12.txt": """在中央经济工作会议上的讲话
——2008年12月8日在中央经济工作会议上
国务院总理　温家宝
同志们：
　　今年以来，我们应对国际金融危机，坚持改革开放不动摇。
　　要扩大国内需求，保持经济平稳较快发展。
""",
    "apec-2014.txt": """谋求持久发展　共筑亚太梦想
——2014年11月9日在亚太经合组织工商领导人峰会开幕式上的演讲
中华人民共和国主席　习近平
尊敬的各位来宾：
　　我们要全面深化改革，发挥市场在资源配置中的决定性作用。
　　互联网为各国发展带来新的机遇，我们要加强合作。
""",
    "talk-2010.txt": """在基层调研时的讲话
　　我们要坚持科学发展观，推进改革开放，改善民生。
　　各级政府要关心群众生活。
""",
    "trad-reform.txt": """關於深化改革的講話
　　深化改革開放，是推動發展的根本動力。
　　我們要大力發展電子商務，擴大就業。
""",
}

RECORDS = [
    {"id": "xinhua-2014-03-20", "title": "推进经济体制改革座谈会讲话", "speaker": "韩正", "date": "2014-03-20",
     "source": "新华网", "text": "座谈会讲话\n我们要以改革开放为动力，推进互联网与金融创新。\n上海要当好改革开放排头兵。"},
    {"id": "people-2016-12-01", "title": "关于互联网发展的讲话", "speaker": "马凯", "date": "2016-12-01",
     "source": "人民网", "text": "关于互联网发展的讲话\n互联网是创新的高地，要深化改革。\n发展电子商务，促进创业。"},
    {"id": "cppcc-2014-03-05", "title": "在全国政协十二届二次会议上的讲话", "speaker": "俞正声", "date": "2014-03-05",
     "source": "新华网", "text": "在全国政协十二届二次会议上的讲话\n人民政协要围绕全面深化改革建言献策。\n要坚持改革开放，凝聚共识。"},
    {"id": "trad-2013-06-01", "title": "推動經濟發展的講話", "speaker": "張高麗", "date": "2013-06-01",
     "source": "文匯報", "text": "推動經濟發展的講話\n我們要堅持改革開放，發展互聯網經濟。\n大力發展電子商務。"},
]

TERMS = ["改革", "改革开放", "互联网", "电子商务", "发展", "創新"]


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in SPEECHES.items():
        (folder / name).write_text(text, encoding="utf-8")
    lines = [json.dumps(record, ensure_ascii=False) for record in RECORDS]
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def build_index(tmp_path_factory, name: str) -> Path:
    base = tmp_path_factory.mktemp(name)
    index_dir = base / "index"
    report = searchkit.update_index([write_corpus(base / "corpus")], index_dir)
    assert report.skipped == () and report.speeches == len(SPEECHES) + len(RECORDS)
    return index_dir


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    with searchkit.open_index(build_index(tmp_path_factory, "filters")) as opened:
        yield opened


@pytest.fixture(scope="module")
def meta(index):
    return {s.speech_id: s for s in index.speeches(sort="id")}


@pytest.fixture(scope="module")
def paragraphs(index):
    return list(index.paragraphs())


def keys(hits):
    return {(h.speech_id, h.paragraph) for h in hits}


def brute_force(paragraphs, term, admitted):
    """Paragraphs of the ``admitted`` speeches whose text contains ``term`` (width/case/script-folded)."""
    needle = normalize(term)
    return {(p.speech_id, p.paragraph) for p in paragraphs if p.speech_id in admitted and needle in normalize(p.text)}


@functools.lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def to_traditional(text):
    return _s2t().convert(text)


def folded_in(wanted, value):
    return normalize(wanted).replace(" ", "") in normalize(value or "").replace(" ", "")


def test_the_corpus_reads_as_intended(meta):
    # The expectations below rest on this metadata; if extraction changes, fix the corpus first.
    assert {sid: (s.speaker, s.date, s.year) for sid, s in meta.items()} == {
        "gov-2014": ("李克强", "2014-03-05", 2014),
        "gov-2015": ("李克强", "2015-03-05", 2015),
        "gov-2008": ("温家宝", "2008-03-05", 2008),
        "econ-2008-12": ("温家宝", "2008-12-08", 2008),
        "apec-2014": ("习近平", "2014-11-09", 2014),
        "talk-2010": (None, None, 2010),
        "trad-reform": (None, None, None),
        "xinhua-2014-03-20": ("韩正", "2014-03-20", 2014),
        "people-2016-12-01": ("马凯", "2016-12-01", 2016),
        "cppcc-2014-03-05": ("俞正声", "2014-03-05", 2014),
        "trad-2013-06-01": ("張高麗", "2013-06-01", 2013),
    }


# Each filter with the speeches it must admit, written out by hand.
CASES = [
    (dict(speaker="李克强"), {"gov-2014", "gov-2015"}),
    (dict(speaker="李克強"), {"gov-2014", "gov-2015"}),  # traditional finds simplified
    (dict(speaker="张高丽"), {"trad-2013-06-01"}),  # and simplified finds traditional
    (dict(speaker="克强"), {"gov-2014", "gov-2015"}),  # substring
    (dict(speaker="李 克强"), {"gov-2014", "gov-2015"}),  # spaces inside do not matter
    (dict(speaker="温"), {"gov-2008", "econ-2008-12"}),
    (dict(speaker="nobody"), set()),
    (dict(title="政府工作报告"), {"gov-2014", "gov-2015", "gov-2008"}),
    (dict(title="講話"), {"econ-2008-12", "talk-2010", "trad-reform", "xinhua-2014-03-20",
                         "people-2016-12-01", "cppcc-2014-03-05", "trad-2013-06-01"}),
    (dict(title="2014年政府"), {"gov-2014"}),
    (dict(source="新华"), {"xinhua-2014-03-20", "cppcc-2014-03-05"}),
    (dict(source="文汇报"), {"trad-2013-06-01"}),
    (dict(source="gov-20"), {"gov-2014", "gov-2015", "gov-2008"}),  # a file's source is its path
    (dict(source=".TXT"), {Path(n).stem for n in SPEECHES}),  # case-insensitive
    # Year precision: --until 2014 includes all of 2014; a year-only speech counts by its year.
    (dict(since="2014"), {"gov-2014", "gov-2015", "apec-2014", "xinhua-2014-03-20", "people-2016-12-01",
                          "cppcc-2014-03-05"}),
    (dict(until="2010"), {"gov-2008", "econ-2008-12", "talk-2010"}),
    (dict(until="2009"), {"gov-2008", "econ-2008-12"}),
    (dict(since="2010", until="2010"), {"talk-2010"}),
    (dict(since="2013", until="2014"), {"trad-2013-06-01", "gov-2014", "apec-2014", "xinhua-2014-03-20",
                                        "cppcc-2014-03-05"}),
    # Month precision, inclusive on both ends.
    (dict(since="2014-03", until="2014-03"), {"gov-2014", "xinhua-2014-03-20", "cppcc-2014-03-05"}),
    (dict(since="2008-12"), {"gov-2014", "gov-2015", "apec-2014", "xinhua-2014-03-20", "people-2016-12-01",
                             "cppcc-2014-03-05", "trad-2013-06-01", "econ-2008-12", "talk-2010"}),
    (dict(until="2008-11"), {"gov-2008"}),
    (dict(since="2014-04", until="2016-11"), {"apec-2014", "gov-2015"}),
    # Day precision, inclusive on both ends.
    (dict(since="2014-03-05", until="2014-03-05"), {"gov-2014", "cppcc-2014-03-05"}),
    (dict(since="2014-03-06", until="2014-03-20"), {"xinhua-2014-03-20"}),
    (dict(since="2014-03-06", until="2014-03-19"), set()),
    (dict(until="2008-03-05"), {"gov-2008"}),
    (dict(until="2008-03-04"), set()),
    (dict(since="2016-12-01"), {"people-2016-12-01"}),
    (dict(since="2016-12-02"), set()),
    # Other spellings of a date.
    (dict(since="2014/03/20", until="2014.11"), {"xinhua-2014-03-20", "apec-2014"}),
    (dict(since=" 2015 "), {"gov-2015", "people-2016-12-01"}),
    # Combined: all must hold.
    (dict(speaker="李克强", since="2015"), {"gov-2015"}),
    (dict(speaker="温家宝", title="讲话"), {"econ-2008-12"}),
    (dict(title="讲话", until="2014-06"), {"econ-2008-12", "talk-2010", "trad-2013-06-01",
                                          "xinhua-2014-03-20", "cppcc-2014-03-05"}),
    (dict(source="新华网", since="2014-03-06"), {"xinhua-2014-03-20"}),
    (dict(speaker="李克强", source="人民网"), set()),
]


@pytest.mark.parametrize("filters, expected", CASES, ids=[repr(f) for f, _ in CASES])
def test_speeches_listing_admits_exactly_the_matching_speeches(index, filters, expected):
    assert {s.speech_id for s in index.speeches(**filters)} == expected


def test_a_date_filter_excludes_speeches_without_a_date_or_year(index, meta):
    undated = {sid for sid, s in meta.items() if s.date is None and s.year is None}
    assert undated == {"trad-reform"}
    for filters in (dict(since="1900"), dict(until="2100"), dict(since="1900-01-01", until="2100-12-31")):
        listed = {s.speech_id for s in index.speeches(**filters)}
        assert listed == set(meta) - undated, filters
        hits = index.search("改革", limit=None, **filters)
        assert hits and not {h.speech_id for h in hits} & undated, filters
    # Without a date filter it is there.
    assert "trad-reform" in {h.speech_id for h in index.search("改革", limit=None)}


# A filter that admits no speech at all is checked apart (below).
ADMITTING = [(f, e) for f, e in CASES if e]


@pytest.mark.parametrize("filters, expected", ADMITTING, ids=[repr(f) for f, _ in ADMITTING])
def test_search_returns_all_and_only_matching_paragraphs(index, paragraphs, filters, expected):
    for term in TERMS:
        truth = brute_force(paragraphs, term, expected)
        hits = index.search(term, limit=None, **filters)
        assert keys(hits) == truth, term
        assert len(hits) == len(truth), term  # no paragraph twice
        assert index.count(term, **filters) == len(truth), term
        docs = index.matching_docs(term, **filters)
        assert sorted(sid for sid, _ in docs) == sorted(sid for sid, _ in truth), term
        assert len({docnum for _, docnum in docs}) == len(docs), term


def test_a_filter_admitting_no_speech_finds_nothing(index):
    empty = [f for f, e in CASES if not e] + [dict(since="2030")]
    for filters in empty:
        assert index.speeches(**filters) == [], filters
        assert index.search("改革", limit=None, **filters).hits == (), filters
        assert index.count("改革", **filters) == 0, filters
        assert index.matching_docs("改革", **filters) == [], filters


def test_text_filters_agree_with_brute_force_over_listing_metadata(index, meta, paragraphs):
    for field in ("speaker", "title", "source"):
        values = {getattr(s, field) for s in meta.values() if getattr(s, field)}
        # Every distinct value, a piece of it, and both in the other script.
        probes = set()
        for value in values:
            piece = value[1:3] if len(value) > 3 else value
            probes |= {value, piece, to_traditional(value), to_traditional(piece)}
        for probe in sorted(probes):
            admitted = {sid for sid, s in meta.items() if folded_in(probe, getattr(s, field))}
            assert admitted, (field, probe)
            assert {s.speech_id for s in index.speeches(**{field: probe})} == admitted, (field, probe)
            truth = brute_force(paragraphs, "发展", admitted)
            assert keys(index.search("发展", limit=None, **{field: probe})) == truth, (field, probe)


def test_paragraph_hits_carry_their_speech_metadata(index, meta):
    for hit in index.search("改革", limit=None, speaker="李克強"):
        assert hit.speaker == "李克强" and hit.date == meta[hit.speech_id].date
    for hit in index.search("改革", limit=None, since="2014-03", until="2014-03"):
        assert hit.date.startswith("2014-03")


def _date_ordered(hits, reverse):
    dated = [h for h in hits if h.date]
    dates = [h.date for h in dated]
    assert dates == sorted(dates, reverse=reverse)
    # Ties (same date) by speech, then paragraph, ascending in both orders.
    for a, b in zip(dated, dated[1:]):
        if a.date == b.date:
            assert (a.speech_id, a.paragraph) < (b.speech_id, b.paragraph)


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_sort_by_date_orders_all_hits(index, paragraphs, sort):
    for term in TERMS:
        hits = index.search(term, limit=None, sort=sort)
        assert keys(hits) == keys(index.search(term, limit=None))
        _date_ordered(hits, reverse=sort == "-date")
        # each hit keeps its relevance score
        relevance = {(h.speech_id, h.paragraph): h.score for h in index.search(term, limit=None)}
        assert [h.score for h in hits] == [relevance[(h.speech_id, h.paragraph)] for h in hits]
        assert all(h.score > 0 for h in hits)
        # A page of a sorted search is a slice of the whole.
        assert index.search(term, limit=3, offset=1, sort=sort).hits == hits[1:4]
    tied = [(h.speech_id, h.paragraph) for h in index.search("改革", limit=None, sort=sort) if h.date == "2014-03-05"]
    assert tied == [("cppcc-2014-03-05", 2), ("cppcc-2014-03-05", 3), ("gov-2014", 6), ("gov-2014", 7)]


def test_sort_with_filters(index, paragraphs):
    hits = index.search("改革", limit=None, sort="-date", speaker="李克强")
    assert [(h.speech_id, h.paragraph) for h in hits] == [("gov-2015", 7), ("gov-2014", 6), ("gov-2014", 7)]
    assert keys(hits) == brute_force(paragraphs, "改革", {"gov-2014", "gov-2015"})


def test_sort_by_date_places_year_only_and_undated_speeches_like_the_listing(index):
    order = [h.speech_id for h in index.search("改革开放", limit=None, sort="date")]
    # talk-2010 (year 2010, no day) belongs between the 2008 and the 2013 speeches; the dateless one last.
    assert order.index("talk-2010") > order.index("econ-2008-12")
    assert order.index("talk-2010") < order.index("trad-2013-06-01")
    assert order[-1] == "trad-reform"
    listed = [s.speech_id for s in index.speeches(sort="date")]
    assert list(dict.fromkeys(order)) == [sid for sid in listed if sid in order]


@pytest.mark.parametrize("bad", ["abc", "2014-1", "14", "2014-03-05-01", "", "二〇一四", "2014年3月"])
def test_malformed_dates_raise_query_error(index, bad):
    for option in ("since", "until"):
        with pytest.raises(QueryError):
            index.search("改革", **{option: bad})
        with pytest.raises(QueryError):
            index.count("改革", **{option: bad})
        with pytest.raises(QueryError):
            index.speeches(**{option: bad})


@pytest.mark.parametrize("bad", ["2014/13", "2014-13", "2014-00", "2014-02-30", "2014-04-31", "2014-12-32"])
def test_impossible_dates_raise_query_error(index, bad):
    with pytest.raises(QueryError):
        index.search("改革", since=bad)


def test_bad_sort_raises_query_error(index):
    with pytest.raises(QueryError):
        index.search("改革", sort="speaker")
    with pytest.raises(QueryError):
        index.speeches(sort="relevance")


@pytest.mark.parametrize("sort", ["date", "-date", "speaker", "title", "id"])
def test_speeches_listing_sorted_by_each_key(index, meta, sort):
    listed = index.speeches(sort=sort)
    assert {s.speech_id for s in listed} == set(meta) and len(listed) == len(meta)
    ids = [s.speech_id for s in listed]
    if sort == "id":
        assert ids == sorted(ids)
    elif sort == "title":
        assert [(s.title, s.speech_id) for s in listed] == sorted((s.title, s.speech_id) for s in listed)
    elif sort == "speaker":
        speakers = [s.speaker or "" for s in listed]
        assert speakers == sorted(speakers)
        assert ids[:2] == ["talk-2010", "trad-reform"]  # no speaker: first
    else:
        when = [s.date or str(s.year) for s in listed if s.year]
        assert when == sorted(when, reverse=sort == "-date")
        assert ids[-1] == "trad-reform"  # neither date nor year: last, in both orders
        # A year-only speech sits by its year.
        around = sorted([ids.index("econ-2008-12"), ids.index("trad-2013-06-01")])
        assert around[0] < ids.index("talk-2010") < around[1]


def test_speeches_listing_filtered_and_sorted(index):
    listed = index.speeches(sort="-date", speaker="李克強")
    assert [s.speech_id for s in listed] == ["gov-2015", "gov-2014"]
    listed = index.speeches(sort="title", since="2014-03", until="2014-03")
    assert [s.title for s in listed] == sorted(s.title for s in listed)
    assert {s.speech_id for s in listed} == {"gov-2014", "xinhua-2014-03-20", "cppcc-2014-03-05"}
    summary = next(s for s in index.speeches(speaker="韩正"))
    assert (summary.title, summary.source, summary.paragraphs) == ("推进经济体制改革座谈会讲话", "新华网", 3)


@pytest.mark.parametrize("filters", [{}, *(f for f, _ in CASES)], ids=["none", *(repr(f) for f, _ in CASES)])
def test_count_equals_the_number_of_hits(index, filters):
    for term in TERMS + ["改革 互联网", '"发展电子商务"', "改革 OR 创新", "改革 -开放"]:
        assert index.count(term, **filters) == len(index.search(term, limit=None, **filters)), (term, filters)
