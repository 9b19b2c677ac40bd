"""The Whoosh codec searchkit writes with.

Most terms of the bigram field occur in a handful of paragraphs, and Whoosh spends more time writing a
posting block per term than on the postings themselves. Whoosh can store short posting lists inline in
the term table ("inlinelimit"), but whoosh3 3.54's writer calls ``W3TermInfo.set_inline``, which was
renamed ``set_inlined`` (the reader side is intact), so any limit above 1 crashes. We restore the
name, then inline lists of up to 16 postings: builds ~25% faster, same size, same results
(benchmarks/speed.py).
"""

from __future__ import annotations

INLINE_LIMIT = 16


def make_codec():
    from whoosh.codec import whoosh3

    if not hasattr(whoosh3.W3TermInfo, "set_inline"):
        whoosh3.W3TermInfo.set_inline = whoosh3.W3TermInfo.set_inlined
    return whoosh3.W3Codec(inlinelimit=INLINE_LIMIT)
