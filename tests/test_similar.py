"""similar: the paragraphs that reuse a passage, with exact reused spans, filters and exclusions."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import searchkit
from searchkit.text import normalize
from searchkit import similar
from searchkit.errors import QueryError

SOURCE = "各级人民政府应当建立健全招标投标监督机制，推进招标投标信用制度建设和信息化建设，依法查处违法行为。"
RECORDS = [
    {"id": "law", "title": "招标投标条例", "date": "2015-03-01", "speaker": "省政府",
     "text": SOURCE + "\n财政部门依法对政府采购项目的预算执行情况实施监督。"},
    {"id": "copy", "title": "市招标投标办法", "date": "2019-06-01", "speaker": "市政府",
     "text": "市人民政府应当建立健全招标投标监督机制，推进招标投标信用制度建设。"},
    {"id": "farm", "title": "农业条例", "date": "2018-01-01", "speaker": "省政府",
     "text": "县级以上人民政府应当加强农田水利建设，提高粮食生产能力。"},
    {"id": "news", "title": "新闻", "date": "2020-01-01", "speaker": "记者",
     "text": "今天天气晴朗，市民纷纷外出踏青，公园里游人如织。"},
]


def indexed(tmp_path: Path, records: list[dict]) -> Path:
    """An index of ``records`` (JSONL id/title/text/…) under ``tmp_path``."""
    corpus = tmp_path / "records.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    searchkit.update_index([corpus], tmp_path / "ix")
    return tmp_path / "ix"


@pytest.fixture
def reuse_index(tmp_path: Path):
    with searchkit.open_index(indexed(tmp_path, RECORDS)) as ix:
        yield ix


PASSAGE = "区县人民政府应当建立健全招标投标监督机制，推进招标投标信用制度建设和信息化建设。"


def test_the_source_ranks_first_and_unrelated_text_is_not_found(reuse_index):
    hits = reuse_index.similar(PASSAGE)
    assert (hits[0].speech_id, hits[0].paragraph) == ("law", 1)
    assert hits[1].speech_id == "copy"
    assert "news" not in {h.speech_id for h in hits}
    assert hits[0].shared > hits[1].shared > 0.4
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))


def test_reused_spans_slice_back_to_the_same_text_in_hit_and_passage(reuse_index):
    for hit in reuse_index.similar(PASSAGE):
        assert len(hit.matches) == len(hit.passage_matches)
        for (s, e), (ps, pe) in zip(hit.matches, hit.passage_matches):
            assert e - s >= 4
            assert normalize(hit.text[s:e]) == normalize(PASSAGE[ps:pe])
    best = reuse_index.similar(PASSAGE)[0]
    reused = "".join(best.text[s:e] for s, e in best.matches)
    assert "建立健全招标投标监督机制" in reused


def test_shared_is_the_share_of_the_passage_in_reused_spans(reuse_index):
    hit = reuse_index.similar(SOURCE)[0]
    assert hit.speech_id == "law" and hit.shared == 1.0
    assert hit.matches == ((0, len(SOURCE) - 1),)  # all of it but the final full stop


def test_shared_counts_the_passages_words_not_the_punctuation_inside_reused_spans(reuse_index):
    # SOURCE has two commas inside its one reused span; the added sentence is in no paragraph
    passage = SOURCE + "鹦鹉螺号潜水艇深海探险记录汇编附录"
    hit = reuse_index.similar(passage)[0]
    assert hit.speech_id == "law"
    words = lambda text: sum(ch.isalnum() for ch in text)  # noqa: E731
    assert hit.shared == round(words(SOURCE) / words(passage), 4) < 1


def test_filters_as_in_search(reuse_index):
    assert {h.speech_id for h in reuse_index.similar(PASSAGE, speaker="市政府")} == {"copy"}
    assert "law" not in {h.speech_id for h in reuse_index.similar(PASSAGE, since="2016")}
    assert [h.speech_id for h in reuse_index.similar(PASSAGE, title="农业")] == ["farm"]
    with pytest.raises(QueryError):
        reuse_index.similar(PASSAGE, since="2016-13")


def test_by_speech_gives_each_speech_once(reuse_index):
    passage = SOURCE + "财政部门依法对政府采购项目的预算执行情况实施监督。"
    by_paragraph = [h.speech_id for h in reuse_index.similar(passage)]
    assert by_paragraph.count("law") == 2
    by_speech = [h.speech_id for h in reuse_index.similar(passage, by="speech")]
    assert len(by_speech) == len(set(by_speech)) and by_speech[0] == "law"


def test_exclude_leaves_that_paragraph_out(reuse_index):
    hits = reuse_index.similar(SOURCE, exclude=[("law", 1)])
    assert ("law", 1) not in {(h.speech_id, h.paragraph) for h in hits}
    assert hits[0].speech_id == "copy"
    assert reuse_index.similar(SOURCE, exclude=None) == reuse_index.similar(SOURCE)


@pytest.mark.parametrize("exclude", [[("law",)], [("law", "first")], 5, [None], [("law", 1, 2)]])
def test_an_exclude_that_is_not_speech_paragraph_pairs_is_one_clear_error(reuse_index, exclude):
    with pytest.raises(QueryError, match="exclude"):
        reuse_index.similar(SOURCE, exclude=exclude)


@pytest.mark.parametrize("passage", ["", "   ", "，。！？……", "\n"])
def test_a_passage_without_words_is_one_clear_error(reuse_index, passage):
    with pytest.raises(QueryError, match="no words"):
        reuse_index.similar(passage)


def test_bad_arguments(reuse_index):
    with pytest.raises(QueryError):
        reuse_index.similar(PASSAGE, by="chapter")
    with pytest.raises(QueryError):
        reuse_index.similar(PASSAGE, limit=-1)
    with pytest.raises(QueryError):
        reuse_index.similar(123)
    with pytest.raises(QueryError):
        reuse_index.similar(PASSAGE, limit=True)
    assert reuse_index.similar(PASSAGE, limit=0) == []


TEXT_OF = st.sampled_from(list("招标投标监督机制建设人民政府应当农田水利，。ab12 \u3000"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=TEXT_OF, min_size=1, max_size=80), st.none() | st.text(alphabet=TEXT_OF, max_size=12),
       st.sampled_from(similar.BY))
def test_any_passage_gives_exact_spans_or_one_error(reuse_index, passage, title, by):
    try:
        hits = reuse_index.similar(passage, passage_title=title, by=by)
    except QueryError:
        return
    assert all(math.isfinite(h.score) for h in hits)
    # sources first (verbatim_first), then the model's order: its scores descending
    assert [h.verbatim for h in hits] == sorted((h.verbatim for h in hits), reverse=True)
    rest = [h.score for h in hits if not h.verbatim]
    assert rest == sorted(rest, reverse=True)
    for hit in hits:
        assert 0 <= hit.shared <= 1
        for (s, e), (ps, pe) in zip(hit.matches, hit.passage_matches, strict=True):
            assert normalize(hit.text[s:e]) == normalize(passage[ps:pe])


def test_a_title_bigram_every_title_has_says_little_about_the_topic(tmp_path):
    records = [{"id": topic, "title": f"{topic}条例", "text": f"本条例所称{topic}，是指城市{topic}设施的管理。"}
               for topic in ("供热", "供水", "燃气")]
    with searchkit.open_index(indexed(tmp_path, records)) as ix:
        _, found = similar.candidates(ix, "本条例适用于供热设施的管理。")
    title = {c.stored["speech_id"]: c.title for c in found}
    assert title["供热"] > 0.5  # 供热 names the topic
    assert title["供水"] < 0.1 and title["燃气"] < 0.1  # 条例 alone, in every title


@pytest.fixture
def twin_laws(tmp_path: Path):
    """Two laws whose articles say the same thing; only their titles tell them apart."""
    article = "本条例所称公用设施，是指城市公用设施的规划、建设和运行管理。"
    records = [{"id": topic, "title": f"省{topic}条例", "text": article} for topic in ("供热", "供水")]
    records.append({"id": "farm", "title": "农业条例", "text": "县级以上人民政府应当加强农田水利建设。"})
    with searchkit.open_index(indexed(tmp_path, records)) as ix:
        yield ix


TWIN_PASSAGE = "城市公用设施的规划、建设和运行管理，由市人民政府负责。"


@pytest.mark.parametrize("topic, other", [("供热", "供水"), ("供水", "供热")])
def test_the_passages_own_title_picks_the_law_on_its_topic(twin_laws, topic, other):
    hits = twin_laws.similar(TWIN_PASSAGE, passage_title=f"某市{topic}管理办法")
    assert [h.speech_id for h in hits[:2]] == [topic, other]
    _, found = similar.candidates(twin_laws, TWIN_PASSAGE, passage_title=f"某市{topic}管理办法")
    share = {c.stored["speech_id"]: c.passage_title for c in found}
    assert share[topic] > 0 and share[other] == 0.0
    # the spans and shares do not depend on the title: only the order does
    plain = {h.speech_id: (h.matches, h.shared) for h in twin_laws.similar(TWIN_PASSAGE)}
    assert {h.speech_id: (h.matches, h.shared) for h in hits} == plain


def test_a_blank_passage_title_is_no_title_and_a_wrong_type_is_refused(twin_laws):
    assert [h.speech_id for h in twin_laws.similar(TWIN_PASSAGE, passage_title="  ")] == \
        [h.speech_id for h in twin_laws.similar(TWIN_PASSAGE)]
    with pytest.raises(QueryError):
        twin_laws.similar(TWIN_PASSAGE, passage_title=5)


def test_a_server_given_a_new_passage_title_each_time_keeps_none_of_them(twin_laws):
    # the web app answers from long-lived readers: what it remembers per reader must not grow per request
    twin_laws.similar(TWIN_PASSAGE, passage_title="某市供热管理办法")
    remembered = twin_laws.cache["titles"]
    before = dict(remembered)
    for number in range(30):
        twin_laws.similar(TWIN_PASSAGE, passage_title=f"某市第{number}号供热管理办法")
    assert remembered == before


@pytest.mark.parametrize("title", ["。，、", "Heating Regulations", "2019", "热", "鹦鹉螺号潜艇"])
def test_a_passage_title_sharing_no_bigram_with_any_candidates_title_ranks_as_no_title(twin_laws, title):
    # punctuation, Latin, digits, one character, words no indexed title has: nothing tells the candidates
    # apart, and the titled model, trained on titles that do, ranked worse on these than the plain one
    assert twin_laws.similar(TWIN_PASSAGE, passage_title=title) == twin_laws.similar(TWIN_PASSAGE)


def test_a_rebuild_in_another_order_gives_the_same_answer(tmp_path):
    # Many laws repeat one stock article word for word, so the candidate cut and the model's scores
    # tie; which copies are kept and how they are ordered once depended on the paragraphs' order in
    # the index, so indexing the same texts in another order changed the answer.
    stock = "违反本条例规定的，由县级以上人民政府有关部门责令改正，处一万元以上五万元以下的罚款。"
    records = [{"id": f"law{n:03d}", "title": f"{topic}条例", "text": stock if n % 3 else stock + f"{topic}设施除外。"}
               for n, topic in enumerate(["供热", "供水", "燃气", "绿化", "电力", "道路", "河道", "公园"] * 16)]
    records += [{"id": "farm", "title": "农业条例", "text": "县级以上人民政府应当加强农田水利建设，处理违反规定的行为。"}]
    answers = []
    for name, order in (("forward", records), ("reversed", records[::-1])):
        (tmp_path / name).mkdir()
        with searchkit.open_index(indexed(tmp_path / name, order)) as ix:
            answers.append([[(h.speech_id, h.paragraph, h.score) for h in ix.similar(passage, 10, by=by)]
                            for passage in (stock, "由有关部门责令改正，并处罚款。", "处理违反规定的行为")
                            for by in ("paragraph", "speech")])
    assert answers[0] == answers[1]
