"""User word lists: indexing cuts new terms whole, the index records its list and refuses another one
without a rebuild, stats says when the file changed, and compare on the gov reports surfaces 供给侧 and
新常态 whole."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import searchkit
from searchkit import IndexStateError, InputError
from searchkit.text.segment import Segmenter, segment
from searchkit.cli import app
from searchkit.language import collocates, compare
from searchkit.text.userwords import STARTER, digest, read_words

from samples import GOV_REPORTS
from test_filters import write_corpus

runner = CliRunner()
TEXT = "加快发展新质生产力，经济发展进入新常态"


def vocabulary(index, word):
    return index.store.word_df(word)


def test_word_lists_parse_with_frequencies_comments_and_errors(tmp_path):
    path = tmp_path / "w.txt"
    path.write_text("\ufeff# 新词\n新质生产力 100  # 2024\n\n全過程人民民主\n新质生产力 7\n", encoding="utf-8")
    assert read_words(path) == (("新质生产力", 7), ("全过程人民民主", None))
    for bad in ("新质生产力 很多\n", "a b c\n", "# only a comment\n"):
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(InputError, match="w.txt"):
            read_words(path)
    with pytest.raises(InputError, match="cannot read word list"):
        read_words(tmp_path / "missing.txt")


def test_the_starter_list_names_a_source_for_every_word_and_jieba_splits_each():
    lines = [line for line in STARTER.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert len(lines) == len(read_words(STARTER)) >= 30
    for line in lines:
        word, _, source = line.partition("#")
        assert source.strip(), line
        assert len(list(segment(word.strip()))) > 1, word  # worth listing: the dictionary alone splits it


def test_a_segmenter_cuts_with_its_own_list_and_changes_no_other():
    assert [w for w, _, _ in segment(TEXT)].count("新常态") == 0
    with_list = Segmenter(read_words(STARTER))
    assert {"新质生产力", "新常态"} <= set(with_list.words_of(TEXT))
    assert "新常态" not in {w for w, _, _ in segment(TEXT)}  # the dictionary's own segmenter is untouched


def test_index_records_its_list_keeps_it_and_refuses_another_without_rebuild(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "new.txt").write_text(f"新词讲话\n　　{TEXT}。\n", encoding="utf-8")
    mine = tmp_path / "mine.txt"
    mine.write_text("新质生产力\n新常态\n", encoding="utf-8")
    index_dir = tmp_path / "index"
    searchkit.update_index([corpus], index_dir, words=mine)
    with searchkit.open_index(index_dir) as index:
        assert vocabulary(index, "新质生产力") == 1 and vocabulary(index, "新常态") == 1
        assert index.user_words["digest"] == digest(read_words(mine))
        assert "2 words" in index.stats()["user_words"]
    # A later update without --words keeps the index's list: a new speech is cut the same way.
    (corpus / "more.txt").write_text(f"又一篇\n　　{TEXT}！\n", encoding="utf-8")
    searchkit.update_index([corpus], index_dir)
    with searchkit.open_index(index_dir) as index:
        assert vocabulary(index, "新常态") == 2
    other = tmp_path / "other.txt"
    other.write_text("新质生产力\n", encoding="utf-8")
    with pytest.raises(IndexStateError, match="rebuild"):
        searchkit.update_index([corpus], index_dir, words=other)
    searchkit.update_index([corpus], index_dir, words=other, rebuild=True)
    with searchkit.open_index(index_dir) as index:
        assert vocabulary(index, "新常态") == 0 and vocabulary(index, "新质生产力") == 2
    # Editing the list's file after indexing: stats says a rebuild is needed.
    other.write_text("新质生产力\n两个确立\n", encoding="utf-8")
    result = runner.invoke(app, ["stats", "--json", "--index", str(index_dir)])
    assert "has changed since" in json.loads(result.stdout)["user_words"]


def test_cli_index_words_and_the_one_line_refusal(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    index_dir = str(tmp_path / "index")
    assert runner.invoke(app, ["index", str(corpus), "--index", index_dir, "--json"]).exit_code == 0
    result = runner.invoke(app, ["index", str(corpus), "--index", index_dir, "--words", str(STARTER)])
    assert result.exit_code == 1 and "--rebuild" in result.stderr and "Traceback" not in result.output
    assert runner.invoke(app, ["index", str(corpus), "--index", index_dir, "--words", str(STARTER), "--rebuild"]).exit_code == 0
    result = runner.invoke(app, ["stats", "--index", index_dir])
    assert "userwords.txt" in result.stdout


@pytest.mark.skipif(not GOV_REPORTS.is_dir(), reason="../shared/corpus/gov-work-reports is not here")
def test_gov_compare_with_the_starter_list_surfaces_the_new_terms_whole(tmp_path):
    index_dir = tmp_path / "gov"
    searchkit.update_index([GOV_REPORTS], index_dir, words=STARTER)
    with searchkit.open_index(index_dir) as index:
        result = compare(index, {"since": "2003", "until": "2007"}, {"since": "2013", "until": "2017"}, limit=None)
        keywords = {k.word: k for k in result.keywords}
        for term in ("供给侧", "新常态", "互联网", "结构性改革", "新动能"):
            assert term in keywords, term
        assert keywords["供给侧"].count_a == 0 and keywords["供给侧"].count_b >= 10
        near = collocates(index, "结构性改革", window=4, since="2013", limit=None)
        assert "供给侧" in [c.word for c in near.collocates]
