"""A term also finds OpenCC's phrase spelling of it in the other script (復甦 / 复苏), which folding one
character at a time cannot give; counts stay those of a brute-force scan for the term's forms."""

import pytest

import searchkit
from searchkit.text import normalize
from searchkit.engine.query import Or, Term, parse
from searchkit.engine.variants import expand, variants
from samples import indexed_files

MIXED_FILES = {
    "2010政府工作报告_甲.txt": "二〇一〇年政府工作报告\n经济复苏的势头，复苏还不稳固。\n我们了解情况。\n乾隆年间。\n",
    "2011施政報告_乙.txt": "二〇一一年施政報告\n經濟復甦的勢頭。\n我們瞭解情況，瞭望未來。\n",
}


@pytest.fixture(scope="module")
def mixed_index(tmp_path_factory):
    yield from indexed_files(tmp_path_factory.mktemp("variants"), MIXED_FILES)


def texts(index, query):
    return {hit.text for hit in index.search(query, limit=None)}


@pytest.mark.parametrize("query", ["复苏", "復甦", '"复苏"', '"復甦"'])
def test_either_script_finds_both_spellings(mixed_index, query):
    assert texts(mixed_index, query) == {"经济复苏的势头，复苏还不稳固。", "經濟復甦的勢頭。"}


def test_a_word_spelled_alike_in_both_scripts_finds_no_more(mixed_index):
    assert texts(mixed_index, "瞭望") == {"我們瞭解情況，瞭望未來。"}
    assert texts(mixed_index, "了解") == texts(mixed_index, "瞭解") == {"我们了解情况。", "我們瞭解情況，瞭望未來。"}
    assert texts(mixed_index, "乾隆") == {"乾隆年间。"}


def test_highlights_mark_the_spelling_in_the_text(mixed_index):
    hit = next(h for h in mixed_index.search("复苏") if h.text.startswith("經濟"))
    assert [hit.text[s:e] for s, e in hit.matches] == ["復甦"]


@pytest.mark.parametrize("term, occurrences", [("复苏", 3), ("復甦", 3), ("了解", 2)])
def test_kwic_and_trend_count_every_occurrence_of_the_forms(mixed_index, term, occurrences):
    forms = {normalize(form) for form in (term, *variants(term))}
    assert len(forms) == 2
    paragraphs = list(mixed_index.paragraphs())
    counts = [sum(normalize(p.text).count(form) for form in forms) for p in paragraphs]
    assert sum(counts) == occurrences
    assert len(searchkit.kwic(mixed_index, term)) == sum(counts)
    rows = searchkit.trend(mixed_index, [term])
    assert sum(row.occurrences for row in rows) == sum(counts)
    assert sum(row.paragraphs for row in rows) == sum(1 for n in counts if n)
    assert [row.speeches for row in rows] == [1, 1]


def test_variants_fold_differently_and_keep_length():
    assert variants("复苏") == ("復甦",) and variants("復甦") == ("复苏",)
    assert variants("乾隆") == variants("电子商务") == variants("ai") == ()
    assert variants("\udcff复苏") == ("\ufffd復甦",)


def test_expand_adds_no_form_an_alias_already_covers():
    assert expand(parse("复苏 NEAR/2 经济")) == parse("复苏 NEAR/2 经济")
    tree = expand(Or((Term("复苏"), Term("復甦", quoted=True))))
    assert tree == Or((Term("复苏"), Term("復甦", quoted=True)))
    assert expand(parse('"复苏"')) == Or((Term("复苏", True), Term("復甦", True)))
