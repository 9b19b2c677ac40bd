"""A NEAR/N B: the paragraphs, highlights, kwic lines and trend counts equal a brute-force scan for
both strings within N characters, either order; it composes with OR, NOT and filters."""

from __future__ import annotations

import pytest

from searchkit import QueryError
from searchkit.text import normalize
from searchkit.engine.query import And, Near, Term, parse
from searchkit.language.reports import kwic, trend

from language_fixtures import scope_paragraphs


def spans_of(haystack, needle):
    found, start = [], haystack.find(needle)
    while start >= 0:
        found.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return found


def near_pairs(text, a, b, n):
    """Brute force: occurrences of a and b (Han strings) with at most n characters between them."""
    folded = normalize(text)
    kept = set()
    for x in spans_of(folded, normalize(a)):
        for y in spans_of(folded, normalize(b)):
            gap = y[0] - x[1] if y[0] >= x[0] else x[0] - y[1]
            if x != y and gap <= n:
                kept |= {x, y}
    return sorted(kept)


def keys(hits):
    return {(h.speech_id, h.paragraph) for h in hits}


def check(index, a, b, n, query=None, **filters):
    query = query or f"{a} NEAR/{n} {b}"
    paragraphs = scope_paragraphs(index, **filters)
    expected = {(p.speech_id, p.paragraph): near_pairs(p.text, a, b, n) for p in paragraphs}
    expected = {k: v for k, v in expected.items() if v}
    hits = index.search(query, limit=None, **filters)
    assert keys(hits) == set(expected)
    for hit in hits:  # only the occurrences that are near each other are highlighted
        pairs = expected[(hit.speech_id, hit.paragraph)]
        assert set(hit.matches) <= {(s, e) for s, e in _merged(pairs)} and hit.matches
    lines = kwic(index, query, **filters)
    assert len(lines) == sum(len(v) for v in expected.values())
    assert sum(r.paragraphs for r in trend(index, [query], **filters)) == len(expected)
    assert sum(r.occurrences for r in trend(index, [query], **filters)) == len(lines)
    return expected


def _merged(spans):
    merged = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


@pytest.mark.parametrize("n", [0, 2, 10, 40])
def test_small_corpus_near_equals_brute_force(small_index, n):
    check(small_index, "改革", "开放", n)
    check(small_index, "发展", "互联网", n)


def test_either_order_and_the_default_distance(small_index):
    assert keys(small_index.search("开放 NEAR/4 改革", limit=None)) == keys(small_index.search("改革 NEAR/4 开放", limit=None))
    assert keys(small_index.search("发展 NEAR 互联网", limit=None)) == keys(small_index.search("发展 NEAR/10 互联网", limit=None))


def test_near_composes_with_or_not_and_filters(small_index):
    near = keys(small_index.search("发展 NEAR/6 互联网", limit=None))
    assert keys(small_index.search("发展 NEAR/6 互联网 -电子商务", limit=None)) == near - keys(small_index.search("电子商务", limit=None))
    either = keys(small_index.search("发展 NEAR/6 互联网 OR 科学发展观", limit=None))
    assert either == near | keys(small_index.search("科学发展观", limit=None))
    check(small_index, "改革", "开放", 3, since="2014")


def test_parse_trees():
    assert parse("改革 NEAR/5 开放") == Near(Term("改革"), Term("开放"), 5)
    assert parse("改革 NEAR 开放 就业") == And((Near(Term("改革"), Term("开放"), 10), Term("就业")))
    assert parse("A NEAR/2 B NEAR/3 C") == And((Near(Term("a".upper()), Term("B"), 2), Near(Term("B"), Term("C"), 3)))
    assert parse("改革 near 开放") == And((Term("改革"), Term("near"), Term("开放")))  # lower case: a word
    assert parse("NEAR 改革 NEAR/3") == Term("改革")  # no side: not an operator
    assert parse('"互联网+" NEAR 金融') == Near(Term("互联网+", quoted=True), Term("金融"), 10)
    for bad in ("(改革 OR 创新) NEAR 开放", "改革 NEAR -开放"):
        with pytest.raises(QueryError, match="NEAR joins two terms"):
            parse(bad)


def test_gov_reports_near_equals_brute_force(gov_index):
    expected = check(gov_index, "互联网", "金融", 2)
    assert len(expected) == 5  # 互联网金融, 2014–2017
    check(gov_index, "改革", "开放", 3, since="2000")
