from hypothesis import given, settings
from hypothesis import strategies as st

from searchkit.analysis import WordTokenizer, normalize

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
