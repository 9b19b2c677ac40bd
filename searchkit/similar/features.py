"""What the re-ranking weighs: per ranked unit (a paragraph, or with ``by="speech"`` a speech's
candidate paragraphs together), measures of how much of the passage it shares.

All are relative to the passage or to the other candidates, between 0 and 1, so one model fits short
and long passages alike. Shares of text count letters, digits and Han characters, not punctuation.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq


@dataclass(frozen=True)
class Features:
    share: float  # idf-weighted share of the passage's bigrams the unit holds
    distinct: float  # the same, each bigram also weighted by how few candidate units hold it
    hit: float  # share of its best paragraph's own characters that are reused
    words: float  # word BM25 of its best paragraph, relative to the best candidate's
    grams: float  # bigram BM25 likewise
    title: float  # share of its title's bigrams found in the passage, weighted by idf over titles
    title_group: float  # share of the passage's bigrams held by the candidates under its title
    order: float  # characters in common in the same order: 2·LCS / (passage + unit length)
    passage_title: float  # share of the passage's own title's bigrams in its title, idf over titles (0: none given)


def units(found: list, by: str) -> list[list]:
    """The ranked units: each candidate alone, or a speech's candidates in paragraph order."""
    if by == "paragraph":
        return [[c] for c in found]
    groups: dict[str, list] = defaultdict(list)
    for candidate in found:
        groups[candidate.stored["speech_id"]].append(candidate)
    return [sorted(members, key=lambda c: c.stored["paragraph"]) for members in groups.values()]


def unit_features(passage, grouped: list[list]) -> list[Features]:
    """Features of each unit in ``grouped`` (see ``units``), in the same order."""
    held = [set().union(*(c.bigrams for c in members)) for members in grouped]
    # A bigram most candidates hold (a stock phrase of the genre) tells less about where the passage
    # comes from than one only a few hold: weigh it by log(1 + units / units holding it).
    holders: dict[str, int] = defaultdict(int)
    for grams in held:
        for gram in grams:
            holders[gram] += 1
    count = max(len(grouped), 1)
    rarest = math.log(1 + count)
    distinct_total = sum(w * rarest for w in passage.bigram_idf.values()) or 1.0
    by_title: dict[str, set] = defaultdict(set)
    for members in grouped:
        for candidate in members:
            by_title[candidate.stored.get("title") or ""] |= candidate.bigrams
    out = []
    for members, grams in zip(grouped, held):
        best = max(members, key=lambda c: (c.hit_share, c.words, c.grams))
        chars = "".join(c.chars for c in members)
        common = LCSseq.similarity(passage.chars, chars)
        title = best.stored.get("title") or ""
        out.append(
            Features(
                share=passage.share(grams),
                distinct=sum(passage.bigram_idf[g] * math.log(1 + count / holders[g]) for g in grams) / distinct_total,
                hit=best.hit_share,
                words=max(c.words for c in members),
                grams=max(c.grams for c in members),
                title=best.title,
                title_group=passage.share(by_title[title]) if title else 0.0,
                order=2 * common / ((len(passage.chars) + len(chars)) or 1),
                passage_title=best.passage_title,
            )
        )
    return out
