"""Text: normalize (offset-preserving folding of width, case and script) → segment (jieba words) →
the query-time segmenter of an index's own vocabulary (lexicon)."""

from .lexicon import LexiconSegmenter
from .normalize import has_traditional, normalize
from .segment import HAN, Segmenter, pieces, segment, segmenter

__all__ = ["HAN", "LexiconSegmenter", "Segmenter", "has_traditional", "normalize", "pieces", "segment", "segmenter"]
