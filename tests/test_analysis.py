import importlib
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import searchkit
from searchkit.storage.schema import WordTokenizer
from searchkit.text import has_traditional, normalize
from samples import indexed_files

fold_table = importlib.import_module("searchkit.text.make_fold_table")
normalize_module = importlib.import_module("searchkit.text.normalize")

# Text drawn from what speeches hold: Han, full-width forms, Latin, digits, punctuation, spaces.
speech_text = st.text(
    alphabet=st.sampled_from(list("中国人民银行电子商务發展經濟马克思主义的了，。、“”（）ＡＩａｂ１２ 　abcXYZ0123.%-\n")),
    max_size=80,
)


def test_normalize_folds_width_case_and_script():
    assert normalize("ＡＩ") == "ai"
    assert normalize("電子商務") == "电子商务"
    assert normalize("ＧＤＰ增長３．５％") == "gdp增长3.5%"
    assert normalize("\u3000") == " "


@given(st.text(max_size=60))
def test_normalize_keeps_length(text):
    assert len(normalize(text)) == len(text)


def test_normalize_replaces_lone_surrogates_keeping_length():
    # A command-line argument with bytes that are not UTF-8 arrives holding surrogate escapes (\udcff);
    # OpenCC's UTF-8 encoding of it raised, so such a query ended in an internal error.
    assert normalize("\udcff經濟ＡＩ\ud800") == "\ufffd经济ai\ufffd"
    assert normalize("電\udc80") == "电\ufffd"


# Characters whose folding OpenCC makes depend on their neighbours (乾 alone -> 干, in 乾隆 kept; 著, 於),
# simplified and traditional forms, full-width and ASCII letters, characters whose lower case depends
# on context (Σ ends a Greek word as ς) or is two characters long (İ), a lone surrogate.
mixed_text = st.text(
    alphabet=st.sampled_from(list("乾隆乾燥著名於是干燥于是后後髮发電子商務电子商务的，。ＡＩａＢ１　 aB1.ΑΣσςİ\udcff")),
    max_size=40,
)


@settings(max_examples=300)
@given(mixed_text, st.integers(0, 40), st.integers(0, 40))
def test_normalize_is_a_per_character_map(text, i, j):
    # Folding a slice equals slicing the folded text: a query folds as the paragraph's text around it
    # does, whatever the neighbours (OpenCC's phrase conversion kept 乾 in 乾隆 but not alone).
    assert normalize(text)[i:j] == normalize(text[i:j])
    assert normalize(text) == "".join(map(normalize, text))


def test_script_folds_each_character_as_opencc_converts_it_alone():
    assert normalize("乾隆年间") == "干隆年间" == normalize("乾") + normalize("隆年间")
    assert normalize("乾燥") == "干燥"
    assert normalize("於是著名") == "于是著名"  # 著 alone stays 著 in OpenCC's t2s
    assert has_traditional("乾隆") and has_traditional("電子") and not has_traditional("干隆电子ＡＩ")


def test_shipped_fold_table_equals_opencc_per_character():
    # An OpenCC upgrade that changes a character's conversion fails here: regenerate the table with
    # `python -m searchkit.text.make_fold_table` (and bump store.FORMAT: indexed text changes).
    expected = fold_table.per_character(itertools.chain.from_iterable(fold_table.CJK_BLOCKS))
    sources, targets = normalize_module._script()
    assert dict(zip(sources, targets)) == expected


def test_fold_table_ships_with_the_package():
    tomllib = pytest.importorskip("tomllib", reason="tomllib is Python 3.11+")
    pyproject = tomllib.loads((fold_table.FOLD_TABLE.parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["searchkit.text"]
    assert any(fold_table.FOLD_TABLE.match(pattern) for pattern in patterns)


FOLDING_FILES = {
    "2020政府工作报告_甲.txt": "二〇二〇年政府工作报告\n乾隆年间的档案，乾隆皇帝。\n气候乾燥，注意防火。\n发展电子商务。\n干部要实干。\n",
    "2021政府工作报告_乙.txt": "二〇二一年政府工作报告\n乾坤朗朗，乾乾净净。\n没有这个字。\n",
}


@pytest.fixture(scope="module")
def folding_index(tmp_path_factory):
    yield from indexed_files(tmp_path_factory.mktemp("folding"), FOLDING_FILES)


def test_search_folds_the_query_and_the_text_alike(folding_index):
    texts = lambda query: {hit.text for hit in folding_index.search(query, limit=None)}  # noqa: E731
    assert texts("乾") == {"乾隆年间的档案，乾隆皇帝。", "气候乾燥，注意防火。", "干部要实干。", "乾坤朗朗，乾乾净净。"}
    assert texts("乾隆") == {"乾隆年间的档案，乾隆皇帝。"}
    assert texts('"乾燥"') == texts("干燥") == {"气候乾燥，注意防火。"}
    assert texts("電子商務") == {"发展电子商务。"}
    hit = next(h for h in folding_index.search("乾隆") if h.text.startswith("乾隆"))
    assert [hit.text[s:e] for s, e in hit.matches] == ["乾隆", "乾隆"]


def test_kwic_and_trend_count_what_a_brute_force_scan_of_the_folded_texts_counts(folding_index):
    paragraphs = list(folding_index.paragraphs())
    needle = normalize("乾")
    occurrences = sum(normalize(p.text).count(needle) for p in paragraphs)
    matching = [p for p in paragraphs if needle in normalize(p.text)]
    assert occurrences == 8  # 乾隆 ×2, 乾燥, 干部 实干, 乾坤 乾乾
    lines = searchkit.kwic(folding_index, "乾", width=2)
    assert len(lines) == occurrences and {line.match for line in lines} == {"乾", "干"}
    rows = searchkit.trend(folding_index, ["乾"])
    assert sum(row.occurrences for row in rows) == occurrences
    assert sum(row.paragraphs for row in rows) == len(matching)
    assert sum(row.speeches for row in rows) == len({p.speech_id for p in matching}) == 2


@settings(max_examples=40, deadline=None)
@given(speech_text, st.integers(0, 5), st.integers(0, 50))
def test_word_tokens_slice_back_to_their_text(text, start_pos, start_char):
    tokens = list(
        (t.text, t.pos, t.startchar, t.endchar)
        for t in WordTokenizer()(text, positions=True, chars=True, start_pos=start_pos, start_char=start_char, mode="index")
    )
    assert [pos for _, pos, _, _ in tokens] == list(range(start_pos, start_pos + len(tokens)))
    for token_text, _, start, end in tokens:
        assert normalize(text[start - start_char:end - start_char]) == token_text


def test_word_tokens_are_jieba_words_without_punctuation():
    assert [t.text for t in WordTokenizer()("发展电子商务，促进就业。")] == ["发展", "电子商务", "促进", "就业"]
