"""Firsts (新提法): the formulations a period uses that the index never held before it.

Candidates are the period's jieba words and runs of 2–4 adjacent words that hold together: a run
counts as a unit when it is at least ``HOLD`` times as frequent as its rarest word, so 供给侧 (供给 + 侧)
or 大众创业 is one, 推进 + 供给侧 is not. Runs do not start or end with a function word (的, 和, 要 …), and
a formulation needs two Han characters; numbers and Latin words are left out unless ``digits``.

Then the exact test, with the character index: the candidate's normalized string must occur nowhere in
any paragraph dated before the period (every speech of the index, whatever the filters), nor in an undated
one (which might be older); ``count``, ``paragraphs`` and the first use are exact counts of the string
in the period's paragraphs (overlapping occurrences cannot happen: a formulation that overlaps itself,
哈哈 in 哈哈哈, is left out), so ``str.count`` over the same normalized paragraphs gives the same
figures. A formulation found only inside a longer one with the same count (发展新 inside 发展新动能, every
time) gives way to it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import numpy as np

from ..engine.filters import Filters
from ..errors import QueryError
from ..text import HAN
from .runs import MAX_WORDS, Cut

DEFAULT_MIN_COUNT = 2
HOLD = 0.5  # a run is a unit when this share of its rarest word's occurrences are in it
MAX_CHARS = 16  # a formulation grows by its neighbouring words up to this length
CLOSED_SHARE = 0.8
# Words a formulation neither starts nor ends with: particles, conjunctions, prepositions, pronouns,
# auxiliaries (the commonest of jieba's words that name nothing).
FUNCTION_WORDS = frozenset("""
的 地 得 了 着 过 和 与 及 或 并 而 且 也 都 又 还 就 才 再 更 很 最 太 不 没 无 非 是 为 以 在 于 对 把 被 让 使 给 向 从
自 由 到 往 将 要 会 能 可 应 该 需 这 那 其 之 此 该 各 每 某 本 我 你 他 她 它 们 等 如 若 则 即 所 中 上 下 里 内 外
前 后 间 个 位 些 种 次 年 月 日 时 来 去 说 着 呢 吗 吧 啊 一 两 已 已经 多 余 万 亿 千 百 近 约 我们 你们 他们 她们 它们 这个 那个 这些 那些 这样
那样 这种 那种 一个 一些 一种 以及 并且 而且 或者 还是 但是 但 因为 所以 因此 如果 虽然 只要 只有 不仅 同时 进一步
要求 通过 按照 根据 关于 对于 为了 以上 以下 以来 之一 方面 工作 问题 情况 方面 有关 相关 一批 继续 不断 加快 加强
""".split())
_HAN_ONLY = re.compile(f"^[{HAN}]+$")
_HAN_CHAR = re.compile(f"[{HAN}]")
_TERM = re.compile(rf"^[{HAN}a-z0-9.]+$")


@dataclass(frozen=True)
class First:
    """A formulation new in the period: ``count`` occurrences in ``paragraphs`` paragraphs of
    ``speeches`` speeches of the period, first used in paragraph ``first_paragraph`` of
    ``first_speech_id``; ``count_since``: occurrences in every dated paragraph from the period's start
    on, whatever the filters (the period and after it: did it stay?)."""

    term: str
    count: int
    paragraphs: int
    speeches: int
    first_date: str | None
    first_speech_id: str
    first_paragraph: int
    first_speaker: str | None
    first_title: str | None
    count_since: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Firsts:
    """The period (``since``/``until`` as used, the other filters as given), how many speeches and
    paragraphs it holds and how many came before it, and the formulations, most used first."""

    since: str
    until: str | None
    filters: dict
    speeches: int
    paragraphs: int
    earlier_speeches: int
    undated_speeches: int  # counted as earlier: a formulation one of them holds is never a first
    candidates: int  # words and runs that passed the shape and frequency tests, before the exact one
    firsts: tuple[First, ...]

    def to_dict(self) -> dict:
        data = asdict(self)
        data["firsts"] = [f.to_dict() for f in self.firsts]
        return data


def _when(entry: dict) -> str | None:
    return entry.get("date") or (str(entry["year"]) if entry.get("year") else None)


def _before(when: str, since: str) -> bool:
    """Dated before the period that starts at ``since`` (compared at the precision both have)."""
    return when[: len(since)] < since[: len(when)]


def _shape_ok(term: str, digits: bool) -> bool:
    if len(_HAN_CHAR.findall(term)) < 2:
        return False
    if not (_TERM if digits else _HAN_ONLY).match(term):
        return False
    # A string that overlaps itself (哈哈 in 哈哈哈) would count differently as occurrences and as str.count.
    return not any(term[:k] == term[-k:] for k in range(1, len(term)))


def firsts(
    index,
    *,
    since: str | None = None,
    until: str | None = None,
    speaker: str | None = None,
    title: str | None = None,
    source: str | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
    digits: bool = False,
    limit: int | None = 50,
) -> Firsts:
    """The formulations of the period (``since``–``until``, the speeches the other filters keep) that
    occur at least ``min_count`` times in it and never before it; ``since`` defaults to the start of
    the year of the newest dated speech the filters keep. Most used first; ``limit=None``: all."""
    if not isinstance(min_count, int) or isinstance(min_count, bool) or min_count < 1:
        raise QueryError(f"--min-count must be 1 or more, not {min_count!r}")
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise QueryError(f"--limit must be 0 or more, not {limit!r}")
    given = dict(speaker=speaker, title=title, source=source)
    Filters.of(since=since, until=until)  # a bad date fails here, with the option's own message
    manifest = index.manifest
    if since is None:
        kept = [_when(e) for e in manifest.values() if Filters.of(until=until, **given).matches(e) and _when(e)]
        if not kept:
            raise QueryError("no dated speech matches the filters; give --since DATE")
        since = max(kept)[:4]
    period = Filters.of(since=since, until=until, **given)
    since = period.since
    in_period = sorted(sid for sid, e in manifest.items() if period.matches(e))
    if not in_period:
        raise QueryError(f"no speech in the period from {since}{f' to {until}' if until else ''} "
                         "(`searchkit list` with the same filters shows them)")
    earlier = [sid for sid, e in manifest.items() if _when(e) and _before(_when(e), since)]
    undated = [sid for sid, e in manifest.items() if not _when(e)]
    store, substrings = index.store, index.substrings
    size = substrings.doc_count_all
    period_docs = np.zeros(size, dtype=bool)
    period_docs[sorted(store.docnums(in_period))] = True
    old_docs = np.zeros(size, dtype=bool)
    old_docs[sorted(store.docnums(earlier + undated)) or []] = True
    since_docs = np.zeros(size, dtype=bool)  # dated on or after the period's start, any speech
    later = [sid for sid, e in manifest.items() if _when(e) and not _before(_when(e), since)]
    since_docs[sorted(store.docnums(later)) or []] = True

    # Candidates: the period's word runs, counted as jieba cut them.
    period_cut = Cut(index.segmenter, {d: substrings.text(d) for d in np.flatnonzero(period_docs).tolist()})
    candidates = _candidates(period_cut, min_count, digits)
    # A run that the earlier paragraphs hold as words is old for certain: rule those out by cutting them
    # (cheaper than asking the character index about each); the exact test settles the rest.
    if candidates:
        old_cut = Cut(index.segmenter, {d: substrings.text(d) for d in np.flatnonzero(old_docs).tolist()},
                      period_cut.vocabulary)
        for k, rows in candidates.items():
            candidates[k] = rows[~old_cut.holds(k, rows)]
    terms = {"".join(period_cut.words[i] for i in row) for rows in candidates.values() for row in rows.tolist()}
    exact = _exact(index, terms, period_docs, old_docs, since_docs, min_count)
    grown = {term: _grow(period_cut, term, docs, digits) for term, (_, docs) in exact.items()}
    exact.update(_exact(index, set(grown.values()) - exact.keys(), period_docs, old_docs, since_docs, min_count))
    found_firsts = _closed([exact[term][0] for term in set(grown.values()) if term in exact])
    found_firsts.sort(key=lambda f: (-f.count, f.first_date or "", f.term))
    return Firsts(
        since=since, until=period.until, filters={k: v for k, v in given.items() if v},
        speeches=len(in_period), paragraphs=int(period_docs.sum()), earlier_speeches=len(earlier),
        undated_speeches=len(undated), candidates=len(terms),
        firsts=tuple(found_firsts if limit is None else found_firsts[:limit]),
    )


def _candidates(cut: Cut, min_count: int, digits: bool) -> dict[int, np.ndarray]:
    """k → the runs of k words (rows of word ids) frequent enough, shaped as a formulation, that
    hold together and neither start nor end with a function word."""
    unigrams = cut.unigrams()
    function = np.array([w in FUNCTION_WORDS for w in cut.words], dtype=bool)
    found = {}
    for k in range(1, MAX_WORDS + 1):
        rows, counts = cut.counted(k)
        if not len(rows):
            continue
        keep = (counts >= min_count) & ~function[rows[:, 0]] & ~function[rows[:, -1]]
        if k > 1:
            keep &= counts >= HOLD * unigrams[rows].min(axis=1)
        rows = rows[keep]
        shaped = [_shape_ok("".join(cut.words[i] for i in row), digits) for row in rows.tolist()]
        found[k] = rows[np.array(shaped, dtype=bool)] if len(rows) else rows
    return found


def _exact(index, terms: set[str], period_docs, old_docs, since_docs, min_count: int) -> dict[str, tuple[First, list[int]]]:
    """term → (its First, the period paragraphs holding it), for the terms found in no earlier (or
    undated) paragraph and at least ``min_count`` times in the period."""
    manifest = index.manifest
    speech_ids, order = index.store.column("speech_id"), index.store.column("order")
    found = {}
    for term in sorted(terms):
        docs, counts = index.substrings.find(term)
        if old_docs[docs].any():
            continue
        inside = period_docs[docs]
        count = int(counts[inside].sum())
        if count < min_count:
            continue
        held = docs[inside].tolist()
        uses = [(speech_ids[d], int(order[d])) for d in held]
        first_id, first_paragraph = min(uses, key=lambda use: (_when(manifest[use[0]]) or "", use[0], use[1]))
        entry = manifest[first_id]
        found[term] = (First(
            term=term, count=count, paragraphs=len(uses), speeches=len({sid for sid, _ in uses}),
            first_date=entry.get("date") or _when(entry), first_speech_id=first_id, first_paragraph=first_paragraph,
            first_speaker=entry.get("speaker"), first_title=entry.get("title"),
            count_since=int(counts[since_docs[docs]].sum()),
        ), held)
    return found


def _grow(cut: Cut, term: str, docs: list[int], digits: bool) -> str:
    """``term`` grown by the word next to it wherever the period uses it, while that is always the
    same word (not a function word) and the whole stays under ``MAX_CHARS``: a run that never comes
    without its neighbour is a piece of a longer expression. jieba cuts 十八大 as 十八 + 大 and 新常态
    as 新 + 常态, so 贯彻落实党的十八 becomes 贯彻落实党的十八大 and 经济发展进入新 经济发展进入新常态;
    a term that starts or ends inside a word grows to the word's edge."""
    spots = []
    for docnum in docs:
        text = cut.spans[docnum][0]
        at = text.find(term)
        while at >= 0:
            spots.append((docnum, at, at + len(term)))
            at = text.find(term, at + 1)
    changed = bool(spots)
    while changed:
        changed = False
        for side in (-1, 1):
            pieces = {cut.beside(d, start, end, side) for d, start, end in spots}
            piece = pieces.pop() if len(pieces) == 1 else ""
            d, start, end = spots[0]
            now = cut.spans[d][0][start:end]
            whole = piece + now if side < 0 else now + piece
            if piece and piece not in FUNCTION_WORDS and len(whole) <= MAX_CHARS and _shape_ok(whole, digits):
                spots = [(d, s - len(piece), e) if side < 0 else (d, s, e + len(piece)) for d, s, e in spots]
                changed = True
    if not spots:
        return term
    d, start, end = spots[0]
    return cut.spans[d][0][start:end]


def _closed(found: list[First]) -> list[First]:
    """Without the formulations used mostly inside a longer one that is listed too (at least
    ``CLOSED_SHARE`` of the time: 专题民主, 87 times, inside 专题民主生活, 85 times)."""
    counts = {f.term: f.count for f in found}
    inner = set()
    for f in found:
        term = f.term
        for length in range(2, len(term)):
            for start in range(len(term) - length + 1):
                piece = term[start: start + length]
                if piece in counts and f.count >= CLOSED_SHARE * counts[piece]:
                    inner.add(piece)
    return [f for f in found if f.term not in inner]
