from hypothesis import given
from hypothesis import strategies as st

from searchkit.engine.highlight import find_matches, merge, snippet_window


def test_unquoted_term_never_highlights_beyond_itself():
    text = "发展电子商务，商务部门"
    assert find_matches(text, [("商务",)]) == ((4, 6), (7, 9))


def test_highlights_map_to_the_original_characters():
    text = "發展電子商務，ＡＩ應用"
    matches = find_matches(text, [("电子商务",), ("ai",)])
    assert [text[s:e] for s, e in matches] == ["電子商務", "ＡＩ"]


def test_latin_words_match_whole_words_only():
    assert find_matches("he said ai is AI", [("ai",)]) == ((8, 10), (14, 16))


def test_touching_and_overlapping_spans_merge():
    assert find_matches("电子商务", [("电子",), ("商务",)]) == ((0, 4),)
    assert find_matches("啊啊啊", [("啊啊",)]) == ((0, 3),)
    assert merge([(5, 7), (0, 2), (1, 3)]) == ((0, 3), (5, 7))


def test_no_partial_word_inside_longer_word():
    # Whoosh 2.7.4 highlighted 马克 inside 马克思主义; the query 马克思主义 must light the whole word.
    assert find_matches("坚持马克思主义", [("马克思主义",)]) == ((2, 7),)


@given(st.text(alphabet="电子商务的", max_size=300), st.integers(20, 150))
def test_snippet_window_is_inside_text_and_holds_a_match(text, width):
    matches = find_matches(text, [("商务",)])
    start, end = snippet_window(text, matches, width)
    assert 0 <= start <= end <= len(text)
    assert end - start == min(width, len(text))
    if matches:
        assert any(s >= start and e <= end for s, e in matches)


def test_whole_term_is_marked_where_it_occurs_else_its_words():
    term = [("电子商务就业", "电子商务", "就业")]
    intact = "发展电子商务就业，促进就业"
    assert [intact[s:e] for s, e in find_matches(intact, term)] == ["电子商务就业"]
    scattered = "发展电子商务，促进就业"
    assert [scattered[s:e] for s, e in find_matches(scattered, term)] == ["电子商务", "就业"]
