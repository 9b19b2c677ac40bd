"""Compare two parts of the corpus: the key words of B against A.

Both parts are cut into the words the index holds (jieba words of the folded text). A word is key in B
when its relative frequency in B is higher than in A by more than chance: log-likelihood (G², Dunning
1993) ranks, the log ratio (Hardie 2014: log2 of B's relative frequency over A's) is the effect size.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..errors import QueryError
from .stats import log_likelihood, log_ratio
from .wordcounts import scope_word_counts

DEFAULT_MIN_COUNT = 5
SORTS = ("log_likelihood", "log_ratio")
SIGNIFICANT = 3.84  # G² at p < 0.05 with one degree of freedom


@dataclass(frozen=True)
class Keyword:
    word: str
    count_a: int
    count_b: int
    per_10k_a: float  # occurrences per 10,000 words of A
    per_10k_b: float
    log_likelihood: float
    log_ratio: float

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Comparison:
    a: dict  # the filters of each part, as given
    b: dict
    speeches_a: int
    speeches_b: int
    words_a: int  # words in all of A
    words_b: int
    keywords: tuple[Keyword, ...]

    def to_dict(self) -> dict:
        data = asdict(self)
        data["keywords"] = [k.to_dict() for k in self.keywords]
        return data


def compare(
    index,
    a: dict,
    b: dict,
    *,
    min_count: int = DEFAULT_MIN_COUNT,
    limit: int | None = 50,
    digits: bool = False,
    sort: str = "log_likelihood",
) -> Comparison:
    """The words of part ``b`` (filters as keyword arguments of ``search``) that are significantly more
    frequent there than in part ``a`` and occur at least ``min_count`` times in B, strongest first.
    Numbers (years, amounts) are left out unless ``digits``: they differ between any two periods.
    ``sort="log_ratio"`` ranks the significant words by effect size instead: new coinages (0 in A)
    come first, however rare."""
    if sort not in SORTS:
        raise QueryError(f"--sort must be one of {', '.join(SORTS)}, not {sort!r}")
    if min_count < 1:
        raise QueryError(f"--min-count must be 1 or more, not {min_count}")
    if limit is not None and limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}")
    counts_a, total_a = scope_word_counts(index, **a)
    counts_b, total_b = scope_word_counts(index, **b)
    for name, total in (("A", total_a), ("B", total_b)):
        if not total:
            raise QueryError(f"part {name} holds no speeches (`searchkit list` with the same filters shows them)")
    keywords = []
    for word, count_b in counts_b.items():
        if count_b < min_count or (not digits and _is_number(word)):
            continue
        count_a = counts_a.get(word, 0)
        if count_b / total_b <= count_a / total_a:
            continue
        g2 = log_likelihood(count_b, total_b - count_b, count_a, total_a - count_a)
        if g2 < SIGNIFICANT:
            continue
        keywords.append(Keyword(word, count_a, count_b, round(count_a * 10_000 / total_a, 3),
                                round(count_b * 10_000 / total_b, 3), round(g2, 3),
                                round(log_ratio(count_b, total_b, count_a, total_a), 3)))
    keywords.sort(key=lambda k: (-getattr(k, sort), -k.log_likelihood, k.word))
    return Comparison(dict(a), dict(b), len(index.speeches(**a)), len(index.speeches(**b)), total_a, total_b,
                      tuple(keywords if limit is None else keywords[:limit]))


def _is_number(word: str) -> bool:
    return word.replace(".", "").isdigit()
