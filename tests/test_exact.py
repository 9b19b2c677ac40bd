"""Exact strings (searchkit/substrings.py): quoted phrases keep their symbols, and trend and kwic count the
term as typed. Checked against brute-force scans of the stored paragraphs, on fixed examples and on
any substring Hypothesis draws from a corpus made of Han words, Latin words, numbers and symbols."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import searchkit
from searchkit.text import normalize
from searchkit.language.reports import kwic, trend

PARAGRAPHS = [
    "制定“互联网+”行动计划，推动移动互联网发展。",
    "互联网经济蓬勃发展，互联网＋政务服务全面推开。",
    "互联网与实体经济融合。",
    "PM2.5平均浓度下降3.5%，PM10浓度下降。",
    "居民收入增长13.5%，物价上涨3.5%左右，增速3.55%。",
    "加快5G网络建设，5GB流量，推进C919大飞机研制。",
    "编制“十四五”规划，十四五时期是关键期。",
    "推进新农村建设，新农村面貌一新，城乡建设加快。",
    "新农村的建设要靠农民，美丽乡村建设。",
    "扎实推进社会主义新农村建设。",
    "发展A股市场，he said ai is AI。",
]

# Each phrase with the paragraphs (indexes into PARAGRAPHS) that hold it, found by reading them.
PHRASES = {
    "互联网+": [0, 1],  # ＋ is +
    "PM2.5": [3],
    "3.5%": [3, 4],  # not 13.5%, not 3.55%
    "5G": [5],  # not 5GB
    "C919": [5],
    "“十四五”": [6],
    "新农村建设": [7, 9],
    "A股": [10],
    "ai": [10],
}


def write_corpus(folder, paragraphs):
    folder.mkdir()
    for n, text in enumerate(paragraphs):
        (folder / f"p{n:03d}.txt").write_text(f"标题{n}\n{text}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = tmp_path_factory.mktemp("exact")
    write_corpus(root / "corpus", PARAGRAPHS)
    searchkit.update_index([root / "corpus"], root / "ix")
    with searchkit.open_index(root / "ix") as opened:
        yield opened


def body(index, hit):
    return int(hit.speech_id[1:])


@pytest.mark.parametrize("phrase", list(PHRASES))
def test_quoted_phrase_is_the_exact_string_symbols_included(index, phrase):
    hits = index.search(f'"{phrase}"', limit=None)
    assert sorted(body(index, h) for h in hits) == PHRASES[phrase]
    for hit in hits:
        marked = [normalize(hit.text[s:e]) for s, e in hit.matches]
        assert marked and all(m == normalize(phrase) for m in marked), (phrase, hit.text, marked)


def test_curly_quotes_alone_still_quote(index):
    # Typed with a Chinese IME, “十四五” is the quoted phrase 十四五; inside straight quotes it is text.
    assert sorted(body(index, h) for h in index.search("“十四五”", limit=None)) == [6]
    [line] = kwic(index, '"“十四五”"')
    assert line.match == "“十四五”"
    assert len(kwic(index, "“十四五”")) == 2


def test_kwic_and_trend_count_the_term_intact(index):
    lines = kwic(index, "新农村建设", width=2)
    assert [(line.left, line.match) for line in lines] == [("推进", "新农村建设"), ("主义", "新农村建设")]
    assert sum(r.paragraphs for r in trend(index, ["新农村建设"])) == 2
    assert sum(r.paragraphs for r in trend(index, ['"新农村建设"'])) == 2
    # Several terms still combine, each exact: 新农村 and 建设 both intact, anywhere.
    assert sum(r.paragraphs for r in trend(index, ["新农村 建设"])) == 3
    assert len(kwic(index, "新农村 建设")) == 9  # 4 of 新农村, 5 of 建设 (in the paragraphs holding both)


def test_kwic_of_symbols(index):
    assert [line.match for line in kwic(index, "互联网+")] == ["互联网+", "互联网＋"]
    assert [line.right[:1] for line in kwic(index, "3.5%", width=1)] == ["，", "左"]


# -- any substring of a generated corpus -----------------------------------------------------------

VOCABULARY = ["发展", "互联网", "新农村", "建设", "经济", "网", "十四五", "规划", "A股", "ai", "said", "pm2.5",
              "3.5", "13.5", "5g", "c919", "%", "+", "＋", "“", "”", "，", "。", "（", "）", "-", "·", "ＡＩ", "電子", "电子"]


def generated_paragraphs(seed=11, count=60):
    rng = random.Random(seed)
    return ["".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 14))) for _ in range(count)]


GENERATED = generated_paragraphs()
_PIECE = re.compile(r"(?P<han>[\u4e00-\u9fff]+)|(?P<word>\d+(?:\.\d+)+|[a-z0-9]+)")


def brute_force(needle: str, texts: list[str]) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) of every occurrence of ``needle`` (normalized) in the normalized texts,
    where a Latin/digit word at either end of the needle is a whole word of the text (grep -w at the
    edges; the text's words cut left to right, numbers with their decimals)."""
    edges = list(_PIECE.finditer(needle))
    first = edges[0] if edges[0].lastgroup == "word" else None
    last = edges[-1] if edges[-1].lastgroup == "word" else None
    found = []
    for n, text in enumerate(texts):
        folded = normalize(text)
        words = [m.span() for m in _PIECE.finditer(folded) if m.lastgroup == "word"]
        starts, ends = {s for s, _ in words}, {e for _, e in words}
        start = folded.find(needle)
        while start >= 0:
            if (first is None or start + first.start() in starts) and (last is None or start + last.end() in ends):
                found.append((n, start, start + len(needle)))
            start = folded.find(needle, start + 1)
    return found


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated")
    write_corpus(root / "corpus", GENERATED)
    searchkit.update_index([root / "corpus"], root / "ix")
    with searchkit.open_index(root / "ix") as opened:
        yield opened


@pytest.fixture(scope="module")
def stored(generated):
    return list(generated.paragraphs())


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_substring_counts_as_grep_would(generated, stored, data):
    text = data.draw(st.sampled_from(GENERATED))
    start = data.draw(st.integers(0, len(text) - 1))
    needle = text[start:data.draw(st.integers(start + 1, min(len(text), start + 8)))]
    folded = normalize(needle).strip()
    if not _PIECE.search(folded):
        return  # nothing to search for: a usage error, tested elsewhere
    truth = [(stored[n], s, e) for n, s, e in brute_force(folded, [p.text for p in stored])]
    quoted = f'"{needle}"'

    hits = generated.search(quoted, limit=None)
    assert sorted((h.speech_id, h.paragraph) for h in hits) == sorted({(p.speech_id, p.paragraph) for p, _, _ in truth})
    assert all(h.matches for h in hits)

    lines = kwic(generated, quoted, width=3)
    expected = [(p.speech_id, p.paragraph, p.text[max(0, s - 3):s], p.text[s:e]) for p, s, e in truth]
    assert sorted((line.speech_id, line.paragraph, line.left, line.match) for line in lines) == sorted(expected)
    if not re.search(r'[\s()"“”（）]|^-', needle) and needle not in ("OR", "AND", "NOT"):  # typed bare
        assert kwic(generated, needle, width=3) == lines
    assert sum(r.paragraphs for r in trend(generated, [quoted])) == len({(p.speech_id, p.paragraph) for p, _, _ in truth})
