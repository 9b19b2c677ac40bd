import random
import re

import pytest

import searchkit
from searchkit.errors import QueryError

from samples import GOV_REPORTS, missing, SPEECH


def keys(hits):
    return {(h.speech_id, h.paragraph) for h in hits}


def texts(hits):
    return [h.text for h in hits]


def test_part_of_a_word_jieba_keeps_whole_is_found(index):
    # jieba keeps 中国人民银行 as one word; a word index alone would hide 人民银行.
    hits = index.search("人民银行")
    assert len(hits) == 1
    assert [hits[0].text[s:e] for s, e in hits[0].matches] == ["人民银行", "人民银行"]


def test_quoted_phrase_is_exact_and_one_span(index):
    hits = index.search('"大力发展电子商务"')
    assert len(hits) == 2  # the simplified speech and the traditional one
    for hit in hits:
        assert [hit.text[s:e] for s, e in hit.matches] in (["大力发展电子商务"], ["大力發展電子商務"])
    assert index.search('"电子商务发展"').hits == ()


def test_unquoted_term_requires_all_its_words(index):
    assert len(index.search("电子商务就业")) == 2  # simplified speech and the traditional one, words scattered
    assert index.search("电子商务就业 马克思").hits == ()


def test_or_and_not(index):
    assert len(index.search("人民银行 OR 马克思")) == 2
    assert sorted(texts(index.search("电子商务 -就业"))) == sorted(["关于发展电子商务的讲话", "發展電子商務的報告"])
    assert len(index.search("电子商务 -促进")) == 3  # the traditional speech says 擴大, not 促进


def test_traditional_finds_simplified_and_back(index):
    simplified = keys(index.search("电子商务"))
    assert simplified == keys(index.search("電子商務"))
    assert any(h.speech_id == "traditional" for h in index.search("电子商务"))
    assert len(simplified) == 4


def test_full_width_and_case(index):
    assert keys(index.search("ai")) == keys(index.search("ＡＩ")) == keys(index.search("AI"))
    assert len(index.search("ai")) == 1


def test_single_character_query(index):
    assert len(index.search("马")) == 1
    assert len(index.search("象")) == 1  # last character of a run


def test_marx_highlight_is_the_whole_word(index):
    [hit] = index.search("马克思主义")
    assert [hit.text[s:e] for s, e in hit.matches] == ["马克思主义"]


def test_intact_string_ranks_above_scattered_words(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "s.txt").write_text(
        "标题\n　　要发展经济，要扩大开放，要促进电子设备和商务服务。\n　　要发展电子商务。\n", encoding="utf-8"
    )
    searchkit.update_index([corpus], tmp_path / "ix")
    with searchkit.open_index(tmp_path / "ix") as index:
        hits = index.search("电子商务")
        assert texts(hits) == ["要发展电子商务。"]
        hits = index.search("电子 商务")
        assert texts(hits)[0] == "要发展电子商务。"


def test_hit_fields_and_limit_offset(index):
    every = index.search("电子商务", limit=None)
    assert len(every) == index.count("电子商务") == 4
    assert index.search("电子商务", limit=2, offset=1).hits == every[1:3]
    hit = every[0]
    assert hit.title and hit.source.endswith(".txt") and hit.score > 0
    assert hit.text[hit.snippet_start:hit.snippet_start + len(hit.snippet)] == hit.snippet
    with pytest.raises(QueryError):
        index.search("电子商务", limit=-1)


def test_paragraphs_in_order(index):
    paragraphs = list(index.paragraphs())
    assert [p.speech_id for p in paragraphs] == ["speech"] * 5 + ["traditional"] * 2
    assert [p.text for p in paragraphs[:5]] == [line.strip() for line in SPEECH.strip().splitlines()]


def _han_runs(text):
    return re.findall(r"[\u4e00-\u9fff]{2,}", text)


@pytest.mark.skipif(not GOV_REPORTS.is_dir(), reason=missing(GOV_REPORTS))
def test_substring_recall_matches_brute_force_on_real_reports(tmp_path):
    files = sorted(GOV_REPORTS.glob("*.txt"))[-4:]
    corpus = tmp_path / "c"
    corpus.mkdir()
    for file in files:
        (corpus / file.name).write_bytes(file.read_bytes())
    searchkit.update_index([corpus], tmp_path / "ix")
    with searchkit.open_index(tmp_path / "ix") as index:
        paragraphs = list(index.paragraphs())
        rng = random.Random(7)
        for _ in range(60):
            run = rng.choice(_han_runs(rng.choice(paragraphs).text) or ["发展"])
            start = rng.randrange(len(run) - 1)
            query = run[start:start + rng.randint(2, 6)]
            truth = {(p.speech_id, p.paragraph) for p in paragraphs if query in p.text}
            assert keys(index.search(query, limit=None)) >= truth, query
            assert keys(index.search(f'"{query}"', limit=None)) == truth, query


def test_quoted_phrases_across_han_latin_and_punctuation(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "s.txt").write_text("标题\n我们应对COVID-19疫情，推动AI应用和5G网络建设。\n", encoding="utf-8")
    searchkit.update_index([corpus], tmp_path / "ix")
    with searchkit.open_index(tmp_path / "ix") as index:
        for phrase in ("推动AI应用", "应对COVID", "疫情，推动", "和5G网络", "AI应用"):
            [hit] = index.search(f'"{phrase}"')
            assert [hit.text[s:e] for s, e in hit.matches] == [phrase]
        assert index.search('"推动AI网络"').hits == ()


def test_a_nul_inside_a_paragraph_is_not_a_space(tmp_path):
    # JSONL can escape a NUL into a paragraph. The character index read it as a space, so "经济 发展"
    # counted a paragraph where nothing could be highlighted (and trend counted no occurrence in it).
    import json

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(json.dumps({"id": "a", "text": "经济\u0000发展\n经济 发展"}) + "\n", encoding="utf-8")
    searchkit.update_index([corpus], tmp_path / "ix")
    with searchkit.open_index(tmp_path / "ix") as index:
        assert [h.paragraph for h in index.search('"经济 发展"', limit=None)] == [2]
        hits = index.search("经济 发展", limit=None)
        assert sorted(h.paragraph for h in hits) == [1, 2] and all(h.matches for h in hits)


def test_stats_size_counts_the_character_index_too(index):
    # The character index lives in chars/, a folder: counting the top-level files alone left out
    # about half of the index (8.2 of 16.2 MB for the 49 government work reports).
    on_disk = sum(f.stat().st_size for f in index.generation.rglob("*") if f.is_file())
    assert any((index.generation / "chars").iterdir())
    assert index.stats()["size_bytes"] == on_disk


def test_an_empty_index_answers_every_view_with_nothing(tmp_path):
    # An index of an empty folder has no Whoosh segment: its reader has no columns, and asking one for
    # speech ids or dates raised NotImplementedError (kwic, trend, facets, sort by date, the web page).
    from searchkit.language.reports import kwic, trend

    (tmp_path / "empty").mkdir()
    searchkit.update_index([tmp_path / "empty"], tmp_path / "ix")
    with searchkit.open_index(tmp_path / "ix") as index:
        assert index.matching_docs("经济") == [] and index.facets("经济") == ()
        assert index.search("经济", sort="date").hits == () and index.search("经济", sort="-date", limit=None).hits == ()
        assert kwic(index, "经济") == [] and trend(index, ["经济"]) == []
