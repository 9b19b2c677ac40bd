from hypothesis import given, settings
from hypothesis import strategies as st

from searchkit.analysis import GramTokenizer, WordTokenizer, normalize

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


@settings(max_examples=60, deadline=None)
@given(speech_text, st.integers(0, 5), st.integers(0, 50))
def test_gram_tokens_slice_back_to_their_text(text, start_pos, start_char):
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in GramTokenizer()(text, positions=True, chars=True, start_pos=start_pos, start_char=start_char, mode="index")
    ]
    positions = [pos for _, pos, _, _ in tokens]
    assert positions == list(range(start_pos, start_pos + len(tokens)))  # ordinal, not char offsets
    for token_text, _, start, end in tokens:
        assert normalize(text[start - start_char:end - start_char]) == token_text


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


def test_gram_tokens_cover_every_han_character():
    texts = [t.text for t in GramTokenizer()("中国人民银行，好", mode="index")]
    assert texts == ["中国", "国人", "人民", "民银", "银行", "行", "好"]
    assert [t.text for t in GramTokenizer()("人民银行", mode="query")] == ["人民", "民银", "银行"]


def test_gram_tokens_keep_latin_words_and_decimals_whole():
    assert [t.text for t in GramTokenizer()("ＡＩ+行动增长3.5%", mode="index")] == ["ai", "行动", "动增", "增长", "长", "3.5"]


def test_word_tokens_are_jieba_words_without_punctuation():
    assert [t.text for t in WordTokenizer()("发展电子商务，促进就业。")] == ["发展", "电子商务", "促进", "就业"]
