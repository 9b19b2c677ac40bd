"""The compact encoding of inlined posting lists: what is written reads back the same, lists pickled by
Whoosh (indexes written before it) still read, and searches over an index written with it score the
same as Whoosh's own encoding would (headings give fractional weights)."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.codec import whoosh3

import searchkit
from searchkit.storage.codec import _decode, _encode, install

postings = st.integers(1, 16).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 2**31), min_size=n, max_size=n, unique=True).map(lambda ids: tuple(sorted(ids))),
        st.one_of(
            st.lists(st.integers(0, 300).map(float), min_size=n, max_size=n),
            st.lists(st.floats(0, 1e6, allow_nan=False), min_size=n, max_size=n),
        ).map(tuple),
        st.one_of(st.just((None,) * n), st.lists(st.binary(max_size=40), min_size=n, max_size=n).map(tuple)),
    )
)


@settings(max_examples=300, deadline=None)
@given(postings)
def test_round_trip(inlined):
    encoded = _encode(inlined)
    assert _decode(encoded) == inlined
    assert len(encoded) <= len(pickle.dumps(inlined, 2))


def test_term_info_round_trip_and_old_pickles_still_read():
    install()
    info = whoosh3.W3TermInfo()
    info.set_inlined([3, 9], [1.0, 2.5], [b"\x01", b"\x02\x03"])
    assert whoosh3.W3TermInfo.from_bytes(info.to_bytes()).inlined_postings() == ((3, 9), (1.0, 2.5), (b"\x01", b"\x02\x03"))
    head = info.to_bytes()[: whoosh3.W3TermInfo._struct.size]
    old = head + pickle.dumps(((3, 9), (1.0, 2.5), (b"\x01", b"\x02\x03")), 2)  # as Whoosh wrote it
    assert whoosh3.W3TermInfo.from_bytes(old).inlined_postings() == ((3, 9), (1.0, 2.5), (b"\x01", b"\x02\x03"))


def test_rare_terms_of_headings_and_bodies_are_found_and_scored(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "s.txt").write_text("关于量子通信的讲话\n一、量子通信\n　　发展量子通信和量子计算。\n", encoding="utf-8")
    searchkit.update_index([corpus], tmp_path / "ix")
    with searchkit.open_index(tmp_path / "ix") as index:
        hits = index.search("量子通信", limit=None)
        assert len(hits) == 3 and all(h.score > 0 for h in hits)
        assert [h.text for h in index.search('"量子计算"')] == ["发展量子通信和量子计算。"]


def test_files_inside_a_compound_segment_are_read_in_place():
    import mmap
    import pickle
    import tempfile

    from whoosh.filedb.structfile import BufferFile

    from searchkit.storage import codec

    codec.install()
    payload = b"head\nline two\n" + pickle.dumps({"text": "经济发展"}, 2)
    with tempfile.TemporaryFile() as raw:
        raw.write(b"xx" + payload + b"tail")
        raw.flush()
        mapped = mmap.mmap(raw.fileno(), 0, access=mmap.ACCESS_READ)
        view = memoryview(mapped)[2:2 + len(payload)]
        file = BufferFile(view)
        assert file.file.readline() == b"head\n"
        assert file.file.readline() == b"line two\n"
        assert file.read_pickle() == {"text": "经济发展"}
        assert file.file.read() == b""  # the view's end, not the mapping's
        file.seek(0)
        assert file.read(4) == b"head"
        assert file.get(5, 4) == b"line"
        del file, view
        mapped.close()
