"""Ranked search in one pass: the top hits are the first of all hits ranked, the count is every match,
and a term found intact ranks above its words apart."""

from __future__ import annotations

import pytest

import searchkit

PARAGRAPHS = [
    "坚持和发展中国特色社会主义，是全党的中心任务。",
    "中国的特色在于社会主义制度。",
    "社会主义现代化建设，中国特色鲜明。",
    "中国特色社会主义进入新时代，中国特色社会主义道路越走越宽广。",
    "防范化解重大风险。",
    "要防范风险，化解矛盾，中国特色的社会主义。",
    "防范化解重大金融风险，守住不发生系统性风险的底线，防范化解地方债务风险。",
]
# Each query with the paragraphs it matches, read off PARAGRAPHS (an unquoted term: all its words, anywhere).
QUERIES = {"中国特色社会主义": 5, "防范化解 风险": 3, "社会主义 -防范": 4, "中国特色社会主义 OR 防范化解": 7, "风险": 3}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = tmp_path_factory.mktemp("ranking")
    (root / "c").mkdir()
    for n, text in enumerate(PARAGRAPHS):
        (root / "c" / f"s{n}.txt").write_text(f"标题{n}\n{text}\n", encoding="utf-8")
    searchkit.update_index([root / "c"], root / "ix")
    with searchkit.open_index(root / "ix") as opened:
        yield opened


@pytest.mark.parametrize("query", list(QUERIES))
def test_top_hits_are_the_first_of_all_and_the_count_is_exact(index, query):
    every = index.search(query, limit=None)
    for limit in (1, 2, 3, len(every) + 1):
        top = index.search(query, limit=limit)
        assert [(h.speech_id, h.score) for h in top] == [(h.speech_id, h.score) for h in every[:limit]]
        assert index.count(query) == len(every)
    assert len(every) == QUERIES[query]


def test_term_found_intact_ranks_above_its_words_apart(index):
    hits = index.search("中国特色社会主义")
    intact = [h for h in hits if "中国特色社会主义" in h.text]
    assert len(intact) == 2 and hits[:2] == intact
    assert {h.speech_id for h in hits[2:]} == {"s1", "s2", "s5"}
    hits = index.search("防范化解 风险")
    assert all("防范化解" in h.text for h in hits[:2]) and "防范化解" not in hits[2].text
