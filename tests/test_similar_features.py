"""similar's re-ranking features: what each measures, on hand-made candidates."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from searchkit.similar.features import unit_features, units


def _lcs(a: str, b: str) -> int:
    """Longest common subsequence by the textbook table."""
    row = [0] * (len(b) + 1)
    for ch in a:
        prev = 0
        for j, other in enumerate(b, 1):
            prev, row[j] = row[j], prev + 1 if ch == other else max(row[j], row[j - 1])
    return row[-1]


class _Passage:
    def __init__(self, chars: str, bigram_idf: dict[str, float]) -> None:
        self.chars, self.bigram_idf = chars, bigram_idf
        self.bigram_total = sum(bigram_idf.values()) or 1.0

    def share(self, grams) -> float:
        return sum(self.bigram_idf[g] for g in grams) / self.bigram_total


class _Candidate:
    def __init__(self, speech: str, paragraph: int, chars: str, grams: set[str], title: str = "") -> None:
        self.stored = {"speech_id": speech, "paragraph": paragraph, "title": title}
        self.chars, self.bigrams = chars, grams
        self.hit_share = self.words = self.grams = self.title = self.passage_title = 0.0


@settings(max_examples=60, deadline=None)
@given(st.text("政府依法监督管理", max_size=12), st.lists(st.text("政府依法监督管理", max_size=8), min_size=1, max_size=3))
def test_order_is_the_in_order_overlap_of_passage_and_the_units_paragraphs_joined(passage, paragraphs):
    found = [_Candidate("s", i + 1, text, set()) for i, text in enumerate(paragraphs)]
    grouped = units(list(reversed(found)), "speech")
    (features,) = unit_features(_Passage(passage, {}), grouped)
    joined = "".join(paragraphs)  # in paragraph order, whatever order the candidates came in
    expected = 2 * _lcs(passage, joined) / ((len(passage) + len(joined)) or 1)
    assert abs(features.order - expected) < 1e-9


def test_a_bigram_every_candidate_holds_counts_less_in_distinct_than_in_share():
    passage = _Passage("", {"供热": 1.0, "犯罪": 1.0})
    found = [_Candidate("a", 1, "", {"供热", "犯罪"}), _Candidate("b", 1, "", {"犯罪"}), _Candidate("c", 1, "", {"犯罪"})]
    a, b, c = unit_features(passage, units(found, "paragraph"))
    assert b.share == c.share == 0.5 and a.share == 1.0
    assert b.distinct < 0.5 * a.distinct  # 犯罪 (held by all three) weighs less than 供热 (held by one)


def test_title_group_pools_the_candidates_under_one_title():
    passage = _Passage("", {"供热": 1.0, "计量": 1.0, "收费": 1.0})
    found = [_Candidate("a", 1, "", {"供热"}, "供热条例"), _Candidate("b", 1, "", {"计量"}, "供热条例"),
             _Candidate("c", 1, "", {"收费"}, "物价条例")]
    a, b, c = unit_features(passage, units(found, "speech"))
    assert a.title_group == b.title_group == 2 / 3 and c.title_group == 1 / 3
