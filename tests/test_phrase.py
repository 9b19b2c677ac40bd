"""GramPhrase matches exactly the documents, with exactly the scores, of Whoosh's own Phrase query, on a
corpus over a small alphabet (so that bigrams repeat, within and across paragraphs)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq

import searchkit
from searchkit.analysis import GramTokenizer, normalize
from searchkit.phrase import GramPhrase
from searchkit.schema import GRAMS

ALPHABET = "中国特色社会主义发展"


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    root = tmp_path_factory.mktemp("phrase")
    (root / "c").mkdir()
    rng = random.Random(5)
    for n in range(40):
        body = "\n".join("".join(rng.choice(ALPHABET + "，") for _ in range(rng.randint(3, 30))) for _ in range(3))
        (root / "c" / f"s{n}.txt").write_text(f"标题{n}\n{body}\n", encoding="utf-8")
    searchkit.update_index([root / "c"], root / "ix")
    with searchkit.open_index(root / "ix") as index:
        yield index._searcher


def scored(searcher, query):
    return {hit.docnum: round(hit.score, 6) for hit in searcher.search(query, limit=None)}


@settings(max_examples=120, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=2, max_size=7))
def test_same_documents_and_scores_as_whoosh_phrase(searcher, string):
    tokens = [t.text for t in GramTokenizer()(normalize(string), mode="query")]
    assert scored(searcher, GramPhrase(GRAMS, tokens)) == scored(searcher, wq.Phrase(GRAMS, tokens))
    boosted = GramPhrase(GRAMS, tokens).with_boost(3.0)
    assert scored(searcher, boosted) == scored(searcher, wq.Phrase(GRAMS, tokens, boost=3.0))


def test_a_phrase_with_a_token_the_index_never_saw_matches_nothing(searcher):
    assert scored(searcher, GramPhrase(GRAMS, ["中国", "国x"])) == {}
