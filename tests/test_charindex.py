"""The character index (searchkit/charindex.py): every occurrence of any unit string, nothing else."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from searchkit.text import normalize
from searchkit.storage.charindex import CharIndex, build, encode

# Han, Latin, digits, symbols, full-width and traditional forms, an astral character, a NUL.
ALPHABET = "中国特色社会主义發展经济aAbＡ1２3.%+ \x00𠀀"


def brute_force(blob: str, needle: str) -> list[int]:
    """Offsets (UTF-16 units) of every occurrence of ``needle`` in ``blob``, overlaps included."""
    units, pattern = encode(blob).tolist(), encode(needle).tolist()
    return [i for i in range(len(units) - len(pattern) + 1) if units[i:i + len(pattern)] == pattern]


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(ALPHABET, max_size=12), max_size=6), data=st.data())
def test_find_is_every_occurrence(tmp_path_factory, texts, data):
    folder = tmp_path_factory.mktemp("chars")
    build(texts, [False] * len(texts), folder)
    index = CharIndex(folder)
    # A NUL in a text stays what it is: no needle (they hold none) reaches across it.
    normalized = [normalize(t) for t in texts]
    blob = "".join(t + "\x00" for t in normalized)
    needle = data.draw(st.text(ALPHABET.replace("\x00", ""), min_size=1, max_size=4).map(normalize))
    found = index.find(encode(needle)).tolist()
    assert found == brute_force(blob, needle)
    # Each occurrence belongs to the text that holds it, and the texts read back exactly.
    assert index.doc_count == len(texts)
    for offset in found:
        doc = int(index.docs_of(np.array([offset]))[0])
        assert needle in normalized[doc]
    assert [index.text(d) for d in range(len(texts))] == normalized


def test_lengths_and_headings(tmp_path):
    build(["经济", "", "发展𠀀"], [True, False, False], tmp_path)
    index = CharIndex(tmp_path)
    assert index.lengths.tolist() == [2, 0, 4]  # UTF-16 units: the astral character takes two
    assert index.headings.tolist() == [1, 0, 0]
    assert index.find(encode("济")).tolist() == [1]
    assert index.find(encode("不在")).size == 0


def test_a_needle_holding_a_nul_occurs_nowhere(tmp_path):
    # Texts are indexed with a NUL as a space, and 0 is the separator after each text: a needle
    # ending in NUL (a web query "经济%00") matched every text that ends in 经济.
    build(["发展经济", "经济\x00发展"], [False, False], tmp_path)
    index = CharIndex(tmp_path)
    for needle in ("经济\x00", "\x00", "\x00发展", "济\x00发"):
        assert index.find(encode(needle)).size == 0, needle
    assert index.find(encode("经济")).tolist() == [2, 5]
