"""Query trees over the character index (searchkit/evaluate.py): AND, OR, NOT and NEAR select exactly the
paragraphs a brute-force scan selects, the count is theirs, and ranking is deterministic."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import searchkit
from searchkit.engine.match import find
from searchkit.text import normalize
from searchkit.engine.proximity import near_spans

WORDS = ["经济", "发展", "改革", "开放", "经济发展", "5G", "3.5%", "农村"]
PARAGRAPHS = [
    "经济发展和改革开放。",
    "改革是发展的动力，开放是经济的出路。",
    "推进农村改革。",
    "加快5G建设，经济增长3.5%。",
    "发展农村经济。",
    "开放型经济新体制。",
    "增长13.5%，5GB流量。",
    "坚持改革开放，推动经济发展，经济发展是第一要务。",
]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = tmp_path_factory.mktemp("evaluate")
    (root / "corpus").mkdir()
    for n, text in enumerate(PARAGRAPHS):
        (root / "corpus" / f"p{n}.txt").write_text(f"标题{n}\n{text}\n", encoding="utf-8")
    searchkit.update_index([root / "corpus"], root / "ix")
    with searchkit.open_index(root / "ix") as opened:
        yield opened


def has(n: int, word: str) -> bool:
    return bool(find(normalize(PARAGRAPHS[n]), normalize(word)))


def found(index, query: str) -> set[int]:
    hits = index.search(query, limit=None)
    assert index.count(query) == len(hits)
    return {int(h.speech_id[1:]) for h in hits if h.paragraph == 2}  # paragraph 1 is the title


@settings(max_examples=80, deadline=None)
@given(a=st.sampled_from(WORDS), b=st.sampled_from(WORDS), c=st.sampled_from(WORDS))
def test_boolean_queries_select_what_a_scan_selects(index, a, b, c):
    every = range(len(PARAGRAPHS))
    assert found(index, f'"{a}" "{b}"') == {n for n in every if has(n, a) and has(n, b)}
    assert found(index, f'"{a}" OR "{b}"') == {n for n in every if has(n, a) or has(n, b)}
    if a != b:
        assert found(index, f'"{a}" -"{b}"') == {n for n in every if has(n, a) and not has(n, b)}
    assert found(index, f'("{a}" OR "{b}") NOT "{c}"') == {
        n for n in every if (has(n, a) or has(n, b)) and not has(n, c)
    }
    near = {n for n in every if near_spans(normalize(PARAGRAPHS[n]), normalize(a), normalize(b), 3)}
    if a != b:
        assert found(index, f"{a} NEAR/3 {b}") == near


def test_a_group_of_nots_beside_a_term_excludes(index):
    assert found(index, '"经济" (-"改革" -"开放")') == {3, 4}


def test_minus_before_a_quote_or_group_excludes(index):
    assert found(index, '经济 -"发展"') == {3, 5}
    assert found(index, "经济 -(发展 OR 增长)") == {5}


def test_pages_agree_with_one_long_list(index):
    whole = index.search("经济 OR 改革 OR 开放 OR 发展", limit=None)
    assert len(whole) > 4
    pages = [h for offset in range(0, len(whole), 3) for h in index.search("经济 OR 改革 OR 开放 OR 发展", limit=3, offset=offset)]
    assert [(h.speech_id, h.paragraph) for h in pages] == [(h.speech_id, h.paragraph) for h in whole]
